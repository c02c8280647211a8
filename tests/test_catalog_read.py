"""Catalog reading: list, search by code / name / pinyin initials, detail."""

import pytest

from console.catalog.browse import get_item, list_items, search_items
from console.core.errors import NotFound, PermissionDenied
from console.core.textsearch import pinyin_initials
from tests.factories import actor


def test_pinyin_initials():
    assert pinyin_initials("工商登记") == "gsdj"
    assert pinyin_initials("ICP备案") == "icpba"


def test_list_excludes_retired_by_default(runner, hall):
    active = [i.code for i in runner.run(list_items)]
    everything = [i.code for i in runner.run(list_items, include_retired=True)]
    assert "MZ-OLD" not in active and "MZ-OLD" in everything
    assert len(everything) == len(active) + 1


@pytest.mark.parametrize("query, first", [("gsdj", "SCJG-001"), ("工商", "SCJG-001"), ("scjg-002", "SCJG-002"),
                                          ("MZ-001", "MZ-001"), ("ldht", "RS-001")])
def test_search(runner, hall, query, first):
    found = runner.run(search_items, query)
    assert found and found[0].code == first


def test_search_treats_like_wildcards_literally(runner, hall):
    assert runner.run(search_items, "%") == []
    assert runner.run(search_items, "_") == []


def test_detail_has_six_disclosures(runner, hall):
    item = runner.run(get_item, "MZ-001")
    assert item.legal_basis and item.procedure and item.fee_standard and item.fee_basis
    assert item.promised_days == 20 and item.fee_fen == 10000
    assert [m.name for m in item.materials] == ["登记申请书"] and item.materials[0].copies == 2


def test_unknown_item(runner, hall):
    with pytest.raises(NotFound):
        runner.run(get_item, "NOPE")


def test_staff_list_needs_permission(runner, db, hall):
    from console.org.staff import list_staff

    with pytest.raises(PermissionDenied):
        runner.run(list_staff, actor=actor(db, "C001"))
    rows = runner.run(list_staff, actor=actor(db, "A001"))
    assert [r.employee_no for r in rows] == ["A001", "C001", "C002", "P001", "S001"]
    assert rows[1].window == "01" and rows[1].department == "市场监管局"


def test_the_catalog_is_public_and_reads_the_same_for_staff(runner, db, hall):
    """Nobody logged in (the kiosk, the public guide) reads what a clerk reads."""
    clerk = actor(db, "C001")
    assert runner.run(list_items) == runner.run(list_items, actor=clerk)
    assert runner.run(search_items, "gsdj") == runner.run(search_items, "gsdj", actor=clerk)
    assert runner.run(get_item, "SCJG-001") == runner.run(get_item, "SCJG-001", actor=clerk)
