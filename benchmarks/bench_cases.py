"""Benchmarks of intake and the case history, each beside the same database work done bare.

    python benchmarks/bench_cases.py [--cases 535538] [--accepts 400] [--import-rounds 3] [--repeat 15] [--json]

What users run, through the runner, each measured in turns with its baseline in the same
run; medians with p10–p90 (and p99 for the accept):

1. Accepting one case (``accept``: validation, due date, number, insert, audit) on
   SQLite.  Baseline: the very statements it sends, recorded from the engine, replayed
   with the same parameters through the raw driver and committed.  The database is put
   back after every accept (case, materials, number sequence, audit chain), so that every
   round, ours and the baseline's, writes the same rows.
2. Importing the historical cases (``import_cases``: CSV parse, row checks, bulk insert,
   the month table, ``ANALYZE``, audit), ``--import-rounds`` times, the table emptied
   between.  Baseline: the same database work bare — an ``executemany`` of the same rows
   into ``cases`` on the raw connection and every other statement the import sends
   replayed — so the ratio is what parsing and checking the CSV add.
3. The case report by department and by month (``case_report``: whole months from the
   pre-aggregated ``case_month_stats``, open cases and the partial months at the edges
   from ``cases``, then the labels) and the supervision board refresh
   (``supervision_board``).  Baseline: the same SQL (the same aggregate queries over the
   pre-aggregated table) through the raw driver.  For reference the report also shows the
   hand-written ``GROUP BY`` over every case row (``…raw_scan``): what the pre-aggregated
   table saves (``ratio_to_raw_scan`` below 1 is a saving).

``--json`` prints one JSON object (milliseconds; the import in seconds) on the last line.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchlib import band, capture, figure, interleaved, print_json, replay, spread  # noqa: E402


def fresh_db(path: Path):
    from models.engine import Database
    from tests.factories import make_hall

    db = Database(f"sqlite:///{path}")
    db.ensure_schema()
    make_hall(db)
    return db


def restorer(db, *, all_cases: bool = False):
    """A function putting ``db`` back as it is now: no case beyond the current last one (none at
    all with ``all_cases``, and an empty month table), the case-number sequences and the audit
    chain where they are now.  SQLite reuses the freed ids, so a replay writes the same rows."""
    from sqlalchemy import text

    with db.read() as s:
        last_case = s.execute(text("SELECT coalesce(max(id), 0) FROM cases")).scalar()
        last_id, last_hash = s.execute(text("SELECT last_id, last_hash FROM audit_head")).one()
        sequences = [dict(r._mapping) for r in s.execute(text("SELECT scope, value FROM case_sequences"))]

    def restore() -> None:
        with db.write() as s:
            if all_cases:
                s.execute(text("DELETE FROM case_month_stats"))
            s.execute(text("DELETE FROM case_materials WHERE case_id > :id"), {"id": last_case})
            s.execute(text("DELETE FROM cases WHERE id > :id"), {"id": last_case})
            s.execute(text("DELETE FROM audit_events WHERE id > :id"), {"id": last_id})
            s.execute(text("UPDATE audit_head SET last_id = :id, last_hash = :hash"), {"id": last_id, "hash": last_hash})
            s.execute(text("DELETE FROM case_sequences"))
            if sequences:
                s.execute(text("INSERT INTO case_sequences (scope, value) VALUES (:scope, :value)"), sequences)
        if all_cases:
            raw = db.engine.raw_connection()  # outside any transaction
            try:
                raw.driver_connection.execute("VACUUM")
            finally:
                raw.close()

    return restore


def bench_accept(workdir: Path, n: int) -> dict:
    from console.cases.intake import Applicant, IntakeForm, accept
    from console.core.clock import FixedClock
    from console.core.personal import id_check_digit
    from console.core.runner import Runner
    from tests.factories import actor

    db = fresh_db(workdir / "accept.db")
    runner = Runner(db, clock=FixedClock(datetime(2025, 9, 30, 10, 0)))
    clerk = actor(db, "C001")
    id_no = "41018519800101123" + id_check_digit("41018519800101123")
    form = IntakeForm("SCJG-001", Applicant("person", "王小明", id_no, "13812345678"), (1, 2, 3))
    runner.run(accept, form, actor=clerk)  # the number sequence exists from here on
    restore = restorer(db)
    with capture(db.engine) as statements:
        first = runner.run(accept, form, actor=clerk)
    restore()
    replay(db.engine, statements, commit=True)
    with db.read() as s:  # the replay wrote the same case
        from sqlalchemy import text

        assert s.execute(text("SELECT count(*) FROM cases WHERE number = :n"), {"n": first.number}).scalar() == 1
    restore()
    cpu: dict[str, list[float]] = {"ours": [], "base": []}

    def with_cpu(name, fn):
        def run():
            start = time.process_time()
            fn()
            cpu[name].append((time.process_time() - start) * 1000)
        return run

    wall = interleaved({"base": with_cpu("base", lambda: replay(db.engine, statements, commit=True)),
                        "ours": with_cpu("ours", lambda: runner.run(accept, form, actor=clerk))},
                       n, warmup=20, between=restore)
    for name in cpu:
        del cpu[name][:20]  # the warm-up rounds
    db.dispose()
    base_p99 = spread_p99(wall["base"])
    return {
        "accept_same_sql_raw_driver": figure(wall["base"], p99=base_p99),
        "accept": figure(wall["ours"], wall["base"], "accept_same_sql_raw_driver", p99=spread_p99(wall["ours"]),
                         p99_ratio=spread_p99(wall["ours"]) / base_p99),
        "accept_cpu_same_sql_raw_driver": figure(cpu["base"]),
        "accept_cpu": figure(cpu["ours"], cpu["base"], "accept_cpu_same_sql_raw_driver"),
    }


def spread_p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def make_csv(rows: list[tuple], session) -> str:
    from sqlalchemy import select

    from console.cases.files import COLUMNS, INSERT_FIELDS
    from models import Item, Site, Window

    sites = dict(session.execute(select(Site.id, Site.code)).all())
    windows = dict(session.execute(select(Window.id, Window.number)).all())
    items = dict(session.execute(select(Item.id, Item.code)).all())
    at = {name: i for i, name in enumerate(INSERT_FIELDS)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([
            r[at["number"]], sites[r[at["site_id"]]], windows.get(r[at["window_id"]], ""), items[r[at["item_id"]]],
            r[at["applicant_kind"]], r[at["applicant_name"]], r[at["applicant_id_no"]], r[at["applicant_phone"]],
            r[at["accepted_at"]].isoformat(sep=" "), r[at["due_date"]].isoformat(), r[at["status"]],
            r[at["decision"]] or "", r[at["decision_no"]],
            r[at["completed_at"]].isoformat(sep=" ") if r[at["completed_at"]] else "",
            f"{r[at['fee_paid_fen']] / 100:.2f}",
        ])
    return out.getvalue()


def bench_import(workdir: Path, count: int, rounds: int) -> tuple[dict, Path]:
    from console.cases.bulk import CHUNK, INSERT_FIELDS
    from console.cases.bulk import sqlite_rows as _sqlite_rows
    from console.cases.files import import_cases, parse_case_rows
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from console.demo.cases import build_rows
    from tests.factories import actor

    at = datetime(2009, 6, 1, 9, 0)
    db = fresh_db(workdir / "import.db")
    with db.read() as s:
        t0 = time.perf_counter()
        rows = build_rows(s, random.Random(2009), count)
        generated = time.perf_counter() - t0
        text = make_csv(rows, s)
    print(f"(generated {len(rows):,} demo rows in {generated:.1f} s; CSV {len(text) / 1e6:.1f} MB)")
    runner = Runner(db, clock=FixedClock(at))
    admin = actor(db, "A001")
    with db.read() as s:  # the rows the import will insert, stored as it stores them
        raw_rows = _sqlite_rows(parse_case_rows(s, text, at=at))
    restore = restorer(db, all_cases=True)
    with capture(db.engine) as statements:  # every statement but the raw executemany of the rows
        runner.run(import_cases, text, actor=admin)
    restore()
    sql = f"INSERT INTO cases ({', '.join(INSERT_FIELDS)}) VALUES ({', '.join('?' * len(INSERT_FIELDS))})"

    def bare() -> None:
        """The import's database work: its statements, the rows' executemany where it runs them."""
        done = []

        def rows_first(cursor, statement):
            if not done and "case_month_stats" in statement:  # the import inserts, then counts
                for start in range(0, len(raw_rows), CHUNK):
                    cursor.executemany(sql, raw_rows[start:start + CHUNK])
                done.append(True)

        replay(db.engine, statements, commit=True, before=rows_first)
        assert done

    parse_seconds: list[float] = []

    def ours() -> None:
        import console.cases.files as files

        timed_parse = files.parse_case_rows

        def parse(*args, **kwargs):
            start = time.perf_counter()
            try:
                return timed_parse(*args, **kwargs)
            finally:
                parse_seconds.append(time.perf_counter() - start)

        files.parse_case_rows = parse
        try:
            runner.run(import_cases, text, actor=admin)
        finally:
            files.parse_case_rows = timed_parse

    times = interleaved({"base": bare, "ours": ours}, rounds, warmup=0, between=restore, scale=1.0)
    ours()  # the history stays for the reports
    parse_seconds.pop()
    insert_seconds = [t - p for t, p in zip(times["ours"], parse_seconds)]
    db.dispose()
    return {
        "import_same_sql_raw_driver_s": figure(times["base"]),
        "import_s": figure(times["ours"], times["base"], "import_same_sql_raw_driver_s", cases=count),
        "import_parse_and_checks_s": figure(parse_seconds),
        "import_rest_s": figure(insert_seconds, times["base"], "import_same_sql_raw_driver_s"),
    }, workdir / "import.db"


def bench_reports(path: Path, repeat: int) -> tuple[dict, dict]:
    from sqlalchemy import text

    from console.cases.reports import case_report, supervision_board
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from models.engine import Database
    from tests.factories import actor

    db = Database(f"sqlite:///{path}")
    runner = Runner(db, clock=FixedClock(datetime(2009, 6, 1, 9, 0)))
    supervisor = actor(db, "S001")
    out, plans = {}, {}
    today = date(2009, 6, 1)
    hand = {
        "department": "SELECT department_id, count(*), sum(status = 'completed'), "
                      "sum(late OR (status IN ('accepted','under_review','decided') AND due_date < :today)), "
                      "sum(fee_paid_fen) FROM cases WHERE accepted_date BETWEEN :a AND :b GROUP BY department_id",
        "month": "SELECT accepted_month, count(*), sum(status = 'completed'), "
                 "sum(late OR (status IN ('accepted','under_review','decided') AND due_date < :today)), "
                 "sum(fee_paid_fen) FROM cases WHERE accepted_date BETWEEN :a AND :b GROUP BY accepted_month",
    }
    a, b = date(2004, 6, 3), date(2009, 5, 27)  # partial months at both edges
    params = {"a": a.isoformat(), "b": b.isoformat(), "today": today.isoformat()}
    for by in ("department", "month"):
        def report(by=by):
            return runner.run(case_report, a, b, by, today=today, actor=supervisor)

        def raw_scan(by=by):
            with db.read() as s:
                return s.execute(text(hand[by]), params).all()

        with capture(db.engine) as statements:
            result = report()
        scanned = raw_scan()
        assert result.total.accepted == sum(r[1] for r in scanned), (result.total.accepted, scanned[:3])
        times = interleaved({"same_sql": lambda: replay(db.engine, statements), "ours": report,
                             "raw_scan": raw_scan}, repeat)
        with db.read() as s:
            plans[by] = [str(p[-1]) for p in s.execute(text("EXPLAIN QUERY PLAN " + hand[by]), params)]
        base = f"report_by_{by}_same_sql_raw_driver"
        out[base] = figure(times["same_sql"], statements=len(statements))
        out[f"report_by_{by}"] = figure(times["ours"], times["same_sql"], base)
        out[f"report_by_{by}"]["ratio_to_raw_scan"] = (out[f"report_by_{by}"]["median"]
                                                       / spread(times["raw_scan"])["median"])
        out[f"report_by_{by}_raw_scan"] = figure(times["raw_scan"], times["same_sql"], base)

    def board():
        return runner.run(supervision_board, today=today, actor=supervisor)

    with capture(db.engine) as statements:
        board()
    times = interleaved({"same_sql": lambda: replay(db.engine, statements), "ours": board}, repeat)
    out["supervision_board_same_sql_raw_driver"] = figure(times["same_sql"], statements=len(statements))
    out["supervision_board"] = figure(times["ours"], times["same_sql"], "supervision_board_same_sql_raw_driver")
    db.dispose()
    return out, plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=535_538)
    parser.add_argument("--accepts", type=int, default=400)
    parser.add_argument("--import-rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=15, help="rounds of each report measurement")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures (last line)")
    args = parser.parse_args()
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        figures.update(bench_accept(workdir, args.accepts))
        rows, path = bench_import(workdir, args.cases, args.import_rounds)
        figures.update(rows)
        reports, plans = bench_reports(path, args.repeat)
        figures.update(reports)
    if args.json:
        print_json({"cases": args.cases, "accepts": args.accepts, "import_rounds": args.import_rounds,
                    "repeat": args.repeat, "unit": "ms (…_s: seconds)", "plans": plans, "figures": figures})
        return
    for by, plan in plans.items():
        print(f"(plan of the raw scan by {by}: {'; '.join(plan)})")
    width = max(len(name) for name in figures)
    print(f"{'measure'.ljust(width)}  {'median':>9}  {'p10–p90':>17}  {'ratio':>6}  baseline")
    for name, f in figures.items():
        shown = f"{f['ratio']:6.2f}" if f.get("ratio") is not None else " " * 6
        print(f"{name.ljust(width)}  {f['median']:9.3f}  {band(f, '.3f'):>17}  {shown}  {f.get('baseline') or ''}")
    for name in ("report_by_department", "report_by_month"):
        print(f"{name}: {figures[name]['ratio_to_raw_scan']:.2f}× the hand-written GROUP BY over every case row")


if __name__ == "__main__":
    main()
