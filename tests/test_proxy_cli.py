"""``hall proxy``: the whole flow from the shell, exit codes on bad input, JSON shapes, Chinese output."""

from __future__ import annotations

import json

import pytest

from tests.proxy_helpers import ENTERPRISE, FIVE_ITEMS, counts, extend_hall

HANDOFF = ["proxy", "handoff", "--enterprise", ENTERPRISE["name"], "--uscc", ENTERPRISE["uscc"],
           "--contact", ENTERPRISE["contact_name"], "--phone", ENTERPRISE["contact_phone"],
           "--project", "年产5万吨新型建材项目", "--location", "登封市大金店镇", "--investment", "228800000",
           "--industry", "建材"]


@pytest.fixture
def ph(db, hall):
    extend_hall(db)
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


def test_the_whole_flow_from_the_shell(cli, db, ph):
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

    rows = json.loads(cli("proxy", "list", "--json").stdout)
    assert [r["number"] for r in rows] == [number]
    assert rows[0]["days_left"] == 20 and rows[0]["items"] == 5 and rows[0]["departments"] == 4
    assert rows[0]["agent"] == "P001" and rows[0]["agent_open_load"] == 1 and rows[0]["blockers"] == 1
    assert json.loads(cli("proxy", "list", "--agent", "P002", "--json").stdout) == []

    detail = json.loads(cli("proxy", "show", number, "--json").stdout)
    assert detail["ticket"] == "A003" and detail["investment_yuan"] == "228800000.00"
    assert detail["contact_phone"] == "138****5678"  # the shell reads with personal data masked
    assert {i["item_code"]: i["blocker"] for i in detail["item_rows"]}["MZ-001"] == "等待消防意见"
    assert [s["action"] for s in detail["timeline"]][:2] == ["proxy.handoff", "proxy.take"]

    _finish_cases(db, [i["case_number"] for i in detail["item_rows"]])
    result = cli("proxy", "complete", number, as_="P001")
    assert result.exit_code == 0, result.stderr
    result = cli("proxy", "visit", number, "--contact", "王经理", "--problems", "用电报装慢",
                 "--solutions", "协调供电公司接电", as_="P001")
    assert result.exit_code == 0, result.stderr
    visits = json.loads(cli("proxy", "visits", "--json").stdout)
    assert len(visits) == 1 and visits[0]["contact"] == "王经理" and visits[0]["late"] is False

    report = json.loads(cli("proxy", "report", "--json").stdout)
    assert report["enterprises"] == 1 and report["projects"] == 1 and report["completed"] == 1
    assert report["total_investment_yuan"] == 228800000 and report["within_promise_share"] == 1.0


def _finish_cases(db, numbers):
    from console.cases import lifecycle as case_lifecycle
    from models import Case, CaseStatus
    from tests.factories import actor

    sup = actor(db, "S001")
    with db.write() as s:
        for number in numbers:
            status = s.query(Case.status).filter(Case.number == number).scalar()
            if status in (CaseStatus.accepted, CaseStatus.under_review):
                case_lifecycle.decide(s, sup, number, "approved", "D-1")
            case_lifecycle.complete(s, sup, number)


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
    loads = {a["employee_no"]: a["open_projects"] for a in json.loads(cli("proxy", "agents", "--json").stdout)}
    assert loads == {"P001": 0, "P002": 1}
    assert cli("proxy", "show", "XM1999-0001").exit_code == 3


def test_chinese_output(cli, db, ph):
    number = _handoff(cli)
    result = cli("proxy", "take", number, as_="P001", lang="zh_CN")
    assert result.exit_code == 0 and "领办" in result.stdout
    result = cli("proxy", "add-item", number, "MZ-OLD", as_="P001", lang="zh_CN")
    assert result.exit_code == 4 and "已于 2006 年取消" in result.stderr
    result = cli("proxy", "report", lang="zh_CN")
    assert result.exit_code == 0 and "服务企业" in result.stdout and "228800000.00" in result.stdout
    result = cli("proxy", "show", number, lang="zh_CN")
    assert result.exit_code == 0 and "下一步" in result.stdout


def test_settings_are_shown_and_changed_by_a_supervisor(cli, db, ph):
    assert json.loads(cli("proxy", "config", "--json").stdout) == {
        "proxy.promise_days": 20, "proxy.risk_days": 3, "proxy.visit_days": 10}
    assert cli("proxy", "config", "--promise-days", "15", as_="P001").exit_code == 5
    assert cli("proxy", "config", "--promise-days", "0", as_="S001").exit_code == 4
    result = cli("proxy", "config", "--promise-days", "15", "--json", as_="S001")
    assert result.exit_code == 0 and json.loads(result.stdout)["proxy.promise_days"] == 15
    number = _handoff(cli)
    cli("proxy", "take", number, as_="P001")
    result = cli("proxy", "materials-complete", number, as_="P001")
    assert result.exit_code == 0 and "15 working days" in result.stdout
