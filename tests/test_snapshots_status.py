"""Snapshots of the supervisors' hall dashboard (``hall status``) at 80×24 and 120×40, in both languages,
and of the reports screen's chart.

The morning's queue of :func:`tests.snaphelp.queue_hall` with window 01 having served
A002 and calling A001, 02 serving B001, 03 paused: seen on Monday 2 March 2026 at 09:30.
"""

from __future__ import annotations

import pytest

from tests.snaphelp import (
    LANGS,
    LARGE,
    cases_hall,
    console_app,
    english_afterwards,  # noqa: F401 - fixture
    keys,
    log_in,
    module_database,
    queue_hall,
    snap,
    until,
    window_call,
)


def status_hall(db) -> None:
    queue_hall(db)
    window_call(db, "C001", "call_next", "09:10")  # A002 (elderly)
    window_call(db, "C001", "start_serving", "09:11")
    window_call(db, "C001", "finish", "09:19")
    window_call(db, "C001", "call_next", "09:20")  # A001
    window_call(db, "C002", "call_next", "09:24")  # B001
    window_call(db, "C003", "pause", "09:25")


@pytest.fixture(scope="module")
def status_db(request):
    yield from module_database(request, status_hall)


async def _open(pilot) -> None:
    await log_in(pilot, "S001")
    await keys(pilot, "h")


@pytest.mark.parametrize("lang", LANGS)
def test_hall_status_at_80x24(snap_compare, status_db, tmp_path, lang):
    assert snap(snap_compare, console_app(status_db, tmp_path, lang), _open)


@pytest.mark.parametrize("lang", LANGS)
def test_hall_status_at_120x40(snap_compare, status_db, tmp_path, lang):
    assert snap(snap_compare, console_app(status_db, tmp_path, lang), _open, size=LARGE)


@pytest.mark.parametrize("lang", LANGS)
def test_window_queue_from_the_hall_status(snap_compare, status_db, tmp_path, lang):
    """Enter on window 01's row: who waits for it, oldest first."""

    async def steps(pilot):
        await _open(pilot)
        await keys(pilot, "enter")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "WindowQueueDialog")

    assert snap(snap_compare, console_app(status_db, tmp_path, lang), steps)


@pytest.fixture(scope="module")
def cases_db(request):
    yield from module_database(request, cases_hall)


@pytest.mark.parametrize("lang", LANGS)
def test_reports_by_month_at_80x24(snap_compare, cases_db, tmp_path, lang):
    async def steps(pilot):
        await log_in(pilot, "S001")
        await keys(pilot, "r")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)
