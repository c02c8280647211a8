"""Benchmarks of intake and the case history, with in-run baselines.

    python benchmarks/bench_cases.py [--cases 535538] [--accepts 400]

1. Accepting one case end to end on SQLite (validation, due date, number, insert,
   audit) beside a bare one-row insert transaction on the same engine.
2. Importing the historical cases (CSV parse, row checks, bulk insert) beside a
   bare ``executemany`` of the same rows into the same table.
3. Report queries over the history by department and by month (whole months
   from ``case_month_stats``, the open cases and partial months from ``cases``)
   beside the hand-written GROUP BY over every case row, and the supervision
   board refresh beside its bare SELECT.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def fresh_db(path: Path):
    from models.engine import Database
    from tests.factories import make_hall

    db = Database(f"sqlite:///{path}")
    db.ensure_schema()
    make_hall(db)
    return db


def bench_accept(workdir: Path, n: int) -> list[tuple]:
    from sqlalchemy import text

    from console.cases.intake import Applicant, IntakeForm, accept
    from console.core.personal import id_check_digit
    from tests.factories import actor

    from console.core.clock import FixedClock
    from console.core.runner import Runner

    db = fresh_db(workdir / "accept.db")
    runner = Runner(db, clock=FixedClock(datetime(2025, 9, 30, 10, 0)))
    clerk = actor(db, "C001")
    id_no = "41018519800101123" + id_check_digit("41018519800101123")
    form = IntakeForm("SCJG-001", Applicant("person", "王小明", id_no, "13812345678"), (1, 2, 3))
    times, cpu = [], []
    for i in range(n + 20):
        start, start_cpu = time.perf_counter(), time.process_time()
        runner.run(accept, form, actor=clerk)
        if i >= 20:
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    base, base_cpu = [], []
    for i in range(n + 20):
        start, start_cpu = time.perf_counter(), time.process_time()
        with db.engine.connect().execution_options(hall_write=True) as conn:
            conn.begin()
            conn.execute(text(
                "INSERT INTO cases (number, site_id, window_id, department_id, item_id, applicant_kind, "
                "applicant_name, applicant_id_no, applicant_phone, legal_rep, contact, status, accepted_at, "
                "accepted_date, accepted_month, promised_days, extension_days, due_date, decision_no, late, "
                "fee_due_fen, fee_paid_fen, fee_waived, waiver, waiver_commitment, closed_reason, updated_at) "
                "VALUES (:n, 1, 1, 1, 1, 'person', 'x', '', '', '', '', 'accepted', '2025-09-30 10:00:00', "
                "'2025-09-30', 202509, 3, 0, '2025-10-11', '', 0, 0, 0, 0, 0, '', '', '2025-09-30 10:00:00')"),
                {"n": f"BASE{i}"})
            conn.commit()
        if i >= 20:
            base.append((time.perf_counter() - start) * 1000)
            base_cpu.append((time.process_time() - start_cpu) * 1000)
    db.dispose()
    p50, p99, b50, b99 = (percentile(times, 50), percentile(times, 99), percentile(base, 50), percentile(base, 99))
    return [
        ("accept one case, p50 (ms)", p50, b50, p50 / b50),
        ("accept one case, p99 (ms)", p99, b99, p99 / b99),
        ("accept one case, CPU p50 (ms)", percentile(cpu, 50), percentile(base_cpu, 50),
         percentile(cpu, 50) / percentile(base_cpu, 50)),
    ]


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


def _sqlite_value(v):
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return v


def bench_import(workdir: Path, count: int) -> tuple[list[tuple], Path]:
    from console.demo.cases import build_rows
    from console.cases.files import INSERT_FIELDS, insert_rows, parse_case_rows

    db = fresh_db(workdir / "import.db")
    with db.read() as s:
        t0 = time.perf_counter()
        rows = build_rows(s, random.Random(2009), count)
        generated = time.perf_counter() - t0
        text = make_csv(rows, s)
    print(f"(generated {len(rows):,} demo rows in {generated:.1f} s; CSV {len(text) / 1e6:.0f} MB)")
    # baseline: bare executemany of the same rows into the same table
    raw_rows = [tuple(_sqlite_value(v) for v in row) for row in rows]
    sql = f"INSERT INTO cases ({', '.join(INSERT_FIELDS)}) VALUES ({', '.join('?' * len(INSERT_FIELDS))})"
    conn = sqlite3.connect(workdir / "import.db", isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    t0 = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(sql, raw_rows)
    conn.execute("COMMIT")
    bare = time.perf_counter() - t0
    conn.execute("DELETE FROM cases")
    conn.execute("VACUUM")
    conn.close()
    # ours: parse and check every row, then bulk insert, in one transaction
    t0 = time.perf_counter()
    with db.write() as s:
        parsed = parse_case_rows(s, text, at=datetime(2009, 6, 1, 9, 0))
        parse_time = time.perf_counter() - t0
        insert_rows(s, parsed)
    ours = time.perf_counter() - t0
    db.dispose()
    return [
        (f"import {count:,} cases, total (s)", ours, bare, ours / bare),
        ("  of which CSV parse + row checks (s)", parse_time, bare, parse_time / bare),
        ("  of which insert (s)", ours - parse_time, bare, (ours - parse_time) / bare),
    ], workdir / "import.db"


def bench_reports(path: Path, repeat: int = 15) -> list[tuple]:
    from sqlalchemy import text

    from console.cases.reports import case_report, report_figures, supervision_board
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from models.engine import Database
    from tests.factories import actor

    db = Database(f"sqlite:///{path}")
    runner = Runner(db, clock=FixedClock(datetime(2009, 6, 1, 9, 0)))
    supervisor = actor(db, "S001")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    out = []
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
    for by in ("department", "month"):
        def timed(fn):
            values = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                fn()
                values.append((time.perf_counter() - t0) * 1000)
            return statistics.median(values)

        with runner.transaction(supervisor) as ctx:
            s = ctx.session
            query = timed(lambda: report_figures(s, a, b, by, today))
            service = timed(lambda: case_report(ctx, a, b, by, today=today))
            handsql = timed(lambda: s.execute(text(hand[by]), {"a": a.isoformat(), "b": b.isoformat(),
                                                               "today": today.isoformat()}).all())
            plan = s.execute(text("EXPLAIN QUERY PLAN " + hand[by]),
                             {"a": a.isoformat(), "b": b.isoformat(), "today": today.isoformat()}).all()
        print(f"(plan by {by}: {'; '.join(str(p[-1]) for p in plan)})")
        out.append((f"report by {by}: queries (ms)", query, handsql, query / handsql))
        out.append((f"report by {by}: service incl. labels (ms)", service, handsql, service / handsql))
    with runner.transaction(supervisor) as ctx:
        s = ctx.session
        values = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            supervision_board(ctx, today=today)
            values.append((time.perf_counter() - t0) * 1000)
        board = statistics.median(values)
        t0 = time.perf_counter()
        for _ in range(repeat):
            s.execute(text("SELECT number, due_date FROM cases WHERE status IN ('accepted','under_review','decided') "
                           "AND due_date <= :d ORDER BY due_date"), {"d": today.isoformat()}).all()
        bare = (time.perf_counter() - t0) * 1000 / repeat
    out.append(("supervision board refresh (ms)", board, bare, board / bare))
    db.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=535_538)
    parser.add_argument("--accepts", type=int, default=400)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        results += bench_accept(workdir, args.accepts)
        rows, path = bench_import(workdir, args.cases)
        results += rows
        results += bench_reports(path)
    width = max(len(r[0]) for r in results)
    print(f"{'measure'.ljust(width)}  {'ours':>10}  {'baseline':>10}  {'ratio':>6}")
    for name, ours, base, ratio in results:
        print(f"{name.ljust(width)}  {ours:10.2f}  {base:10.2f}  {ratio:6.2f}")


if __name__ == "__main__":
    main()
