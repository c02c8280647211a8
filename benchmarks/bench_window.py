"""Window screen: key ``n`` → the called number on screen, beside a bare Textual app updating a label.

Run: ``python benchmarks/bench_window.py [--keys 30] [--waiting 200] [--json]``

The console (``HallApp``, headless, 100×30) is logged in as clerk C001 of the small test hall
on a temporary SQLite database with ``--waiting`` tickets waiting, and shows the window
screen.  Each round posts the key ``n`` to the App (as the terminal would) and waits until
the window's big number shows the ticket the service called and the next screen update
carrying it has been painted (handed to the driver) — the path a clerk feels: binding →
action → thread worker (call + the new view, one transaction each) → back on the UI
thread → widgets updated → painted (the screen shows the number as soon as the call has
committed; the same worker reads the new waiting list once that screen is painted, so the read
does not hold the interpreter while the number is laid out and painted).  The baseline, in the same process and the same run, measured
the same way, is a bare Textual app whose key ``n`` updates a label (nothing else); a second
baseline does the same work as the window key — in a thread worker, ``call_next``, the number
posted to a label as soon as it is committed, then, once painted, ``window_view`` handed back to
the UI thread
(the same runner and database) — so that
``key_to_screen_vs_same_work_ratio`` says what the window screen's own widgets add.  Also
printed: the ``call_next`` transaction alone, through the runner, on the same database, and
an empty thread worker's round trip (``thread_worker_floor_ratio``: what any key that reads or
writes the database costs over the bare label before the database is touched).

Before each key every run waits until nothing has been painted for 50 ms (the screen between
changes, as a clerk's key finds it); Textual paints at most once a frame, so a key pressed just
after a paint would also wait for that frame.

Median and spread (p10–p90) of each; ``key_to_screen_ratio`` = median key → screen /
median bare key → label.  ``--json`` prints one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlib import spread  # noqa: E402 - median and p10–p90, shared by every benchmark


def prepare(path: Path, waiting: int):
    from console.core.runner import Runner
    from console.queue.tickets import take_ticket
    from models.engine import Database
    from tests import factories
    from tests.queue_fixtures import make_services
    from tests.tuihelp import FIXED_NOW
    from console.core.clock import FixedClock

    db = Database(f"sqlite:///{path}")
    db.ensure_schema()
    factories.make_hall(db)
    make_services(db)
    runner = Runner(db, clock=FixedClock(FIXED_NOW))
    with runner.transaction(write=True) as ctx:
        for _ in range(waiting):
            take_ticket(ctx, "SCJG")
    return db, runner


#: seconds without a paint before each key (two frames and more)
QUIET = 0.05


class Paints:
    """Records the first time the App hands the driver a screen update (what a terminal shows)
    on which a condition holds: the key's result was applied before that paint, so that paint
    carries it.  Nothing polls: the event loop stays as idle as it is at a real terminal (a
    polling loop would take the interpreter from the worker thread every few milliseconds)."""

    def __init__(self, app) -> None:
        self.condition = None
        self.seen: asyncio.Event | None = None
        self.at = 0.0
        #: when the last screen update was handed to the driver
        self.last = 0.0
        real = app._display

        def display(screen, renderable) -> None:
            real(screen, renderable)
            if renderable is not None:
                self.last = time.perf_counter()
            if renderable is not None and self.condition is not None and self.condition():
                self.at = time.perf_counter()
                self.condition = None
                self.seen.set()

        app._display = display

    def expect(self, condition) -> None:
        self.condition, self.seen = condition, asyncio.Event()

    async def quiet(self, seconds: float = QUIET) -> None:
        """Wait until nothing has been painted for ``seconds``: the key then finds the screen as a
        clerk's key finds it at a terminal, between changes, not in the middle of painting the
        previous key's list (Textual paints at most once per frame, so a key pressed right after a
        paint waits for the next frame: that wait is the previous paint's, not the key's)."""
        while time.perf_counter() - self.last < seconds:
            await asyncio.sleep(0.005)


async def key_to_paint(app, paints: Paints, key: str, condition, timeout: float = 10.0) -> float:
    """Post ``key`` to ``app``; seconds until the screen was painted with ``condition()`` holding."""
    from textual import events

    character = {"enter": "\r", "escape": "\x1b", "tab": "\t"}.get(key, key if len(key) == 1 else None)
    paints.expect(condition)
    start = time.perf_counter()
    app.post_message(events.Key(key, character))
    try:
        await asyncio.wait_for(paints.seen.wait(), timeout)
    except asyncio.TimeoutError:
        raise SystemExit(f"the screen never changed after the key {key!r}") from None
    return paints.at - start


async def console_keys(db, tmp: Path, keys: int) -> list[float]:
    from tests.test_tui_queue import qsettle
    from tests.tuihelp import make_app

    app = make_app(db, tmp)
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"C001", "enter", *"123456", "enter")
        await qsettle(pilot)
        await pilot.press("q")
        await qsettle(pilot)
        screen = app.screen
        number = screen.query_one("#queue-current-number")
        paints = Paints(app)
        for _ in range(keys):
            await pilot.pause(0.05)  # let the previous round's watcher read settle
            while screen._acting or screen._loading:  # the previous key's new view is shown
                await asyncio.sleep(0.005)
            await paints.quiet()
            expected = screen.view.waiting[0].number
            times.append(await key_to_paint(app, paints, "n", lambda: number.text == expected))
    return times


async def bare_keys(keys: int) -> list[float]:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        BINDINGS = [("n", "next", "next")]

        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def compose(self):
            yield Static("0", id="label")

        def action_next(self) -> None:
            self.count += 1
            self.query_one("#label", Static).update(str(self.count))

    app = Bare()
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        label = app.query_one("#label")
        paints = Paints(app)
        for i in range(keys):
            await pilot.pause(0.05)
            await paints.quiet()
            times.append(await key_to_paint(app, paints, "n", lambda n=str(i + 1): str(label.content) == n))
    return times


async def same_work_keys(runner, keys: int, database: bool = True) -> list[float]:
    """A bare Textual app doing the window key's work: ``n`` runs ``call_next`` in a thread worker
    (the same runner, database and clerk), posts the called number to a label and, once that is
    painted, reads the new ``window_view`` (the order the screen helper keeps) — everything but the
    window screen's own widgets.  With ``database=False``
    the worker does no database work at all: the floor a thread worker's round trip sets."""
    import threading

    from textual import work
    from textual.app import App
    from textual.events import Callback
    from textual.widgets import Static

    from console.queue.views import window_view
    from console.queue.window import call_next
    from screens.apps.base import FIRST_SHOWN_WAIT
    from tests import factories

    clerk = factories.actor(runner.db, "C001")

    class SameWork(App):
        BINDINGS = [("n", "next", "next")]
        count = 0

        def compose(self):
            yield Static("", id="label")

        def action_next(self) -> None:
            self.call_and_view()

        @work(thread=True, exclusive=True)
        def call_and_view(self) -> None:
            self.count += 1
            number = runner.run(call_next, actor=clerk).number if database else str(self.count)
            label = self.query_one("#label", Static)
            shown = threading.Event()

            def show() -> None:
                label.update(number or "")
                self.call_after_refresh(shown.set)

            label.post_message(Callback(show))
            shown.wait(FIRST_SHOWN_WAIT)  # as the screen helper does: read once the number is painted
            view = runner.run(window_view, actor=clerk) if database else None
            self.call_from_thread(lambda: view)

    app = SameWork()
    times = []
    async with app.run_test(size=(100, 30)) as pilot:
        label = app.query_one("#label")
        paints = Paints(app)
        for i in range(keys):
            await pilot.pause(0.05)
            expected = runner.run(window_view, actor=clerk).waiting[0].number if database else str(i + 1)
            await paints.quiet()
            times.append(await key_to_paint(app, paints, "n", lambda n=expected: str(label.content) == n))
    return times


def transaction_times(runner, keys: int) -> list[float]:
    from console.queue.window import call_next
    from tests import factories

    clerk = factories.actor(runner.db, "C001")
    times = []
    for _ in range(keys):
        start = time.perf_counter()
        runner.run(call_next, actor=clerk)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", type=int, default=30)
    parser.add_argument("--waiting", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from console.core.i18n import set_language

    set_language("en")
    tmp = Path(tempfile.mkdtemp(prefix="bench-window-"))
    db, runner = prepare(tmp / "hall.db", args.waiting + 3 * args.keys)
    bare1 = asyncio.run(bare_keys(args.keys // 2))
    console = asyncio.run(console_keys(db, tmp, args.keys))
    bare2 = asyncio.run(bare_keys(args.keys - args.keys // 2))  # before and after: same conditions
    bare = bare1 + bare2
    same = asyncio.run(same_work_keys(runner, args.keys))
    hop = asyncio.run(same_work_keys(runner, args.keys, database=False))
    tx = transaction_times(runner, args.keys)
    result = {
        "same_work_key_to_label_s": spread(same),
        "key_to_screen_vs_same_work_ratio": statistics.median(console) / statistics.median(same),
        "key_to_screen_s": spread(console),
        "bare_key_to_label_s": spread(bare),
        "thread_worker_key_to_label_s": spread(hop),
        "thread_worker_floor_ratio": statistics.median(hop) / statistics.median(bare),
        "call_next_transaction_s": spread(tx),
        "key_to_screen_ratio": statistics.median(console) / statistics.median(bare),
        "aim_key_to_screen_ratio": 1.5,
    }
    result["aim_met"] = result["key_to_screen_ratio"] <= result["aim_key_to_screen_ratio"]
    if args.json:
        print(json.dumps(result))
        return

    def ms(s):
        return f"{1000 * s['median']:.1f} ms ({1000 * s['p10']:.1f}–{1000 * s['p90']:.1f})"

    print(f"{'window screen: key n → number on screen':<44} {ms(result['key_to_screen_s'])}")
    print(f"{'bare Textual: key → label':<44} {ms(result['bare_key_to_label_s'])}")
    print(f"{'bare Textual, same worker work: key → label':<44} {ms(result['same_work_key_to_label_s'])}")
    print(f"{'bare Textual, empty thread worker: key → label':<44} {ms(result['thread_worker_key_to_label_s'])}")
    print(f"{'call_next transaction alone':<44} {ms(result['call_next_transaction_s'])}")
    print(f"key_to_screen_ratio {result['key_to_screen_ratio']:.2f}× (aim ≤ 1.5×: "
          f"{'met' if result['aim_met'] else 'NOT met'}); against the same work: "
          f"{result['key_to_screen_vs_same_work_ratio']:.2f}×; an empty thread worker alone: "
          f"{result['thread_worker_floor_ratio']:.2f}× the bare label")


if __name__ == "__main__":
    main()
