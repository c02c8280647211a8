"""Log-ins against a clerk's calls: does a terminal logging in back to back slow the hall's writers?

On one fresh database (a temporary SQLite file by default; ``--engine postgresql``
creates and drops a database of its own), one clerk process calls tickets with
``call_next`` as fast as it can for ``--seconds`` in each of three scenarios, in
this order and in the same run:

* ``alone``: nobody else works (the baseline);
* ``log-ins``: a second process logs in back to back through
  :func:`console.core.auth.log_in` — a wrong PIN, then the right one, so that
  every log-in writes (the count of wrong PINs, then clearing it);
* ``log-ins in the lock``: the same log-ins done the way they were before, the
  argon2 check inside the write transaction, for comparison.

For each scenario it prints the clerk's calls, the latency median, p90, p99 and
worst (ms, a call that failed included), the spread (p90 − p10) and the ratios against ``alone``: median
and p90 latency, and calls made.  The terminal logs in during the scenario's ``--seconds`` only; a
clerk's call still waiting for the write lock then completes, its whole wait counted.  ``--json``
prints one JSON object on the last line (a figure with no call behind it is ``null``).  Usage::

    python benchmarks/bench_login_contention.py [--seconds 6] [--engine sqlite|postgresql] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PIN = "246810"
WRONG = "135799"
TICKETS = 20_000


def _pg_database(admin_url: str, drop: str | None = None) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from models.engine import normalize_url

    admin = make_url(normalize_url(admin_url))
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if drop:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(drop).database}" WITH (FORCE)'))
            name = ""
        else:
            name = f"hall_bench_{uuid.uuid4().hex[:8]}"
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False) if name else ""


def build(url: str) -> dict:
    """A site, one window and service, a clerk and a terminal's staff member (real argon2 hashes)."""
    from models import QueueService, Role, Site, SiteKind, Staff, Window, queue_window_services
    from models.engine import Database

    from console.core.auth import Actor, hash_pin

    db = Database(url)
    db.ensure_schema()
    created = datetime(2026, 3, 2, 8, 0)
    with db.write() as s:
        site = Site(code="BENCH", name="bench", kind=SiteKind.center)
        s.add(site)
        s.flush()
        window = Window(site_id=site.id, number="01", name="W1")
        service = QueueService(site_id=site.id, code="B", name="bench", prefix="A", max_wait_minutes=15,
                               recall_limit=3, active=True)
        s.add_all([window, service])
        clerk = Staff(employee_no="B001", name="clerk", role=Role.clerk, site_id=site.id,
                      pin_hash=hash_pin(PIN), created_at=created)
        terminal = Staff(employee_no="B002", name="terminal", role=Role.clerk, site_id=site.id,
                         pin_hash=hash_pin(PIN), created_at=created)
        s.add_all([clerk, terminal])
        s.flush()
        s.execute(queue_window_services.insert(), [{"window_id": window.id, "service_id": service.id}])
        ids = {"site": site.id, "service": service.id, "window": window.id,
               "actor": Actor(id=clerk.id, employee_no="B001", name="clerk", role=Role.clerk, site_id=site.id)}
    db.dispose()
    return ids


def refill(url: str, ids: dict) -> None:
    """Enough waiting tickets for any scenario, no history, the terminal's count cleared."""
    from sqlalchemy import delete, update

    from console.core.clock import SystemClock
    from models import Staff, Ticket, TicketEvent
    from models.engine import Database

    db = Database(url)
    at = SystemClock().now() - timedelta(hours=1)
    with db.write() as s:
        s.execute(delete(TicketEvent))
        s.execute(delete(Ticket))
        s.execute(update(Staff).values(failed_attempts=0, locked=False))
        rows = [{"site_id": ids["site"], "issued_service_id": ids["service"], "service_id": ids["service"],
                 "day": at.date(), "seq": i, "number": f"A{i % 1000:03d}", "status": "waiting",
                 "priority": "none", "rank": 3, "sort_at": at, "taken_at": at, "waiting_since": at,
                 "recalls": 0, "version": 1} for i in range(1, TICKETS + 1)]
        for start in range(0, len(rows), 2000):
            s.execute(Ticket.__table__.insert(), rows[start:start + 2000])
    db.dispose()


def _log_in_inside_the_lock(runner, employee_no: str, pin: str) -> None:
    """The log-in as it was: the account read and argon2 run inside one write transaction."""
    from sqlalchemy import select

    from console.core.auth import _verify
    from models import Staff

    with runner.transaction(None, write=True) as ctx:
        staff = ctx.session.scalar(select(Staff).where(Staff.employee_no == employee_no))
        if _verify(staff.pin_hash, pin):
            staff.failed_attempts = 0
        else:
            staff.failed_attempts += 1


def _terminal(url: str, mode: str, ready, stop, out) -> None:
    from models.engine import Database

    from console.core.auth import log_in
    from console.core.runner import Runner

    runner = Runner(Database(url))
    count = 0
    ready.set()
    while not stop.is_set():
        for pin in (WRONG, PIN):
            if mode == "inside":
                _log_in_inside_the_lock(runner, "B002", pin)
            else:
                runner.run(log_in, "B002", pin)
            count += 1
    runner.db.dispose()
    out.put(count)


def _clerk(url: str, ids: dict, seconds: float, start, out) -> None:
    from models.engine import Database

    from console.core.runner import Runner
    from console.queue.shared import resolve_window
    from console.queue.window import call_next

    db = Database(url)
    runner = Runner(db)
    with db.read() as s:
        window = resolve_window(s, ids["window"], actor=ids["actor"])
    latencies, errors, worst = [], 0, 0.0
    start.wait()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        try:
            runner.run(call_next, window, actor=ids["actor"])
        except Exception as error:  # noqa: BLE001 - counted and reported
            if not errors:
                print("call_next error:", repr(error), file=sys.stderr)
            errors += 1
            worst = max(worst, time.perf_counter() - t0)
            continue
        latencies.append(time.perf_counter() - t0)
        worst = max(worst, latencies[-1])
    db.dispose()
    out.put((latencies, errors, worst))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def scenario(url: str, ids: dict, seconds: float, mode: str | None) -> dict:
    """The clerk's loop for ``seconds``, with a terminal logging in (``mode``) or alone."""
    refill(url, ids)
    ctx = mp.get_context("spawn")
    start, ready, stop = ctx.Event(), ctx.Event(), ctx.Event()
    clerk_out, terminal_out = ctx.Queue(), ctx.Queue()
    clerk = ctx.Process(target=_clerk, args=(url, ids, seconds, start, clerk_out))
    clerk.start()
    terminal = None
    if mode:
        terminal = ctx.Process(target=_terminal, args=(url, mode, ready, stop, terminal_out))
        terminal.start()
        ready.wait()
    time.sleep(0.5)  # both imported and connected
    start.set()
    # the terminal logs in for the scenario's window only: a clerk's call still waiting for
    # the lock when the window ends then finishes (its whole wait counted), rather than the
    # scenario running on for as long as the terminal can starve the clerk (minutes)
    time.sleep(seconds)
    logins = 0
    if terminal is not None:
        stop.set()
        logins = terminal_out.get()
        terminal.join()
    latencies, errors, worst = clerk_out.get()
    clerk.join()
    ms = [x * 1000 for x in latencies]
    return {
        "calls": len(ms), "errors": errors, "log_ins": logins,
        "p50_ms": statistics.median(ms) if ms else float("nan"),
        "p10_ms": _percentile(ms, 0.10), "p90_ms": _percentile(ms, 0.90), "p99_ms": _percentile(ms, 0.99),
        "max_ms": worst * 1000,
        "spread_ms": _percentile(ms, 0.90) - _percentile(ms, 0.10),
    }


def _finite(data):
    """``data`` with NaN and infinities as ``None`` (JSON has no NaN)."""
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, float) and not math.isfinite(data):
        return None
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="length of each scenario")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("HALL_BENCH_PG_URL",
                                                           "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--skip-inside", action="store_true", help="leave out the old in-the-lock log-ins")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    tmp = None
    if args.engine == "sqlite":
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    else:
        url = _pg_database(args.pg_url)
    try:
        ids = build(url)
        results = {"alone": scenario(url, ids, args.seconds, None),
                   "log-ins": scenario(url, ids, args.seconds, "outside")}
        if not args.skip_inside:
            results["log-ins in the lock"] = scenario(url, ids, args.seconds, "inside")
    finally:
        if tmp is not None:
            tmp.cleanup()
        else:
            _pg_database(args.pg_url, drop=url)
    base = results["alone"]
    for name, r in results.items():
        r["p50_ratio"] = r["p50_ms"] / base["p50_ms"]
        r["p90_ratio"] = r["p90_ms"] / base["p90_ms"]
        r["calls_ratio"] = r["calls"] / base["calls"] if base["calls"] else float("nan")
    if args.json:  # one line (the last), no NaN: a scenario with no call has null figures
        print(json.dumps(_finite({"engine": args.engine, "seconds": args.seconds, "scenarios": results})))
        return
    print(f"clerk's call_next for {args.seconds:g} s on {args.engine}, a terminal logging in beside it")
    print(f"{'scenario':<22}{'calls':>7}{'log-ins':>9}{'p50 ms':>9}{'p90':>9}{'p99':>9}{'worst':>9}"
          f"{'spread':>9}{'p50 x':>8}{'calls x':>9}{'errors':>8}")
    for name, r in results.items():
        print(f"{name:<22}{r['calls']:>7}{r['log_ins']:>9}{r['p50_ms']:>9.2f}{r['p90_ms']:>9.2f}{r['p99_ms']:>9.2f}"
              f"{r['max_ms']:>9.1f}{r['spread_ms']:>9.2f}{r['p50_ratio']:>8.2f}{r['calls_ratio']:>9.2f}"
              f"{r['errors']:>8}")


if __name__ == "__main__":
    main()
