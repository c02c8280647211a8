"""Catalog reading: list, search by code / name / pinyin initials, detail."""

import pytest

from console.catalog.browse import get_item, list_items, search_items
from console.core.errors import NotFound, PermissionDenied
from console.core.textsearch import pinyin_initials
from tests.factories import actor


def test_pinyin_initials():
    assert pinyin_initials("工商登记") == "gsdj"
    assert pinyin_initials("ICP备案") == "icpba"


def test_list_excludes_retired_by_default(db, hall):
    who = actor(db, "C001")
    with db.read() as s:
        active = [i.code for i in list_items(s, who)]
        everything = [i.code for i in list_items(s, who, include_retired=True)]
    assert "MZ-OLD" not in active and "MZ-OLD" in everything
    assert len(everything) == len(active) + 1


@pytest.mark.parametrize("query, first", [("gsdj", "SCJG-001"), ("工商", "SCJG-001"), ("scjg-002", "SCJG-002"),
                                          ("MZ-001", "MZ-001"), ("ldht", "RS-001")])
def test_search(db, hall, query, first):
    with db.read() as s:
        found = search_items(s, actor(db, "C001"), query)
    assert found and found[0].code == first


def test_search_treats_like_wildcards_literally(db, hall):
    with db.read() as s:
        assert search_items(s, actor(db, "C001"), "%") == []
        assert search_items(s, actor(db, "C001"), "_") == []


def test_detail_has_six_disclosures(db, hall):
    with db.read() as s:
        item = get_item(s, actor(db, "C001"), "MZ-001")
    assert item.legal_basis and item.procedure and item.fee_standard and item.fee_basis
    assert item.promised_days == 20 and item.fee_fen == 10000
    assert [m.name for m in item.materials] == ["登记申请书"] and item.materials[0].copies == 2


def test_unknown_item(db, hall):
    with db.read() as s, pytest.raises(NotFound):
        get_item(s, actor(db, "C001"), "NOPE")


def test_staff_list_needs_permission(db, hall):
    from console.org.staff import list_staff

    with db.read() as s:
        with pytest.raises(PermissionDenied):
            list_staff(s, actor(db, "C001"))
        rows = list_staff(s, actor(db, "A001"))
    assert [r.employee_no for r in rows] == ["A001", "C001", "C002", "P001", "S001"]
    assert rows[1].window == "01" and rows[1].department == "市场监管局"
