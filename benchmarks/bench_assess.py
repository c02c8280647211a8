"""How long the monthly assessment takes on a demo-scale hall.

Builds a hall at the source's scale (36 departments with 8 items each, 60 center
windows, 187 window staff) in a fresh database, adds the demo's case history
(``--cases``, default 100,000 over June 2004 – May 2009; 535538 is the source's
full volume) with ratings of one case in 20, scatters a busy month (March 2007)
of supervisor entries over it (``--entries``, default 6000) and times, each best
of ``--repeat`` runs:

* ``sql aggregate`` — the baseline: the hand-written ``GROUP BY`` queries that
  count the month's occurrences per rule and target (entries joined to the
  rules; overdue, red-warning, handled cases; bad ratings), nothing else;
* ``draft (compute_scores)`` — the full draft: every target, caps, business and
  discipline parts, the breakdown and the rankings;
* ``read frozen month`` — reading the stored scores back after freezing.

Run: ``python benchmarks/bench_assess.py [--db URL] [--cases N] [--entries N] [--repeat R]``
(default a temporary SQLite file).  Prints a table with each time and its ratio
to the baseline.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


#: the benchmark hall's clock: after the demo's case history (June 2004 – May 2009)
NOW = "2009-06-01 09:00:00"


def build(db, entries: int, cases: int = 0, seed: int = 1) -> None:
    from sqlalchemy import select

    from console.assess.rules import ensure_default_rules
    from models import (
        AssessEntry,
        AssessRule,
        Department,
        Item,
        Role,
        Site,
        SiteKind,
        Staff,
        TargetKind,
        Window,
    )

    rng = random.Random(seed)
    with db.write() as s:
        ensure_default_rules(s)
        center = Site(code="410185", name="登封市行政服务中心", kind=SiteKind.center)
        s.add(center)
        s.flush()
        departments = [Department(code=f"D{i:02d}", name=f"部门{i}") for i in range(36)]
        s.add_all(departments)
        s.flush()
        windows = [Window(site_id=center.id, number=f"{i + 1:02d}", name=f"窗口{i + 1}",
                          departments=[departments[i % 36]]) for i in range(60)]
        s.add_all(Item(code=f"{d.code}-{k:03d}", name=f"事项{k}", department_id=d.id, promised_days=3 + 2 * k,
                       catalog_year=2004) for d in departments for k in range(8))
        s.add_all(windows)
        s.flush()
        people = [Staff(employee_no=f"K{i + 1:03d}", name=f"职员{i + 1}", role=Role.clerk, site_id=center.id,
                        department_id=departments[i % 36].id, window_id=windows[i % 60].id, pin_hash="x",
                        created_at=datetime(2025, 1, 2, 8, 0))
                  for i in range(187)]
        supervisor = Staff(employee_no="S001", name="督查员", role=Role.supervisor, site_id=center.id, pin_hash="x",
                           created_at=datetime(2025, 1, 2, 8, 0))
        admin = Staff(employee_no="A001", name="管理员", role=Role.admin, site_id=center.id, pin_hash="x",
                      created_at=datetime(2025, 1, 2, 8, 0))
        s.add_all(people + [supervisor, admin])
        s.flush()
        manual = [r for r in s.scalars(select(AssessRule).where(AssessRule.source == "manual"))]
        start = date(2007, 3, 1)
        rows = []
        for _ in range(entries):
            rule = rng.choice(manual)
            is_window = rule.target == TargetKind.window
            target = rng.choice(windows if is_window else people)
            rows.append(AssessEntry(rule_id=rule.id, target_kind=rule.target,
                                    window_id=target.id if is_window else None,
                                    staff_id=None if is_window else target.id,
                                    on_date=start + timedelta(days=rng.randrange(31)), points=rule.points,
                                    reason="督查发现", entered_by_id=supervisor.id,
                                    entered_at=datetime.fromisoformat(NOW)))
        s.add_all(rows)
    if cases:
        from console.demo import cases as case_demo
        from console.demo.assess import _ratings
        from console.assess.common import Month
        from console.core.auth import Actor
        from console.core.clock import FixedClock
        from console.core.runner import Runner

        with db.read() as s:
            admin = Actor.of(s.scalar(select(Staff).where(Staff.role == Role.admin)))
        with Runner(db, clock=FixedClock(NOW)).transaction(admin, write=True) as ctx:
            case_demo.extend(ctx, rng, {"cases": cases})
        with db.write() as s:
            sup = Actor.of(s.scalar(select(Staff).where(Staff.role == Role.supervisor)))
            months = [Month(2004 + (5 + i) // 12, (5 + i) % 12 + 1) for i in range(60)]
            _ratings(s, rng, sup, months, set())


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--entries", type=int, default=6000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from sqlalchemy import text

    from console.assess.months import compute_scores, freeze_month, month_scores
    from console.assess.common import Month
    from console.core.auth import Actor
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from models import Role
    from models.engine import Database

    tmp = None
    url = args.db
    if not url:
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{tmp.name}/bench.db"
    db = Database(url)
    db.ensure_schema()
    t0 = time.perf_counter()
    build(db, args.entries, args.cases)
    t_build = time.perf_counter() - t0
    month = Month(2007, 3)
    queries = [text(q) for q in (
        "SELECT r.code, e.target_kind, e.window_id, e.staff_id, COUNT(*), SUM(e.points) "
        "FROM assess_entries e JOIN assess_rules r ON r.id = e.rule_id "
        "WHERE r.active AND e.on_date >= :start AND e.on_date < :end "
        "GROUP BY r.code, e.target_kind, e.window_id, e.staff_id",
        "SELECT staff_id, window_id, COUNT(*) FROM cases WHERE late AND completed_date >= :start "
        "AND completed_date < :end GROUP BY staff_id, window_id",
        "SELECT staff_id, window_id, COUNT(*) FROM cases WHERE due_date >= :start AND due_date < :end "
        "AND status <> 'withdrawn' AND (completed_date IS NULL OR completed_date >= :end) "
        "GROUP BY staff_id, window_id",
        "SELECT staff_id, window_id, COUNT(*) FROM cases WHERE accepted_month = :ym "
        "GROUP BY staff_id, window_id",
        "SELECT staff_id, window_id, COUNT(*) FROM ratings WHERE level IN ('dissatisfied', 'very_dissatisfied') "
        "AND rated_on >= :start AND rated_on < :end GROUP BY staff_id, window_id",
    )]
    params = {"start": month.start, "end": month.end, "ym": month.year * 100 + month.month}

    def baseline():
        with db.read() as s:
            return [s.execute(q, params).all() for q in queries]

    def draft():
        with db.read() as s:
            return compute_scores(s, month)

    groups = len(baseline()[0])
    result = draft()
    manual = sum(1 for r in result.windows + result.staff for ln in r.lines if ln.reason[:4].isdigit())
    assert manual == groups, (manual, groups)
    t_base = best(baseline, args.repeat)
    t_draft = best(draft, args.repeat)
    with db.read() as s:
        from sqlalchemy import select

        from models import Staff

        sup = Actor.of(s.scalar(select(Staff).where(Staff.role == Role.supervisor)))
    runner = Runner(db, clock=FixedClock(NOW))
    t0 = time.perf_counter()
    runner.run(freeze_month, month.key, actor=sup)
    t_freeze = time.perf_counter() - t0

    def read_frozen():
        return runner.run(month_scores, month.key, actor=sup)

    t_read = best(read_frozen, args.repeat)
    print(f"backend {db.backend}; {args.cases} cases (built in {t_build:.0f} s); month {month.key}: "
          f"{args.entries} entries in {groups} rule×target groups; "
          f"{len(result.windows)} windows, {len(result.staff)} staff; best of {args.repeat}")
    print(f"{'measurement':<28}{'seconds':>10}{'ratio':>9}")
    for name, seconds in (("sql aggregate (baseline)", t_base), ("draft (compute_scores)", t_draft),
                          ("freeze (once)", t_freeze), ("read frozen month", t_read)):
        print(f"{name:<28}{seconds:>10.4f}{seconds / t_base:>9.1f}")
    db.dispose()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
