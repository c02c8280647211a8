"""The clerk's window screen: single keys call, recall, serve, finish, transfer, hand on, pause, pick.

Also the read services behind the queue screens (:mod:`console.queue.views`).
"""

from __future__ import annotations

from console.queue.tickets import take_ticket
from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.queue_fixtures import screen_clock as clock  # noqa: F401 - fixture: the data is made on the screens' day
from tests.tuihelp import make_app, run


async def qsettle(pilot, rounds: int = 3) -> None:
    """Like :func:`tests.tuihelp.settle`, but never waits for the endless change-watch workers."""
    from textual.worker import WorkerFailed

    for _ in range(rounds):
        for worker in list(pilot.app.workers):
            if worker.group == "watch":
                continue
            try:
                await worker.wait()
            except WorkerFailed:
                pass
            except Exception:  # noqa: BLE001 - not started or cancelled meanwhile
                pass
        await pilot.pause()


async def qlog_in(pilot, employee_no: str) -> None:
    await pilot.press(*employee_no, "enter", *"123456", "enter")
    await qsettle(pilot)


async def open_window(pilot, employee_no: str = "C001"):
    """Log ``employee_no`` in and open the window screen (``q``); the screen."""
    await qlog_in(pilot, employee_no)
    await pilot.press("q")
    await qsettle(pilot)
    return pilot.app.screen


def take(runner, *codes, **kw):
    """Tickets taken at the kiosk (nobody logged in), in one transaction; their numbers."""
    with runner.transaction(write=True) as ctx:
        return [take_ticket(ctx, code, **kw).number for code in codes]


def ticket(runner, number):
    from console.queue.window import find_ticket
    from tests import factories

    return runner.run(find_ticket, number, actor=factories.actor(runner.db, "A001"))


def _waiting_numbers(screen) -> list[str]:
    return [info.number for info in screen.view.waiting]


def test_clerk_calls_recalls_serves_finishes_transfers_and_pauses_with_single_keys(db, runner, qhall, tmp_path):
    take(runner, "SCJG", "SCJG", "SCJG")

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_window(pilot)
            assert type(screen).__name__ == "QueueWindowScreen"
            assert screen.view.current is None
            assert _waiting_numbers(screen) == ["A001", "A002", "A003"]
            shown = [a.binding.description for a in screen.active_bindings.values() if a.binding.show]
            assert shown[:10] == ["call", "recall", "absent", "serve", "intake", "done", "move", "link", "pause",
                                  "pick"]

            await pilot.press("n")
            await qsettle(pilot)
            assert screen.view.current.number == "A001"
            assert screen.query_one("#queue-current-number").text == "A001"
            assert _waiting_numbers(screen) == ["A002", "A003"]
            assert screen.last_message == "Called A001 to window 01."

            await pilot.press("r")
            await qsettle(pilot)
            assert screen.view.current.recalls == 1
            assert screen.last_message == "Recalled A001 (1)."

            await pilot.press("s")
            await qsettle(pilot)
            assert screen.view.current.status == "serving"
            await pilot.press("s")  # serving already: the service refuses, the App says why
            await qsettle(pilot)
            assert app.last_error == "ticket A001 is serving; not possible now"

            await pilot.press("f")
            await qsettle(pilot)
            assert screen.view.current is None
            assert ticket(runner, "A001").status == "finished"

            await pilot.press("n")
            await qsettle(pilot)
            assert screen.view.current.number == "A002"
            await pilot.press("t")
            await qsettle(pilot)
            dialog = app.screen
            assert type(dialog).__name__ == "TransferDialog"
            ids = [dialog.query_one("OptionList").get_option_at_index(i).id
                   for i in range(dialog.query_one("OptionList").option_count)]
            assert ids == ["service:MZ", "service:RS", "service:SCJG", "window:01", "window:02", "window:03"]
            await pilot.press(*"rs")  # letters filter the list by code, name or window number
            listed = dialog.query_one("OptionList")
            assert [listed.get_option_at_index(i).id for i in range(listed.option_count)] == ["service:RS"]
            await pilot.press("backspace", "backspace", *"03")
            assert [listed.get_option_at_index(i).id for i in range(listed.option_count)] == ["window:03"]
            await pilot.press("backspace", "backspace")
            assert listed.option_count == 6
            await pilot.press("down", "down", "down", "down", "down", "enter")  # window 03
            await qsettle(pilot)
            confirm = app.screen
            assert type(confirm).__name__ == "ConfirmDialog"
            assert confirm.question.startswith("Transfer A002 to ") and "03" in confirm.question
            assert ticket(runner, "A002").status == "called"  # nothing happens before the answer
            await pilot.press("enter")
            await qsettle(pilot)
            assert app.screen is screen
            moved = ticket(runner, "A002")
            assert (moved.status, moved.service) == ("waiting", "SCJG")
            assert screen.last_message == "A002 sent to SCJG at window 03."
            assert _waiting_numbers(screen) == ["A003"]  # only window 03 may call it now

            await pilot.press("p")
            await qsettle(pilot)
            assert screen.view.paused
            shown = [a.binding.description for a in screen.active_bindings.values() if a.binding.show]
            assert "resume" in shown and "pause" not in shown
            await pilot.press("n")
            await qsettle(pilot)
            assert app.last_error == "window 01 is paused; resume it first"
            await pilot.press("p")
            await qsettle(pilot)
            assert not screen.view.paused

    run(scenario())


def test_clerk_in_chinese_picks_a_number_with_a_reason_and_hands_on(db, runner, qhall, tmp_path):
    take(runner, "SCJG", "SCJG")

    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_window(pilot)
            assert screen.query_one("#queue-waiting-title").render().plain == "本窗口等候：2 人"
            await pilot.press("o")
            await qsettle(pilot)
            assert type(app.screen).__name__ == "CallNumberDialog"
            await pilot.press(*"a002", "enter")
            await pilot.press("enter")  # no reason yet: the dialog stays and says so
            assert app.screen.query_one("#call-problem").render().plain == "请输入号码和原因。"
            await pilot.press(*"vip", "enter")
            await qsettle(pilot)
            assert screen.view.current.number == "A002"
            assert screen.last_message == "已叫 A002 到 01 号窗口。"

            await pilot.press("h")  # 市场监管 hands on to 民政 (MZ)
            await qsettle(pilot)
            assert app.screen.question == "在本窗口办结 A002 并转交其联办业务？"
            await pilot.press("enter")
            await qsettle(pilot)
            handed = ticket(runner, "A002")
            assert (handed.status, handed.service) == ("waiting", "MZ")
            assert screen.last_message == "A002 已转至 MZ。"
            assert screen.view.current is None
            await pilot.press("r")
            await qsettle(pilot)
            assert screen.last_message == "本窗口当前没有叫号。"

    run(scenario())


def test_no_show_asks_first_and_no_leaves_the_ticket_called(db, runner, qhall, tmp_path):
    take(runner, "SCJG", "SCJG")

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_window(pilot)
            await pilot.press("n")
            await qsettle(pilot)
            await pilot.press("x")
            await qsettle(pilot)
            assert app.screen.question == "Mark A001 as a no-show? The ticket closes."
            await pilot.press("n")
            await qsettle(pilot)
            assert app.screen is screen and screen.last_message == "Nothing done."
            assert ticket(runner, "A001").status == "called"
            await pilot.press("x")
            await qsettle(pilot)
            await pilot.press("y")
            await qsettle(pilot)
            assert ticket(runner, "A001").status == "no_show"
            assert screen.view.current is None

    run(scenario())


def test_window_view_and_kiosk_menu(runner, clock, qhall):
    from console.queue.views import kiosk_menu, transfer_targets, window_view

    from datetime import timedelta

    take(runner, "MZ", "RS", "MZ")
    take(runner, "RS", priority="elderly")
    take(runner, "SCJG", at=clock.now() - timedelta(minutes=20))  # past the 15-minute wait target
    view = runner.run(window_view, limit=2, actor=qhall["c002"])
    menu = runner.run(kiosk_menu)  # the kiosk: nobody logged in
    targets = runner.run(transfer_targets, actor=qhall["c002"])
    assert (view.number, view.paused, view.current) == ("02", False, None)
    assert [t.number for t in view.waiting] == ["C002", "B001"]  # priority first, then by time
    assert view.waiting_total == 4
    assert [(m.key, m.code, m.waiting) for m in menu] == [("a", "SCJG", 1), ("b", "MZ", 2), ("c", "RS", 2)]
    late = runner.run(window_view, actor=qhall["c001"]).waiting
    assert [(t.number, t.over_target) for t in late] == [("A001", "wait")]
    assert targets.windows == (("01", "市场监管窗口"), ("02", "综合窗口"), ("03", "市场监管窗口二"))


def test_display_and_kiosk_commands_refuse_an_unknown_site_before_opening(cli, qhall):
    for command in ("display", "kiosk"):
        result = cli(command, "--site", "NOPE")
        assert result.exit_code == 3, result.output
        assert "no site NOPE" in result.stderr


def test_big_numbers_have_every_letter_and_digit():
    from screens.widgets.queue import GLYPHS, big_lines, big_width

    for char in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        assert all(len(row) == 3 for row in GLYPHS[char]), char
    lines = big_lines("a07")
    assert lines[0] == "╭─╮ ╭─╮ ╶─┐" and all(len(line) == big_width("a07") for line in lines)
    assert len({GLYPHS["0"], GLYPHS["O"]}) == 2


def test_a_big_number_is_drawn_centred_in_its_colour_and_follows_a_new_number_size_and_colour():
    """The glyph rows are drawn line by line and kept: a new number, a new size and a class that
    changes the colour each draw them again (centred both ways); too narrow, the plain number."""
    from textual.app import App

    from screens.widgets.queue import BigNumber, big_lines

    class Board(App):
        CSS = "BigNumber { width: 17; height: 5; color: #00ff00; } BigNumber.-late { color: #ff0000; }"

        def compose(self):
            yield BigNumber("A012")

    def rows(app):
        return ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()][:5]

    def colour(app, y):
        return next(str(s.style.color.name) for s in app.screen._compositor.render_strips()[y] if s.text.strip())

    async def scenario():
        app = Board()
        async with app.run_test(size=(30, 8)) as pilot:
            number = app.query_one(BigNumber)
            await pilot.pause()
            shown = rows(app)
            assert shown[0].strip() == "" and shown[4].strip() == ""  # middle rows of five
            assert [row[:17] for row in shown[1:4]] == [" " + line + " " for line in big_lines("A012")]
            assert colour(app, 2) == "#00ff00"
            number.update("B7")
            await pilot.pause()
            assert rows(app)[2][:17].strip() == big_lines("B7")[1].strip()
            number.add_class("-late")
            await pilot.pause()
            assert colour(app, 2) == "#ff0000"
            number.styles.width = 5  # too narrow for the glyphs: the number itself
            number.update("A123")
            await pilot.pause()
            assert "A123" in "".join(rows(app)) and "╭" not in "".join(rows(app))

    run(scenario())



def test_the_called_number_shows_as_soon_as_the_call_commits_before_the_new_list(db, runner, qhall, tmp_path,
                                                                                monkeypatch):
    """Key ``n``: the big number and the message show the called ticket while the same worker is
    still reading the window's new waiting list; the list follows when that read ends."""
    import threading

    from console.core.runner import Runner

    take(runner, "SCJG", "SCJG")
    release, armed = threading.Event(), threading.Event()
    real_run = Runner.run

    def held_run(self, fn, *args, **kwargs):
        if armed.is_set() and fn.__name__ == "window_view":
            release.wait(10)  # every window read waits: the action's and the watcher's
        return real_run(self, fn, *args, **kwargs)

    monkeypatch.setattr(Runner, "run", held_run)

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_window(pilot)
            assert _waiting_numbers(screen) == ["A001", "A002"]
            armed.set()
            await pilot.press("n")
            for _ in range(200):
                if screen.query_one("#queue-current-number").text == "A001":
                    break
                await pilot.pause(0.01)
            assert screen.query_one("#queue-current-number").text == "A001"
            assert screen.last_message == "Called A001 to window 01."
            assert _waiting_numbers(screen) == ["A001", "A002"]  # the new list is still being read
            release.set()
            await qsettle(pilot)
            assert _waiting_numbers(screen) == ["A002"]
            assert screen.view.current.number == "A001"

    run(scenario())


def test_a_text_line_draws_the_same_cells_and_styles_as_a_static_and_follows_its_text_and_colour():
    """The window's message line (:class:`TextLine`) against a ``Static`` with the same rules, row by
    row of the painted screen: a short line, Chinese, nothing, one cut with an ellipsis, a new colour."""
    from textual.app import App
    from textual.widgets import Static

    from screens.widgets.line import TextLine

    class Lines(App):
        CSS = """Static { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; color: #00ff00; }
                 .-late { color: #ff0000; }"""

        def compose(self):
            yield TextLine("", id="line")
            yield Static("", id="plain", markup=False)

    def cells(app, y):
        return [(s.text, s.style.color, s.style.bgcolor) for s in app.screen._compositor.render_strips()[y]
                for s in [s] if s.text]

    def same(app):
        line, plain = cells(app, 0), cells(app, 1)
        assert "".join(t for t, _, _ in line) == "".join(t for t, _, _ in plain)
        assert [(c, b) for t, c, b in line for _ in t] == [(c, b) for t, c, b in plain for _ in t]
        return "".join(t for t, _, _ in line)

    async def scenario():
        app = Lines()
        async with app.run_test(size=(30, 4)) as pilot:
            line, plain = app.query_one("#line"), app.query_one("#plain")
            for text in ["Called A012 to window 01.", "已叫 A012 到 01 号窗口", "", "x" * 40]:
                line.update(text, layout=False)
                plain.update(text, layout=False)
                await pilot.pause()
                shown = same(app)
                assert shown.strip() == (text if len(text) < 28 else "x" * 27 + "…")
            line.update("A012", layout=False)
            plain.update("A012", layout=False)
            await pilot.pause()
            assert line._strip is not None  # drawn as one kept strip
            line.add_class("-late")
            plain.add_class("-late")
            await pilot.pause()
            same(app)
            assert {c.name for t, c, _ in cells(app, 0) if t.strip()} == {"#ff0000"}

    run(scenario())
