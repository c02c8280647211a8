"""Personal numbers are masked for every role unless revealed, one record at a time, audited:
the reveal use cases, and the command line's ``--reveal`` running the same ones."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from console.core.errors import PermissionDenied
from console.core.exitcodes import ExitCode
from console.core.personal import id_check_digit
from models import AuditEvent
from tests.factories import actor

ID_NO = "41018519800101123" + id_check_digit("41018519800101123")
MASKED_ID = "410185********" + ID_NO[-4:]


def _accept(cli) -> str:
    result = cli("case", "accept", "SCJG-001", "--name", "王小明", "--id", ID_NO, "--phone", "13812345678",
                 "--all", "--json", as_="C001")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["number"]


def _revealed_events(db) -> list[tuple[str, str, str, dict]]:
    with db.read() as session:
        return [(e.actor_no, e.entity_type, e.entity_id, json.loads(e.summary)) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "personal.revealed").order_by(AuditEvent.id))]


def test_the_case_is_masked_for_a_supervisor_and_revealing_it_is_audited(db, hall, cli, runner):
    from console.cases.access import get_case
    from console.cases.reveal import reveal_cases

    number = _accept(cli)
    supervisor = actor(db, "S001")
    view = runner.run(get_case, number, actor=supervisor)
    assert (view.applicant_id, view.applicant_phone) == (MASKED_ID, "138****5678")
    assert _revealed_events(db) == []
    [revealed] = runner.run(reveal_cases, number, actor=supervisor)
    assert revealed.values == {"id_no": ID_NO, "phone": "13812345678"}
    events = _revealed_events(db)
    assert events == [("S001", "case", number, {"fields": ["id_no", "phone"]})]
    assert ID_NO not in json.dumps(events) and "13812345678" not in json.dumps(events)


def test_a_clerk_may_not_reveal_and_nothing_is_recorded(db, hall, cli, runner):
    from console.cases.reveal import reveal_cases
    from console.core.i18n import set_language, t

    number = _accept(cli)
    with pytest.raises(PermissionDenied) as refused:
        runner.run(reveal_cases, number, actor=actor(db, "C001"))
    assert "personal" not in refused.value.message  # said in words, not the permission's name
    set_language("zh_CN")
    try:
        assert t("trust.perm.personal.full") in refused.value.message
    finally:
        set_language("en")
    assert _revealed_events(db) == []


def test_cli_masks_by_default_and_reveal_shows_and_audits(db, hall, cli):
    number = _accept(cli)
    shown = json.loads(cli("case", "show", number, "--json", as_="A001").stdout)
    assert (shown["applicant_id"], shown["applicant_phone"]) == (MASKED_ID, "138****5678")
    full = json.loads(cli("case", "show", number, "--json", "--reveal", as_="A001").stdout)
    assert (full["applicant_id"], full["applicant_phone"]) == (ID_NO, "13812345678")
    table = cli("case", "show", number, "--reveal", as_="A001")
    assert table.exit_code == 0 and ID_NO in table.stdout
    listed = json.loads(cli("case", "list", "--json", as_="S001").stdout)
    assert [c["applicant_id"] for c in listed] == [MASKED_ID]
    listed = json.loads(cli("case", "list", "--json", "--reveal", as_="S001").stdout)
    assert [c["applicant_id"] for c in listed] == [ID_NO]
    assert [(who, key) for who, _record, key, _ in _revealed_events(db)] == [("A001", number), ("A001", number),
                                                                             ("S001", number)]


def test_cli_reveal_is_refused_for_a_clerk_and_prints_nothing_but_the_error(db, hall, cli):
    number = _accept(cli)
    refused = cli("case", "show", number, "--reveal", as_="C001")
    assert refused.exit_code == ExitCode.PERMISSION
    assert refused.stdout == "" and ID_NO not in refused.stderr
    zh = cli("case", "list", "--reveal", as_="C001", lang="zh_CN")
    assert zh.exit_code == ExitCode.PERMISSION and "查看完整的身份证号和电话" in zh.stderr
    assert _revealed_events(db) == []


def test_a_proxy_projects_contact_phone_is_revealed_by_the_same_rule(db, hall, cli, runner):
    from console.proxy.reveal import reveal_projects
    from console.proxy.views import project_detail
    from tests.proxy_helpers import extend_hall, handoff

    extend_hall(db)
    number = handoff(runner, db)
    agent = actor(db, "P001")
    assert runner.run(project_detail, number, actor=agent).contact_phone == "138****5678"
    [revealed] = runner.run(reveal_projects, number, actor=agent)
    assert revealed.values == {"phone": "13812345678"}
    assert _revealed_events(db) == [("P001", "project", number, {"fields": ["phone"]})]
    assert json.loads(cli("proxy", "show", number, "--json", "--reveal", as_="S001").stdout)[
        "contact_phone"] == "13812345678"
    assert cli("proxy", "show", number, "--reveal", as_="C001").exit_code == ExitCode.PERMISSION


def _exported(cli, who: str, *extra: str, lang: str = "en"):
    return cli("case", "export", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json", *extra,
               as_=who, lang=lang)


def test_case_export_masks_for_every_role_and_reveal_exports_in_full_audited(db, hall, cli):
    number = _accept(cli)
    for who in ("C001", "S001", "A001"):
        masked = _exported(cli, who)
        assert masked.exit_code == 0, masked.output
        [row] = json.loads(masked.stdout)
        assert (row["number"], row["applicant_id"], row["applicant_phone"]) == (number, MASKED_ID, "138****5678")
    assert _revealed_events(db) == []
    full = _exported(cli, "S001", "--reveal")
    assert full.exit_code == 0, full.output
    [row] = json.loads(full.stdout)
    assert (row["applicant_id"], row["applicant_phone"]) == (ID_NO, "13812345678")
    events = _revealed_events(db)
    assert events == [("S001", "case_export", "2026-01-01..2026-12-31", {"fields": ["id_no", "phone"], "rows": 1})]
    assert ID_NO not in json.dumps(events) and "13812345678" not in json.dumps(events)


def test_case_export_reveal_is_refused_for_a_clerk_before_a_row_is_written(db, hall, cli, tmp_path):
    _accept(cli)
    target = tmp_path / "cases.csv"
    refused = cli("case", "export", "--from", "2026-01-01", "--to", "2026-12-31", "-o", str(target), "--reveal",
                  as_="C001", lang="zh_CN")
    assert refused.exit_code == ExitCode.PERMISSION and "查看完整的身份证号和电话" in refused.stderr
    assert not target.exists() and ID_NO not in refused.output
    assert _revealed_events(db) == []


def test_an_export_in_full_needs_its_own_audited_reveal(db, hall, cli, runner):
    """The use case writes numbers in full only with the receipt of this period's reveal, for its actor."""
    from datetime import date

    from console.cases.export_file import RevealedExport, export_rows
    from console.cases.reveal import reveal_export
    from console.core.errors import Invalid

    _accept(cli)
    supervisor, admin = actor(db, "S001"), actor(db, "A001")
    year = (date(2026, 1, 1), date(2026, 12, 31))
    receipt = runner.run(reveal_export, *year, actor=supervisor)
    assert receipt.rows == 1
    [row] = runner.run(export_rows, *year, revealed=receipt, actor=supervisor)
    assert row["applicant_id"] == ID_NO
    with pytest.raises(Invalid):  # another period
        runner.run(export_rows, date(2026, 3, 1), date(2026, 12, 31), revealed=receipt, actor=supervisor)
    with pytest.raises(Invalid):  # somebody else's
        runner.run(export_rows, *year, revealed=receipt, actor=admin)
    with pytest.raises(PermissionDenied):  # a made-up receipt does not widen a clerk's role
        runner.run(export_rows, *year, revealed=RevealedExport(*year, "C001", 1), actor=actor(db, "C001"))
    assert len(_revealed_events(db)) == 1
