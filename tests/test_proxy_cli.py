"""``hall proxy``: the whole flow from the shell, exit codes on bad input, JSON shapes, Chinese output."""

from __future__ import annotations

import json

import pytest

from console.core.exitcodes import ExitCode
from tests.proxy_helpers import ENTERPRISE, FIVE_ITEMS, counts, extend_hall

HANDOFF = ["proxy", "handoff", "--enterprise", ENTERPRISE["name"], "--uscc", ENTERPRISE["uscc"],
           "--contact", ENTERPRISE["contact_name"], "--phone", ENTERPRISE["contact_phone"],
           "--project", "年产5万吨新型建材项目", "--location", "登封市大金店镇", "--investment", "228800000",
           "--industry", "建材"]


@pytest.fixture
def ph(db, hall, clock):
    extend_hall(db, clock)
    return hall


def _option(args, name, value):
    args = list(args)
    args[args.index(name) + 1] = value
    return args


def _without(args, name):
    args = list(args)
    i = args.index(name)
    del args[i:i + 2]
    return args


def _handoff(cli) -> str:
    result = cli(*HANDOFF, "--ticket", "A003", "--json", as_="C001")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["number"]


def _without_personal_data(monkeypatch):
    """Proxy agents read without ``personal.full`` (no role that reads projects lacks it otherwise)."""
    from console.core.permissions import ROLE_PERMISSIONS
    from models import Role

    monkeypatch.setitem(ROLE_PERMISSIONS, Role.proxy_agent, ROLE_PERMISSIONS[Role.proxy_agent] - {"personal.full"})


def test_the_whole_flow_from_the_shell(cli, runner, db, ph, monkeypatch):
    number = _handoff(cli)
    assert cli("proxy", "take", number, as_="P001").exit_code == 0
    for code in FIVE_ITEMS:
        result = cli("proxy", "add-item", number, code, as_="P001")
        assert result.exit_code == 0, result.stderr
        assert code in result.stdout
    result = cli("proxy", "add-item", number, "SCJG-001", as_="P001")
    assert result.exit_code == 7 and "already part of project" in result.stderr
    assert cli("proxy", "materials-complete", number, as_="P001").exit_code == 0
    assert cli("proxy", "block", number, "MZ-001", "等待消防意见", as_="P001").exit_code == 0

    rows = json.loads(cli("proxy", "list", "--json", as_="P001").stdout)
    assert [r["number"] for r in rows] == [number]
    assert rows[0]["days_left"] == 20 and rows[0]["items"] == 5 and rows[0]["departments"] == 4
    assert rows[0]["agent"] == "P001" and rows[0]["agent_open_load"] == 1 and rows[0]["blockers"] == 1
    assert json.loads(cli("proxy", "list", "--agent", "P002", "--json", as_="P001").stdout) == []

    assert json.loads(cli("proxy", "show", number, "--json", as_="P001").stdout)["contact_phone"] == "138****5678"
    assert json.loads(cli("proxy", "show", number, "--json", "--reveal",
                          as_="P001").stdout)["contact_phone"] == "13812345678"
    with monkeypatch.context() as m:
        _without_personal_data(m)
        detail = json.loads(cli("proxy", "show", number, "--json", as_="P001").stdout)
    assert detail["ticket"] == "A003" and detail["investment_yuan"] == "228800000.00"
    assert detail["contact_phone"] == "138****5678"  # masked for every reader
    assert {i["item_code"]: i["blocker"] for i in detail["item_rows"]}["MZ-001"] == "等待消防意见"
    assert [s["action"] for s in detail["timeline"]][:2] == ["proxy.handoff", "proxy.take"]

    _finish_cases(runner, db, [i["case_number"] for i in detail["item_rows"]])
    result = cli("proxy", "complete", number, as_="P001")
    assert result.exit_code == 0, result.stderr
    result = cli("proxy", "visit", number, "--contact", "王经理", "--problems", "用电报装慢",
                 "--solutions", "协调供电公司接电", as_="P001")
    assert result.exit_code == 0, result.stderr
    visits = json.loads(cli("proxy", "visits", "--json", as_="P001").stdout)
    assert len(visits) == 1 and visits[0]["contact"] == "王经理" and visits[0]["late"] is False

    report = json.loads(cli("proxy", "report", "--json", as_="S001").stdout)
    assert report["enterprises"] == 1 and report["projects"] == 1 and report["completed"] == 1
    assert report["total_investment_yuan"] == 228800000 and report["within_promise_share"] == 1.0


def _finish_cases(runner, db, numbers):
    from console.cases import lifecycle as case_lifecycle
    from models import Case, CaseStatus
    from tests.factories import actor

    sup = actor(db, "S001")
    with runner.transaction(sup, write=True) as ctx:
        s = ctx.session
        for number in numbers:
            status = s.query(Case.status).filter(Case.number == number).scalar()
            if status in (CaseStatus.accepted, CaseStatus.under_review):
                case_lifecycle.decide(ctx, number, "approved", "D-1")
            case_lifecycle.complete(ctx, number)


@pytest.mark.parametrize("args, code", [
    (_without(_without(HANDOFF, "--enterprise"), "--uscc"), 4),
    (_option(HANDOFF, "--uscc", "91410185MA3X00010A"), 4),
    (_option(HANDOFF, "--investment", "-5"), 4),
    (_option(HANDOFF, "--investment", "abc"), 4),
])
def test_bad_handoff_exits_non_zero_and_writes_nothing(cli, db, ph, args, code):
    before = counts(db)
    result = cli(*args, as_="C001")
    assert result.exit_code == code and result.stderr.strip()
    assert counts(db) == before


def test_agents_and_permissions(cli, db, ph):
    number = _handoff(cli)
    assert cli("proxy", "assign", number, "--agent", "P002", as_="P001").exit_code == 5
    assert cli("proxy", "assign", number, "--agent", "P002", as_="S001").exit_code == 0
    before = counts(db)
    result = cli("proxy", "add-item", number, "MZ-001", as_="P001")
    assert result.exit_code == 5 and "another agent" in result.stderr
    result = cli("proxy", "add-item", number, "MZ-OLD", as_="P002")
    assert result.exit_code == 4 and "retired" in result.stderr
    assert counts(db) == before
    loads = {a["employee_no"]: a["open_projects"]
             for a in json.loads(cli("proxy", "agents", "--json", as_="S001").stdout)}
    assert loads == {"P001": 0, "P002": 1}
    assert cli("proxy", "show", "XM1999-0001", as_="S001").exit_code == 3


def test_chinese_output(cli, db, ph):
    number = _handoff(cli)
    result = cli("proxy", "take", number, as_="P001", lang="zh_CN")
    assert result.exit_code == 0 and "领办" in result.stdout
    result = cli("proxy", "add-item", number, "MZ-OLD", as_="P001", lang="zh_CN")
    assert result.exit_code == 4 and "已于 2006 年取消" in result.stderr
    result = cli("proxy", "report", as_="S001", lang="zh_CN")
    assert result.exit_code == 0 and "服务企业" in result.stdout and "228800000.00" in result.stdout
    result = cli("proxy", "show", number, as_="P001", lang="zh_CN")
    assert result.exit_code == 0 and "下一步" in result.stdout


def test_settings_are_shown_and_changed_by_a_supervisor(cli, db, ph):
    assert json.loads(cli("proxy", "config", "--json", as_="S001").stdout) == {
        "proxy.promise_days": 20, "proxy.risk_days": 3, "proxy.visit_days": 10}
    assert cli("proxy", "config", "--promise-days", "15", as_="P001").exit_code == 5
    assert cli("proxy", "config", "--promise-days", "0", as_="S001").exit_code == 4
    result = cli("proxy", "config", "--promise-days", "15", "--json", as_="S001")
    assert result.exit_code == 0 and json.loads(result.stdout)["proxy.promise_days"] == 15
    number = _handoff(cli)
    cli("proxy", "take", number, as_="P001")
    result = cli("proxy", "materials-complete", number, as_="P001")
    assert result.exit_code == 0 and "15 working days" in result.stdout


def test_reading_projects_needs_a_log_in(cli, db, ph):
    number = _handoff(cli)
    for args in (["proxy", "list"], ["proxy", "list", "--json"], ["proxy", "agents", "--json"],
                 ["proxy", "show", number, "--json"], ["proxy", "visits"], ["proxy", "report", "--json"],
                 ["proxy", "config", "--json"]):
        result = cli(*args)
        assert result.exit_code == ExitCode.AUTH and result.stdout == "", args
        assert result.stderr.strip(), args
    assert cli("proxy", "list", as_="C001").exit_code == ExitCode.PERMISSION
    assert cli("proxy", "list", as_="P001").exit_code == 0


def test_dates_and_positions_are_checked_before_anything_is_written(cli, db, ph):
    number = _handoff(cli)
    cli("proxy", "take", number, as_="P001")
    before = counts(db)
    result = cli("proxy", "add-item", number, "SCJG-001", "--received", "1,x", as_="P001")
    assert result.exit_code == ExitCode.INVALID and "1,x" in result.stderr
    result = cli("proxy", "materials-complete", number, "--on", "2026-13-01", as_="P001")
    assert result.exit_code == ExitCode.INVALID and "2026-13-01" in result.stderr
    assert counts(db) == before


def test_add_item_prints_the_receipt_of_the_new_case(cli, db, ph):
    # the project's agent: no window, no department, but they accepted the case
    number = _handoff(cli)
    cli("proxy", "take", number, as_="P001")
    result = cli("proxy", "add-item", number, "MZ-001", "--receipt", "--json", as_="P001")
    assert result.exit_code == 0, result.stderr
    added = json.loads(result.stdout)
    assert added["case_number"] in added["receipt"] and ENTERPRISE["name"] in added["receipt"]
    result = cli("proxy", "add-item", number, "RS-001", "--receipt", as_="A001")
    assert result.exit_code == 0, result.stderr
    assert "RS-001" in result.stdout and ENTERPRISE["name"] in result.stdout
