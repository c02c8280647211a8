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
from models import Case, CaseFee
from tests.factories import actor
from tests.test_cases import form


def _accept(db, clerk="C001", code="SCJG-001", received=(1, 2, 3), at=datetime(2025, 11, 3, 9), **kw):
    with db.write() as s:
        return accept(s, actor(db, clerk), form(code, received), at=at, **kw).number


def _case(db, number) -> Case:
    with db.read() as s:
        case = s.scalar(select(Case).where(Case.number == number))
        s.expunge(case)
        return case


def test_full_life(db, hall):
    number = _accept(db)
    clerk = actor(db, "C001")
    with db.write() as s:
        lc.start_review(s, clerk, number)
    with pytest.raises(Conflict):
        with db.write() as s:
            lc.complete(s, clerk, number)
    with pytest.raises(Invalid):
        with db.write() as s:
            lc.decide(s, clerk, number, "approved", "  ")
    with db.write() as s:
        lc.decide(s, clerk, number, "approved", "登市监许〔2025〕18号")
        lc.complete(s, clerk, number, at=datetime(2025, 11, 5, 16))
    case = _case(db, number)
    assert case.status.value == "completed" and case.decision_no == "登市监许〔2025〕18号"
    assert case.late is False and case.completed_date == date(2025, 11, 5)


def test_completion_after_the_due_date_is_late(db, hall):
    number = _accept(db)  # due 2025-11-06
    clerk = actor(db, "C001")
    with db.write() as s:
        lc.decide(s, clerk, number, "not_approved", "不予许可〔2025〕1号")
        lc.complete(s, clerk, number, at=datetime(2025, 11, 7, 9))
    assert _case(db, number).late is True


def test_suspension_moves_the_due_date(db, hall):
    number = _accept(db, code="SCJG-002", received=(1,))  # 10 days from Mon 2025-11-03 → 11-17
    clerk = actor(db, "C001")
    assert _case(db, number).due_date == date(2025, 11, 17)
    with db.write() as s:
        lc.suspend(s, clerk, number, "expert_review", "专家评审", on=date(2025, 11, 5))
    assert _case(db, number).status.value == "suspended"
    with pytest.raises(Conflict):
        with db.write() as s:
            lc.decide(s, clerk, number, "approved", "x")
    with db.write() as s:
        lc.resume(s, clerk, number, on=date(2025, 11, 10))  # Thu, Fri, Mon lost (11-06, 07, 10)
    case = _case(db, number)
    assert case.status.value == "accepted" and case.due_date == date(2025, 11, 20)


@pytest.mark.parametrize("reason", ["", "   ", "holiday"])
def test_a_suspension_needs_a_reason_of_the_laws_kinds(db, hall, reason):
    number = _accept(db)
    with pytest.raises(Invalid) as info:
        with db.write() as s:
            lc.suspend(s, actor(db, "C001"), number, reason)
    assert info.value.field == "reason"
    assert _case(db, number).status.value == "accepted"


def test_extension_records_the_approver(db, hall):
    number = _accept(db)  # due 11-06
    clerk = actor(db, "C001")
    with pytest.raises(Invalid):
        with db.write() as s:
            lc.extend(s, clerk, number, 5, "")
    with db.write() as s:
        lc.extend(s, clerk, number, 5, "王局长", "需现场核查")
    with db.read() as s:
        from console.cases.access import get_case

        view = get_case(s, clerk, number)
    assert view.due_date == date(2025, 11, 13) and view.extensions[0]["approved_by"] == "王局长"


def test_withdrawal(db, hall):
    number = _accept(db)
    with db.write() as s:
        lc.withdraw(s, actor(db, "C001"), number, "申请人撤回")
    assert _case(db, number).status.value == "withdrawn"
    with pytest.raises(Conflict):
        with db.write() as s:
            lc.withdraw(s, actor(db, "C001"), number)


def test_other_departments_cases_are_out_of_reach(db, hall):
    number = _accept(db)
    with pytest.raises(PermissionDenied):
        with db.write() as s:
            lc.start_review(s, actor(db, "C002"), number)
    with db.write() as s:  # the supervisor may process any case
        lc.start_review(s, actor(db, "S001"), number)


def test_waiver_materials_supplied_or_lapsed(db, hall):
    kept = _accept(db, received=(1,), waiver=WaiverInput("承诺补交", date(2025, 11, 5)))
    lapsed = _accept(db, received=(1,), waiver=WaiverInput("承诺补交", date(2025, 11, 4)))
    clerk = actor(db, "C001")
    with pytest.raises(Conflict):
        with db.write() as s:
            lc.decide(s, clerk, kept, "approved", "x1")
    with db.write() as s:
        lc.supply_materials(s, clerk, kept, (2,))
    assert _case(db, kept).waiver_deadline is None
    with db.write() as s:
        ended = lc.end_lapsed_waivers(s, clerk, today=date(2025, 11, 6))
    assert ended == [lapsed]
    assert _case(db, lapsed).status.value == "ended"
    assert _case(db, kept).status.value == "accepted"


def test_fees(db, hall):
    number = _accept(db, clerk="C002", code="MZ-001", received=(1,))
    clerk = actor(db, "C002")
    with pytest.raises(Invalid) as negative:
        with db.write() as s:
            case_fees.record_payment(s, clerk, number, -100, "cash", "R1")
    assert negative.value.key == "case.fee_negative"
    with pytest.raises(Invalid):
        with db.write() as s:
            case_fees.record_payment(s, clerk, number, 100, "barter", "R1")
    with pytest.raises(Invalid):
        with db.write() as s:
            case_fees.record_payment(s, clerk, number, 20000, "cash", "R1")
    with db.write() as s:
        case_fees.record_payment(s, clerk, number, 6000, "cash", "R1", at=datetime(2025, 11, 3, 10))
        case_fees.waive_fee(s, clerk, number, "低保户减免", at=datetime(2025, 11, 3, 10))
    with pytest.raises(Conflict):
        with db.write() as s:
            case_fees.record_payment(s, clerk, number, 100, "cash", "R2")
    case = _case(db, number)
    assert case.fee_paid_fen == 6000 and case.fee_waived
    with db.read() as s:
        by_day = case_fees.fee_totals(s, actor(db, "S001"), date(2025, 11, 1), date(2025, 11, 30), "day")
        by_dept = case_fees.fee_totals(s, actor(db, "S001"), date(2025, 11, 1), date(2025, 11, 30), "department")
        by_window = case_fees.fee_totals(s, actor(db, "S001"), date(2025, 11, 1), date(2025, 11, 30), "window")
        assert len(s.scalars(select(CaseFee)).all()) == 2
    assert [(t.key, t.paid_fen, t.waived_fen) for t in by_day] == [("2025-11-03", 6000, 4000)]
    assert by_dept[0].label == "民政局" and by_window[0].label.startswith("410185/02")


@pytest.mark.parametrize("text, fen", [("100", 10000), ("12.5", 1250), ("0.05", 5), ("-0", 0)])
def test_parse_yuan(text, fen):
    assert case_fees.parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["-1", "-0.01", "abc", "1.234", ""])
def test_parse_yuan_rejects(text):
    with pytest.raises(Invalid):
        case_fees.parse_yuan(text)


def test_cli_steps_and_bad_input(db, hall, cli):
    number = _accept(db, clerk="C002", code="MZ-001", received=(1,), at=datetime.now().replace(microsecond=0))
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


def test_cli_supply_and_end_lapsed(db, hall, cli):
    today = datetime.now().replace(microsecond=0)
    number = _accept(db, received=(1,), at=today, waiver=WaiverInput("承诺补交"))
    assert cli("case", "supply", number, "--received", "9", as_="C001").exit_code == 4
    assert cli("case", "supply", number, "--received", "2", as_="C001").exit_code == 0
    assert _case(db, number).waiver_deadline is None
    result = cli("case", "end-lapsed", "--json", as_="C001")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
