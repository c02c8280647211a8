"""The console shell: bindings, keymap, the one worker-error handler, the screen registry."""

from __future__ import annotations

import importlib
import sqlite3

import pytest

from console.core.i18n import catalog, t
from tests.tuihelp import log_in, make_app, run, settle, texts

SCREEN_CLASSES = [
    "screens.shell.login:LoginScreen",
    "screens.shell.home:HomeScreen",
    "screens.catalog.browser:CatalogScreen",
    "screens.catalog.browser:ItemDetailScreen",
    "screens.staff.roster:StaffScreen",
    "screens.apps.console:HallApp",
]


def _load(path):
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _all_screen_classes():
    from screens.shell.registry import ENTRIES

    paths = set(SCREEN_CLASSES) | {e.factory for e in ENTRIES}
    return sorted(paths)


@pytest.mark.parametrize("path", _all_screen_classes())
def test_every_binding_has_an_id_a_tooltip_and_translated_texts(path):
    cls = _load(path)
    assert cls.__dict__.get("BINDINGS") is None or cls.__doc__, path
    known = catalog()
    for binding in cls.__dict__.get("BINDINGS", []):
        assert binding.id, f"{path}: {binding.key} has no id"
        assert binding.tooltip in known, f"{path}: tooltip {binding.tooltip!r} is not a message key"
        assert binding.description in known, f"{path}: description {binding.description!r} is not a message key"


def test_binding_ids_are_unique():
    ids = []
    for path in _all_screen_classes():
        ids += [b.id for b in _load(path).__dict__.get("BINDINGS", [])]
    assert len(ids) == len(set(ids)), ids


def test_registry_is_consistent_and_every_factory_builds_a_hall_screen():
    from screens.shell.base import HallScreen
    from screens.shell.registry import ENTRIES, check_registry

    check_registry()
    known = catalog()
    for entry in ENTRIES:
        assert entry.title_key in known and entry.command_key in known
        assert ": " in known[entry.command_key][0], "palette titles are 'group: verb'"
        assert issubclass(_load(entry.factory), HallScreen)


def test_registry_filters_by_role():
    from models.org import Role
    from screens.shell.registry import entries_for

    assert [e.id for e in entries_for(Role.clerk)] == ["catalog", "intake", "cases", "queue"]
    assert [e.id for e in entries_for(Role.supervisor)] == [
        "catalog", "staff", "proxy", "cases", "supervision", "assess", "status", "reports"]
    assert [e.id for e in entries_for(Role.admin)] == [
        "catalog", "staff", "proxy", "intake", "cases", "supervision", "assess", "queue", "status", "reports"]


def test_footer_shows_translated_keys(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "A001")
            await pilot.press("c")
            await settle(pilot)
            bindings = {a.binding.id: a.binding for a in app.screen.active_bindings.values()}
            assert bindings["catalog.back"].description == "返回"
            assert bindings["catalog.toggle_retired"].tooltip == "显示或隐藏已撤销的事项"
            assert bindings["app.logout"].description == "注销"

    run(scenario())


def test_user_keymap_remaps_log_out(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("f10")  # no longer log-out
            await settle(pilot)
            assert app.actor is not None
            await pilot.press("f12")
            await settle(pilot)
            assert app.actor is None

    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "keymap.toml").write_text('[keymap]\n"app.logout" = "f12"\n', encoding="utf-8")
    run(scenario())


def test_keymap_dir_from_environment(monkeypatch, tmp_path):
    from screens.shell.keymap import load_keymap

    monkeypatch.setenv("HALL_CONFIG_DIR", str(tmp_path))
    (tmp_path / "keymap.toml").write_text('"catalog.toggle_retired" = "f5, ctrl+r"\nbad = 3\n', encoding="utf-8")
    keymap, problem = load_keymap()
    assert keymap == {"catalog.toggle_retired": "f5,ctrl+r"}
    assert "bad" in problem


def test_broken_keymap_is_reported_and_ignored(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        messages = []
        app.notify = lambda message, **kw: messages.append((message, kw.get("severity")))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert messages and messages[0][1] == "warning" and "keymap.toml" in messages[0][0]
            await log_in(pilot, "C001")
            assert app.actor is not None

    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "keymap.toml").write_text("[keymap\n", encoding="utf-8")
    run(scenario())


def _fail_with(error):
    from console.core.runner import PUBLIC, use_case

    @use_case(PUBLIC)
    def failing(ctx):
        raise error

    return failing


def _answer(value):
    from console.core.runner import PUBLIC, use_case

    @use_case(PUBLIC)
    def answering(ctx):
        return value

    return answering


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_worker_errors_become_translated_messages(hall, db, tmp_path, lang):
    from sqlalchemy.exc import OperationalError

    from console.core.errors import NotFound

    async def scenario():
        app = make_app(db, tmp_path, lang=lang)
        shown = []
        original = app.notify
        app.notify = lambda message, **kw: (shown.append((message, kw.get("severity"))), original(message, **kw))
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            screen = app.screen
            screen.run_use_case(_fail_with(NotFound("catalog.item_not_found", code="X-1")))
            await settle(pilot)
            assert shown[-1] == (t("catalog.item_not_found", code="X-1"), "error")
            locked = OperationalError("UPDATE staff", {}, sqlite3.OperationalError("database is locked"))
            screen.run_use_case(_fail_with(locked))
            await settle(pilot)
            assert shown[-1] == (t("ui.error.busy"), "error")
            assert "database is locked" not in shown[-1][0] and "UPDATE" not in shown[-1][0]
            screen.run_use_case(_fail_with(ZeroDivisionError("boom")))
            await settle(pilot)
            assert shown[-1] == (t("ui.error.unexpected"), "error")
            assert "boom" not in shown[-1][0]
            assert app.is_running  # nothing crashed the app

    run(scenario())


def test_a_worker_error_on_the_window_screen_is_told_once(hall, db, tmp_path):
    from console.core.errors import NotFound

    async def scenario():
        app = make_app(db, tmp_path)
        shown = []
        original = app.notify
        app.notify = lambda message, **kw: (shown.append(message), original(message, **kw))
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("q")
            await settle(pilot)
            assert type(app.screen).__name__ == "QueueWindowScreen"
            shown.clear()
            app.screen.run_use_case(_fail_with(NotFound("catalog.item_not_found", code="X-1")))
            await settle(pilot)
            assert shown == [t("catalog.item_not_found", code="X-1")]

    run(scenario())


def test_stale_search_results_are_dropped(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("c")
            await settle(pilot)
            screen = app.screen
            delivered = []
            first = screen.run_use_case(_answer("old"), on_result=delivered.append, group="search")
            first.cancel()
            screen.run_use_case(_answer("new"), on_result=delivered.append, group="search")
            await settle(pilot)
            assert delivered == ["new"]

    run(scenario())


def test_the_read_after_an_action_waits_until_the_actions_result_is_painted(hall, db, tmp_path):
    """``on_first`` shows what the key did; ``then`` (the new view) reads only after the screen
    carrying it has been painted, so the read does not hold the interpreter during that paint."""
    from console.core.runner import PUBLIC, use_case

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            screen = app.screen
            painted_at: list[int] = []
            real = app._display

            def display(target, update):
                real(target, update)
                if update is not None:
                    painted_at.append(len(shown))

            app._display = display
            shown: list[str] = []
            seen_by_then: list[tuple[int, int]] = []

            @use_case(PUBLIC)
            def view(ctx):
                # how many results had been shown, and how many paints had followed the last one
                seen_by_then.append((len(shown), sum(1 for n in painted_at if n == len(shown))))
                return "view"

            from textual.widgets import Static

            probe = Static("", id="probe")
            await screen.mount(probe)
            await settle(pilot)

            def show(result) -> None:
                probe.update(f"called {result}")  # what the key did, on screen
                shown.append(result)

            results = []
            for round_ in range(5):
                screen.run_use_case(_answer(round_), on_first=show, then=view,
                                    on_result=results.append, group="action", exclusive=False)
                await settle(pilot)
            assert results == [(n, "view") for n in range(5)]
            assert [seen for seen, _paints in seen_by_then] == [1, 2, 3, 4, 5]
            assert all(paints >= 1 for _seen, paints in seen_by_then), seen_by_then

    run(scenario())


def test_the_ui_thread_may_not_wait_on_the_database(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            with pytest.raises(RuntimeError):
                app.database()

    run(scenario())


def test_database_factory_is_built_in_a_worker(hall, db, tmp_path):
    import threading

    built_on = []

    def factory():
        built_on.append(threading.current_thread().name)
        return db

    async def scenario():
        app = make_app(factory, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            assert app.actor is not None

    run(scenario())
    assert built_on and built_on[0] != threading.main_thread().name
    assert len(built_on) == 1  # once: the App's own on_mount and its base's each ran it before


@pytest.mark.parametrize("kind", ["display", "kiosk", "stars"])
def test_every_app_prepares_its_database_once(hall, db, kind):
    from tests.snaphelp import display_app, kiosk_app, star_board_app

    built = []

    def factory():
        built.append(1)
        return db

    make = {"display": display_app, "kiosk": kiosk_app, "stars": star_board_app}[kind]

    async def scenario():
        app = make(factory, "en")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app._db_ready.is_set() and app._db_error is None

    run(scenario())
    assert built == [1]


def test_unreachable_database_shows_a_plain_message(tmp_path):
    from sqlalchemy.exc import OperationalError

    def factory():
        raise OperationalError("connect", {}, Exception("connection refused on 127.0.0.1:1"))

    async def scenario():
        app = make_app(factory, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.last_error == t("ui.error.database")
            await pilot.press(*"C001", "enter", *"123456", "enter")
            await settle(pilot)
            assert app.actor is None
            assert "127.0.0.1" not in (app.last_error or "")

    run(scenario())


def test_home_and_detail_fit_80x24_in_chinese(hall, db, tmp_path):
    """Nothing is cut off: every part of the header and each disclosure row fits its region."""

    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C002")
            header = app.screen.query_one("HallHeader")
            who = header.query_one("#header-who")
            assert who.region.right <= 80
            assert "李综合（窗口人员）" in texts(app.screen, "#header-who")
            await pilot.press("c", *"gsdj", "enter")
            await settle(pilot)
            body = app.screen.query_one("#item-body")
            last = app.screen.query_one("#item-fee_basis")
            assert last.region.bottom <= body.region.bottom, "the six disclosures fit without scrolling"
            assert body.region.bottom <= 23

    run(scenario())
