"""Snapshots of the catalog browser, the item detail (六公开), the staff list and its dialogs.

How the pictures are made (fixed clock, data through the runner, keys through the
App): :mod:`tests.snaphelp`.
"""

from __future__ import annotations

import pytest

from tests.snaphelp import (
    LANGS,
    console_app,
    english_afterwards,  # noqa: F401 - fixture
    keys,
    log_in,
    make_hall,
    module_database,
    snap,
    type_text,
    until,
)


@pytest.fixture(scope="module")
def hall_db(request):
    """The factory hall: the catalog and the staff list only read it."""
    yield from module_database(request, make_hall)


async def _catalog(pilot, who: str = "C001") -> None:
    await log_in(pilot, who)
    await keys(pilot, "c")


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_every_active_item(snap_compare, hall_db, tmp_path, lang):
    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), _catalog)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_search(snap_compare, hall_db, tmp_path, lang):
    """Pinyin initials: ``dj`` finds the two 登记 items."""

    async def steps(pilot):
        await _catalog(pilot)
        await type_text(pilot, "dj")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_with_retired_items(snap_compare, hall_db, tmp_path, lang):
    async def steps(pilot):
        await _catalog(pilot, "A001")
        await keys(pilot, "ctrl+r")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_item_detail(snap_compare, hall_db, tmp_path, lang):
    """An item with a fee: 社会团体成立登记 (MZ-001), opened from the search box."""

    async def steps(pilot):
        await _catalog(pilot, "C002")
        await type_text(pilot, "MZ-001")
        await keys(pilot, "enter")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_item_detail_with_a_waiver_and_three_materials(snap_compare, hall_db, tmp_path, lang):
    """工商登记 (SCJG-001), opened from the table with Down and Enter."""

    async def steps(pilot):
        await _catalog(pilot)
        await type_text(pilot, "SCJG")
        await keys(pilot, "down", "enter")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_staff_list(snap_compare, hall_db, tmp_path, lang):
    async def steps(pilot):
        await log_in(pilot, "A001")
        await keys(pilot, "s")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_staff_new_pin_dialog(snap_compare, hall_db, tmp_path, lang):
    """An administrator's F4 on the highlighted member: the new PIN typed twice, hidden."""
    async def steps(pilot):
        await log_in(pilot, "A001")
        await keys(pilot, "s")
        await keys(pilot, "down", "down", "f4")  # the second member (not the administrator)
        await until(pilot, lambda: type(pilot.app.screen).__name__ != "StaffScreen"
                    and bool(pilot.app.screen.query("Input")))

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)



@pytest.mark.parametrize("lang", LANGS)
def test_staff_deactivate_asks_first(snap_compare, hall_db, tmp_path, lang):
    """An administrator's F8 on the highlighted member: asked before the account is closed."""
    async def steps(pilot):
        await log_in(pilot, "A001")
        await keys(pilot, "s")
        await keys(pilot, "down", "down", "f8")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "ConfirmDialog")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)
