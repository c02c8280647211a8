"""Call-next speed: Hall Console's ``call_next`` against the bare claim statement, on SQLite and PostgreSQL.

For each engine, on a fresh database (a temporary SQLite file; a PostgreSQL
database created and dropped by this run), with one service served by 8 windows
and enough waiting tickets:

* ``call_next`` (one use-case run, one write transaction: window look-up, closing the
  previous ticket, the claim, the ticket events, the NOTIFY) with 1 and with 8
  concurrent processes, each its own engine and window;
* the bare claim statement alone (``BEGIN`` / ``UPDATE … RETURNING`` / ``COMMIT``)
  through the raw driver (sqlite3, psycopg) in the same run, same set-up;
* the time from a committed call to :mod:`console.queue.watch` noticing it.

Prints latency (median, p99 in ms), throughput (calls/s) and the ratios
``call_next`` ÷ raw driver.  Usage::

    python benchmarks/bench_queue.py [--calls 400] [--engines sqlite,postgresql]
                                     [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WINDOWS = 8

RAW_CLAIM = """
UPDATE queue_tickets SET status = 'called', called_at = {p}, version = version + 1
WHERE id = (SELECT id FROM queue_tickets
            WHERE status = 'waiting' AND service_id IN ({p})
              AND (target_window_id IS NULL OR target_window_id = {p}) AND sort_at <= {p}
            ORDER BY rank, sort_at, id LIMIT 1 {lock})
  AND status = 'waiting'
RETURNING id, number
"""


# --------------------------------------------------------------------------- set-up


def create_pg(admin_url: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from models.engine import normalize_url

    admin = make_url(normalize_url(admin_url))
    name = f"hall_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin.set(database=name).render_as_string(hide_password=False)


def drop_pg(admin_url: str, url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from models.engine import normalize_url

    engine = create_engine(make_url(normalize_url(admin_url)), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


def build_hall(url: str) -> dict:
    """A site, 8 windows serving one service, one clerk; returns ids."""
    from models import QueueService, Role, Site, SiteKind, Staff, Window, queue_window_services
    from models.engine import Database

    from console.core.auth import Actor

    db = Database(url)
    db.ensure_schema()
    with db.write() as s:
        site = Site(code="BENCH", name="bench", kind=SiteKind.center)
        s.add(site)
        s.flush()
        windows = [Window(site_id=site.id, number=f"{n:02d}", name=f"W{n}") for n in range(1, WINDOWS + 1)]
        s.add_all(windows)
        svc = QueueService(site_id=site.id, code="B", name="bench", prefix="A", max_wait_minutes=15, recall_limit=3,
                           active=True)
        s.add(svc)
        clerk = Staff(employee_no="B001", name="bench", role=Role.clerk, site_id=site.id, pin_hash="-",
                      created_at=datetime(2026, 3, 2, 8, 0))
        s.add(clerk)
        s.flush()
        s.execute(queue_window_services.insert(), [{"window_id": w.id, "service_id": svc.id} for w in windows])
        ids = {"site": site.id, "service": svc.id, "windows": [w.id for w in windows],
               "actor": Actor(id=clerk.id, employee_no="B001", name="bench", role=Role.clerk, site_id=site.id)}
    db.dispose()
    return ids


def refill(url: str, ids: dict, count: int) -> None:
    """Exactly ``count`` waiting tickets and no history."""
    from sqlalchemy import delete

    from console.core.clock import SystemClock
    from models import Ticket, TicketEvent
    from models.engine import Database

    db = Database(url)
    at = SystemClock().now() - timedelta(hours=1)
    with db.write() as s:
        s.execute(delete(TicketEvent))
        s.execute(delete(Ticket))
        rows = [{"site_id": ids["site"], "issued_service_id": ids["service"], "service_id": ids["service"],
                 "day": at.date(), "seq": i, "number": f"A{i % 1000:03d}", "status": "waiting",
                 "priority": "none", "rank": 3, "sort_at": at, "taken_at": at, "waiting_since": at,
                 "recalls": 0, "version": 1} for i in range(1, count + 1)]
        for start in range(0, len(rows), 2000):
            s.execute(Ticket.__table__.insert(), rows[start:start + 2000])
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        with db.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
            conn.exec_driver_sql("VACUUM ANALYZE queue_tickets")
    db.dispose()


# --------------------------------------------------------------------------- workers


def _hall_worker(url, ids, window_id, calls, start, out):
    from models.engine import Database

    from console.core.runner import Runner
    from console.queue.shared import resolve_window
    from console.queue.window import call_next

    db = Database(url)
    runner = Runner(db)
    lat, errors, empty = [], 0, 0
    with db.read() as s:  # as the clerk's screen does once, when it opens
        window = resolve_window(s, window_id, actor=ids["actor"])
    start.wait()
    for _ in range(calls):
        t0 = time.perf_counter()
        try:
            result = runner.run(call_next, window, actor=ids["actor"])
        except Exception as error:  # noqa: BLE001 - counted and reported
            if not errors:
                print("call_next error:", repr(error), file=sys.stderr)
            errors += 1
            continue
        lat.append(time.perf_counter() - t0)
        if result.number is None:
            empty += 1
    db.dispose()
    out.put((lat, errors, empty, time.perf_counter()))


def _raw_worker(url, ids, window_id, calls, start, out):
    from sqlalchemy.engine import make_url

    from console.core.clock import SystemClock

    now = SystemClock().now

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        import sqlite3

        conn = sqlite3.connect(parsed.database, isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        sql = RAW_CLAIM.format(p="?", lock="").replace("IN (?)", "IN (?)")
        begin = "BEGIN IMMEDIATE"

        def claim(at):
            conn.execute(begin)
            row = conn.execute(sql, (at.isoformat(sep=" ") + ".000000", ids["service"], window_id,
                                     at.isoformat(sep=" ") + ".000000")).fetchone()
            conn.execute("COMMIT")
            return row
    else:
        import psycopg

        conn = psycopg.connect(parsed.set(drivername="postgresql").render_as_string(hide_password=False),
                               autocommit=True)
        sql = RAW_CLAIM.format(p="%s", lock="FOR UPDATE SKIP LOCKED")

        def claim(at):
            with conn.transaction():
                return conn.execute(sql, (at, ids["service"], window_id, at)).fetchone()

    lat, errors, empty = [], 0, 0
    start.wait()
    for _ in range(calls):
        t0 = time.perf_counter()
        try:
            row = claim(now())
        except Exception as error:  # noqa: BLE001
            if not errors:
                print("raw driver error:", repr(error), file=sys.stderr)
            errors += 1
            continue
        lat.append(time.perf_counter() - t0)
        if row is None:
            empty += 1
    conn.close()
    out.put((lat, errors, empty, time.perf_counter()))


def run(kind: str, url: str, ids: dict, processes: int, calls_each: int) -> dict:
    refill(url, ids, processes * calls_each + processes)
    ctx = mp.get_context("fork")
    start, out = ctx.Barrier(processes + 1), ctx.Queue()
    target = _hall_worker if kind == "hall" else _raw_worker
    procs = [ctx.Process(target=target, args=(url, ids, ids["windows"][i], calls_each, start, out))
             for i in range(processes)]
    for p in procs:
        p.start()
    start.wait()
    began = time.perf_counter()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    ended = max(r[3] for r in results)
    lat = sorted(x for r in results for x in r[0])
    return {
        "median": statistics.median(lat) * 1000, "p99": lat[int(len(lat) * 0.99) - 1] * 1000,
        "throughput": len(lat) / (ended - began), "errors": sum(r[1] for r in results),
        "empty": sum(r[2] for r in results), "calls": len(lat),
    }


def watch_latency(url: str, ids: dict, samples: int) -> dict:
    """Seconds from a committed call to the watcher (in its own thread) noticing it."""
    import random

    from models.engine import Database

    from console.core.runner import Runner
    from console.queue.watch import watcher_for
    from console.queue.window import call_next

    refill(url, ids, samples + 2)
    db = Database(url)
    runner = Runner(db)
    watcher = watcher_for(db)
    noticed: list[float] = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            if watcher.wait(0.5):
                noticed.append(time.perf_counter())

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    time.sleep(0.3)
    delays = []
    for _ in range(samples):
        time.sleep(random.uniform(0.25, 0.45))
        noticed.clear()
        runner.run(call_next, ids["windows"][0], actor=ids["actor"])
        committed = time.perf_counter()
        deadline = committed + 2.0
        while not noticed and time.perf_counter() < deadline:
            time.sleep(0.001)
        if noticed:
            delays.append(max(0.0, noticed[0] - committed))
    stop.set()
    thread.join(2)
    watcher.close()
    db.dispose()
    delays.sort()
    return {"median": statistics.median(delays) * 1000, "max": delays[-1] * 1000, "seen": len(delays),
            "samples": samples}


# --------------------------------------------------------------------------- report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=400, help="calls per process per run")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("HALL_BENCH_PG_URL",
                                                           "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--watch-samples", type=int, default=15)
    args = parser.parse_args()
    os.environ.setdefault("HALL_LANG", "en")

    print(f"bench_queue: {args.calls} calls per process, {os.cpu_count()} CPUs")
    header = (f"{'engine':<11}{'procs':>6}  {'path':<10}{'median ms':>10}{'p99 ms':>9}{'calls/s':>9}"
              f"{'errors':>7}  ratio (hall ÷ raw: median, p99, 1/throughput)")
    print(header)
    print("-" * len(header))
    watch_rows = []
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        tmp = None
        if engine == "sqlite":
            tmp = tempfile.mkdtemp(prefix="hall_bench_")
            url = f"sqlite:///{tmp}/bench.db"
        else:
            url = create_pg(args.pg_url)
        try:
            ids = build_hall(url)
            for processes in (1, WINDOWS):
                raw = run("raw", url, ids, processes, args.calls)
                hall = run("hall", url, ids, processes, args.calls)
                for name, r in (("raw driver", raw), ("call_next", hall)):
                    ratio = ""
                    if name == "call_next":
                        ratio = (f"{hall['median'] / raw['median']:.2f}×  {hall['p99'] / raw['p99']:.2f}×  "
                                 f"{raw['throughput'] / hall['throughput']:.2f}×")
                    print(f"{engine:<11}{processes:>6}  {name:<10}{r['median']:>10.2f}{r['p99']:>9.2f}"
                          f"{r['throughput']:>9.0f}{r['errors']:>7}  {ratio}")
            watch_rows.append((engine, watch_latency(url, ids, args.watch_samples)))
        finally:
            if engine != "sqlite":
                drop_pg(args.pg_url, url)
    print()
    print("commit → watcher noticed (SQLite: PRAGMA data_version polled every 200 ms; PostgreSQL: LISTEN/NOTIFY)")
    for engine, w in watch_rows:
        print(f"{engine:<11} median {w['median']:7.1f} ms   max {w['max']:7.1f} ms   seen {w['seen']}/{w['samples']}")


if __name__ == "__main__":
    main()
