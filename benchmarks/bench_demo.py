"""How long ``hall demo`` takes, each step beside a baseline doing the same work in the same run.

Run: ``python benchmarks/bench_demo.py [--repeat N] [--cases N] [--no-whole] [--at "YYYY-MM-DD HH:MM"] [--json]``

The build stands on a fixed clock (``--at``, default a working Tuesday afternoon
with the hall open), as ``hall demo`` stands on the moment it starts.  Every step
runs ``--repeat`` times on fresh files; each row prints the median and the spread
(p10–p90, min–max for few runs) in seconds, and the ratio of its median to the
median of its baseline, measured in the same run:

* **history** (``--cases N``; ``--cases 535538`` is the full history) — the demo's
  case-history extension on a copy of a hall built up to it (queue and proxy
  sections done), into the scratch file the demo builds in: the rows drawn and
  streamed into the bulk insert, the month statistics, the cases' indexes rebuilt,
  the numbering, the audit, the commit.  Baseline: **bare executemany** — the very
  same rows (drawn once beforehand, already in SQLite's storage format, all in
  memory) inserted through :mod:`sqlite3` in one transaction on another copy of
  that hall with the same connection settings and the schema's indexes in place.
  The aim: at most 2×.  Beside it, the rows drawn alone (no database).
* **build** — the demo hall without history into a migrated file, PIN hashed
  already.  Baseline: every statement that build sent to the driver (captured in
  the first run), replayed through :mod:`sqlite3` in one transaction on a fresh
  migrated file: the database's share of the work.
* **hall demo --cases N** — the whole build in-process (:func:`console.demo.target.build_file`).
  Baseline: build + bare executemany of the history (the sum of the two medians):
  what the database cannot avoid doing.  With history every month since June 2004 is
  evaluated, whatever N: ``--no-whole`` leaves this row out (the small run of
  ``run_all.py``).
* **hall demo (process)** — ``hall demo --no-open`` as a fresh process.  Baseline:
  the same build in-process (schema and PIN hash included): the process's start-up.

``--json`` prints one JSON object on the last line: every row's figures and each ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlib import spread  # noqa: E402 - median and p10–p90, shared by every benchmark

#: the history's aim: at most this many times a bare executemany of the same rows
AIM_RATIO = 2.0
SEED = 2004


def timed(fn, repeat: int) -> dict:
    """``fn(i)`` run ``repeat`` times; its own figure when it returns one (seconds), else the call's."""
    times = []
    for i in range(repeat):
        started = time.perf_counter()
        value = fn(i)
        times.append(value if isinstance(value, float) else time.perf_counter() - started)
    return spread(times)


class Work:
    """Fresh files in one temporary folder, and the pieces every step shares."""

    def __init__(self, folder: Path, at: str, cases: int) -> None:
        from console.core.auth import hash_pin
        from console.core.clock import FixedClock
        from console.demo.build import DEMO_PIN, make_plan

        self.folder, self.cases = folder, cases
        self.clock = FixedClock(at)
        self.pin_hash = hash_pin(DEMO_PIN)
        self.counter = 0
        make_plan(random.Random(0))  # warm the pinyin dictionary once, as any real run pays it once
        self.schema = self.fresh("schema")
        from models.engine import Database

        db = Database(f"sqlite:///{self.schema}")
        db.ensure_schema()
        db.dispose()
        _fold(self.schema)

    def fresh(self, name: str, copy_of: Path | None = None) -> Path:
        self.counter += 1
        path = self.folder / f"{name}{self.counter}.db"
        if copy_of is not None:
            shutil.copyfile(copy_of, path)
        return path


def _fold(path: Path) -> None:
    """Leave ``path`` a single file (its write-ahead log folded in), fit to be copied."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def _raw(path: Path, *, scratch: bool) -> sqlite3.Connection:
    """A :mod:`sqlite3` connection set up as the application's (:mod:`models.engine`)."""
    from models.engine import SCRATCH_CACHE_KIB, SQLITE_BUSY_TIMEOUT_MS

    conn = sqlite3.connect(path, isolation_level=None)
    if scratch:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute(f"PRAGMA cache_size=-{SCRATCH_CACHE_KIB}")
    else:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    return conn


# --------------------------------------------------------------------------- the core build


def bench_build(work: Work, repeat: int) -> tuple[dict, dict]:
    """(the build without history, the replay of its statements through the raw driver)."""
    from sqlalchemy import event

    from console.demo.target import build_into
    from models.engine import Database

    statements: list[tuple[str, object, bool]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        # a batch of "insertmanyvalues" comes one row at a time: only a list of rows is an executemany
        many = isinstance(parameters, list) and bool(parameters) and isinstance(parameters[0], (list, tuple))
        statements.append((statement, parameters, many))

    def build(i: int) -> float:
        db = Database(f"sqlite:///{work.fresh('build', work.schema)}")
        if i == 0:
            event.listen(db.engine, "before_cursor_execute", capture)
        started = time.perf_counter()
        build_into(db, clock=work.clock, pin_hash=work.pin_hash)
        elapsed = time.perf_counter() - started
        db.dispose()
        return elapsed

    ours = timed(build, repeat)
    replayed = [s for s in statements if not s[0].lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]

    def replay(_i: int) -> None:
        conn = _raw(work.fresh("replay", work.schema), scratch=False)
        conn.execute("BEGIN IMMEDIATE")
        for statement, parameters, many in replayed:
            if many:
                conn.executemany(statement, parameters)
            else:
                conn.execute(statement, parameters).fetchall()
        conn.execute("COMMIT")
        conn.close()

    return ours, timed(replay, repeat)


# --------------------------------------------------------------------------- the history


def _hall_before_history(work: Work) -> Path:
    """A file holding the demo hall up to the history: the core build, the queue and proxy sections."""
    from console.demo import build as demo_build
    from console.demo.target import build_into
    from models.engine import Database

    path = work.fresh("before_history", work.schema)
    saved = list(demo_build.EXTENSIONS)
    demo_build.EXTENSIONS[:] = saved[:saved.index("console.demo.cases:extend")]
    db = Database(f"sqlite:///{path}")
    try:
        build_into(db, clock=work.clock, pin_hash=work.pin_hash)
    finally:
        demo_build.EXTENSIONS[:] = saved
        db.dispose()
    _fold(path)
    return path


def _history(work: Work, path: Path, *, scratch: bool = True):
    """Run the history extension on ``path``; its result."""
    from console.core.auth import Actor
    from console.core.runner import Runner
    from console.demo.cases import extend
    from models import Staff
    from models.engine import Database
    from sqlalchemy import select

    db = Database(f"sqlite:///{path}", scratch=scratch)
    try:
        with db.read() as s:
            admin = Actor.of(s.scalar(select(Staff).where(Staff.employee_no == "A001")))
        return Runner(db, clock=work.clock).run(extend, random.Random(SEED), {"cases": work.cases}, actor=admin)
    finally:
        db.dispose()


def bench_history(work: Work, repeat: int) -> dict[str, dict]:
    """The history extension, the rows drawn alone, and the bare executemany of the same rows."""
    from console.cases import bulk

    before = _hall_before_history(work)
    drawn: list[list] = []
    real_insert = bulk.insert_rows

    def listed(_session, rows, **_options) -> int:
        drawn[:] = bulk.sqlite_rows(rows)
        return len(drawn)

    def draw(_i: int) -> float:  # the extension with its insert replaced by a list: rows drawn, nothing written
        path = work.fresh("draw", before)
        bulk.insert_rows = listed
        try:
            started = time.perf_counter()
            _history(work, path)
            return time.perf_counter() - started
        finally:
            bulk.insert_rows = real_insert

    draw_only = timed(draw, 1)
    rows = list(drawn)
    drawn.clear()

    def history(_i: int) -> float:
        path = work.fresh("history", before)
        started = time.perf_counter()
        assert _history(work, path) == len(rows)
        return time.perf_counter() - started

    columns = ", ".join(bulk.INSERT_FIELDS)
    sql = f"INSERT INTO cases ({columns}) VALUES ({', '.join('?' * len(bulk.INSERT_FIELDS))})"

    def bare(_i: int) -> float:
        conn = _raw(work.fresh("bare", before), scratch=True)
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        conn.close()
        return elapsed

    # alternate the two so that a busy moment of the machine falls on both alike
    ours, baseline = [], []
    for i in range(repeat):
        baseline.append(timed(bare, 1)["median"])
        ours.append(timed(history, 1)["median"])
    return {"history": spread(ours), "bare": spread(baseline), "draw": draw_only, "rows": len(rows)}


# --------------------------------------------------------------------------- whole builds


def bench_whole(work: Work, repeat: int) -> dict:
    """``hall demo --cases N`` in-process: :func:`~console.demo.target.build_file`."""
    from console.demo.target import build_file

    def whole(_i: int) -> None:
        build_file(work.fresh("whole"), clock=work.clock, cases=work.cases)

    return timed(whole, repeat)


def bench_process(work: Work, repeat: int, at: str) -> tuple[dict, dict]:
    """(``hall demo --no-open`` as a fresh process, the same build in-process)."""
    from console.demo.target import build_file

    def process(_i: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "en", "HALL_NOW": at, "HALL_PROGRESS": "0"}
        subprocess.run([sys.executable, "-m", "console", "demo", "--no-open", "--path", str(work.fresh("process"))],
                       check=True, capture_output=True, env=env, cwd=ROOT)

    def in_process(_i: int) -> None:
        build_file(work.fresh("inprocess"), clock=work.clock)

    return timed(process, repeat), timed(in_process, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", type=int, default=20_000, help="history size (535538: the full history)")
    parser.add_argument("--no-whole", action="store_true", help="leave out the whole build with history")
    parser.add_argument("--at", default="2026-12-01 15:08:00", help="the moment of the build")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench_demo_") as folder:
        work = Work(Path(folder), args.at, args.cases)
        history = bench_history(work, args.repeat)
        build, replay = bench_build(work, args.repeat)
        whole = None if args.no_whole else bench_whole(work, args.repeat)
        process, in_process = bench_process(work, args.repeat, args.at)

    floor = build["median"] + history["bare"]["median"]
    rows = [
        ("bare executemany of the history rows", history["bare"], None, None),
        (f"history: {history['rows']:,} rows drawn + bulk insert", history["history"], history["bare"]["median"],
         "history / bare executemany"),
        ("history rows drawn alone (storage format, no insert)", history["draw"], history["bare"]["median"],
         "drawn rows / bare executemany"),
        ("replay of the build's statements (raw driver)", replay, None, None),
        ("build without history (PIN hashed)", build, replay["median"], "build / raw replay"),
        *([] if whole is None else [(f"hall demo --cases {args.cases} in-process", whole, floor,
                                     "demo with history / (build + bare executemany)")]),
        ("hall demo in-process (schema, PIN hash)", in_process, None, None),
        ("hall demo --no-open (fresh process)", process, in_process["median"], "process / in-process"),
    ]
    ratios = {label: figures["median"] / base for _n, figures, base, label in rows if base}
    result = {
        "cases": args.cases, "history_rows": history["rows"], "repeat": args.repeat, "aim_ratio": AIM_RATIO,
        "rows": {name: dict(figures) for name, figures, _b, _l in rows},
        "ratios": ratios,
        "history_met": ratios["history / bare executemany"] <= AIM_RATIO,
    }
    if args.json:  # one JSON object alone, as every benchmark prints it
        print(json.dumps(result))
        return
    width = max(len(name) for name, *_ in rows)
    print(f"{args.repeat} runs each; seconds: median (p10–p90)")
    print(f"{'step':<{width}}  {'median':>8}  {'spread':>17}  {'× baseline':>10}")
    for name, figures, base, _label in rows:
        ratio = f"{figures['median'] / base:10.2f}" if base else f"{'(baseline)':>10}"
        print(f"{name:<{width}}  {figures['median']:8.3f}  {figures['p10']:7.3f} – {figures['p90']:7.3f}  {ratio}")
    print(f"history: {'within' if result['history_met'] else 'over'} the aim of {AIM_RATIO:g}× a bare executemany")


if __name__ == "__main__":
    main()
