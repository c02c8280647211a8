"""容缺受理 with its conditions: every main material, the written commitment, a deadline no later than the
promise; refused for applicants on the credit blacklist; the fee waiver is a flag of its own."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from console.cases import fees as case_fees
from console.cases.credit import import_blacklist, list_blacklist
from console.cases.intake import WaiverInput, accept
from console.catalog.law_rules import set_item_rules
from console.core.errors import Conflict, ImportRejected, Invalid, PermissionDenied
from tests.factories import actor
from tests.test_cases import ID_NO, form

AT = datetime(2025, 11, 3, 9)
PROMISE = WaiverInput("本人承诺三日内补齐", date(2025, 11, 5))


def test_a_waiver_needs_every_main_material(db, hall, runner):
    clerk, admin = actor(db, "C001"), actor(db, "A001")
    # no main material marked: the application form (position 1) is the main one
    with pytest.raises(Invalid) as info:
        runner.run(accept, form(received=(2,)), waiver=PROMISE, at=AT, actor=clerk)
    assert info.value.key == "law.waiver_main_missing" and "登记申请书" in info.value.params["names"]
    runner.run(set_item_rules, "SCJG-001", main_materials=(1, 2), actor=admin)
    with pytest.raises(Invalid):
        runner.run(accept, form(received=(1,)), waiver=PROMISE, at=AT, actor=clerk)
    with pytest.raises(Invalid) as optional:
        runner.run(set_item_rules, "SCJG-001", main_materials=(3,), actor=admin)  # not a required material
    assert optional.value.field == "main_materials"
    # both main ones given, the optional one later: accepted
    runner.run(set_item_rules, "SCJG-001", main_materials=(1,), actor=admin)
    result = runner.run(accept, form(received=(1,)), waiver=PROMISE, at=AT, actor=clerk)
    assert result.waiver_deadline == date(2025, 11, 5) and result.missing == ("身份证明",)


def test_a_waiver_needs_the_commitment_and_a_deadline_within_the_promise(db, hall, runner):
    clerk = actor(db, "C001")
    with pytest.raises(Invalid) as info:
        runner.run(accept, form(received=(1,)), waiver=WaiverInput(" ", None), at=AT, actor=clerk)
    assert info.value.field == "waiver.commitment"
    with pytest.raises(Invalid) as late:
        runner.run(accept, form(received=(1,)), waiver=WaiverInput("承诺", date(2025, 11, 7)), at=AT, actor=clerk)
    assert late.value.field == "waiver.deadline"  # due 11-06


def test_no_waiver_for_an_applicant_on_the_credit_blacklist(db, hall, runner):
    clerk, admin = actor(db, "C001"), actor(db, "A001")
    with pytest.raises(ImportRejected):
        runner.run(import_blacklist, f"{ID_NO},王小明,失信被执行人,,2025-01-10\n", actor=admin)  # no source
    assert runner.run(import_blacklist, f"id_no,name,reason,source,listed_on\n{ID_NO},王小明,失信被执行人,"
                      "最高人民法院失信被执行人名单,2025-01-10\n", actor=admin) == 1
    with pytest.raises(PermissionDenied) as info:
        runner.run(accept, form(received=(1,)), waiver=PROMISE, at=AT, actor=clerk)
    assert info.value.key == "law.waiver_blacklisted"
    # an ordinary acceptance with every material is not affected
    assert runner.run(accept, form(), at=AT, actor=clerk).number
    listed = runner.run(list_blacklist, actor=clerk)
    assert [(e.source, e.listed_on) for e in listed] == [("最高人民法院失信被执行人名单", date(2025, 1, 10))]
    assert listed[0].id_no != ID_NO  # masked for a clerk


def test_the_fee_waiver_is_its_own_flag(db, hall, runner):
    admin, clerk = actor(db, "A001"), actor(db, "C002")
    number = runner.run(accept, form("MZ-001", (1,)), at=AT, actor=clerk).number
    runner.run(set_item_rules, "MZ-001", fee_waiver_allowed=False, actor=admin)
    with pytest.raises(Conflict) as info:
        runner.run(case_fees.waive_fee, number, "低保户", actor=clerk)
    assert info.value.key == "law.fee_waiver_not_allowed"
    with pytest.raises(Invalid) as basis:
        runner.run(set_item_rules, "MZ-001", fee_waiver_allowed=True, fee_waiver_basis=" ", actor=admin)
    assert basis.value.field == "fee_waiver_basis"
    runner.run(set_item_rules, "MZ-001", fee_waiver_allowed=True, fee_waiver_basis="《社会救助暂行办法》",
               actor=admin)
    runner.run(case_fees.waive_fee, number, "低保户", actor=clerk)
    # SCJG-001 allows 容缺 but says nothing of fee waivers: the two flags are apart
    rules = runner.run(set_item_rules, "SCJG-001", actor=admin)
    assert rules.waiver_allowed is True and rules.fee_waiver_allowed is False


def test_cli_blacklist_and_rules(db, hall, cli, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(f"{ID_NO},王小明,失信被执行人,信用中国,2025-01-10\n", encoding="utf-8")
    assert cli("blacklist", "import", str(path), as_="A001").exit_code == 0
    rows = json.loads(cli("blacklist", "list", "--json", as_="S001").stdout)
    assert rows[0]["source"] == "信用中国" and rows[0]["id_no"] == "410185********" + ID_NO[-4:]  # masked
    rows = json.loads(cli("blacklist", "list", "--json", "--reveal", as_="S001").stdout)
    assert rows[0]["source"] == "信用中国" and rows[0]["id_no"] == ID_NO  # revealed (audited)
    set_main = cli("catalog", "rules", "SCJG-001", "--main", "1,2", "--json", as_="A001")
    assert set_main.exit_code == 0, set_main.output
    assert json.loads(set_main.stdout)["main_materials"] == [1, 2]
    assert cli("catalog", "rules", "SCJG-001", "--main", "1", as_="C001").exit_code != 0  # a clerk may not
