"""The proxy worklist and project detail over many open projects, beside the same SQL done bare.

Builds a SQLite hall with N open projects of five items each (every item a case
accepted through the intake service), then times what the proxy screens and
``hall proxy`` run, through the runner:

* ``worklist`` — every open project with its one clock, warnings and next action;
* ``project_detail`` — one project with items, visits and its audit-trail timeline;

each beside its baseline, measured in turns in the same run: the very statements it
sends (recorded from the engine), with the same parameters, replayed through the raw
driver with every row fetched — the same database work without the ORM, the clocks
and the warnings.  For reference, the bare SELECT of the same project, item and case
rows (less work: no visits, no timeline) with its ratio to that baseline too.

Run: ``python benchmarks/bench_proxy.py [N] [--rounds R] [--keep DB] [--json]`` (default 300
projects); with ``--keep DB`` the built database is kept at DB and reused when it exists.
Medians and p10–p90 (and p95) in milliseconds; ``--json`` prints one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import band, capture, figure, interleaved, print_json, replay  # noqa: E402


def main(n: int = 300, keep: str | None = None, rounds: int = 15, as_json: bool = False) -> None:
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
    with capture(db.engine) as list_sql:
        run_worklist()
    with capture(db.engine) as detail_sql:
        run_detail()
    lists = interleaved({"same": lambda: replay(db.engine, list_sql), "ours": run_worklist,
                         "bare": baseline_list}, rounds)
    details = interleaved({"same": lambda: replay(db.engine, detail_sql), "ours": run_detail,
                           "bare": baseline_detail}, 2 * rounds)

    def p95(values):
        ordered = sorted(values)
        return ordered[max(0, int(len(ordered) * 0.95) - 1)]

    figures = {}
    for what, times, statements in (("worklist", lists, list_sql), ("project_detail", details, detail_sql)):
        base = f"{what}_same_sql_raw_driver"
        figures[base] = figure(times["same"], p95=p95(times["same"]), statements=len(statements))
        figures[what] = figure(times["ours"], times["same"], base, p95=p95(times["ours"]))
        figures[f"{what}_bare_select"] = figure(times["bare"], times["same"], base, p95=p95(times["bare"]))
    how = "reused" if reuse else f"built through the services in {built:.1f} s"
    db.dispose()
    if as_json:
        print_json({"projects": n, "items_per_project": 5, "rounds": rounds, "built_s": None if reuse else built,
                    "unit": "ms", "figures": figures})
        return
    print(f"{n} open projects × 5 items, {how} (SQLite); medians of {rounds} (detail {2 * rounds}) rounds in turns")
    print(f"{'measurement':36} {'median ms':>10} {'p10–p90 ms':>14} {'p95 ms':>8} {'ratio':>7}")
    for name, f in figures.items():
        shown = f"{f['ratio']:7.1f}" if f.get("ratio") is not None else ""
        print(f"{name:36} {f['median']:10.2f} {band(f):>14} {f['p95']:8.2f} {shown}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", nargs="?", type=int, default=300, help="open projects to build")
    parser.add_argument("--keep", metavar="DB", help="keep the built database here (reused when it exists)")
    parser.add_argument("--rounds", type=int, default=15, help="rounds of the worklist (the detail: twice as many)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures (last line)")
    options = parser.parse_args()
    main(options.projects, options.keep, options.rounds, options.json)
