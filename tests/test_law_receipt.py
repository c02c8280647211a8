"""Receipt before acceptance (§32(4)): the deficiency notice on the spot or within 5 working days of
receipt; past that the application counts as accepted from the day of receipt."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from console.cases.intake import accept, issue_deficiency_notice, refuse
from console.cases.receipt import notice_deadline, pending_receipts, receive
from console.core.errors import Conflict
from models import Case, Intake
from tests.factories import actor
from tests.test_cases import ID_NO, form

#: Monday; the 5th working day after it is Mon 03-09, the 6th Tue 03-10
RECEIVED = datetime(2026, 3, 2, 10, 0)
FIFTH = datetime(2026, 3, 9, 16, 0)
SIXTH = datetime(2026, 3, 10, 9, 0)


def _receive(runner, db, received=(1,)):
    return runner.run(receive, form(received=received), at=RECEIVED, actor=actor(db, "C001"))


def test_the_notice_deadline_is_the_fifth_working_day_after_receipt(db, hall, runner):
    result = _receive(runner, db)
    assert result.notice_by == date(2026, 3, 9)
    with db.read() as s:
        assert notice_deadline(s, date(2026, 9, 29)) == date(2026, 10, 12)  # across National Day (10-10 make-up)
        intake = s.get(Intake, result.intake_id)
        assert intake.status.value == "received" and intake.received_at == RECEIVED


def test_a_notice_on_the_fifth_working_day_is_in_time(db, hall, runner):
    intake_id = _receive(runner, db).intake_id
    notice = runner.run(issue_deficiency_notice, form(received=(1,)), intake_id=intake_id, at=FIFTH,
                        actor=actor(db, "C001"))
    assert notice.missing == ("身份证明",)
    # the applicant supplements later: an ordinary acceptance, its clock from acceptance
    case = runner.run(accept, form(), intake_id=intake_id, at=datetime(2026, 3, 16, 9), actor=actor(db, "C001"))
    assert case.deemed is False and case.due_date == date(2026, 3, 19)


def test_a_notice_on_the_sixth_working_day_is_refused_and_writes_nothing(db, hall, runner):
    intake_id = _receive(runner, db).intake_id
    with pytest.raises(Conflict) as info:
        runner.run(issue_deficiency_notice, form(received=(1,)), intake_id=intake_id, at=SIXTH,
                   actor=actor(db, "C001"))
    assert info.value.key == "law.notice_too_late"
    with pytest.raises(Conflict) as refused:
        runner.run(refuse, form(), reason="不属于本机关职权", legal_basis="《行政许可法》第三十二条",
                   intake_id=intake_id, at=SIXTH, actor=actor(db, "C001"))
    assert refused.value.key == "law.refuse_too_late"
    with db.read() as s:
        intake = s.get(Intake, intake_id)
        assert intake.status.value == "received" and intake.document_no is None


def test_acceptance_after_the_sixth_working_day_is_deemed_from_receipt(db, hall, runner, clock):
    intake_id = _receive(runner, db).intake_id
    clock.set(SIXTH)
    assert [r.deemed for r in runner.run(pending_receipts, actor=actor(db, "C001"))] == [True]
    result = runner.run(accept, form(), intake_id=intake_id, actor=actor(db, "C001"))
    assert result.deemed is True
    assert result.due_date == date(2026, 3, 5)  # 3 working days from the day of receipt, not from 03-10
    with db.read() as s:
        case = s.scalar(select(Case).where(Case.number == result.number))
        assert case.deemed is True and case.received_at == RECEIVED and case.accepted_date == date(2026, 3, 10)
    assert runner.run(pending_receipts, actor=actor(db, "C001")) == []


def test_acceptance_on_the_fifth_working_day_is_not_deemed(db, hall, runner, clock):
    intake_id = _receive(runner, db).intake_id
    clock.set(FIFTH)
    assert [r.deemed for r in runner.run(pending_receipts, actor=actor(db, "C001"))] == [False]
    result = runner.run(accept, form(), intake_id=intake_id, actor=actor(db, "C001"))
    assert result.deemed is False and result.due_date == date(2026, 3, 12)


def test_on_the_spot_acceptance_records_the_receipt_at_the_same_moment(db, hall, runner):
    result = runner.run(accept, form(), at=RECEIVED, actor=actor(db, "C001"))
    with db.read() as s:
        case = s.scalar(select(Case).where(Case.number == result.number))
        assert case.received_at == RECEIVED and case.deemed is False


def test_cli_receive_notice_refuse_and_show(db, hall, cli, clock):
    clock.set(RECEIVED)
    got = cli("case", "receive", "SCJG-001", "--name", "王小明", "--id", ID_NO, "--received", "1", "--json",
              as_="C001")
    assert got.exit_code == 0, got.output
    receipt = json.loads(got.stdout)
    assert receipt["notice_by"] == "2026-03-09"
    clock.set(SIXTH)
    late = cli("case", "notice", "SCJG-001", "--name", "王小明", "--id", ID_NO, "--received", "1",
               "--draft", str(receipt["intake_id"]), as_="C001")
    assert late.exit_code != 0 and "2026-03-09" in late.stderr
    listed = json.loads(cli("case", "receipts", "--json", as_="C001").stdout)
    assert [r["deemed"] for r in listed] == [True]
    accepted = cli("case", "accept", "SCJG-001", "--name", "王小明", "--id", ID_NO, "--all",
                   "--draft", str(receipt["intake_id"]), "--json", as_="C001")
    assert accepted.exit_code == 0, accepted.output
    number = json.loads(accepted.stdout)["number"]
    shown = json.loads(cli("case", "show", number, "--json", as_="C001").stdout)
    assert shown["deemed"] is True and shown["received_at"] == "2026-03-02 10:00:00"
    assert shown["due_date"] == "2026-03-05"
    text = cli("case", "show", number, "--receipt", "text", as_="C001").stdout
    assert "deemed accepted" in text
    # on the spot: a notice and a refusal without a receipt first
    clock.set(FIFTH)
    notice = cli("case", "notice", "SCJG-001", "--name", "李四", "--received", "1", "--doc", "text", as_="C001")
    assert notice.exit_code == 0, notice.output
    assert "身份证明" in notice.stdout
    refused = cli("case", "refuse", "SCJG-002", "--name", "李四", "--reason", "不属于本机关职权",
                  "--basis", "《行政许可法》第三十二条", "--json", as_="C001")
    assert refused.exit_code == 0 and json.loads(refused.stdout)["document_no"]


def test_the_board_counts_receipts_deemed_accepted(db, hall, runner):
    from console.cases.reports import supervision_board

    _receive(runner, db)
    supervisor = actor(db, "S001")
    assert runner.run(supervision_board, today=FIFTH.date(), actor=supervisor).deemed_receipts == 0
    assert runner.run(supervision_board, today=SIXTH.date(), actor=supervisor).deemed_receipts == 1
