"""How long the monthly assessment takes on a demo-scale hall.

Builds a hall at the source's scale (36 departments with 8 items each, 60 center
windows, 187 window staff) in a fresh database, adds the demo's case history
(``--cases``, default 100,000 over June 2004 – May 2009; 535538 is the source's
full volume) with ratings of one case in 20, scatters a busy month (March 2007)
of supervisor entries over it (``--entries``, default 6000) and times, each
``--repeat`` rounds taken in turns with its baseline, what users run:

* ``draft_month_scores`` — ``month_scores`` through the runner before the month is
  frozen (``hall assess month`` and the scores screen): every target, caps, business and
  discipline parts, the breakdown and the rankings;
* ``freeze_month`` — the freeze (a write), the database put back after every round;
* ``read_frozen_month_scores`` — reading the stored scores back after freezing.

The baseline of each is the same work at the database: the very statements it sends
(recorded from the engine), with the same parameters, sent again through the raw
driver on the same engine's connection and every row fetched (``…_same_sql_raw_driver``;
the freeze's on SQLite only, where a replay after putting the database back writes the
same rows).  The ratio is what the ORM and the Python work add.  For reference,
``counts_only_group_by`` times the hand-written ``GROUP BY`` queries that only count the
month's occurrences per rule and target (less work than the draft: no reasons, no targets).

Run: ``python benchmarks/bench_assess.py [--db URL] [--cases N] [--entries N] [--repeat R] [--json]``
(default a temporary SQLite file).  Prints median and p10–p90 of each, and its ratio
to its baseline; ``--json`` prints one JSON object (milliseconds) on the last line.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))


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


def restorer(db):
    """A function putting the database back as it is now, before a freeze: no stored month,
    the audit chain ending where it ends now (SQLite: ids are reused, so a replayed freeze
    writes the very rows of the captured one)."""
    from sqlalchemy import text

    with db.read() as s:
        last_id, last_hash = s.execute(text("SELECT last_id, last_hash FROM audit_head")).one()

    def restore() -> None:
        with db.write() as s:
            s.execute(text("DELETE FROM assess_score_lines"))
            s.execute(text("DELETE FROM assess_scores"))
            s.execute(text("DELETE FROM assess_months"))
            s.execute(text("DELETE FROM audit_events WHERE id > :id"), {"id": last_id})
            s.execute(text("UPDATE audit_head SET last_id = :id, last_hash = :hash"),
                      {"id": last_id, "hash": last_hash})

    return restore


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--entries", type=int, default=6000)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7, help="rounds of every measurement (median reported)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures (last line)")
    args = parser.parse_args()

    from sqlalchemy import select, text

    from benchlib import band, capture, figure, interleaved, print_json, replay
    from console.assess.months import freeze_month, month_scores
    from console.assess.common import Month
    from console.core.auth import Actor
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from models import Role, Staff
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
    engine = db.engine
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
    with db.read() as s:
        sup = Actor.of(s.scalar(select(Staff).where(Staff.role == Role.supervisor)))
    runner = Runner(db, clock=FixedClock(NOW))

    def counts_only():
        with db.read() as s:
            return [s.execute(q, params).all() for q in queries]

    def draft():  # what `hall assess month` and the scores screen run before the month is frozen
        return runner.run(month_scores, month.key, actor=sup)

    groups = len(counts_only()[0])
    with capture(engine) as draft_sql:
        result = draft()
    assert result.status == "draft", result.status
    manual = sum(1 for r in result.windows + result.staff for ln in r.lines if ln.reason[:4].isdigit())
    assert manual == groups, (manual, groups)
    reads = interleaved({
        "same_sql": lambda: replay(engine, draft_sql),
        "draft": draft,
        "counts_only": counts_only,
    }, args.repeat)

    # the freeze, a write: measured several times, the database put back after each
    restore = restorer(db)
    with capture(engine) as freeze_sql:
        runner.run(freeze_month, month.key, actor=sup)
    with db.read() as s:
        stored = s.execute(text("SELECT count(*) FROM assess_score_lines")).scalar()
    restore()
    writes_replayable = db.backend == "sqlite"  # PostgreSQL never reuses an id (nor deletes audit events)
    if writes_replayable:  # the replay writes the same rows
        replay(engine, freeze_sql, commit=True)
        with db.read() as s:
            assert s.execute(text("SELECT count(*) FROM assess_score_lines")).scalar() == stored
        restore()
    write_fns = {"freeze": lambda: runner.run(freeze_month, month.key, actor=sup)}
    if writes_replayable:
        write_fns = {"same_sql": lambda: replay(engine, freeze_sql, commit=True), **write_fns}
    writes = interleaved(write_fns, args.repeat, between=restore)

    runner.run(freeze_month, month.key, actor=sup)

    def read_frozen():
        return runner.run(month_scores, month.key, actor=sup)

    with capture(engine) as frozen_sql:
        assert read_frozen().status == "frozen"
    frozen = interleaved({"same_sql": lambda: replay(engine, frozen_sql), "read": read_frozen}, args.repeat)

    figures = {
        "draft_same_sql_raw_driver": figure(reads["same_sql"]),
        "draft_month_scores": figure(reads["draft"], reads["same_sql"], "draft_same_sql_raw_driver"),
        "counts_only_group_by": figure(reads["counts_only"], reads["same_sql"], "draft_same_sql_raw_driver"),
    }
    if writes_replayable:
        figures["freeze_same_sql_raw_driver"] = figure(writes["same_sql"])
    figures["freeze_month"] = figure(writes["freeze"], writes.get("same_sql"),
                                     "freeze_same_sql_raw_driver" if writes_replayable else None)
    figures["read_frozen_same_sql_raw_driver"] = figure(frozen["same_sql"])
    figures["read_frozen_month_scores"] = figure(frozen["read"], frozen["same_sql"],
                                                 "read_frozen_same_sql_raw_driver")
    figures["draft_month_scores"]["ratio_to_counts_only"] = (
        figures["draft_month_scores"]["median"] / figures["counts_only_group_by"]["median"])
    info = {"backend": db.backend, "cases": args.cases, "entries": args.entries, "groups": groups,
            "windows": len(result.windows), "staff": len(result.staff), "rounds": args.repeat,
            "build_s": t_build, "statements": {"draft": len(draft_sql), "freeze": len(freeze_sql),
                                               "read_frozen": len(frozen_sql)}}
    db.dispose()
    if tmp:
        tmp.cleanup()
    if args.json:
        print_json({**info, "unit": "ms", "figures": figures})
        return 0
    print(f"backend {info['backend']}; {args.cases} cases (built in {t_build:.0f} s); month {month.key}: "
          f"{args.entries} entries in {groups} rule×target groups; "
          f"{len(result.windows)} windows, {len(result.staff)} staff; median of {args.repeat} rounds, in turns")
    print(f"{'measurement':<36}{'median ms':>11}{'p10–p90 ms':>18}{'ratio':>8}  baseline")
    for name, f in figures.items():
        shown = f"{f['ratio']:8.2f}" if f.get("ratio") is not None else " " * 8
        print(f"{name:<36}{f['median']:>11.1f}{band(f, '.1f'):>18}{shown}  {f.get('baseline') or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
