"""The window screen answers a key in one worker round trip and patches its waiting table.

An action's worker returns the window's new view with the action's result (no second read
after it), watcher signals are coalesced into reads that never overlap, and the waiting
table removes, appends and updates rows instead of being cleared and refilled.
"""

from __future__ import annotations

from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.queue_fixtures import screen_clock as clock  # noqa: F401 - fixture: the data is made on the screens' day
from tests.test_tui_queue import open_window, qsettle, take
from tests.tuihelp import make_app, run


def _table_numbers(screen) -> list[str]:
    table = screen.query_one("#queue-waiting")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def test_a_key_shows_its_result_from_the_one_worker_without_a_second_read(db, runner, qhall, tmp_path):
    take(runner, "SCJG", "SCJG", "SCJG")

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_window(pilot)
            assert type(screen).__name__ == "QueueWindowScreen"
            assert _table_numbers(screen) == ["A001", "A002", "A003"]
            real = screen.run_use_case

            def no_reads(fn, *args, **kwargs):  # reads of the window (watcher, timer, a second trip) go nowhere
                if kwargs.get("group") == "load":
                    return None
                return real(fn, *args, **kwargs)

            screen.run_use_case = no_reads
            table = screen.query_one("#queue-waiting")
            cleared = []
            real_clear = table.clear
            table.clear = lambda *a, **k: (cleared.append(1), real_clear(*a, **k))[1]

            await pilot.press("n")
            await qsettle(pilot)
            assert screen.query_one("#queue-current-number").text == "A001"
            assert screen.last_message == "Called A001 to window 01."
            assert _table_numbers(screen) == ["A002", "A003"]
            assert cleared == []  # the called row was removed, the others kept

            take(runner, "SCJG")
            await pilot.press("f")  # finish A001: the view read with it shows the new ticket at the end
            await qsettle(pilot)
            assert screen.query_one("#queue-current-number").text == ""
            assert _table_numbers(screen) == ["A002", "A003", "A004"]
            assert cleared == []

            await pilot.press("n")
            await qsettle(pilot)
            assert screen.query_one("#queue-current-number").text == "A002"
            assert _table_numbers(screen) == ["A003", "A004"]
            assert cleared == []

    run(scenario())


def test_watcher_signals_are_coalesced_into_reads_that_never_overlap(db, runner, qhall, tmp_path):
    from console.queue.window import call_next

    take(runner, *["SCJG"] * 6)

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_window(pilot)
            started = []
            real = screen.run_use_case

            def counting(fn, *args, **kwargs):
                if kwargs.get("group") == "load":
                    started.append(fn.__name__)
                return real(fn, *args, **kwargs)

            screen.run_use_case = counting
            for _ in range(10):  # a burst of signals while the first read runs
                screen.reload()
            assert len(started) == 1
            await qsettle(pilot)
            assert len(started) == 2  # the one held back, after the first ended
            runner.run(call_next, "03", actor=qhall["admin"])  # another window calls A001
            for _ in range(5):
                screen.reload()
            await qsettle(pilot)
            assert [i.number for i in screen.view.waiting] == ["A002", "A003", "A004", "A005", "A006"]
            assert _table_numbers(screen) == ["A002", "A003", "A004", "A005", "A006"]

    run(scenario())


def test_keys_typed_at_once_act_in_turn_on_what_the_key_before_left(db, runner, qhall, tmp_path):
    """``n`` then ``s`` in one burst (a fast clerk, a multiplexer): the serve waits for the call and
    serves the ticket it brought, rather than finding nobody called; ``f n`` finishes it and calls
    the next; in ``f s n`` the serve finds nobody called and the call behind it still goes."""
    from tests.test_tui_queue import ticket
    from tests.tuihelp import burst, until

    take(runner, "SCJG", "SCJG", "SCJG")

    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_window(pilot)
            burst(app, ["n", "s"])
            await until(pilot, lambda: screen.view.current is not None and screen.view.current.status == "serving")
            assert screen.view.current.number == "A001" and not screen._acting and not screen._queued
            assert "nobody" not in screen.last_message.lower()
            burst(app, ["f", "n"])
            await until(pilot, lambda: screen.view.current is not None and screen.view.current.number == "A002")
            await qsettle(pilot)
            assert _table_numbers(screen) == ["A003"]
            assert ticket(runner, "A002").status == "called"
            await pilot.press("s")
            await qsettle(pilot)
            burst(app, ["f", "s", "n"])  # after f nobody is called: s says so, n calls A003
            await until(pilot, lambda: screen.view.current is not None and screen.view.current.number == "A003")
            assert not screen._queued and _table_numbers(screen) == []

    run(scenario())
    assert ticket(runner, "A001").status == "finished"
    assert ticket(runner, "A002").status == "finished"
    assert ticket(runner, "A003").status == "called"
