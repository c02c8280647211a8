"""Supervision screen refresh: ``supervision_board`` over a demo-scale case table.

Run: ``python benchmarks/bench_supervision.py [--cases N] [--open N] [--rounds N] [--db PATH]``

Builds (once; ``--db`` keeps the file for later runs) a SQLite hall from
``tests.factories.make_hall`` with ``--cases`` historical cases added by the
cases demo extension (:func:`console.demo.cases.extend`), then reopens
``--open`` of them (every k-th row: status ``accepted``, due dates spread over
the weeks around the board's day) so that the board has yellow and red cases
to find among the closed history.

Timed, each ``--rounds`` times:

* ``service`` — what one screen refresh runs: a ``db.read()`` transaction and
  :func:`console.cases.reports.supervision_board` (calendar, yellow threshold,
  the joined query, grouping by department and window);
* ``sql`` — the hand-written SQL of the same query with ``sqlite3`` (baseline);
* ``sql, no index`` — the same SQL with ``NOT INDEXED`` on ``cases``: a full scan,
  what the refresh would cost without the ``(status, due_date)`` index.

Prints median and p99 in milliseconds and the ratio to the hand-written SQL.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: the board's day: a Wednesday near the end of the demo history
TODAY = date(2009, 5, 27)

SQL = """
SELECT c.number, c.due_date, c.status, d.name, s.code, w.number, i.name, c.applicant_name
FROM cases AS c{hint}
JOIN departments AS d ON c.department_id = d.id
JOIN items AS i ON c.item_id = i.id
JOIN sites AS s ON c.site_id = s.id
LEFT OUTER JOIN windows AS w ON c.window_id = w.id
WHERE c.status IN ('accepted', 'under_review', 'decided') AND c.due_date <= ?
ORDER BY c.due_date, c.number
LIMIT 2000
"""


def build(path: Path, cases: int, reopen: int) -> None:
    """A hall with ``cases`` demo cases, ``reopen`` of them open again around :data:`TODAY`."""
    from sqlalchemy import text

    from console.core.auth import Actor
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from console.demo.cases import extend
    from models import Role, Staff
    from models.engine import Database
    from tests.factories import make_hall

    db = Database(f"sqlite:///{path}")
    db.ensure_schema()
    make_hall(db)
    started = time.perf_counter()
    with db.read() as session:
        admin = Actor.of(session.query(Staff).filter(Staff.role == Role.admin).first())
    with Runner(db, clock=FixedClock(datetime.combine(TODAY, datetime.min.time()))).transaction(
            admin, write=True) as ctx:
        added = extend(ctx, random.Random(4), {"cases": cases})
    print(f"generated {added} cases in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    step = max(1, cases // max(1, reopen))
    rng = random.Random(7)
    with db.write() as session:
        ids = session.execute(text("SELECT id FROM cases WHERE id % :step = 0"), {"step": step}).scalars().all()
        updates = [{"id": i, "due": (TODAY + timedelta(days=rng.randint(-20, 20))).isoformat()} for i in ids]
        session.execute(text("UPDATE cases SET status = 'accepted', due_date = :due, completed_at = NULL, "
                             "completed_date = NULL WHERE id = :id"), updates)
    db.dispose()


def timed(fn, rounds: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=535_538)
    parser.add_argument("--open", type=int, default=3000, help="cases reopened around the board's day")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--db", type=Path, help="keep the generated hall here (reused when it exists)")
    args = parser.parse_args()

    from console.cases.reports import supervision_board
    from console.cases.access import yellow_threshold
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from models.engine import Database
    from tests.factories import actor

    folder = Path(tempfile.mkdtemp(prefix="bench-supervision-"))
    path = args.db or folder / "hall.db"
    if not path.exists():
        build(path, args.cases, args.open)
    db = Database(f"sqlite:///{path}")
    supervisor = actor(db, "S001")
    runner = Runner(db, clock=FixedClock(datetime(TODAY.year, TODAY.month, TODAY.day, 9)))

    def service():
        return runner.run(supervision_board, today=TODAY, actor=supervisor)

    board = service()
    with db.read() as session:
        threshold = yellow_threshold(session, TODAY).isoformat()
    raw = sqlite3.connect(str(path))
    total = raw.execute("SELECT count(*) FROM cases").fetchone()[0]

    def sql(hint: str = ""):
        return raw.execute(SQL.format(hint=hint), (threshold,)).fetchall()

    assert len(sql()) == len(board.cases) == len(sql(" NOT INDEXED"))
    results = [
        ("sql (baseline)", timed(sql, args.rounds)),
        ("service (one screen refresh)", timed(service, args.rounds)),
        ("sql, no index", timed(lambda: sql(" NOT INDEXED"), max(5, args.rounds // 10))),
    ]
    base = statistics.median(results[0][1])
    print(f"supervision board over {total:,} cases on {TODAY} ({board.yellow} yellow, {board.red} red listed); "
          f"{args.rounds} rounds")
    print(f"{'what':<30} {'median ms':>10} {'p99 ms':>10} {'ratio':>8}")
    for name, values in results:
        median = statistics.median(values)
        print(f"{name:<30} {median:>10.2f} {p99(values):>10.2f} {median / base:>7.1f}x")
    db.dispose()
    raw.close()


if __name__ == "__main__":
    main()
