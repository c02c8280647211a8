"""§42: one extension of at most 10 working days approved by a named head, with the reason;
joint handling 45 (+15); an item's statutory limits documented with their basis."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from console.cases import lifecycle as lc
from console.cases.access import get_case
from console.cases.intake import accept
from console.catalog.law_rules import item_rules, set_item_rules
from console.core.errors import Conflict, Invalid
from tests.factories import actor
from tests.test_cases import ID_NO, form

AT = datetime(2025, 11, 3, 9)  # Monday; SCJG-001 promises 3 days → due 11-06


def _accept(runner, db, **kw):
    return runner.run(accept, form(), at=AT, actor=actor(db, "C001"), **kw).number


def test_an_extension_of_10_working_days_is_allowed(db, hall, runner):
    number = _accept(runner, db)
    runner.run(lc.extend, number, 10, "王局长", "需现场核查", actor=actor(db, "C001"))
    view = runner.run(get_case, number, actor=actor(db, "C001"))
    assert view.extension_days == 10 and view.due_date == date(2025, 11, 20)
    assert view.extensions == ({"days": 10, "approved_by": "王局长", "reason": "需现场核查"},)


def test_an_extension_of_11_working_days_is_refused(db, hall, runner):
    number = _accept(runner, db)
    with pytest.raises(Invalid) as info:
        runner.run(lc.extend, number, 11, "王局长", "需现场核查", actor=actor(db, "C001"))
    assert info.value.field == "days" and info.value.params["max"] == 10
    assert runner.run(get_case, number, actor=actor(db, "C001")).extension_days == 0


def test_a_second_extension_is_refused(db, hall, runner):
    number = _accept(runner, db)
    clerk = actor(db, "C001")
    runner.run(lc.extend, number, 2, "王局长", "需现场核查", actor=clerk)
    with pytest.raises(Conflict) as info:
        runner.run(lc.extend, number, 3, "王局长", "再次核查", actor=clerk)
    assert info.value.key == "law.extension_once"
    view = runner.run(get_case, number, actor=clerk)
    assert view.extension_days == 2 and len(view.extensions) == 1


@pytest.mark.parametrize("approver, reason, field", [("", "需现场核查", "approved_by"), ("王局长", " ", "reason")])
def test_an_extension_needs_the_head_and_the_reason(db, hall, runner, approver, reason, field):
    number = _accept(runner, db)
    with pytest.raises(Invalid) as info:
        runner.run(lc.extend, number, 5, approver, reason, actor=actor(db, "C001"))
    assert info.value.field == field


def test_joint_handling_keeps_one_clock_of_45_plus_15(db, hall, runner):
    clerk = actor(db, "C001")
    with pytest.raises(Invalid) as info:
        _accept(runner, db, joint=True, joint_days=46)
    assert info.value.field == "joint_days"
    number = _accept(runner, db, joint=True, joint_days=45)
    view = runner.run(get_case, number, actor=clerk)
    assert view.joint is True and view.promised_days == 45
    with pytest.raises(Invalid):
        runner.run(lc.extend, number, 16, "李市长", "多部门会审", actor=clerk)
    runner.run(lc.extend, number, 15, "李市长", "多部门会审", actor=clerk)
    assert runner.run(get_case, number, actor=clerk).extension_days == 15


def test_an_items_statutory_limits_are_documented_and_used(db, hall, runner):
    admin, clerk = actor(db, "A001"), actor(db, "C001")
    with pytest.raises(Invalid) as info:
        runner.run(set_item_rules, "SCJG-002", extension_limit=30, actor=admin)
    assert info.value.field == "limit_basis"
    with pytest.raises(Invalid) as over:
        runner.run(set_item_rules, "SCJG-002", statutory_days=5, limit_basis="《某条例》", actor=admin)
    assert over.value.field == "statutory_days"  # it promises 10
    rules = runner.run(set_item_rules, "SCJG-002", extension_limit=15, limit_basis="《食品安全法》第三十五条",
                       actor=admin)
    assert rules.extension_limit == 15 and rules.statutory_days == 20
    assert runner.run(item_rules, "SCJG-001").extension_limit == 10
    number = runner.run(accept, form("SCJG-002", (1,)), at=AT, actor=clerk).number
    runner.run(lc.extend, number, 15, "王局长", "需现场核查", actor=clerk)
    assert runner.run(get_case, number, actor=clerk).extension_days == 15


def test_cli_extend_and_joint(db, hall, cli, clock):
    clock.set(AT)
    made = cli("case", "accept", "SCJG-001", "--name", "王小明", "--id", ID_NO, "--all", "--joint",
               "--joint-days", "30", "--json", as_="C001")
    assert made.exit_code == 0, made.output
    import json

    number = json.loads(made.stdout)["number"]
    too_long = cli("case", "extend", number, "16", "--approved-by", "李市长", "--reason", "会审", as_="C001")
    assert too_long.exit_code != 0
    assert cli("case", "extend", number, "15", "--approved-by", "李市长", "--reason", "会审", as_="C001").exit_code == 0
    again = cli("case", "extend", number, "1", "--approved-by", "李市长", "--reason", "会审", as_="C001")
    assert again.exit_code != 0 and "one extension" in again.stderr
    shown = json.loads(cli("catalog", "rules", "SCJG-001", "--json").stdout)
    assert shown["extension_limit"] == 10 and shown["statutory_days"] == 20
