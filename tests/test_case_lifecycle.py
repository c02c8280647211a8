"""The case clock: review, decision, completion, suspension, extension, withdrawal,
lapsed waivers, and fees."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from console.cases import fees as case_fees
from console.cases import lifecycle as lc
from console.cases.intake import WaiverInput, accept
from console.core.errors import Conflict, Invalid, PermissionDenied
from console.core.parsing import parse_yuan
from models import Case, CaseFee
from tests.factories import actor
from tests.test_cases import form


def _accept(runner, clerk="C001", code="SCJG-001", received=(1, 2, 3), at=datetime(2025, 11, 3, 9), **kw):
    return runner.run(accept, form(code, received), at=at, actor=actor(runner.db, clerk), **kw).number


def _case(db, number) -> Case:
    with db.read() as s:
        case = s.scalar(select(Case).where(Case.number == number))
        s.expunge(case)
        return case


def test_full_life(db, hall, runner):
    number = _accept(runner)
    clerk = actor(db, "C001")
    runner.run(lc.start_review, number, actor=clerk)
    with pytest.raises(Conflict):
        runner.run(lc.complete, number, actor=clerk)
    with pytest.raises(Invalid):
        runner.run(lc.decide, number, "approved", "  ", actor=clerk)
    with runner.transaction(clerk, write=True) as ctx:
        lc.decide(ctx, number, "approved", "登市监许〔2025〕18号")
        lc.complete(ctx, number, at=datetime(2025, 11, 5, 16))
    case = _case(db, number)
    assert case.status.value == "completed" and case.decision_no == "登市监许〔2025〕18号"
    assert case.late is False and case.completed_date == date(2025, 11, 5)


def test_completion_after_the_due_date_is_late(db, hall, runner, clock):
    number = _accept(runner)  # due 2025-11-06
    clerk = actor(db, "C001")
    clock.set(datetime(2025, 11, 7, 9))  # the day after the due date, by the hall's clock
    runner.run(lc.decide, number, "not_approved", "不予许可〔2025〕1号", actor=clerk)
    runner.run(lc.complete, number, actor=clerk)
    assert _case(db, number).late is True


def test_suspension_moves_the_due_date(db, hall, runner):
    number = _accept(runner, code="SCJG-002", received=(1,))  # 10 days from Mon 2025-11-03 → 11-17
    clerk = actor(db, "C001")
    assert _case(db, number).due_date == date(2025, 11, 17)
    runner.run(lc.suspend, number, "expert_review", "专家评审", on=date(2025, 11, 5), actor=clerk)
    assert _case(db, number).status.value == "suspended"
    with pytest.raises(Conflict):
        runner.run(lc.decide, number, "approved", "x", actor=clerk)
    runner.run(lc.resume, number, on=date(2025, 11, 10), actor=clerk)  # Thu, Fri, Mon lost (11-06, 07, 10)
    case = _case(db, number)
    assert case.status.value == "accepted" and case.due_date == date(2025, 11, 20)


@pytest.mark.parametrize("reason", ["", "   ", "holiday"])
def test_a_suspension_needs_a_reason_of_the_laws_kinds(db, hall, runner, reason):
    number = _accept(runner)
    with pytest.raises(Invalid) as info:
        runner.run(lc.suspend, number, reason, actor=actor(db, "C001"))
    assert info.value.field == "reason"
    assert _case(db, number).status.value == "accepted"


def test_extension_records_the_approver(db, hall, runner):
    from console.cases.access import get_case

    number = _accept(runner)  # due 11-06
    clerk = actor(db, "C001")
    with pytest.raises(Invalid):
        runner.run(lc.extend, number, 5, "", actor=clerk)
    runner.run(lc.extend, number, 5, "王局长", "需现场核查", actor=clerk)
    view = runner.run(get_case, number, actor=clerk)
    assert view.due_date == date(2025, 11, 13) and view.extensions[0]["approved_by"] == "王局长"


def test_withdrawal(db, hall, runner):
    number = _accept(runner)
    runner.run(lc.withdraw, number, "申请人撤回", actor=actor(db, "C001"))
    assert _case(db, number).status.value == "withdrawn"
    with pytest.raises(Conflict):
        runner.run(lc.withdraw, number, actor=actor(db, "C001"))


def test_other_departments_cases_are_out_of_reach(db, hall, runner):
    number = _accept(runner)
    with pytest.raises(PermissionDenied):
        runner.run(lc.start_review, number, actor=actor(db, "C002"))
    runner.run(lc.start_review, number, actor=actor(db, "S001"))  # the supervisor may process any case


def test_waiver_materials_supplied_or_lapsed(db, hall, runner):
    kept = _accept(runner, received=(1,), waiver=WaiverInput("承诺补交", date(2025, 11, 5)))
    lapsed = _accept(runner, received=(1,), waiver=WaiverInput("承诺补交", date(2025, 11, 4)))
    clerk = actor(db, "C001")
    with pytest.raises(Conflict):
        runner.run(lc.decide, kept, "approved", "x1", actor=clerk)
    runner.run(lc.supply_materials, kept, (2,), actor=clerk)
    assert _case(db, kept).waiver_deadline is None
    ended = runner.run(lc.end_lapsed_waivers, today=date(2025, 11, 6), actor=clerk)
    assert ended == [lapsed]
    assert _case(db, lapsed).status.value == "ended"
    assert _case(db, kept).status.value == "accepted"


def test_fees(db, hall, runner):
    number = _accept(runner, clerk="C002", code="MZ-001", received=(1,))
    clerk = actor(db, "C002")
    with pytest.raises(Invalid) as negative:
        runner.run(case_fees.record_payment, number, -100, "cash", "R1", actor=clerk)
    assert negative.value.key == "case.fee_negative"
    with pytest.raises(Invalid):
        runner.run(case_fees.record_payment, number, 100, "barter", "R1", actor=clerk)
    with pytest.raises(Invalid):
        runner.run(case_fees.record_payment, number, 20000, "cash", "R1", actor=clerk)
    with runner.transaction(clerk, write=True) as ctx:
        case_fees.record_payment(ctx, number, 6000, "cash", "R1", at=datetime(2025, 11, 3, 10))
        case_fees.waive_fee(ctx, number, "低保户减免", at=datetime(2025, 11, 3, 10))
    with pytest.raises(Conflict):
        runner.run(case_fees.record_payment, number, 100, "cash", "R2", actor=clerk)
    case = _case(db, number)
    assert case.fee_paid_fen == 6000 and case.fee_waived
    with runner.transaction(actor(db, "S001")) as ctx:
        by_day = case_fees.fee_totals(ctx, date(2025, 11, 1), date(2025, 11, 30), "day")
        by_dept = case_fees.fee_totals(ctx, date(2025, 11, 1), date(2025, 11, 30), "department")
        by_window = case_fees.fee_totals(ctx, date(2025, 11, 1), date(2025, 11, 30), "window")
        assert len(ctx.session.scalars(select(CaseFee)).all()) == 2
    assert [(t.key, t.paid_fen, t.waived_fen) for t in by_day] == [("2025-11-03", 6000, 4000)]
    assert by_dept[0].label == "民政局" and by_window[0].label.startswith("410185/02")


@pytest.mark.parametrize("text, fen", [("100", 10000), ("12.5", 1250), ("0.05", 5), ("-0", 0)])
def test_parse_yuan(text, fen):
    assert parse_yuan(text) == fen
    assert case_fees.fee_amount(text) == fen


@pytest.mark.parametrize("text", ["-1", "-0.01", "abc", "1.234", ""])
def test_parse_yuan_rejects(text):
    with pytest.raises(Invalid):
        parse_yuan(text)
    with pytest.raises(Invalid):
        case_fees.fee_amount(text)


def test_cli_steps_and_bad_input(db, hall, cli, runner):
    number = _accept(runner, clerk="C002", code="MZ-001", received=(1,), at=None)  # now, by the hall's clock
    no_reason = cli("case", "suspend", number, as_="C002")
    assert no_reason.exit_code == 4 and "reason" in no_reason.stderr
    negative = cli("case", "pay", number, "--receipt", "R9", "--", "-5", as_="C002")
    assert negative.exit_code == 4 and "below zero" in negative.stderr
    assert cli("case", "pay", number, "50", "--receipt", "R9", as_="C002").exit_code == 0
    assert cli("case", "review", number, as_="C001").exit_code == 5
    assert cli("case", "review", number, as_="C002").exit_code == 0
    assert cli("case", "decide", number, "--decision", "approved", "--doc-no", "民许〔2026〕3号",
               as_="C002").exit_code == 0
    assert cli("case", "complete", number, as_="C002").exit_code == 0
    assert cli("case", "complete", number, as_="C002").exit_code == 7
    assert _case(db, number).fee_paid_fen == 5000


def test_cli_supply_and_end_lapsed(db, hall, cli, runner):
    number = _accept(runner, received=(1,), at=None, waiver=WaiverInput("承诺补交"))  # now, by the hall's clock
    assert cli("case", "supply", number, "--received", "9", as_="C001").exit_code == 4
    assert cli("case", "supply", number, "--received", "2", as_="C001").exit_code == 0
    assert _case(db, number).waiver_deadline is None
    result = cli("case", "end-lapsed", "--json", as_="C001")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
