"""Retiring and merging items, and the difference between two catalog years."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from console.catalog.browse import get_item, list_items
from console.catalog.admin import diff_years, retire_item
from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from models import AuditEvent, Item
from tests.factories import actor


def _retire(runner, db, code, year, merged_into=None, who="A001"):
    return runner.run(retire_item, code, year, merged_into=merged_into, actor=actor(db, who))


def _events(db):
    with db.read() as s:
        return s.execute(select(AuditEvent.action, AuditEvent.entity_id, AuditEvent.summary)
                         .order_by(AuditEvent.id)).all()


def test_retire_removes_the_item_from_the_active_catalog_and_is_audited(runner, db, hall):
    item = _retire(runner, db, "SCJG-002", 2007)
    assert item.retired_year == 2007 and item.merged_into is None
    assert "SCJG-002" not in [i.code for i in runner.run(list_items)]
    action, entity, summary = _events(db)[-1]
    assert (action, entity) == ("catalog.retire", "SCJG-002")
    assert json.loads(summary) == {"retired_year": 2007, "merged_into": None}


def test_merge_into_another_item(runner, db, hall):
    item = _retire(runner, db, "SCJG-002", 2004, merged_into="SCJG-001")
    assert item.merged_into == "SCJG-001" and item.retired_year == 2004


@pytest.mark.parametrize("code, year, target, error", [
    ("NOPE", 2007, None, NotFound),
    ("MZ-OLD", 2007, None, Conflict),
    ("SCJG-002", 2003, None, Invalid),
    ("SCJG-002", 2007, "SCJG-002", Invalid),
    ("SCJG-002", 2007, "MZ-OLD", Invalid),
    ("SCJG-002", 2007, "NOPE", NotFound),
    ("SCJG-002", 2007, "LATE-1", Invalid),
    ("SCJG-002", 1800, None, Invalid),
])
def test_retire_errors_change_nothing(runner, db, hall, code, year, target, error):
    with db.write() as s:
        s.add(Item(code="LATE-1", name="后来事项", department_id=hall["departments"]["SCJG"], promised_days=1,
                   catalog_year=2008, pinyin_initials="hlsx"))
    before = _events(db)
    with pytest.raises(error):
        _retire(runner, db, code, year, target)
    assert _events(db) == before
    assert runner.run(get_item, "SCJG-002").retired_year is None


def test_clerk_cannot_retire(runner, db, hall):
    with pytest.raises(PermissionDenied):
        _retire(runner, db, "SCJG-002", 2007, who="C001")


def test_cli_retire(cli, runner, db, hall):
    result = cli("catalog", "retire", "SCJG-002", "--year", "2007", "--merged-into", "SCJG-001", as_="A001")
    assert result.exit_code == 0, result.stderr
    assert "SCJG-001" in result.stdout
    again = cli("catalog", "retire", "SCJG-002", "--year", "2008", as_="A001")
    assert again.exit_code == 7 and "2007" in again.stderr
    assert cli("catalog", "retire", "NOPE", "--year", "2008", as_="A001").exit_code == 3
    early = cli("catalog", "retire", "RS-001", "--year", "2000", as_="A001", lang="zh_CN")
    assert early.exit_code == 4 and "2004" in early.stderr
    assert cli("catalog", "retire", "RS-001", "--year", "2008", "--merged-into", "RS-001", as_="A001").exit_code == 4


def test_cli_retire_permission_and_pin(cli, runner, db, hall):
    assert cli("catalog", "retire", "RS-001", "--year", "2008", as_="C001").exit_code == 5
    assert cli("catalog", "retire", "RS-001", "--year", "2008", as_="A001", pin="111111").exit_code == 6
    assert runner.run(get_item, "RS-001").retired_year is None


def _history(runner, db, hall):
    """2004: the five factory items.  2006: NEW-06 added.  2007: SCJG-002 merged.  2008: RS-001 retired."""
    with db.write() as s:
        s.add(Item(code="NEW-06", name="新增事项", department_id=hall["departments"]["MZ"], promised_days=3,
                   catalog_year=2006, pinyin_initials="xzsx"))
        s.add(Item(code="GONE-05", name="短命事项", department_id=hall["departments"]["MZ"], promised_days=3,
                   catalog_year=2005, retired_year=2006, pinyin_initials="dmsx"))
    _retire(runner, db, "SCJG-002", 2007, merged_into="SCJG-001")
    _retire(runner, db, "RS-001", 2008)


def test_diff_between_two_years(runner, db, hall):
    _history(runner, db, hall)
    diff = runner.run(diff_years, 2004, 2008, actor=actor(db, "C001"))
    assert (diff.total_a, diff.total_b) == (5, 3)
    assert [e.code for e in diff.added] == ["NEW-06"]
    assert [e.code for e in diff.retired] == ["MZ-OLD", "RS-001"]
    assert [(e.code, e.merged_into) for e in diff.merged] == [("SCJG-002", "SCJG-001")]
    assert diff.total_a + len(diff.added) - len(diff.retired) - len(diff.merged) == diff.total_b


@pytest.mark.parametrize("year, total", [(2003, 0), (2004, 5), (2005, 6), (2006, 5), (2007, 4), (2008, 3)])
def test_an_item_is_not_in_force_in_its_retirement_year(runner, db, hall, year, total):
    _history(runner, db, hall)
    assert runner.run(diff_years, year, year, actor=actor(db, "C001")).total_a == total


def test_diff_years_must_be_in_order(runner, db, hall):
    with pytest.raises(Invalid):
        runner.run(diff_years, 2008, 2004, actor=actor(db, "C001"))


def test_cli_diff(cli, runner, db, hall):
    _history(runner, db, hall)
    data = json.loads(cli("catalog", "diff", "2004", "2008", "--json", as_="C001").stdout)
    assert (data["total_a"], data["total_b"]) == (5, 3)
    assert data["merged"] == [{"code": "SCJG-002", "name": "食品经营许可", "department_code": "SCJG",
                               "department": "市场监管局", "catalog_year": 2004, "retired_year": 2007,
                               "merged_into": "SCJG-001"}]
    text = cli("catalog", "diff", "2004", "2008", lang="zh_CN", as_="C001")
    assert text.exit_code == 0
    assert "2004 年有效事项 5 项；2008 年有效事项 3 项" in text.stdout and "合并事项" in text.stdout
    assert cli("catalog", "diff", "2008", "2004", as_="C001").exit_code == 4


def test_retire_then_import_and_export_keep_the_history(cli, runner, db, hall, tmp_path):
    _history(runner, db, hall)
    out = tmp_path / "c.csv"
    assert cli("catalog", "export", str(out), as_="S001").exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    line = next(x for x in text.splitlines() if x.startswith("SCJG-002,"))
    assert line.endswith(",2004,2007,SCJG-001")
    assert cli("catalog", "import", str(out), "--update", as_="A001").exit_code == 0
    diff = runner.run(diff_years, 2004, 2008, actor=actor(db, "C001"))
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 7
    assert [(e.code, e.merged_into) for e in diff.merged] == [("SCJG-002", "SCJG-001")]


def test_diff_and_export_need_a_log_in(cli, runner, hall, tmp_path):
    from console.core.errors import LoginRequired

    for args in (["diff", "2004", "2008", "--json"], ["export", str(tmp_path / "c.csv")]):
        result = cli("catalog", *args)
        assert result.exit_code == 6 and result.stdout == "" and "--as" in result.stderr
    assert not (tmp_path / "c.csv").exists()
    with pytest.raises(LoginRequired):
        runner.run(diff_years, 2004, 2008)
