"""Keys you can see: every screen's key bar fits 80 columns with its own keys first and F1 always
there; the keys panel (F1) lists the screen's keys first, then the global ones, in the interface
language; quit and log-out are named apart; the palette speaks the interface language."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.langcheck import english_words, han
from tests.tuihelp import log_in, make_app, run, settle

#: (role's employee number, home key) of every registry screen
SCREENS = [("A001", "c"), ("A001", "s"), ("A001", "p"), ("A001", "i"), ("A001", "n"), ("A001", "o"),
           ("C001", "q"), ("S001", "a")]


def _check_language(lang: str, texts: list[str], where: str) -> None:
    for text in texts:
        if lang == "zh_CN":
            assert english_words(text) == [], f"{where}: English in {text!r}"
        else:
            assert han(text) == [], f"{where}: Chinese in {text!r}"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("who, key", SCREENS)
def test_key_bar_and_keys_panel_of_every_screen(hall, db, tmp_path, lang, who, key):
    from screens.shell.keys import KeyBar, KeysScreen, bar_lines, key_groups

    async def scenario():
        app = make_app(db, tmp_path, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, who)
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            bar = screen.query_one(KeyBar)
            bar.refresh_keys()
            lines = bar.plain.split("\n")
            assert 1 <= len(lines) <= 2
            assert all(cell_len(line) <= 80 for line in lines), lines
            assert "F1 " in bar.plain
            groups = key_groups(screen)
            own_shown = [item for item in groups.own if item.show]
            if own_shown:
                first = own_shown[0]
                assert bar.plain.startswith(f" {first.label()} {first.description}"), bar.plain
            shown = [item for line in bar_lines(groups, 80) for item in line]
            _check_language(lang, [item.description for item in shown], f"{screen.title} key bar")

            await pilot.press("f1")
            await settle(pilot)
            panel = app.screen
            assert isinstance(panel, KeysScreen)
            sections = panel.sections()
            headings = [heading for heading, _ in sections]
            if groups.own:
                assert headings[0] == panel.sections()[0][0] and screen.title in headings[0]
                assert [i.action for i in sections[0][1]] == [i.action for i in groups.own]
            global_index = 1 if groups.own else 0
            assert {i.action for i in sections[global_index][1]} >= {"app.logout", "app.quit"} or {
                i.action.rpartition(".")[2] for i in sections[global_index][1]} >= {"logout", "quit"}
            texts = headings + [text for _, items in sections for item in items
                                for text in (item.description, item.tooltip)]
            _check_language(lang, texts, f"{screen.title} keys panel")
            await pilot.press("f1")
            await settle(pilot)
            assert app.screen is screen

    run(scenario())


def test_window_screen_shows_every_own_key_and_the_global_ones_at_80_columns(hall, db, tmp_path):
    from rich.cells import cell_len

    from screens.shell.keys import KeyBar

    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("q")
            await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            line1, line2 = bar.plain.split("\n")
            assert (line1 + " " + line2).split()[::2][:11] == ["n", "r", "x", "s", "i", "f", "t", "h", "p", "o", "d"]
            for shown in ("i 受理", "Esc 返回", "F1 按键", "F10 注销", "^P 命令", "^Q 关闭程序"):
                assert shown in bar.plain
            assert max(cell_len(line) for line in (line1, line2)) <= 80

    run(scenario())


def test_quit_and_log_out_are_named_apart(hall, db, tmp_path):
    from console.core.i18n import set_language, t

    for lang in ("zh_CN", "en"):
        set_language(lang)
        assert t("ui.key.quit") != t("ui.key.logout")
        assert t("ui.key.logout") not in t("ui.key.quit") and t("ui.key.quit") not in t("ui.key.logout")
    set_language("en")


def test_the_palette_placeholder_and_builtin_keys_are_chinese(hall, db, tmp_path):
    async def scenario():
        from screens.shell.keys import KeysScreen
        from textual.command import CommandInput

        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert app.screen.query_one(CommandInput).placeholder == "搜索界面和命令…"
            await pilot.press("escape")
            await pilot.press("c")
            await settle(pilot)
            await pilot.press("f1")
            await settle(pilot)
            panel = app.screen
            assert isinstance(panel, KeysScreen)
            general = dict(panel.sections())[ "移动和编辑"]
            descriptions = {item.action: item.description for item in general}
            assert descriptions["app.focus_next"] == "下一栏"
            assert all(english_words(d) == [] for d in descriptions.values()), descriptions

    run(scenario())


def test_key_labels():
    from screens.shell.keys import key_label

    assert [key_label(k) for k in ("n", "f10", "escape", "ctrl+q", "pagedown", "up")] == [
        "n", "F10", "Esc", "^Q", "PgDn", "↑"]
    assert key_label("ctrl+q", short=False) == "Ctrl+Q"
    assert key_label("right_square_bracket") == "]" and key_label("space") == "Space"


def test_keys_held_behind_the_key_that_quits_are_dropped_with_the_screens():
    """Keys typed ahead of a quit (a paste ending in q, a multiplexer's burst) are let go with the
    screens: the App closes cleanly instead of routing them to a screen stack that is gone."""
    from textual.app import App
    from textual.widgets import Input

    from screens.apps.keypace import KeyPacing
    from tests.tuihelp import burst

    class Paced(KeyPacing, App):
        BINDINGS = [("ctrl+q", "quit", "Quit")]

        def compose(self):
            yield Input(id="typed")

    async def scenario():
        app = Paced()
        async with app.run_test(size=(40, 6)) as pilot:
            await pilot.press("a")
            assert app.query_one("#typed", Input).value == "a"
            burst(app, ["ctrl+q", *"bcdefgh"])
            await pilot.pause(0.3)
        assert app._exit and not app._screen_stack and app._key_busy
        # the callback that says the quit key has settled comes once the screens are gone
        await app._key_settled(app._key_turn)
        return app

    app = run(scenario())
    assert not app._held_keys and not app._key_busy and app.return_code == 0


def test_a_bound_call_runs_with_its_arguments_and_textual_reads_no_signature_for_it(monkeypatch):
    """The pacing hops and the screen helper's callbacks are :class:`Call` objects: Textual runs them
    with their arguments bound and takes their parameter count from the object, where a
    ``call_later`` partial costs a signature read on the UI thread for every callback."""
    import textual._callback as callback
    from textual.app import App

    from screens.apps.calls import Call, post_after_refresh, post_call

    reads = []
    real = callback._count_parameters
    monkeypatch.setattr(callback, "_count_parameters", lambda fn: reads.append(fn) or real(fn))
    got = []

    class Plain(App):
        pass

    async def scenario():
        app = Plain()
        async with app.run_test(size=(20, 4)) as pilot:
            reads.clear()
            post_call(app, lambda a, b: got.append(("later", a, b)), 1, 2)
            post_after_refresh(app, got.append, "after refresh")
            await pilot.pause(0.1)
            mine = [fn for fn in reads if isinstance(fn, Call)]
            app.call_later(got.append, "partial")
            await pilot.pause(0.1)
            return mine

    assert run(scenario()) == []
    assert got == [("later", 1, 2), "after refresh", "partial"]
    assert callback.count_parameters(Call(print, 1, 2)) == 0
    assert len(reads) >= 1  # a call_later partial is still read: the counter sees signature reads


def test_a_key_alone_settles_after_a_pause_and_one_typed_behind_it_starts_the_settling_at_once():
    """A lone key's settling callbacks wait :data:`SETTLE_AFTER` (they would take the interpreter
    from the worker the key started); a key that comes meanwhile starts them at once and lands
    after the first has done its work."""
    from textual.app import App
    from textual.widgets import Input

    import asyncio

    from screens.apps.keypace import SETTLE_AFTER, KeyPacing
    from tests.tuihelp import burst

    class Paced(KeyPacing, App):
        def compose(self):
            yield Input(id="typed")

    async def scenario():
        app = Paced()
        async with app.run_test(size=(40, 6)) as pilot:
            field = app.query_one("#typed", Input)
            await pilot.pause(0.1)
            burst(app, ["a"])
            await asyncio.sleep(SETTLE_AFTER / 4)
            assert field.value == "a" and app._key_busy and app._key_target is field  # not started yet
            await pilot.pause(SETTLE_AFTER * 4)
            assert not app._key_busy and app._key_target is None
            burst(app, list("bcd"))
            await pilot.pause(0.05)  # far less than MAX_HOLD times three: the held keys did not time out
            assert field.value == "abcd" and not app._key_busy and not app._held_keys

    run(scenario())
