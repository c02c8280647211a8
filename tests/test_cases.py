"""Intake: accept, waiver acceptance, deficiency notice with its kept draft, refusal,
permissions, numbering (also under concurrency), the audit trail."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from console.cases.intake import (
    Applicant,
    IntakeForm,
    WaiverInput,
    accept,
    issue_deficiency_notice,
    list_drafts,
    load_draft,
    refuse,
    save_draft,
)
from console.core.errors import Invalid, NotFound, PermissionDenied
from console.core.personal import id_check_digit
from models import AuditEvent, Case, Intake
from tests.factories import actor

ID_NO = "41018519800101123" + id_check_digit("41018519800101123")
PERSON = Applicant(kind="person", name="王小明", id_no=ID_NO, phone="13812345678")


def form(code="SCJG-001", received=(1, 2, 3), applicant=PERSON) -> IntakeForm:
    return IntakeForm(item_code=code, applicant=applicant, received=tuple(received))


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_accept_across_national_day(db, hall):
    clerk = actor(db, "C001")
    with db.write() as s:
        result = accept(s, clerk, form(), at=datetime(2025, 9, 30, 10, 15))
    assert result.due_date == date(2025, 10, 11)  # Oct 9, Oct 10, Sat Oct 11 (make-up day)
    assert result.number == "4101852025000001"
    assert result.fee_due_fen == 0 and result.missing == ()
    with db.read() as s:
        case = s.scalar(select(Case))
        assert case.accepted_month == 202509 and case.status.value == "accepted"
        assert [m.received for m in case.materials] == [True, True, True]


def test_accept_across_spring_festival(db, hall):
    clerk = actor(db, "C001")
    with db.write() as s:
        result = accept(s, clerk, form("SCJG-002", (1,)), at=datetime(2026, 2, 13, 9, 0))
    assert result.due_date == date(2026, 3, 5)


def test_case_numbers_follow_the_pattern_and_restart_each_year(db, hall):
    from console.cases.numbering import set_number_pattern

    clerk, admin = actor(db, "C001"), actor(db, "A001")
    with db.write() as s:
        a = accept(s, clerk, form(), at=datetime(2025, 3, 3, 9)).number
        b = accept(s, clerk, form(), at=datetime(2025, 3, 3, 10)).number
        c = accept(s, clerk, form(), at=datetime(2026, 3, 3, 9)).number
    assert (a, b, c) == ("4101852025000001", "4101852025000002", "4101852026000001")
    with db.write() as s:
        set_number_pattern(s, admin, "豫{site}-{dept}-{year}{month}-{seq:04d}")
    with db.write() as s:
        assert accept(s, clerk, form(), at=datetime(2026, 3, 4, 9)).number == "豫410185-SCJG-202603-0001"
    with pytest.raises(Invalid):
        with db.write() as s:
            set_number_pattern(s, admin, "{site}{year}")


def test_missing_materials_refuse_a_plain_acceptance(db, hall):
    with pytest.raises(Invalid) as info:
        with db.write() as s:
            accept(s, actor(db, "C001"), form(received=(1, 3)))
    assert info.value.field == "materials" and "身份证明" in info.value.message
    assert count(db, Case) == 0


def test_waiver_acceptance(db, hall):
    clerk = actor(db, "C001")
    with db.write() as s:
        result = accept(s, clerk, form(received=(1,)), at=datetime(2025, 9, 26, 9),
                        waiver=WaiverInput("申请人承诺三日内补交", date(2025, 9, 29)))
    assert result.waiver_deadline == date(2025, 9, 29) and result.missing == ("身份证明",)
    with pytest.raises(Invalid) as late:
        with db.write() as s:
            accept(s, clerk, form(received=(1,)), at=datetime(2025, 9, 26, 9),
                   waiver=WaiverInput("承诺", date(2025, 10, 20)))
    assert late.value.field == "waiver.deadline"
    with pytest.raises(Invalid) as no_commitment:
        with db.write() as s:
            accept(s, clerk, form(received=(1,)), waiver=WaiverInput("  "))
    assert no_commitment.value.field == "waiver.commitment"
    with pytest.raises(Invalid) as not_allowed:
        with db.write() as s:
            accept(s, clerk, IntakeForm("SCJG-002", PERSON, ()), waiver=WaiverInput("承诺"))
    assert not_allowed.value.key == "case.waiver_not_allowed"
    assert count(db, Case) == 1


def test_deficiency_notice_keeps_the_draft_and_accepting_it_later(db, hall):
    from console.cases.documents import deficiency_notice

    clerk = actor(db, "C001")
    typed = form(received=(3,))
    with db.write() as s:
        notice = issue_deficiency_notice(s, clerk, typed, at=datetime(2025, 5, 6, 9))
    assert notice.missing == ("登记申请书", "身份证明")
    assert notice.document_no == "410185-GZ-2025-00001"
    with db.read() as s:
        text = deficiency_notice(s, clerk, notice.intake_id, "text")
        html = deficiency_notice(s, clerk, notice.intake_id, "html")
        reopened = load_draft(s, clerk, notice.intake_id)
        assert [d.intake_id for d in list_drafts(s, clerk)] == [notice.intake_id]
    assert "登记申请书" in text and "身份证明" in text and "<table>" in html
    assert reopened.form == typed and reopened.status == "deficiency"
    completed = IntakeForm(typed.item_code, typed.applicant, (1, 2, 3))
    with db.write() as s:
        result = accept(s, clerk, completed, intake_id=notice.intake_id)
    with db.read() as s:
        intake = s.get(Intake, notice.intake_id)
        assert intake.status.value == "accepted" and intake.case_id is not None
        assert s.scalar(select(Case.number).where(Case.id == intake.case_id)) == result.number
    with pytest.raises(Invalid):
        with db.write() as s:
            accept(s, clerk, completed, intake_id=notice.intake_id)


def test_a_notice_with_nothing_missing_is_refused(db, hall):
    with pytest.raises(Invalid) as info:
        with db.write() as s:
            issue_deficiency_notice(s, actor(db, "C001"), form())
    assert info.value.key == "case.nothing_missing"


def test_draft_save_and_restore_everything_typed(db, hall):
    clerk = actor(db, "C001")
    half = IntakeForm("SCJG-001", Applicant(kind="organization", name="登封某公司", id_no="9111",
                                            legal_rep="李四", contact="王五", phone="0371-6281"), (2,), "备注")
    with db.write() as s:
        draft_id = save_draft(s, clerk, half)
    with db.read() as s:
        assert load_draft(s, clerk, draft_id).form == half
    with pytest.raises(PermissionDenied):
        with db.read() as s:
            load_draft(s, actor(db, "C002"), draft_id)


def test_refusal(db, hall):
    from console.cases.documents import refusal_decision

    clerk = actor(db, "C001")
    with pytest.raises(Invalid) as info:
        with db.write() as s:
            refuse(s, clerk, form(), reason="", legal_basis="《行政许可法》第三十二条")
    assert info.value.field == "reason"
    with db.write() as s:
        result = refuse(s, clerk, form(), reason="不属于本机关职权范围",
                        legal_basis="《行政许可法》第三十二条第一款第（二）项")
    with db.read() as s:
        text = refusal_decision(s, clerk, result.intake_id, "text")
    assert "不属于本机关职权范围" in text and result.document_no.startswith("410185-BSL-")
    assert count(db, Case) == 0


def test_clerk_accepts_only_items_of_the_windows_departments(db, hall):
    with pytest.raises(PermissionDenied):
        with db.write() as s:
            accept(s, actor(db, "C001"), form("MZ-001", (1,)))
    # the comprehensive window serves 民政局 and 人社局
    with db.write() as s:
        accept(s, actor(db, "C002"), form("MZ-001", (1,)))
        accept(s, actor(db, "C002"), form("RS-001", (1,)))
    with pytest.raises(PermissionDenied):
        with db.write() as s:
            accept(s, actor(db, "C002"), form("SCJG-002", (1,)))
    with pytest.raises(PermissionDenied):  # supervisors do not accept
        with db.write() as s:
            accept(s, actor(db, "S001"), form())
    assert count(db, Case) == 2


@pytest.mark.parametrize("applicant, field", [
    (Applicant("person", "王", "410185198001011231"), "applicant.id_no"),
    (Applicant("person", "王", "４１０１８５１９８００１０１１２３０"), "applicant.id_no"),
    (Applicant("person", "", ID_NO), "applicant.name"),
    (Applicant("person", "王", ID_NO, phone="12345"), "applicant.phone"),
    (Applicant("organization", "某公司", "91110000600037341X", legal_rep="李"), "applicant.id_no"),
    (Applicant("organization", "某公司", "91110000600037341L"), "applicant.legal_rep"),
    (Applicant("robot", "x", ""), "applicant.kind"),
])
def test_bad_applicants_name_the_field_and_write_nothing(db, hall, applicant, field):
    with pytest.raises(Invalid) as info:
        with db.write() as s:
            accept(s, actor(db, "C001"), form(applicant=applicant))
    assert info.value.field == field
    assert count(db, Case) == 0


def test_unknown_and_retired_items(db, hall):
    with pytest.raises(NotFound):
        with db.write() as s:
            accept(s, actor(db, "C001"), form("NOPE-1"))
    with pytest.raises(Invalid):
        with db.write() as s:
            accept(s, actor(db, "A001"), form("MZ-OLD", ()))


def test_the_audit_summary_masks_personal_data(db, hall):
    with db.write() as s:
        number = accept(s, actor(db, "C001"), form()).number
    with db.read() as s:
        entity_id, actor_no, text = s.execute(select(AuditEvent.entity_id, AuditEvent.actor_no, AuditEvent.summary)
                                              .where(AuditEvent.action == "case.accept")).one()
    summary = json.loads(text)
    assert entity_id == number and actor_no == "C001"
    assert summary["applicant"]["id_no"] == "410185********" + ID_NO[-4:]
    assert summary["applicant"]["phone"] == "138****5678"
    assert ID_NO not in text and "13812345678" not in text


def test_receipt_text_and_html(db, hall):
    from console.cases.documents import receipt

    with db.write() as s:
        number = accept(s, actor(db, "C001"), form(), at=datetime(2025, 9, 30, 10)).number
    with db.read() as s:
        text = receipt(s, actor(db, "C001"), number, "text")
        html = receipt(s, actor(db, "S001"), number, "html")
        with pytest.raises(Invalid):
            receipt(s, actor(db, "C001"), number, "pdf")
    assert number in text and "2025-10-11" in text and "410185********" in text
    assert html.startswith("<!DOCTYPE html>") and ID_NO in html  # the supervisor sees it whole


def _accept_many(url: str, clerk, n: int, out: list, errors: list) -> None:
    from models.engine import Database

    db = Database(url)
    try:
        for _ in range(n):
            with db.write() as s:
                out.append(accept(s, clerk, form()).number)
    except Exception as error:  # pragma: no cover - reported by the assertion
        errors.append(error)
    finally:
        db.dispose()


def test_numbers_are_unique_across_concurrent_terminals(db, hall, db_url):
    clerks = [actor(db, "C001")] * 4
    numbers: list[str] = []
    errors: list[Exception] = []
    threads = [threading.Thread(target=_accept_many, args=(db_url, c, 6, numbers, errors)) for c in clerks]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert len(numbers) == 24 and len(set(numbers)) == 24
    assert sorted(int(n[-6:]) for n in numbers) == list(range(1, 25))


def test_cli_accept_show_list(db, hall, cli):
    result = cli("case", "accept", "SCJG-001", "--name", "王小明", "--id", ID_NO, "--phone", "13812345678",
                 "--all", "--json", as_="C001")
    assert result.exit_code == 0, result.stderr
    number = json.loads(result.stdout)["number"]
    shown = json.loads(cli("case", "show", number, "--json").stdout)
    assert shown["applicant_id"] == "410185********" + ID_NO[-4:] and shown["item_code"] == "SCJG-001"
    full = json.loads(cli("case", "show", number, "--json", as_="S001").stdout)
    assert full["applicant_id"] == ID_NO
    receipt = cli("case", "show", number, "--receipt", "text", as_="C001")
    assert receipt.exit_code == 0 and number in receipt.stdout
    listed = json.loads(cli("case", "list", "--json").stdout)
    assert [c["number"] for c in listed] == [number]
    assert json.loads(cli("case", "list", "--status", "completed", "--json").stdout) == []
    assert cli("case", "list", "--status", "nonsense").exit_code == 4
    assert cli("case", "show", "NOPE").exit_code == 3


@pytest.mark.parametrize("args, code", [
    (("SCJG-001", "--name", "王", "--id", "410185198001011231", "--all"), 4),
    (("SCJG-001", "--name", "王", "--id", "４１０１８５１９８００１０１１２３０", "--all"), 4),
    (("NOPE-9", "--name", "王", "--id", ID_NO, "--all"), 3),
    (("MZ-001", "--name", "王", "--id", ID_NO, "--received", "1"), 5),
    (("SCJG-001", "--name", "王", "--id", ID_NO, "--received", "1"), 4),
])
def test_cli_accept_bad_input_writes_nothing(db, hall, cli, args, code):
    result = cli("case", "accept", *args, as_="C001")
    assert result.exit_code == code, result.stderr
    assert result.stderr.strip()
    assert count(db, Case) == 0


def test_a_due_date_in_an_unknown_calendar_year_refuses_the_acceptance(db, hall):
    with pytest.raises(Invalid) as info:
        with db.write() as s:
            accept(s, actor(db, "C002"), form("MZ-001", (1,)), at=datetime(2026, 12, 10, 9))
    assert info.value.key == "calendar.year_unknown" and info.value.params["year"] == 2027
    assert count(db, Case) == 0
