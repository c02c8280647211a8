"""Hall display latency: from a committed call to the display's read showing it, SQLite and PostgreSQL.

Run: ``python benchmarks/bench_display.py [--calls N] [--no-postgres]``

A writer (the "clerk terminal") commits ``call_next`` at random moments; a
display thread does exactly what ``hall display`` does: it waits on
:func:`console.queue.watch.watcher_for` (SQLite: ``PRAGMA data_version`` every
0.2 s on its own connection; PostgreSQL: LISTEN) and then reads
:func:`console.queue.views.display_view`.  For each call the table gives the
time from the commit to the watch noticing it, the read itself, and commit to
shown, beside the polling interval.  The baseline is a display that simply
re-reads every polling interval without a watch, measured in the same run with the
same reads and the same calls (its latency is about the same, but it reads the
database on every tick even when nothing happens, which the last column counts as
reads per idle minute).  Medians with p10–p90; ``--json`` prints one JSON object
(milliseconds) on the last line, with the ratios of the watched display to the
baseline (median, p90, reads per idle minute) and to the polling interval.

PostgreSQL: ``HALL_TEST_PG_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``);
a scratch database is created and dropped.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchlib import print_json, ratio, spread  # noqa: E402


def prepare(url: str, tickets: int):
    """A migrated database with the small test hall, its services and ``tickets`` waiting tickets."""
    from console.core.runner import Runner
    from console.queue.tickets import take_ticket
    from models.engine import Database
    from tests import factories
    from tests.queue_fixtures import make_services

    db = Database(url)
    db.ensure_schema()
    factories.make_hall(db)
    make_services(db)
    with Runner(db).transaction(write=True) as ctx:  # the kiosk: nobody logged in
        for _ in range(tickets):
            take_ticket(ctx, "SCJG")
    return db


class Display(threading.Thread):
    """What ``hall display`` does, timed: wait for a change (or poll), read, note when a number shows."""

    def __init__(self, db, *, watch: bool, interval: float) -> None:
        super().__init__(daemon=True)
        self.db, self.watch, self.interval = db, watch, interval
        self.expect: str | None = None
        self.shown = threading.Event()
        self.notice_at = self.shown_at = 0.0
        self.reads = 0
        self.read_seconds: list[float] = []
        self.stop = threading.Event()

    def read(self) -> None:
        from console.core.runner import Runner
        from console.queue.views import display_view

        start = time.perf_counter()
        view = Runner(self.db).run(display_view)
        self.reads += 1
        self.read_seconds.append(time.perf_counter() - start)
        current = {w.number: w.current for w in view.state.windows}
        if self.expect is not None and current.get("01") == self.expect and not self.shown.is_set():
            self.notice_at, self.shown_at = start, time.perf_counter()
            self.shown.set()

    def run(self) -> None:
        from console.queue.watch import watcher_for

        if not self.watch:
            while not self.stop.is_set():
                self.read()
                time.sleep(self.interval)
            return
        with watcher_for(self.db, interval=self.interval) as watcher:
            while not self.stop.is_set():
                if watcher.wait(0.5):
                    self.read()


def measure(db, *, watch: bool, interval: float, calls: int, idle: float) -> dict:
    """Commit ``calls`` calls at random moments; return latency figures and idle reads per minute."""
    from console.core.runner import Runner
    from console.queue.window import call_next
    from tests import factories

    clerk = factories.actor(db, "C001")
    display = Display(db, watch=watch, interval=interval)
    display.start()
    time.sleep(0.3)
    notice, total = [], []
    for _ in range(calls):
        time.sleep(random.uniform(0.05, 0.25))
        display.shown.clear()
        result = Runner(db).run(call_next, "01", actor=clerk)
        display.expect = result.number
        committed = time.perf_counter()
        if not display.shown.wait(5.0):
            raise RuntimeError(f"{result.number} never showed")
        notice.append(max(0.0, display.notice_at - committed))
        total.append(display.shown_at - committed)
    before = display.reads
    time.sleep(idle)
    idle_reads = (display.reads - before) * 60.0 / idle
    display.stop.set()
    display.join(2.0)
    ms = [t * 1000 for t in total]
    shown = spread(ms)
    return {
        "notice": statistics.median(notice) * 1000,
        "notice_spread": spread([t * 1000 for t in notice]),
        "read": statistics.median(display.read_seconds) * 1000,
        "read_spread": spread([t * 1000 for t in display.read_seconds]),
        "median": shown["median"],
        "p10": shown["p10"],
        "p90": shown["p90"],
        "p95": sorted(ms)[int(0.95 * (len(ms) - 1))],
        "max": shown["max"],
        "n": len(ms),
        "idle_reads": idle_reads,
    }


def run_backend(name: str, url: str, args, figures: dict) -> list[list[str]]:
    from console.queue.watch import POLL_SECONDS

    rows = []
    db = prepare(url, args.calls * 2 + 10)
    try:
        base = measure(db, watch=False, interval=POLL_SECONDS, calls=args.calls, idle=args.idle)
        watched = measure(db, watch=True, interval=POLL_SECONDS, calls=args.calls, idle=args.idle)
    finally:
        db.dispose()
    interval_ms = POLL_SECONDS * 1000
    figures[name] = {
        "poll_ms": interval_ms,
        "reread_every_tick": base,
        "watch_and_read": {**watched, "baseline": "reread_every_tick",
                           "ratio": ratio(watched["median"], base["median"]),
                           "p90_ratio": ratio(watched["p90"], base["p90"]),
                           "idle_reads_ratio": ratio(watched["idle_reads"], base["idle_reads"]),
                           "poll_ratio": watched["median"] / interval_ms},
    }
    for label, r in (("re-read every tick (baseline)", base),
                     ("watch + read (hall display)", watched)):
        rows.append([name, label, f"{interval_ms:.0f}" if name == "sqlite" or r is base else "LISTEN",
                     f"{r['notice']:.1f}", f"{r['read']:.1f}", f"{r['median']:.1f}",
                     f"{r['p10']:.1f}–{r['p90']:.1f}", f"{r['p95']:.1f}",
                     f"{r['max']:.1f}", f"{r['median'] / base['median']:.2f}",
                     f"{r['median'] / interval_ms:.2f}", f"{r['idle_reads']:.0f}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds of idle hall to count reads in")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures (last line)")
    args = parser.parse_args()
    random.seed(7)
    rows: list[list[str]] = []
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        rows += run_backend("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}", args, figures)
    if not args.no_postgres:
        from tests import dbutil

        try:
            url = dbutil.create_pg_database("bench_display")
        except Exception as error:  # noqa: BLE001 - no server: say so, keep the SQLite rows
            print(f"PostgreSQL skipped: {error}", file=sys.stderr)
        else:
            try:
                dbutil.migrate(url)
                rows += run_backend("postgresql", url, args, figures)
            finally:
                dbutil.drop_pg_database(url)
    if args.json:
        print_json({"calls": args.calls, "idle_s": args.idle, "unit": "ms", "engines": figures})
        return
    header = ["engine", "display", "poll ms", "notice ms", "read ms", "shown median ms", "p10–p90 ms", "p95 ms",
              "max ms", "× baseline", "× poll", "reads/idle min"]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print(f"commit → display showing the call, {args.calls} calls per row (median unless stated)")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))


if __name__ == "__main__":
    main()
