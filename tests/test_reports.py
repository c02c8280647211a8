"""Case reports and the efficiency-supervision board (yellow and red cases)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from console.cases import lifecycle as lc
from console.cases.intake import accept
from console.cases.reports import case_report, supervision_board
from console.core.errors import Invalid, PermissionDenied
from models import Setting
from tests.factories import actor
from tests.test_cases import form


@pytest.fixture
def cases(db, hall, runner):
    """Four cases: two at window 01 (one completed late), one at window 02, one in October."""
    from console.cases.fees import record_payment

    c1, c2 = actor(db, "C001"), actor(db, "C002")
    a = runner.run(accept, form(), at=datetime(2025, 9, 1, 9), actor=c1).number  # due 09-04
    b = runner.run(accept, form(), at=datetime(2025, 9, 2, 9), actor=c1).number  # due 09-05
    c = runner.run(accept, form("MZ-001", (1,)), at=datetime(2025, 9, 3, 9), actor=c2).number
    d = runner.run(accept, form("SCJG-002", (1,)), at=datetime(2025, 10, 9, 9), actor=c1).number  # due 10-22
    with runner.transaction(c1, write=True) as ctx:
        lc.decide(ctx, a, "approved", "A-1")
        lc.complete(ctx, a, at=datetime(2025, 9, 3, 15))
        lc.decide(ctx, b, "approved", "A-2")
        lc.complete(ctx, b, at=datetime(2025, 9, 9, 15))  # late
    runner.run(record_payment, c, 10000, "card", "R-1", actor=c2)
    return a, b, c, d


def test_report_by_department(db, cases, runner):
    report = runner.run(case_report, date(2025, 9, 1), date(2025, 10, 31), "department",
                        today=date(2025, 9, 30), actor=actor(db, "S001"))  # c (20 days) is due 09-30
    rows = {r.label: r for r in report.rows}
    scjg, mz = rows["SCJG 市场监管局"], rows["MZ 民政局"]
    assert (scjg.accepted, scjg.completed, scjg.overdue, scjg.fees_fen) == (3, 2, 1, 0)
    assert (mz.accepted, mz.completed, mz.overdue, mz.fees_fen) == (1, 0, 0, 10000)
    assert scjg.completion_rate == 66.7
    assert (report.total.accepted, report.total.completed) == (4, 2)


def test_open_cases_past_due_count_as_overdue(db, cases, runner):
    report = runner.run(case_report, date(2025, 9, 1), date(2025, 10, 31), "department",
                        today=date(2025, 11, 1), actor=actor(db, "A001"))
    assert report.total.overdue == 3  # b late, c and d open past due


def test_report_by_month_window_site_item(db, cases, runner):
    with runner.transaction(actor(db, "S001")) as ctx:
        months = case_report(ctx, date(2025, 1, 1), date(2025, 12, 31), "month", today=date(2025, 9, 1))
        windows = case_report(ctx, date(2025, 1, 1), date(2025, 12, 31), "window", today=date(2025, 9, 1))
        sites = case_report(ctx, date(2025, 1, 1), date(2025, 12, 31), "site", today=date(2025, 9, 1))
        items = case_report(ctx, date(2025, 9, 2), date(2025, 9, 30), "item", today=date(2025, 9, 1))
    assert [(r.label, r.accepted) for r in months.rows] == [("2025-09", 3), ("2025-10", 1)]
    assert [(r.label.split()[0], r.accepted) for r in windows.rows] == [("410185/01", 3), ("410185/02", 1)]
    assert [(r.label, r.accepted) for r in sites.rows] == [("410185 登封市行政服务中心", 4)]
    assert sorted((r.label.split()[0], r.accepted) for r in items.rows) == [("MZ-001", 1), ("SCJG-001", 1)]


def test_report_rules(db, cases, runner):
    with pytest.raises(Invalid):
        runner.run(case_report, date(2025, 9, 1), date(2025, 9, 30), "weekday", actor=actor(db, "S001"))
    with pytest.raises(Invalid):
        runner.run(case_report, date(2025, 9, 30), date(2025, 9, 1), actor=actor(db, "S001"))
    with pytest.raises(PermissionDenied):
        runner.run(case_report, date(2025, 9, 1), date(2025, 9, 30), actor=actor(db, "C001"))


def test_report_cli(db, cases, cli):
    result = cli("report", "cases", "--from", "2025-09-01", "--to", "2025-09-30", "--by", "month", "--json",
                 as_="S001")
    assert result.exit_code == 0, result.stderr
    assert [(r["key"], r["accepted"], r["completed"]) for r in json.loads(result.stdout)] == [("202509", 3, 2)]
    table = cli("report", "cases", "--from", "2025-09-01", "--to", "2025-09-30", lang="zh_CN", as_="S001")
    assert table.exit_code == 0 and "合计" in table.stdout
    assert cli("report", "cases", "--from", "2025-09-31", "--to", "2025-09-30", as_="S001").exit_code == 4
    fees = cli("report", "fees", "--from", "2025-01-01", "--to", "2026-12-31", "--by", "department", "--json",
               as_="S001")
    assert json.loads(fees.stdout)[0]["paid_fen"] == 10000


def test_supervision_board_yellow_and_red(db, cases, runner):
    a, b, c, d = cases
    sup = actor(db, "S001")
    board = runner.run(supervision_board, today=date(2025, 10, 22), actor=sup)
    levels = {w.number: w.level for w in board.cases}
    assert levels == {c: "red", d: "yellow"}  # d is due today; a and b are completed
    assert {(w.label, w.yellow, w.red) for w in board.by_department} == {("市场监管局", 1, 0), ("民政局", 0, 1)}
    assert {(w.label, w.yellow, w.red) for w in board.by_window} == {("410185/01", 1, 0), ("410185/02", 0, 1)}
    # the day before: d is still green
    assert {w.number for w in runner.run(supervision_board, today=date(2025, 10, 21), actor=sup).cases} == {c}
    with db.write() as s:
        s.add(Setting(key="case.yellow_days", value="2"))
    assert {w.number for w in runner.run(supervision_board, today=date(2025, 10, 21), actor=sup).cases} == {c, d}
    with pytest.raises(PermissionDenied):
        runner.run(supervision_board, actor=actor(db, "C001"))


def test_suspended_cases_are_off_the_board(db, cases, runner):
    a, b, c, d = cases
    runner.run(lc.suspend, c, "hearing", on=date(2025, 9, 4), actor=actor(db, "C002"))
    board = runner.run(supervision_board, today=date(2025, 10, 22), actor=actor(db, "S001"))
    assert [w.number for w in board.cases] == [d]


def test_overdue_cli_and_list(db, cases, cli):
    a, b, c, d = cases
    result = cli("case", "overdue", "--json", as_="S001")
    assert result.exit_code == 0
    numbers = {r["number"]: r["level"] for r in json.loads(result.stdout)}
    assert numbers == {c: "red", d: "red"}  # today (2026) everything open is overdue
    listed = json.loads(cli("case", "list", "--overdue", "--json", as_="S001").stdout)
    assert {r["number"] for r in listed} == {c, d}
    clerk_view = json.loads(cli("case", "list", "--json", as_="C002").stdout)
    assert [r["number"] for r in clerk_view] == [c]


def test_report_from_month_stats_matches_the_case_rows(db, hall, runner):
    """Whole months come from case_month_stats; the figures equal a plain GROUP BY over cases."""
    import random

    from console.cases.reports import report_statement
    from console.demo.cases import extend

    with runner.transaction(actor(db, "A001"), write=True) as ctx:
        extend(ctx, random.Random(3), {"cases": 1500})
    c1 = actor(db, "C001")
    with runner.transaction(c1, write=True) as ctx:  # open, late-completed and withdrawn cases next to the history
        accept(ctx, form(), at=datetime(2008, 3, 14, 9))
        late = accept(ctx, form(), at=datetime(2008, 3, 17, 9)).number
        gone = accept(ctx, form(), at=datetime(2008, 4, 1, 9)).number
    with runner.transaction(c1, write=True) as ctx:
        lc.decide(ctx, late, "approved", "L-1")
        lc.complete(ctx, late, at=datetime(2008, 4, 30, 9))
        lc.withdraw(ctx, gone)
    today = date(2008, 5, 1)
    rng = random.Random(11)
    ranges = [(date(2004, 6, 1), date(2009, 5, 31)), (date(2008, 3, 1), date(2008, 4, 30)),
              (date(2008, 3, 15), date(2008, 3, 20))]
    for _ in range(6):
        a = date(2004, 6, 1) + timedelta(days=rng.randrange(1700))
        ranges.append((a, a + timedelta(days=rng.randrange(400))))
    with runner.transaction(actor(db, "S001")) as ctx:
        s = ctx.session
        for a, b in ranges:
            for by in ("department", "window", "site", "item", "month"):
                report = case_report(ctx, a, b, by, today=today)
                got = {r.key: (r.accepted, r.completed, r.overdue, r.fees_fen) for r in report.rows}
                want = {"" if k is None else str(k): (n, c, o, f)
                        for k, n, c, o, f in s.execute(report_statement(a, b, by, today))}
                assert got == want, (a, b, by)
