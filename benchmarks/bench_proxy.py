"""The proxy worklist and project detail over many open projects, beside the bare queries they run.

Builds a SQLite hall with N open projects of five items each (every item a case
accepted through the intake service), then times:

* ``worklist`` — every open project with its one clock, warnings and next action;
* ``project_detail`` — one project with items, visits and its audit-trail timeline;

beside a baseline measured in the same run: the bare SELECT of the same project,
item and case rows with no clock or warning work.

Run: ``python benchmarks/bench_proxy.py [N] [--keep DB]`` (default 300 projects); with
``--keep DB`` the built database is kept at DB and reused when it exists.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main(n: int = 300, keep: str | None = None) -> None:
    from sqlalchemy import select

    from console.proxy.projects import handoff, materials_complete, take
    from console.proxy.items import add_item
    from console.proxy.views import project_detail, worklist
    from models import Case, Item, Project, ProjectItem
    from models.engine import Database
    from tests import factories
    from tests.proxy_helpers import ENTERPRISE, FIVE_ITEMS, PROJECT, extend_hall

    path = Path(keep) if keep else Path(tempfile.mkdtemp()) / "bench.db"
    reuse = path.exists()
    db = Database(f"sqlite:///{path}")
    db.ensure_schema()
    if not reuse:
        factories.make_hall(db)
        extend_hall(db)
    clerk, agent = factories.actor(db, "C001"), factories.actor(db, "P001")
    from stdnum.cn import uscc

    from dataclasses import replace

    from console.core.clock import SystemClock
    from console.core.runner import Runner

    runner = Runner(db, clock=SystemClock())
    start = time.perf_counter()
    with runner.transaction(clerk, write=True) as ctx:
        as_agent = replace(ctx, actor=agent)
        if reuse:
            n = ctx.session.query(Project).count()
        for i in range(0 if reuse else n):
            base = f"91410185MA{i:07d}"
            ent = {**ENTERPRISE, "uscc": base + uscc.calc_check_digit(base), "name": f"企业{i}"}
            number = handoff(ctx, enterprise=ent, project=PROJECT).number
            take(as_agent, number)
            for code in FIVE_ITEMS:
                add_item(as_agent, number, code)
            if i % 2:
                materials_complete(as_agent, number)
    built = time.perf_counter() - start
    sup = factories.actor(db, "S001")
    with db.read() as s:
        some = s.scalar(select(Project.number).order_by(Project.id.desc()))

    def run_worklist():
        assert len(runner.run(worklist, actor=sup)) == n

    def run_detail():
        assert len(runner.run(project_detail, some, actor=sup).items) == 5

    def baseline_list():
        with db.read() as s:
            rows = s.execute(select(Project.number, Project.due_date, Item.code, Case.number, Case.status,
                                    Case.due_date)
                             .join(ProjectItem, ProjectItem.project_id == Project.id)
                             .join(Item, ProjectItem.item_id == Item.id)
                             .join(Case, ProjectItem.case_id == Case.id)).all()
            assert len(rows) == 5 * n

    def baseline_detail():
        with db.read() as s:
            pid = s.scalar(select(Project.id).where(Project.number == some))
            rows = s.execute(select(Item.code, Case.number, Case.status, Case.due_date)
                             .join(ProjectItem, ProjectItem.item_id == Item.id)
                             .join(Case, ProjectItem.case_id == Case.id)
                             .where(ProjectItem.project_id == pid)).all()
            assert len(rows) == 5

    for fn in (run_worklist, run_detail, baseline_list, baseline_detail):
        fn()  # warm caches (calendar, statements)
    results = {
        "baseline: bare list SELECT": _timed(baseline_list, 15),
        "worklist (clock, warnings, next action)": _timed(run_worklist, 15),
        "baseline: bare detail SELECT": _timed(baseline_detail, 30),
        "project_detail (with timeline)": _timed(run_detail, 30),
    }
    how = "reused" if reuse else f"built through the services in {built:.1f} s"
    print(f"{n} open projects × 5 items, {how} (SQLite)")
    print(f"{'measurement':42} {'median ms':>10} {'p95 ms':>8} {'ratio':>7}")
    names = list(results)
    for i, name in enumerate(names):
        times = sorted(results[name])
        base = statistics.median(results[names[i - i % 2]])
        median = statistics.median(times)
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name:42} {median:10.2f} {p95:8.2f} {median / base:7.1f}")
    db.dispose()


if __name__ == "__main__":
    args = sys.argv[1:]
    keep_path = None
    if "--keep" in args:
        i = args.index("--keep")
        keep_path = args[i + 1]
        del args[i:i + 2]
    main(int(args[0]) if args else 300, keep_path)
