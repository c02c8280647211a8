"""Call-next speed: Hall Console's ``call_next`` against a raw driver running the same statements.

For each engine (a temporary SQLite file; a PostgreSQL database created and dropped
by this run), with one service served by 8 windows and enough waiting tickets, with 1
and with 8 concurrent processes (each its own engine, runner and window), on two paths:

* ``ref`` — the window resolved once beforehand (what the clerk's screen does) and the
  :class:`~console.queue.shared.WindowRef` passed to every call;
* ``number`` — the window named by its number (what ``hall queue call <window>``
  does), looked up inside each call's transaction.

Each path is measured in the same run and set-up as

* ``hall`` — ``call_next`` through :class:`~console.core.runner.Runner`;
* ``raw`` — the raw driver (sqlite3, psycopg) on one plain connection opened as the
  engine opens its own (the same PRAGMAs and busy timeout; on SQLite waiting in the
  same writers' line, :mod:`models.writers`), executing **the statements the service
  issues**, written out below as raw SQL (``RAW_SQL``): the transaction's begin, the
  window look-up (``number`` path), closing the window's previous ticket, the claim,
  the ticket events, the NOTIFY (PostgreSQL) and the commit.  Before timing, the run
  traces what reaches the database from ``call_next`` and from the raw worker —
  SQLite's trace callback (every statement run, with its values) and libpq's protocol
  trace (every statement parsed, every round trip, a check-out's ping included) — and
  stops (exit 2) unless they are the same, statement for statement;
* ``busy`` (SQLite, 8 processes) — the raw driver again, waiting on SQLite's busy
  handler alone (no line): what the line itself is worth.

Each measurement runs ``--rounds`` times, raw and hall back to back, in turns first.
Printed per engine × processes × path: latency median, spread (p10–p90) and p99 over
every call of every round, throughput (calls/s, the median round), and hall ÷ raw:
median, p99, and throughput (raw ÷ hall: the median of the rounds' own ratios, with
their range); then the time from a committed call to :mod:`console.queue.watch`
noticing it.  The aims at 8 processes: throughput ratio ≤ 1.5, hall p99 ≤ 20 ms.
``--instructions CALLS`` (SQLite, needs valgrind) also counts the instructions one call
of each kind executes in its process — the database's work included, the kernel's not —
which, unlike time, does not move with whatever else the machine runs.
``--json`` prints one JSON object on the last line (every ratio under ``ratios``).

    python benchmarks/bench_queue.py [--calls 400] [--engines sqlite,postgresql] [--paths ref,number]
                                     [--processes 1,8] [--rounds 3] [--show-sql] [--no-busy]
                                     [--no-check] [--instructions CALLS] [--json]
                                     [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import re
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
AIM_RATIO = 1.5
#: whether this tree's SQLite writers wait in a line (models.writers); an older tree's raw baseline does not either
HAS_LINE = (Path(__file__).resolve().parents[1] / "models" / "writers.py").exists()
AIM_P99_MS = 20.0

# --------------------------------------------------------------------------- the statements
#
# What call_next sends, as captured from SQLAlchemy (``python benchmarks/bench_queue.py --show-sql``
# prints the capture), with the expanding ``IN`` of the window's services left as ``{services}``.
# check_same_statements() compares them with the capture at every run.

_CLAIM_SUB = (
    "SELECT queue_tickets.id FROM queue_tickets WHERE queue_tickets.status = 'waiting' "
    "AND queue_tickets.service_id IN ({services}) "
    "AND (queue_tickets.target_window_id IS NULL OR queue_tickets.target_window_id = {w}) "
    "AND (EXISTS (SELECT windows.id FROM windows WHERE windows.id = {w} AND windows.status = 'open')) "
    "AND (EXISTS (SELECT queue_window_services.window_id FROM queue_window_services "
    "WHERE queue_window_services.window_id = {w} AND queue_window_services.service_id = queue_tickets.service_id)) "
    "AND queue_tickets.sort_at <= {at} ORDER BY queue_tickets.rank, queue_tickets.sort_at, queue_tickets.id "
)
_CLOSE_SET = (
    "UPDATE queue_tickets SET status=CASE WHEN (queue_tickets.status = 'called' AND queue_tickets.recalls >= "
    "(SELECT queue_services.recall_limit FROM queue_services WHERE queue_services.id = queue_tickets.service_id)) "
    "THEN 'no_show' ELSE 'finished' END, closed_at={at}, version=(queue_tickets.version + {one}) "
    "WHERE queue_tickets.window_id = {w} AND queue_tickets.status IN ('called', 'serving') RETURNING "
)
_CLAIM_SET = (
    "UPDATE queue_tickets SET status='called', target_window_id={none_i}, window_id={w}, called_at={at}, "
    "serving_at={none_t}, recalls={zero}, version=(queue_tickets.version + {one}) WHERE queue_tickets.id = ("
)
_RET = ("id, number, service_id, status, priority, taken_at, waiting_since, called_at, serving_at, recalls, "
        "version, slot_at, id_number")
_WINDOW = (
    "SELECT windows.id, windows.number, windows.name, windows.site_id, windows.status, "
    "queue_window_services.service_id, queue_services.code, queue_services.name AS service_name FROM windows "
    "LEFT OUTER JOIN queue_window_services ON queue_window_services.window_id = windows.id "
    "LEFT OUTER JOIN queue_services ON queue_services.id = queue_window_services.service_id "
    "WHERE windows.active IS {true} AND windows.number = {number} AND windows.site_id = {site}"
)
_EVENTS = ("INSERT INTO queue_events (site_id, ticket_id, at, kind, service_id, window_id, staff_id, note) "
           "VALUES ({v})")

_PG = {"at": "%(p_at)s::TIMESTAMP WITHOUT TIME ZONE", "w": "%(p_window)s::INTEGER", "one": "%(version_1)s::INTEGER",
       "none_i": "%(target_window_id)s::INTEGER", "none_t": "%(serving_at)s::TIMESTAMP WITHOUT TIME ZONE",
       "zero": "%(recalls)s::INTEGER"}
_SQ = {"at": "?", "w": "?", "one": "?", "none_i": "?", "none_t": "?", "zero": "?"}


def _pg_ret(columns: str) -> str:
    return ", ".join(f"queue_tickets.{c}" for c in columns.split(", "))


RAW_SQL = {
    "sqlite": {
        "begin": "BEGIN IMMEDIATE",
        "window": _WINDOW.format(true="1", number="?", site="?"),
        "close": _CLOSE_SET.format(**_SQ) + "id, number, service_id, status",
        "claim": (_CLAIM_SET.format(**_SQ) + _CLAIM_SUB.format(services="{services}", **_SQ)
                  + "LIMIT ? OFFSET ?) AND queue_tickets.status = 'waiting' RETURNING " + _RET),
        "events": _EVENTS.format(v="?, ?, ?, ?, ?, ?, ?, ?"),
        "notify": None,
        "commit": "COMMIT",
    },
    "postgresql": {
        "begin": "BEGIN",
        "window": _WINDOW.format(true="true", number="%(number)s::VARCHAR", site="%(site_id)s::INTEGER"),
        "close": _CLOSE_SET.format(**_PG) + _pg_ret("id, number, service_id, status"),
        "claim": (_CLAIM_SET.format(**_PG) + _CLAIM_SUB.format(services="{services}", **_PG)
                  + "LIMIT %(param_1)s::INTEGER FOR UPDATE SKIP LOCKED) AND queue_tickets.status = 'waiting' "
                  "RETURNING " + _pg_ret(_RET)),
        "events": _EVENTS.format(v=", ".join(
            f"%({c})s{cast}" for c, cast in (
                ("site_id", "::INTEGER"), ("ticket_id", "::INTEGER"), ("at", "::TIMESTAMP WITHOUT TIME ZONE"),
                ("kind", ""), ("service_id", "::INTEGER"), ("window_id", "::INTEGER"), ("staff_id", "::INTEGER"),
                ("note", "::VARCHAR")))),
        "notify": "SELECT pg_notify(%(channel)s, %(payload)s)",
        "commit": "COMMIT",
    },
}


class RawCall:
    """One call_next done by hand on a raw connection: the same statements, in the same order."""

    def __init__(self, backend: str, conn, ids: dict, window_id: int, path: str, *, line: bool = True) -> None:
        self.sql = RAW_SQL[backend]
        self.line = None
        if backend == "sqlite" and line and HAS_LINE:  # SQLite's writers wait in the line call_next waits in
            from models.writers import line_for

            self.line = line_for(conn.execute("PRAGMA database_list").fetchone()[2])
        self.pg = backend == "postgresql"
        self.conn = conn
        self.ids = ids
        self.path = path
        self.window_id = window_id
        self.number = f"{ids['windows'].index(window_id) + 1:02d}"
        self.services = [ids["service"]]
        self.site = ids["site"]
        self.staff = ids["actor"].id
        self.claims: dict[int, str] = {}
        if self.pg:
            cur = conn.cursor()
            self.execute, self.executemany = cur.execute, cur.executemany
            self.fetchone, self.fetchall = cur.fetchone, cur.fetchall
        else:
            self.execute, self.executemany = conn.execute, conn.executemany

    def claim_sql(self, count: int) -> str:
        if count not in self.claims:
            marks = (", ".join(f"%(p_services_{i})s::INTEGER" for i in range(1, count + 1)) if self.pg
                     else ", ".join("?" * count))
            self.claims[count] = self.sql["claim"].format(services=marks)
        return self.claims[count]

    def __call__(self, at: datetime):
        x, sql = self.execute, self.sql
        w, site, services = self.window_id, self.site, self.services
        if self.pg:
            if self.path == "number":
                x(sql["window"], {"number": self.number, "site_id": self.site})
                rows = self.fetchall()
                w, site = rows[0][0], rows[0][3]
                services = sorted(r[5] for r in rows if r[5] is not None)
            x(sql["close"], {"p_at": at, "version_1": 1, "p_window": w})
            closed = self.fetchone()
            params = {"target_window_id": None, "p_window": w, "p_at": at, "serving_at": None, "recalls": 0,
                      "version_1": 1, "param_1": 1}
            params.update({f"p_services_{i}": s for i, s in enumerate(services, 1)})
            x(self.claim_sql(len(services)), params)
            row = self.fetchone()
            events = []
            if closed is not None:
                events.append({"site_id": site, "ticket_id": closed[0], "at": at, "kind": "finished",
                               "service_id": closed[2], "window_id": w, "staff_id": self.staff, "note": "next"})
            if row is not None:
                events.append({"site_id": site, "ticket_id": row[0], "at": at, "kind": "called",
                               "service_id": row[2], "window_id": w, "staff_id": self.staff, "note": ""})
            if len(events) == 1:
                x(sql["events"], events[0])
            elif events:
                self.executemany(sql["events"], events)
            if events:
                x(sql["notify"], {"channel": "hall_queue", "payload": str(site)})
            self.conn.commit()
            return row
        stamp = at.isoformat(sep=" ", timespec="microseconds")
        in_line = self.line is not None and self.line.enter(30.0)
        x(sql["begin"])
        try:
            if self.path == "number":
                rows = x(sql["window"], (self.number, self.site)).fetchall()
                w, site = rows[0][0], rows[0][3]
                services = sorted(r[5] for r in rows if r[5] is not None)
            closed = x(sql["close"], (stamp, 1, w)).fetchone()
            row = x(self.claim_sql(len(services)),
                    (None, w, stamp, None, 0, 1, *services, w, w, w, stamp, 1, 0)).fetchone()
            events = []
            if closed is not None:
                events.append((site, closed[0], stamp, "finished", closed[2], w, self.staff, "next"))
            if row is not None:
                events.append((site, row[0], stamp, "called", row[2], w, self.staff, ""))
            if len(events) == 1:
                x(sql["events"], events[0])
            elif events:
                self.executemany(sql["events"], events)
            x(sql["commit"])
        except BaseException:
            self.conn.rollback()
            raise
        finally:
            if in_line:
                self.line.leave()
        return row


def raw_connect(url: str):
    """A raw driver connection opened as :func:`models.engine.make_engine` opens the engine's."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        import sqlite3

        from models.engine import SQLITE_BUSY_TIMEOUT_MS

        conn = sqlite3.connect(parsed.database, isolation_level=None, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
                       "synchronous=NORMAL"):
            conn.execute(f"PRAGMA {pragma}")
        return "sqlite", conn
    import psycopg

    return "postgresql", psycopg.connect(parsed.set(drivername="postgresql").render_as_string(hide_password=False))


# --------------------------------------------------------------------------- same statements?


_STAMP = re.compile(r"'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?'")
_PG_SENT = re.compile(r'^F\t\d+\t(Query|Parse)\t (?:"[^"]*" )?"(.*)"(?: \d+(?: \w+)*)?$')


class Wire:
    """What a driver connection sends to the database: SQLite's trace callback (each statement as
    run, its values in it), libpq's protocol trace for psycopg (each Query and Parse: the statements,
    and each Sync: a round trip)."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.sent: list[str] = []
        self.round_trips = 0
        self._file = None
        self._driver = None

    def start(self, driver) -> None:
        self._driver = driver
        if self.backend == "sqlite":
            driver.set_trace_callback(lambda sql: self.sent.append(_STAMP.sub("'<time>'", " ".join(sql.split()))))
            return
        from psycopg import pq

        self._file = tempfile.TemporaryFile("w+b")
        driver.pgconn.trace(self._file.fileno())
        driver.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)

    def stop(self) -> list[str]:
        if self.backend == "sqlite":
            self._driver.set_trace_callback(None)
            return self.sent
        self._driver.pgconn.untrace()
        self._file.seek(0)
        messages: list[str] = []
        for line in self._file.read().decode("utf-8", "replace").splitlines():
            if line[:2] in ("F\t", "B\t") or not messages:
                messages.append(line)
            else:  # a statement's own line breaks
                messages[-1] += " " + line
        for message in messages:
            found = _PG_SENT.match(message)
            if found:
                self.sent.append(" ".join(found.group(2).split()))
            kind = message.split("\t")[2].split(" ")[0] if message.startswith("F\t") else ""
            if kind in ("Sync", "Query"):
                self.round_trips += 1
        self._file.close()
        return self.sent


def _warm_and_trace(backend: str, call, driver_of) -> Wire:
    """One call to warm up (the window then has a ticket to close), the next one traced."""
    call()
    wire = Wire(backend)
    wire.start(driver_of())
    call()
    wire.stop()
    return wire


def capture_hall(url: str, ids: dict, path: str) -> Wire:
    """What one call_next sends on the wire (its driver connection traced from check-out to return)."""
    from sqlalchemy import event

    from console.core.runner import Runner
    from console.queue.shared import resolve_window
    from console.queue.window import call_next
    from models.engine import Database

    db = Database(url)
    runner = Runner(db)
    with db.read() as s:
        window = resolve_window(s, ids["windows"][0], actor=ids["actor"])
    arg = window if path == "ref" else window.number
    drivers = []
    # every connection the call may use, traced from its return to the pool (a check-out's ping included)
    event.listen(db.engine, "checkin", lambda driver, _record: drivers.append(driver))
    event.listen(db.engine, "connect", lambda driver, _record: drivers.append(driver))
    runner.run(call_next, arg, actor=ids["actor"])
    if db.is_sqlite and getattr(db, "_direct", None) is not None:
        drivers.extend(s.driver for s in db._direct._idle)
    wires = []
    for driver in {id(d): d for d in drivers}.values():
        wire = Wire(db.backend)
        wire.start(driver)
        wires.append(wire)
    runner.run(call_next, arg, actor=ids["actor"])
    total = Wire(db.backend)
    for wire in wires:
        total.sent += wire.stop()
        total.round_trips += wire.round_trips
    db.dispose()
    return total


def capture_raw(url: str, ids: dict, path: str) -> Wire:
    from console.core.clock import SystemClock

    backend, conn = raw_connect(url)
    call = RawCall(backend, conn, ids, ids["windows"][0], path)
    now = SystemClock().now
    wire = _warm_and_trace(backend, lambda: call(now()), lambda: conn)
    conn.close()
    return wire


def check_same_statements(url: str, ids: dict, paths: list[str], show: bool, strict: bool = True) -> dict[str, dict]:
    """Stop unless the raw worker sends exactly what call_next sends, on every path.

    Both start from the same queue; SQLite's statements are compared with their values
    (time stamps aside), PostgreSQL's as parsed (values travel apart).  Returns, per path,
    the statements per call and (PostgreSQL) the round trips.
    """
    counts = {}
    for path in paths:
        refill(url, ids, 10)
        hall = capture_hall(url, ids, path)
        refill(url, ids, 10)
        raw = capture_raw(url, ids, path)
        if show:
            print(f"-- {path}: call_next sends ({hall.round_trips} round trips)" if hall.backend != "sqlite"
                  else f"-- {path}: call_next runs")
            for sql in hall.sent:
                print(f"   {sql}")
        if hall.sent != raw.sent or hall.round_trips != raw.round_trips:
            print(f"bench_queue: the raw baseline does not send what call_next sends on the {path} path "
                  f"(round trips: hall {hall.round_trips}, raw {raw.round_trips}):", file=sys.stderr)
            for i in range(max(len(hall.sent), len(raw.sent))):
                h = hall.sent[i] if i < len(hall.sent) else "-"
                r = raw.sent[i] if i < len(raw.sent) else "-"
                if h != r:
                    print(f"  #{i}\n    hall: {h}\n    raw:  {r}", file=sys.stderr)
            if strict:
                sys.exit(2)
        counts[path] = {"statements": len(hall.sent), "round_trips": hall.round_trips,
                        "same_as_raw": hall.sent == raw.sent and hall.round_trips == raw.round_trips}
    return counts


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


def _hall_worker(url, ids, window_id, path, calls, start, out):
    from models.engine import Database

    from console.core.runner import Runner
    from console.queue.shared import resolve_window
    from console.queue.window import call_next

    db = Database(url)
    runner = Runner(db)
    with db.read() as s:  # as the clerk's screen does once, when it opens
        window = resolve_window(s, window_id, actor=ids["actor"])
    arg = window if path == "ref" else window.number
    actor = ids["actor"]
    lat, errors, empty, called = [], 0, 0, []
    start.wait()
    for _ in range(calls):
        t0 = time.perf_counter()
        try:
            result = runner.run(call_next, arg, actor=actor)
        except Exception as error:  # noqa: BLE001 - counted and reported
            if not errors:
                print("call_next error:", repr(error), file=sys.stderr)
            errors += 1
            continue
        lat.append(time.perf_counter() - t0)
        if result.number is None:
            empty += 1
        else:
            called.append(result.ticket.id)
    db.dispose()
    out.put((lat, errors, empty, time.perf_counter(), called))


def _raw_worker(url, ids, window_id, path, calls, start, out, line=True):
    from console.core.clock import SystemClock

    now = SystemClock().now
    backend, conn = raw_connect(url)
    call = RawCall(backend, conn, ids, window_id, path, line=line)
    lat, errors, empty, called = [], 0, 0, []
    start.wait()
    for _ in range(calls):
        t0 = time.perf_counter()
        try:
            row = call(now())
        except Exception as error:  # noqa: BLE001
            if not errors:
                print("raw driver error:", repr(error), file=sys.stderr)
            errors += 1
            continue
        lat.append(time.perf_counter() - t0)
        if row is None:
            empty += 1
        else:
            called.append(row[0])
    conn.close()
    out.put((lat, errors, empty, time.perf_counter(), called))


def _pick(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered))) - 1))]


def run(kind: str, url: str, ids: dict, processes: int, calls_each: int, path: str) -> dict:
    refill(url, ids, processes * calls_each + processes)
    ctx = mp.get_context("fork")
    start, out = ctx.Barrier(processes + 1), ctx.Queue()
    target = _hall_worker if kind == "hall" else _raw_worker
    extra = (False,) if kind == "busy" else ()  # the raw driver waiting on SQLite's busy handler, not in line
    procs = [ctx.Process(target=target, args=(url, ids, ids["windows"][i], path, calls_each, start, out, *extra))
             for i in range(processes)]
    for p in procs:
        p.start()
    start.wait()
    began = time.perf_counter()
    results = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    ended = max(r[3] for r in results)
    lat = [x * 1000 for r in results for x in r[0]]
    called = [t for r in results for t in r[4]]
    if not lat:
        raise SystemExit(f"bench_queue: no {kind} call succeeded")
    return {"lat": lat, "throughput": len(lat) / (ended - began), "errors": sum(r[1] for r in results),
            "empty": sum(r[2] for r in results), "called_twice": len(called) - len(set(called))}


def summary(rounds: list[dict]) -> dict:
    """Rounds of one measurement: latency over every call of every round, the median round's throughput."""
    lat = sorted(x for r in rounds for x in r["lat"])
    return {
        "median": statistics.median(lat), "p10": _pick(lat, 0.10), "p90": _pick(lat, 0.90),
        "p99": _pick(lat, 0.99), "throughput": statistics.median(r["throughput"] for r in rounds),
        "throughput_rounds": [round(r["throughput"], 1) for r in rounds], "calls": len(lat),
        "errors": sum(r["errors"] for r in rounds), "empty": sum(r["empty"] for r in rounds),
        "called_twice": sum(r["called_twice"] for r in rounds),
    }


def ratios_of(raw_rounds: list[dict], hall_rounds: list[dict], raw: dict, hall: dict) -> dict:
    """hall ÷ raw.  Throughput: the median of each round's ratio (its two runs back to back), with their range."""
    per_round = sorted(r["throughput"] / h["throughput"] for r, h in zip(raw_rounds, hall_rounds))
    return {"median_ratio": hall["median"] / raw["median"], "p99_ratio": hall["p99"] / raw["p99"],
            "throughput_ratio": statistics.median(per_round),
            "throughput_ratio_range": [round(per_round[0], 3), round(per_round[-1], 3)]}


def watch_latency(url: str, ids: dict, samples: int) -> dict:
    """Milliseconds from a committed call to the watcher (in its own thread) noticing it."""
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


# --------------------------------------------------------------------------- instructions (valgrind)


def _child(kind: str, path: str, calls: int, url: str, ids_file: str) -> None:
    """``calls`` calls of one kind in this process (what --instructions counts under valgrind)."""
    import pickle

    from console.core.clock import SystemClock

    with open(ids_file, "rb") as handle:
        ids = pickle.load(handle)
    if kind == "raw":
        backend, conn = raw_connect(url)
        call, now = RawCall(backend, conn, ids, ids["windows"][1], path), SystemClock().now
        one = lambda: call(now())  # noqa: E731
    else:
        from console.core.runner import Runner
        from console.queue.shared import resolve_window
        from console.queue.window import call_next
        from models.engine import Database

        db = Database(url)
        runner = Runner(db)
        with db.read() as s:
            window = resolve_window(s, ids["windows"][0], actor=ids["actor"])
        arg, actor = (window if path == "ref" else window.number), ids["actor"]
        one = lambda: runner.run(call_next, arg, actor=actor)  # noqa: E731
    for _ in range(calls):
        one()


def instructions(url: str, ids: dict, paths: list[str], calls: int) -> dict:
    """Instructions per call of each kind and path (SQLite: the database runs in the process), counted
    by valgrind: a run of ``3 × calls`` less one of ``calls``, so that start-up cancels out.  Unlike
    time, the count does not depend on what else the machine runs (kernel work is not counted)."""
    import pickle
    import shutil
    import subprocess

    if shutil.which("valgrind") is None:
        return {"error": "valgrind is not installed"}
    ids_file = str(Path(tempfile.mkdtemp(prefix="hall_bench_ids_")) / "ids.pickle")
    with open(ids_file, "wb") as handle:
        pickle.dump(ids, handle)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out: dict = {}
    for path in paths:
        counted = {}
        for kind in ("raw", "hall"):
            totals = []
            for n in (calls, 3 * calls):
                refill(url, ids, 3 * calls + 20)
                done = subprocess.run(
                    ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                     sys.executable, __file__, "--child", kind, path, str(n), url, ids_file],
                    capture_output=True, text=True, env=env)
                found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
                if done.returncode != 0 or not found:
                    return {"error": done.stderr.strip().splitlines()[-3:]}
                totals.append(int(found.group(1).replace(",", "")))
            counted[kind] = (totals[1] - totals[0]) / (2 * calls)
        out[path] = {"raw": round(counted["raw"]), "hall": round(counted["hall"]),
                     "instructions_ratio": counted["hall"] / counted["raw"]}
    return out


# --------------------------------------------------------------------------- report


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=400, help="calls per process per run")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--paths", default="ref,number", help="ref (a resolved window), number (by its number)")
    parser.add_argument("--processes", default=f"1,{WINDOWS}")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each measurement, raw and hall back to back, in turns first")
    parser.add_argument("--pg-url", default=os.environ.get("HALL_BENCH_PG_URL",
                                                           "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--watch-samples", type=int, default=15)
    parser.add_argument("--show-sql", action="store_true", help="print the statements call_next sends")
    parser.add_argument("--no-check", action="store_true",
                        help="measure even when call_next sends other statements than the raw baseline (say so)")
    parser.add_argument("--no-busy", action="store_true",
                        help="skip the SQLite raw driver without the writers' line (busy handler only)")
    parser.add_argument("--instructions", type=int, default=0, metavar="CALLS",
                        help="SQLite: also count instructions per call under valgrind (e.g. 200)")
    parser.add_argument("--json", action="store_true")
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6])
        return
    args = parser.parse_args()
    os.environ.setdefault("HALL_LANG", "en")
    paths = _csv(args.paths)
    counts = [min(WINDOWS, int(n)) for n in _csv(args.processes)]

    print(f"bench_queue: {args.calls} calls per process, {args.rounds} round(s), {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}")
    header = (f"{'engine':<11}{'procs':>5} {'path':<7}{'':<5}{'median':>8}{'p10–p90 ms':>15}{'p99':>8}"
              f"{'calls/s':>9}{'err':>4}  hall ÷ raw: median  p99  throughput")
    print(header)
    print("-" * len(header))
    report: dict = {"calls": args.calls, "rounds": args.rounds, "cpus": os.cpu_count(),
                    "aim": {"ratio": AIM_RATIO, "p99_ms": AIM_P99_MS}, "engines": {}}
    ratios: dict[str, float] = {}
    met: dict[str, bool] = {}
    for engine in _csv(args.engines):
        tmp = None
        if engine == "sqlite":
            tmp = tempfile.mkdtemp(prefix="hall_bench_")
            url = f"sqlite:///{tmp}/bench.db"
        else:
            url = create_pg(args.pg_url)
        try:
            ids = build_hall(url)
            statements = check_same_statements(url, ids, paths, args.show_sql, strict=not args.no_check)
            figures = report["engines"][engine] = {"statements_per_call": statements}
            for processes in counts:
                for path in paths:
                    busy = engine == "sqlite" and processes > 1 and not args.no_busy and HAS_LINE
                    rounds: dict[str, list[dict]] = {"raw": [], "hall": [], "busy": []}
                    for i in range(args.rounds):  # back to back, in turns first: a drifting load hits both
                        kinds = ("raw", "hall") if i % 2 == 0 else ("hall", "raw")
                        for kind in kinds + (("busy",) if busy else ()):
                            rounds[kind].append(run(kind, url, ids, processes, args.calls, path))
                    raw, hall = summary(rounds["raw"]), summary(rounds["hall"])
                    r = ratios_of(rounds["raw"], rounds["hall"], raw, hall)
                    shown = [("raw", raw), ("hall", hall)]
                    if busy:
                        plain = summary(rounds["busy"])
                        r["busy_throughput_ratio"] = plain["throughput"] / hall["throughput"]
                        shown.append(("busy", plain))
                    key = f"{engine}.{processes}.{path}"
                    figures[f"{processes}.{path}"] = {**dict(shown), **r}
                    ratios.update({f"{key}.{name}": value for name, value in r.items()})
                    if processes == WINDOWS:
                        met[f"{key}.ratio"] = r["throughput_ratio"] <= AIM_RATIO
                        met[f"{key}.p99"] = hall["p99"] <= AIM_P99_MS
                    for name, m in shown:
                        low, high = r["throughput_ratio_range"]
                        tail = (f"  {r['median_ratio']:.2f}×  {r['p99_ratio']:.2f}×  {r['throughput_ratio']:.2f}×"
                                + (f" ({low:.2f}–{high:.2f})" if args.rounds > 1 else "") if name == "hall" else "")
                        twice = f"  CALLED TWICE: {m['called_twice']}" if m["called_twice"] else ""
                        print(f"{engine:<11}{processes:>5} {path:<7}{name:<5}{m['median']:>8.2f}"
                              f"{m['p10']:>7.2f}–{m['p90']:<7.2f}{m['p99']:>8.2f}{m['throughput']:>9.0f}"
                              f"{m['errors']:>4}{tail}{twice}", flush=True)
            figures["watch"] = watch_latency(url, ids, args.watch_samples)
            if args.instructions and engine == "sqlite":
                counted = figures["instructions"] = instructions(url, ids, paths, args.instructions)
                for path, c in counted.items():
                    if isinstance(c, dict):
                        ratios[f"{engine}.{path}.instructions_ratio"] = c["instructions_ratio"]
        finally:
            if engine != "sqlite":
                drop_pg(args.pg_url, url)
    print()
    print("per call_next (begin and commit included): " + "; ".join(
        f"{e} " + ", ".join(f"{p} {n['statements']} statements"
                            + (f" in {n['round_trips']} round trips" if e != "sqlite" else "")
                            + ("" if n["same_as_raw"] else " (NOT what the raw baseline sends)")
                            for p, n in f["statements_per_call"].items())
        for e, f in report["engines"].items()))
    print("commit → watcher noticed (SQLite: PRAGMA data_version polled every 200 ms; PostgreSQL: LISTEN/NOTIFY)")
    for engine, f in report["engines"].items():
        w = f["watch"]
        print(f"{engine:<11} median {w['median']:7.1f} ms   max {w['max']:7.1f} ms   seen {w['seen']}/{w['samples']}")
    for engine, f in report["engines"].items():
        counted = f.get("instructions")
        if counted and "error" in counted:
            print(f"instructions ({engine}): {counted['error']}")
        elif counted:
            print(f"instructions per call ({engine}, valgrind, user space; the database's own work included): "
                  + "; ".join(f"{p} raw {c['raw']:,} hall {c['hall']:,} ratio {c['instructions_ratio']:.2f}×"
                              for p, c in counted.items()))
    if met:
        print(f"aims at {WINDOWS} processes (throughput ratio ≤ {AIM_RATIO}, hall p99 ≤ {AIM_P99_MS:.0f} ms): "
              + ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in met.items()))
    report["ratios"] = ratios
    report["aims_met"] = met
    if args.json:
        print(json.dumps(report, default=str))


if __name__ == "__main__":
    main()
