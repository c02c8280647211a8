"""Filtered case lists over a large history, beside the same SQL through the raw driver.

    python benchmarks/bench_case_lists.py [--cases 535538] [--repeat 15] [--json]

A SQLite database of the small test hall gets ``--cases`` historical cases (the demo's
generator, written by a bare ``executemany``), then ``ANALYZE``.  Each filtered list —
``list_cases`` (a page of 500, newest entered first) and ``count_cases`` (its total), as a
supervisor (every case) and as a clerk (the departments of their window) — is run in-process
``--repeat`` times: median and spread (p10–p90) in milliseconds.  The baseline is the same
work without the application: the very statements the use case sent (captured from the
engine) run again through :mod:`sqlite3`, fetching every row.  The aim is each list
≤ 50 ms.  The lists are then measured again with the indexes of migration
``0007_case_lists`` dropped (``--no-compare`` skips it): the figures before them.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlib import spread  # noqa: E402 - median and p10–p90, shared by every benchmark

AIM_MS = 50.0
TODAY = date(2009, 6, 1)
#: (name, who, keyword arguments of list_cases / count_cases)
LISTS = [
    ("all, supervisor", "S001", {}),
    ("completed, supervisor", "S001", {"status": "completed"}),
    ("withdrawn, supervisor", "S001", {"status": "withdrawn"}),
    ("overdue, supervisor", "S001", {"overdue": True}),
    ("all, clerk (window's departments)", "C001", {}),
    ("completed, clerk", "C001", {"status": "completed"}),
    ("mine, clerk", "C001", {"scope": "mine"}),
    ("window, clerk", "C001", {"scope": "window"}),
]
NEW_INDEXES = ("ix_cases_list_accepted", "ix_cases_list_status", "ix_cases_list_department", "ix_cases_list_window", "ix_cases_list_staff",
               "ix_cases_list_site")


def _sqlite_value(v):
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return getattr(v, "value", v)


def build(path: Path, count: int) -> float:
    """The test hall and ``count`` cases in ``path``; seconds it took."""
    from console.cases.files import INSERT_FIELDS
    from console.demo.cases import build_rows
    from models.engine import Database
    from tests.factories import make_hall

    start = time.perf_counter()
    db = Database(f"sqlite:///{path}")
    db.ensure_schema()
    make_hall(db)
    with db.read() as session:
        rows = build_rows(session, random.Random(2009), count)
    db.dispose()
    sql = f"INSERT INTO cases ({', '.join(INSERT_FIELDS)}) VALUES ({', '.join('?' * len(INSERT_FIELDS))})"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(sql, ([_sqlite_value(v) for v in row] for row in rows))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return time.perf_counter() - start


def measure(path: Path, repeat: int) -> dict:
    """Every list of :data:`LISTS`: the use cases' times, the raw driver's, the plans."""
    from sqlalchemy import event

    from console.cases.access import count_cases, list_cases
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from models.engine import Database
    from tests.factories import actor

    db = Database(f"sqlite:///{path}")
    runner = Runner(db, clock=FixedClock(datetime(2009, 6, 1, 9, 0)))
    actors = {no: actor(db, no) for no in {who for _n, who, _k in LISTS}}
    raw = sqlite3.connect(path)
    captured: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        captured.append((statement, tuple(parameters)))

    out: dict = {}
    for name, who, kwargs in LISTS:
        figures: dict = {}
        for label, fn in (("list", list_cases), ("count", count_cases)):
            with runner.transaction(actors[who]) as ctx:
                fn(ctx, today=TODAY, **kwargs)  # warm: the caches of the first call
                captured.clear()
                event.listen(db.engine, "before_cursor_execute", capture)
                result = fn(ctx, today=TODAY, **kwargs)
                event.remove(db.engine, "before_cursor_execute", capture)
                statements = list(captured)
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    fn(ctx, today=TODAY, **kwargs)
                    times.append((time.perf_counter() - start) * 1000)
            bare = []
            for _ in range(repeat):
                start = time.perf_counter()
                for statement, params in statements:
                    raw.execute(statement, params).fetchall()
                bare.append((time.perf_counter() - start) * 1000)
            main = statements[-1]
            plan = [row[-1] for row in raw.execute("EXPLAIN QUERY PLAN " + main[0], main[1])]
            ours, base = spread(times), spread(bare)
            figures[label] = {"ms": ours, "raw_driver_ms": base, "ratio": ours["median"] / base["median"],
                              "rows": result if isinstance(result, int) else len(result), "plan": plan,
                              "met": ours["median"] <= AIM_MS}
        out[name] = figures
    raw.close()
    db.dispose()
    return out


def drop_new_indexes(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for name in NEW_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    conn.execute("ANALYZE")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=535_538)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-compare", action="store_true", help="skip the run without the 0007 indexes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-case-lists-") as tmp:
        path = Path(tmp) / "cases.db"
        built = build(path, args.cases)
        result = {"cases": args.cases, "repeat": args.repeat, "aim_ms": AIM_MS, "build_s": built,
                  "with_indexes": measure(path, args.repeat)}
        if not args.no_compare:
            drop_new_indexes(path)
            result["without_0007_indexes"] = measure(path, args.repeat)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.cases:,} cases (built in {built:.0f} s), {args.repeat} runs each; aim ≤ {AIM_MS:.0f} ms")
    runs = [("with_indexes", "with the schema's indexes (0007, 0009)")]
    if "without_0007_indexes" in result:
        runs.append(("without_0007_indexes", "without them"))
    for key, title in runs:
        print(f"\n{title}:")
        print(f"{'list':<36} {'kind':<6} {'ms median (p10–p90)':<22} {'raw driver':<10} {'ratio':>6}  rows")
        for name, figures in result[key].items():
            for label, f in figures.items():
                ms = f["ms"]
                print(f"{name:<36} {label:<6} {ms['median']:7.1f} ({ms['p10']:.1f}–{ms['p90']:.1f}){'':<4} "
                      f"{f['raw_driver_ms']['median']:8.1f}   {f['ratio']:5.2f}  {f['rows']}"
                      f"{'' if f['met'] else '  (over the aim)'}")
                if key == "with_indexes":
                    print(f"{'':<44}plan: {'; '.join(f['plan'])}")


if __name__ == "__main__":
    main()
