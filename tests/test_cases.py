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
from console.core.errors import Invalid, LoginRequired, NotFound, PermissionDenied
from console.core.exitcodes import ExitCode
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


def test_accept_across_national_day(db, hall, runner):
    clerk = actor(db, "C001")
    result = runner.run(accept, form(), at=datetime(2025, 9, 30, 10, 15), actor=clerk)
    assert result.due_date == date(2025, 10, 11)  # Oct 9, Oct 10, Sat Oct 11 (make-up day)
    assert result.number == "4101852025000001"
    assert result.fee_due_fen == 0 and result.missing == ()
    with db.read() as s:
        case = s.scalar(select(Case))
        assert case.accepted_month == 202509 and case.status.value == "accepted"
        assert [m.received for m in case.materials] == [True, True, True]


def test_accept_across_spring_festival(db, hall, runner):
    clerk = actor(db, "C001")
    result = runner.run(accept, form("SCJG-002", (1,)), at=datetime(2026, 2, 13, 9, 0), actor=clerk)
    assert result.due_date == date(2026, 3, 5)


def test_case_numbers_follow_the_pattern_and_restart_each_year(db, hall, runner):
    from console.cases.numbering import set_number_pattern

    clerk, admin = actor(db, "C001"), actor(db, "A001")
    with runner.transaction(clerk, write=True) as ctx:  # three acceptances in one transaction
        a = accept(ctx, form(), at=datetime(2025, 3, 3, 9)).number
        b = accept(ctx, form(), at=datetime(2025, 3, 3, 10)).number
        c = accept(ctx, form(), at=datetime(2026, 3, 3, 9)).number
    assert (a, b, c) == ("4101852025000001", "4101852025000002", "4101852026000001")
    runner.run(set_number_pattern, "豫{site}-{dept}-{year}{month}-{seq:04d}", actor=admin)
    assert runner.run(accept, form(), at=datetime(2026, 3, 4, 9), actor=clerk).number == "豫410185-SCJG-202603-0001"
    with pytest.raises(Invalid):
        runner.run(set_number_pattern, "{site}{year}", actor=admin)


def test_missing_materials_refuse_a_plain_acceptance(db, hall, runner):
    with pytest.raises(Invalid) as info:
        runner.run(accept, form(received=(1, 3)), actor=actor(db, "C001"))
    assert info.value.field == "materials" and "身份证明" in info.value.message
    assert count(db, Case) == 0


def test_waiver_acceptance(db, hall, runner):
    clerk = actor(db, "C001")
    result = runner.run(accept, form(received=(1,)), at=datetime(2025, 9, 26, 9),
                        waiver=WaiverInput("申请人承诺三日内补交", date(2025, 9, 29)), actor=clerk)
    assert result.waiver_deadline == date(2025, 9, 29) and result.missing == ("身份证明",)
    with pytest.raises(Invalid) as late:
        runner.run(accept, form(received=(1,)), at=datetime(2025, 9, 26, 9),
                   waiver=WaiverInput("承诺", date(2025, 10, 20)), actor=clerk)
    assert late.value.field == "waiver.deadline"
    with pytest.raises(Invalid) as no_commitment:
        runner.run(accept, form(received=(1,)), waiver=WaiverInput("  "), actor=clerk)
    assert no_commitment.value.field == "waiver.commitment"
    with pytest.raises(Invalid) as not_allowed:
        runner.run(accept, IntakeForm("SCJG-002", PERSON, ()), waiver=WaiverInput("承诺"), actor=clerk)
    assert not_allowed.value.key == "case.waiver_not_allowed"
    assert count(db, Case) == 1


def test_deficiency_notice_keeps_the_draft_and_accepting_it_later(db, hall, runner):
    from console.cases.documents import deficiency_notice

    clerk = actor(db, "C001")
    typed = form(received=(3,))
    notice = runner.run(issue_deficiency_notice, typed, at=datetime(2025, 5, 6, 9), actor=clerk)
    assert notice.missing == ("登记申请书", "身份证明")
    assert notice.document_no == "410185-GZ-2025-00001"
    with runner.transaction(clerk) as ctx:  # several reads in one snapshot
        text = deficiency_notice(ctx, notice.intake_id, "text")
        html = deficiency_notice(ctx, notice.intake_id, "html")
        reopened = load_draft(ctx, notice.intake_id)
        assert [d.intake_id for d in list_drafts(ctx)] == [notice.intake_id]
    assert "登记申请书" in text and "身份证明" in text and "<table class=\"doc-fields\">" in html and "登记申请书" in html
    assert reopened.form == typed and reopened.status == "deficiency"
    completed = IntakeForm(typed.item_code, typed.applicant, (1, 2, 3))
    result = runner.run(accept, completed, intake_id=notice.intake_id, actor=clerk)
    with db.read() as s:
        intake = s.get(Intake, notice.intake_id)
        assert intake.status.value == "accepted" and intake.case_id is not None
        assert s.scalar(select(Case.number).where(Case.id == intake.case_id)) == result.number
    with pytest.raises(Invalid):
        runner.run(accept, completed, intake_id=notice.intake_id, actor=clerk)


def test_a_notice_with_nothing_missing_is_refused(db, hall, runner):
    with pytest.raises(Invalid) as info:
        runner.run(issue_deficiency_notice, form(), actor=actor(db, "C001"))
    assert info.value.key == "case.nothing_missing"


def test_draft_save_and_restore_everything_typed(db, hall, runner):
    clerk = actor(db, "C001")
    half = IntakeForm("SCJG-001", Applicant(kind="organization", name="登封某公司", id_no="9111",
                                            legal_rep="李四", contact="王五", phone="0371-6281"), (2,), "备注")
    draft_id = runner.run(save_draft, half, actor=clerk)
    assert runner.run(load_draft, draft_id, actor=clerk).form == half
    with pytest.raises(PermissionDenied):
        runner.run(load_draft, draft_id, actor=actor(db, "C002"))


def test_refusal(db, hall, runner):
    from console.cases.documents import refusal_decision

    clerk = actor(db, "C001")
    with pytest.raises(Invalid) as info:
        runner.run(refuse, form(), reason="", legal_basis="《行政许可法》第三十二条", actor=clerk)
    assert info.value.field == "reason"
    result = runner.run(refuse, form(), reason="不属于本机关职权范围",
                        legal_basis="《行政许可法》第三十二条第一款第（二）项", actor=clerk)
    text = runner.run(refusal_decision, result.intake_id, "text", actor=clerk)
    assert "不属于本机关职权范围" in text and result.document_no.startswith("410185-BSL-")
    assert count(db, Case) == 0


def test_clerk_accepts_only_items_of_the_windows_departments(db, hall, runner):
    with pytest.raises(PermissionDenied):
        runner.run(accept, form("MZ-001", (1,)), actor=actor(db, "C001"))
    # the comprehensive window serves 民政局 and 人社局
    with runner.transaction(actor(db, "C002"), write=True) as ctx:
        accept(ctx, form("MZ-001", (1,)))
        accept(ctx, form("RS-001", (1,)))
    with pytest.raises(PermissionDenied):
        runner.run(accept, form("SCJG-002", (1,)), actor=actor(db, "C002"))
    with pytest.raises(PermissionDenied):  # supervisors do not accept
        runner.run(accept, form(), actor=actor(db, "S001"))
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
def test_bad_applicants_name_the_field_and_write_nothing(db, hall, runner, applicant, field):
    with pytest.raises(Invalid) as info:
        runner.run(accept, form(applicant=applicant), actor=actor(db, "C001"))
    assert info.value.field == field
    assert count(db, Case) == 0


def test_unknown_and_retired_items(db, hall, runner):
    with pytest.raises(NotFound):
        runner.run(accept, form("NOPE-1"), actor=actor(db, "C001"))
    with pytest.raises(Invalid):
        runner.run(accept, form("MZ-OLD", ()), actor=actor(db, "A001"))


def test_the_audit_summary_masks_personal_data(db, hall, runner):
    number = runner.run(accept, form(), actor=actor(db, "C001")).number
    with db.read() as s:
        entity_id, actor_no, text = s.execute(select(AuditEvent.entity_id, AuditEvent.actor_no, AuditEvent.summary)
                                              .where(AuditEvent.action == "case.accept")).one()
    summary = json.loads(text)
    assert entity_id == number and actor_no == "C001"
    assert summary["applicant"]["id_no"] == "410185********" + ID_NO[-4:]
    assert summary["applicant"]["phone"] == "138****5678"
    assert ID_NO not in text and "13812345678" not in text


def test_receipt_text_and_html(db, hall, runner):
    from console.cases.documents import receipt

    number = runner.run(accept, form(), at=datetime(2025, 9, 30, 10), actor=actor(db, "C001")).number
    text = runner.run(receipt, number, "text", actor=actor(db, "C001"))
    html = runner.run(receipt, number, "html", actor=actor(db, "S001"))
    with pytest.raises(Invalid):
        runner.run(receipt, number, "pdf", actor=actor(db, "C001"))
    assert number in text and "2025-10-11" in text and "410185********" in text
    # a printed receipt masks the ID for every role, a supervisor's too (revealing is on the screen, audited)
    assert html.startswith("<!DOCTYPE html>") and ID_NO not in html and "410185********" in html


def _accept_many(url: str, clock, clerk, n: int, out: list, errors: list) -> None:
    from console.core.runner import Runner
    from models.engine import Database

    db = Database(url)
    runner = Runner(db, clock=clock)
    try:
        for _ in range(n):
            out.append(runner.run(accept, form(), actor=clerk).number)
    except Exception as error:  # pragma: no cover - reported by the assertion
        errors.append(error)
    finally:
        db.dispose()


def test_numbers_are_unique_across_concurrent_terminals(db, hall, db_url, clock):
    clerks = [actor(db, "C001")] * 4
    numbers: list[str] = []
    errors: list[Exception] = []
    threads = [threading.Thread(target=_accept_many, args=(db_url, clock, c, 6, numbers, errors)) for c in clerks]
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
    shown = json.loads(cli("case", "show", number, "--json", as_="C001").stdout)
    assert shown["applicant_id"] == "410185********" + ID_NO[-4:] and shown["item_code"] == "SCJG-001"
    masked = json.loads(cli("case", "show", number, "--json", as_="S001").stdout)
    assert masked["applicant_id"] == "410185********" + ID_NO[-4:]  # masked for a supervisor too
    full = json.loads(cli("case", "show", number, "--json", "--reveal", as_="S001").stdout)
    assert full["applicant_id"] == ID_NO
    receipt = cli("case", "show", number, "--receipt", "text", as_="C001")
    assert receipt.exit_code == 0 and number in receipt.stdout
    listed = json.loads(cli("case", "list", "--json", as_="C001").stdout)
    assert [c["number"] for c in listed] == [number]
    assert json.loads(cli("case", "list", "--status", "completed", "--json", as_="C001").stdout) == []
    assert cli("case", "list", "--status", "nonsense", as_="C001").exit_code == 4
    assert cli("case", "show", "NOPE", as_="C001").exit_code == 3


def test_case_show_reads_as_sentences_in_the_interface_language(db, hall, cli):
    """A person's ``hall case show``: labelled sentences and the materials, not field names and dicts."""
    result = cli("case", "accept", "SCJG-001", "--name", "王小明", "--id", ID_NO, "--phone", "13812345678",
                 "--all", "--json", as_="C001")
    number = json.loads(result.stdout)["number"]
    english = cli("case", "show", number, as_="C001").stdout
    assert english.startswith(f"{number}  SCJG-001 ")
    assert "Status: accepted" in english and "[x] 1. " in english and "(required)" in english
    assert "applicant_id" not in english and "{'position'" not in english and "False" not in english
    assert ID_NO not in english and "138****5678" in english  # masked
    chinese = cli("case", "show", number, as_="C001", lang="zh_CN").stdout
    assert "状态：已受理" in chinese and "申报材料" in chinese and "(必交)" in chinese
    assert "Status" not in chinese and "accepted" not in chinese
    revealed = cli("case", "show", number, "--reveal", as_="S001").stdout
    assert ID_NO in revealed and "13812345678" in revealed


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


def test_a_due_date_in_an_unannounced_year_is_computed_on_the_provisional_calendar(db, hall, runner):
    # 2027's holidays are not announced yet: the hall does not stop in December; 20 working days
    # from Thursday 10 December skip the weekends and New Year's Day 2027 (make-up days unknown)
    result = runner.run(accept, form("MZ-001", (1,)), at=datetime(2026, 12, 10, 9), actor=actor(db, "C002"))
    assert result.due_date == date(2027, 1, 8)
    assert count(db, Case) == 1


def test_cli_case_list_scopes(db, hall, cli, runner):
    mine = runner.run(accept, form(), actor=actor(db, "C001")).number
    other = runner.run(accept, form(), actor=actor(db, "A001")).number  # no window
    listed = lambda *args: [c["number"] for c in json.loads(cli("case", "list", *args, "--json", as_="C001").stdout)]  # noqa: E731
    assert listed() == [other, mine]
    assert listed("--scope", "mine") == listed("--scope", "window") == [mine]
    assert cli("case", "list", "--scope", "everything", as_="C001").exit_code == ExitCode.INVALID


@pytest.mark.parametrize("args", [
    ("case", "list", "--json"),
    ("case", "show", "4101852026000001", "--json"),
    ("case", "show", "4101852026000001", "--receipt", "text"),
    ("case", "export", "--from", "2026-01-01", "--to", "2026-12-31"),
    ("case", "overdue", "--json"),
    ("report", "cases", "--from", "2026-01-01", "--to", "2026-12-31", "--json"),
])
def test_reading_cases_needs_a_log_in_and_prints_nothing(db, hall, cli, runner, args):
    runner.run(accept, form(), actor=actor(db, "C001"))  # there is a case to see
    result = cli(*args)
    assert result.exit_code == ExitCode.AUTH, result.output
    assert result.stdout == "" and "--as" in result.stderr


def test_nobody_reads_a_case_without_logging_in(db, hall, runner):
    from console.cases.access import get_case, list_cases
    from console.cases.export_file import export_rows

    number = runner.run(accept, form(), actor=actor(db, "C001")).number
    for fn, args in ((list_cases, ()), (get_case, (number,)), (export_rows, (date(2026, 1, 1), date(2026, 12, 31)))):
        with pytest.raises(LoginRequired):
            runner.run(fn, *args)
    assert [c.number for c in runner.run(list_cases, actor=actor(db, "C001"))] == [number]


def test_the_case_list_shows_the_newest_accepted_first_whatever_the_order_of_entry(db, hall, runner):
    """History entered after today's cases (an import, the demo's past years) sorts by acceptance."""
    from sqlalchemy import update

    from console.cases.access import list_cases

    clerk = actor(db, "C001")
    today = runner.run(accept, form(), actor=clerk).number
    older = runner.run(accept, form(), actor=clerk).number  # entered later…
    with db.write() as s:  # …but accepted years ago, as an imported case is
        s.execute(update(Case).where(Case.number == older).values(accepted_at=datetime(2009, 3, 16, 9, 0)))
    assert [c.number for c in runner.run(list_cases, actor=clerk)] == [today, older]
    assert [c.number for c in runner.run(list_cases, status="accepted", actor=clerk)] == [today, older]


def test_a_kept_refusal_comes_with_its_draft_is_the_clerks_own_and_goes_once_accepted(db, hall, runner):
    from console.cases.kept import keep_intake_dialog

    clerk, other = actor(db, "C001"), actor(db, "C002")
    draft = runner.run(save_draft, form(received=(1,)), actor=clerk)
    typed = {"reason": "不属于本中心\x07", "legal_basis": "《条例》", "Bad Name": "x"}
    assert runner.run(keep_intake_dialog, draft, "refuse", typed, actor=clerk) is True
    reopened = runner.run(load_draft, draft, actor=clerk)
    assert reopened.dialogs == {"refuse": {"reason": "不属于本中心", "legal_basis": "《条例》"}}
    with pytest.raises((PermissionDenied, NotFound)):  # another window's clerk cannot keep on it
        runner.run(keep_intake_dialog, draft, "refuse", typed, actor=other)
    with pytest.raises(Invalid):
        runner.run(keep_intake_dialog, draft, "nonsense", typed, actor=clerk)
    with db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "case.dialog_kept")).all()[-1]
        assert "不属于本中心" not in event.summary
        assert json.loads(event.summary) == {"dialog": "refuse", "fields": ["legal_basis", "reason"]}
    runner.run(accept, form(), intake_id=draft, actor=clerk)
    from console.cases.kept import kept_dialogs

    with db.read() as s:
        assert kept_dialogs(s, clerk.id, draft) == {}  # accepted: nothing of it is kept
