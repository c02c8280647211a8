"""Longest UI-thread block of every console screen over a large history (aim ≤ 16 ms, one frame).

Run: ``python benchmarks/bench_ui_block.py [--cases 535538] [--db PATH] [--rounds 3] [--json]``

A SQLite database of the small test hall gets ``--cases`` historical cases (the demo's
generator, as ``bench_case_lists`` builds it; ``--db`` keeps it for the next run).  The console
(``HallApp``, headless, 80×24) logs in as each role — supervisor S001, clerk C001, administrator
A001 — and, for every screen its home offers, opens it by its home key, lets every worker finish,
refreshes it (its refresh action where it has one), presses End and Home (the last and the first
row: the last page of a long list), and goes back.  Meanwhile every callback of the UI thread's
event loop is timed in that thread's CPU time (other processes on a busy machine do not count):
the longest is the longest piece of work the UI thread did without a break, during which it could
not paint or take a key.  A heartbeat waking every millisecond records the wall-clock lateness
beside it (``late_ms``: scheduling on a busy machine included).  Each screen is measured
``--rounds`` times: the median and spread (p10–p90) of its longest block.  The baseline, in the
same run and measured the same way, is a bare Textual app updating a label on a key four times
(a paint and a key, the least a screen does); ``ratio`` = a screen's median ÷ the baseline's.  The
aim is for every refresh and page; opening a screen (its first compose and layout, and its
module's import the first time) is reported beside it.
``--json`` prints one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchlib import spread  # noqa: E402 - median and p10–p90, shared by every benchmark

AIM_MS = 16.0
NOW = datetime(2009, 6, 1, 10, 0)
ACTORS = ("S001", "C001", "A001")


def _what(handle) -> str:
    """What a loop callback ran: the coroutine of a task's step, else the callback's name."""
    callback = getattr(handle, "_callback", None)
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        coro = task.get_coro()
        frame = getattr(coro, "cr_frame", None)
        where = f" at {frame.f_code.co_filename.rsplit('/', 2)[-1]}:{frame.f_lineno}" if frame else ""
        return f"task {getattr(coro, '__qualname__', coro)}{where}"
    return getattr(callback, "__qualname__", repr(callback))


class Heartbeat:
    """The longest piece of work the UI thread did without a break, since :meth:`reset`.

    Every callback the event loop runs (a message handler, a timer, a paint, a worker's
    result) is one uninterrupted piece of UI-thread work; its length is measured in the
    thread's own CPU time, so that other processes on a busy machine do not count.  The
    wall-clock lateness of a 1 ms heartbeat (what a key waits, everything included) is kept
    beside it as ``late``.
    """

    def __init__(self) -> None:
        self.longest = 0.0
        self.late = 0.0
        self._task: asyncio.Task | None = None
        self._real = None

    async def _beat(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            self.late = max(self.late, time.perf_counter() - start - 0.001)

    def start(self) -> None:
        import asyncio.events as events

        beat = self
        real = self._real = events.Handle._run

        def timed(handle) -> None:
            start = time.thread_time()
            try:
                real(handle)
            finally:
                took = time.thread_time() - start
                if took > beat.longest:
                    beat.longest, beat.what = took, _what(handle)

        events.Handle._run = timed
        self._task = asyncio.get_running_loop().create_task(self._beat())

    def reset(self) -> None:
        self.longest = self.late = 0.0
        self.what = ""

    def stop(self) -> None:
        import asyncio.events as events

        if self._task:
            self._task.cancel()
        if self._real is not None:
            events.Handle._run = self._real


async def settle(pilot) -> None:
    from textual.worker import WorkerFailed

    for _ in range(3):
        for worker in list(pilot.app.workers):
            if worker.group == "watch":
                continue
            try:
                await worker.wait()
            except (WorkerFailed, Exception):  # noqa: BLE001 - reported by the App; cancelled meanwhile
                pass
        await pilot.pause()


PHASES = ("open", "refresh", "end", "home")


async def screens_of(db, tmp: Path, employee_no: str, rounds: int) -> dict[str, dict[str, list[float]]]:
    """Every home screen of ``employee_no``: per phase, the longest UI-thread block (ms) of each round.

    ``open``: the key on home until every worker has finished (the screen's module imported
    on the first round, composed, laid out, its first data shown); ``refresh``: its refresh
    action until its new data is shown (screens without one: nothing); ``end`` / ``home``: the
    last and the first row of its list.
    """
    from console.core.clock import FixedClock
    from screens.apps.console import HallApp
    from screens.shell.registry import entries_for

    config = tmp / f"config-{employee_no}"
    config.mkdir(exist_ok=True)
    app = HallApp(db, lang="en", config_dir=config, clock=FixedClock(NOW), cursor_blink=False)
    out: dict[str, dict[str, list[float]]] = {}
    beat = Heartbeat()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*employee_no, "enter", *"123456", "enter")
        await settle(pilot)
        home = app.screen
        entries = [e for e in entries_for(app.actor.role) if not (e.needs_window and not app.actor.window_id)]
        beat.start()

        late: list[float] = []

        async def phase(times: list[float], step) -> None:
            await pilot.pause(0.05)
            beat.reset()
            await step()
            await settle(pilot)
            await pilot.pause(0.05)
            times.append(beat.longest * 1000)
            late.append(beat.late * 1000)

        for entry in entries:
            phases = {name: [] for name in PHASES}
            for _ in range(rounds):
                await phase(phases["open"], lambda: pilot.press(entry.key))
                screen = app.screen
                if screen is home:
                    phases["open"].clear()
                    break  # not opened (a message said why)
                if hasattr(screen, "action_refresh"):
                    async def refresh(screen=screen) -> None:
                        screen.action_refresh()
                    await phase(phases["refresh"], refresh)
                await phase(phases["end"], lambda: pilot.press("end"))
                await phase(phases["home"], lambda: pilot.press("home"))
                while app.screen is not home:
                    app.pop_screen()
                    await pilot.pause()
            if phases["open"]:
                out[f"{entry.id} ({employee_no})"] = {k: v for k, v in phases.items() if v}
        beat.stop()
    LATE.extend(late)
    return out


#: every phase's wall-clock heartbeat lateness (ms), all screens
LATE: list[float] = []


async def bare_label(keys: int) -> list[float]:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        BINDINGS = [("n", "next", "next")]
        count = 0

        def compose(self):
            yield Static("0", id="label")

        def action_next(self) -> None:
            self.count += 1
            self.query_one("#label", Static).update(str(self.count))

    app, beat, times = Bare(), Heartbeat(), []
    async with app.run_test(size=(80, 24)) as pilot:
        beat.start()
        for _ in range(keys):
            await pilot.pause(0.05)
            beat.reset()
            for _ in range(4):
                await pilot.press("n")
                await pilot.pause()
            await pilot.pause(0.05)
            times.append(beat.longest * 1000)
            BARE_LATE.append(beat.late * 1000)
        beat.stop()
    return times


BARE_LATE: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=535_538)
    parser.add_argument("--db", type=Path, help="keep the generated hall here (reused when it exists)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from bench_case_lists import build

    from console.core.i18n import set_language
    from models.engine import Database

    set_language("en")
    tmp = Path(tempfile.mkdtemp(prefix="bench-ui-block-"))
    path = args.db or tmp / "hall.db"
    built = None
    if not path.exists():
        built = build(path, args.cases)
    db = Database(f"sqlite:///{path}")
    blocks: dict[str, dict[str, list[float]]] = {}
    for employee_no in ACTORS:
        blocks.update(asyncio.run(screens_of(db, tmp, employee_no, args.rounds)))
    base = spread(asyncio.run(bare_label(max(3, args.rounds * 3))))
    db.dispose()

    def figures(values: list[float]) -> dict:
        return {**spread(values), "ratio": statistics.median(values) / max(base["median"], 1e-6),
                "met": statistics.median(values) <= AIM_MS}

    screens = {name: {ph: figures(v) for ph, v in phases.items()} for name, phases in blocks.items()}
    after_open = [(f"{name} {ph}", f) for name, phases in screens.items() for ph, f in phases.items() if ph != "open"]
    worst = max(after_open, key=lambda kv: kv[1]["median"])
    result = {"cases": args.cases, "build_s": built, "aim_ms": AIM_MS, "bare_label_ms": base,
              "late_ms": spread(LATE), "bare_late_ms": spread(BARE_LATE),
              "screens": screens, "worst_refresh": worst[0], "worst_refresh_median_ms": worst[1]["median"],
              "worst_refresh_ratio": worst[1]["ratio"],
              "worst_open_median_ms": max(p["open"]["median"] for p in screens.values()),
              "aim_met": all(f["met"] for _n, f in after_open)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"longest UI-thread block per screen, {args.cases:,} cases: median ms (p10–p90)")
    print(f"  {'screen':<22}" + "".join(f"{ph:>20}" for ph in PHASES))
    for name, phases in sorted(screens.items()):
        cells = []
        for ph in PHASES:
            f = phases.get(ph)
            cells.append(f"{'-':>20}" if f is None else
                         f"{f['median']:>8.1f} ({f['p10']:.0f}–{f['p90']:.0f}){'' if f['met'] or ph == 'open' else '!':1}".rjust(20))
        print(f"  {name:<22}" + "".join(cells))
    print(f"  {'bare Textual label':<22}{base['median']:>8.1f} ({base['p10']:.0f}–{base['p90']:.0f})  (baseline)")
    print(f"aim ≤ {AIM_MS:.0f} ms for every refresh and page (! marks a miss): "
          f"{'met' if result['aim_met'] else 'NOT met'} (worst: {result['worst_refresh']}, "
          f"{result['worst_refresh_median_ms']:.1f} ms, {result['worst_refresh_ratio']:.1f}× the bare label); "
          f"opening a screen, longest: {result['worst_open_median_ms']:.1f} ms")
    late, bare_late = result["late_ms"], result["bare_late_ms"]
    print(f"wall-clock heartbeat lateness (busy machine included): screens {late['median']:.1f} ms median, "
          f"{late['max']:.1f} max; bare label {bare_late['median']:.1f} median, {bare_late['max']:.1f} max")

if __name__ == "__main__":
    main()
