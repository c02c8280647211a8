"""Supervision screen refresh: ``supervision_board`` over a demo-scale case table.

Run: ``python benchmarks/bench_supervision.py [--cases N] [--open N] [--rounds N] [--db PATH]``

Builds (once; ``--db`` keeps the file for later runs) a SQLite hall from
``tests.factories.make_hall`` with ``--cases`` historical cases added by the
cases demo extension (:func:`console.demo.cases.extend`), then reopens
``--open`` of them (every k-th row: status ``accepted``, due dates spread over
the weeks around the board's day) so that the board has yellow and red cases
to find among the closed history.

Timed, each ``--rounds`` times, in turns:

* ``service`` — what one screen refresh runs: the use case through the runner (a read
  transaction and :func:`console.cases.reports.supervision_board`: calendar, yellow
  threshold, the joined query, grouping by department and window);
* ``same sql, raw driver`` — the baseline: the very statements the service sends
  (recorded from the engine), with the same parameters, replayed through the raw driver
  with every row fetched;
* ``hand sql`` — for reference, the hand-written SQL of the board's main query with
  ``sqlite3`` (the query alone: no calendar, no threshold);
* ``hand sql, no index`` — that SQL with ``NOT INDEXED`` on ``cases``: a full scan,
  what the refresh would cost without the ``(status, due_date)`` index.

Prints median, p10–p90 and p99 in milliseconds and the ratio to the same-SQL baseline;
``--json`` prints one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchlib import band, capture, figure, interleaved, print_json, replay  # noqa: E402

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


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=535_538)
    parser.add_argument("--open", type=int, default=3000, help="cases reopened around the board's day")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--db", type=Path, help="keep the generated hall here (reused when it exists)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures (last line)")
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
    with capture(db.engine) as statements:
        service()
    times = interleaved({"same": lambda: replay(db.engine, statements), "service": service, "hand": sql},
                        args.rounds)
    scan = interleaved({"scan": lambda: sql(" NOT INDEXED")}, max(5, args.rounds // 10))["scan"]
    base = "same_sql_raw_driver"
    figures = {
        base: figure(times["same"], p99=p99(times["same"]), statements=len(statements)),
        "service": figure(times["service"], times["same"], base, p99=p99(times["service"])),
        "hand_sql": figure(times["hand"], times["same"], base, p99=p99(times["hand"])),
        "hand_sql_no_index": figure(scan, times["same"], base, p99=p99(scan)),
    }
    db.dispose()
    raw.close()
    if args.db is None:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print_json({"cases": total, "today": TODAY.isoformat(), "yellow": board.yellow, "red": board.red,
                    "rounds": args.rounds, "unit": "ms", "figures": figures})
        return
    print(f"supervision board over {total:,} cases on {TODAY} ({board.yellow} yellow, {board.red} red listed); "
          f"{args.rounds} rounds in turns")
    print(f"{'what':<22} {'median ms':>10} {'p10–p90 ms':>16} {'p99 ms':>10} {'ratio':>8}")
    for name, f in figures.items():
        shown = f"{f['ratio']:>7.1f}x" if f.get("ratio") is not None else ""
        print(f"{name:<22} {f['median']:>10.2f} {band(f):>16} {f['p99']:>10.2f} {shown:>8}")


if __name__ == "__main__":
    main()
