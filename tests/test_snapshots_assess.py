"""Snapshots of a supervisor's assessment screen and its dialogs: a score's breakdown, the question
before freezing a month, a confirmed quarter's evaluation, and the staff scores at 120×40.

The windows, clerks and confirmed quarters (2025Q3, 2025Q4) of :func:`tests.snaphelp.assess_hall`,
seen on Monday 2 March 2026 at 09:30 (the screen opens on February 2026, a draft).

How the pictures are made (fixed clock, data through the runner, keys through the
App): :mod:`tests.snaphelp`.
"""

from __future__ import annotations

import pytest

from tests.snaphelp import (
    LANGS,
    LARGE,
    assess_hall,
    console_app,
    english_afterwards,  # noqa: F401 - fixture
    keys,
    log_in,
    module_database,
    snap,
    until,
)


@pytest.fixture(scope="module")
def assess_db(request):
    """Scores are only read here (the freeze is pictured before it is confirmed)."""
    yield from module_database(request, assess_hall)


async def _month(pilot, back: int) -> None:
    """The assessment screen, ``back`` months before February 2026."""
    await log_in(pilot, "S001")
    await keys(pilot, "a")
    for _ in range(back):
        await keys(pilot, "[")


@pytest.mark.parametrize("lang", LANGS)
def test_score_breakdown_of_a_window(snap_compare, assess_db, tmp_path, lang):
    """November 2025 (frozen): End on the last-ranked window (21, a discipline deduction), Enter."""

    async def steps(pilot):
        await _month(pilot, 3)
        await keys(pilot, "end", "enter")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "TextDialog")

    assert snap(snap_compare, console_app(assess_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_freezing_a_month_asks_first(snap_compare, assess_db, tmp_path, lang):
    async def steps(pilot):
        await _month(pilot, 0)
        await keys(pilot, "z")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "ConfirmDialog")

    assert snap(snap_compare, console_app(assess_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_a_confirmed_quarters_evaluation(snap_compare, assess_db, tmp_path, lang):
    """December 2025, ``e``: 2025Q4's red flags and model staff, confirmed in January."""

    async def steps(pilot):
        await _month(pilot, 2)
        await keys(pilot, "e")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "TextDialog")

    assert snap(snap_compare, console_app(assess_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_staff_scores_at_120x40(snap_compare, assess_db, tmp_path, lang):
    """December 2025, ``v``: the staff's scores instead of the windows'."""

    async def steps(pilot):
        await _month(pilot, 2)
        await keys(pilot, "v")

    assert snap(snap_compare, console_app(assess_db, tmp_path, lang), steps, size=LARGE)
