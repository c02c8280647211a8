"""Snapshots of the case screens: the case list, a case's detail (suspended, with a fee, red, its
applicant revealed), every lifecycle dialog, the receipt, the keys panel, and the efficiency
supervision board with yellow and red cases.

The cases of :func:`tests.snaphelp.cases_hall`, seen on Monday 2 March 2026 at 09:30.

How the pictures are made (fixed clock, data through the runner, keys through the
App): :mod:`tests.snaphelp`.
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
    snap,
)

#: the cases' list order (newest first): suspended, review, yellow, fee, done, red, red_makeup
ROW = {"suspended": 0, "review": 1, "yellow": 2, "done": 3, "red": 4, "red_makeup": 5}


@pytest.fixture(scope="module")
def cases_db(request):
    """The cases only get read here (the dialogs are pictured before they are confirmed)."""
    yield from module_database(request, cases_hall)


async def _case_list(pilot, who: str = "C001") -> None:
    await log_in(pilot, who)
    await keys(pilot, "n")


async def _case(pilot, which: str, who: str = "C001") -> None:
    """Open a case from the list with Down and Enter."""
    await _case_list(pilot, who)
    await keys(pilot, *["down"] * ROW[which], "enter")


@pytest.mark.parametrize("lang", LANGS)
def test_case_list_of_a_clerk(snap_compare, cases_db, tmp_path, lang):
    """Every case of the clerk's department, newest first, with its warning."""
    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), _case_list)


@pytest.mark.parametrize("lang", LANGS)
def test_case_list_of_a_supervisor_at_120x40(snap_compare, cases_db, tmp_path, lang):
    async def steps(pilot):
        await _case_list(pilot, "S001")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps, size=LARGE)


@pytest.mark.parametrize("lang", LANGS)
def test_case_detail_with_a_suspension(snap_compare, cases_db, tmp_path, lang):
    async def steps(pilot):
        await _case(pilot, "suspended")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_case_detail_completed(snap_compare, cases_db, tmp_path, lang):
    """Reviewed, decided with its document number, completed: the whole timeline."""

    async def steps(pilot):
        await _case(pilot, "done")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_case_detail_with_a_fee_part_paid(snap_compare, cases_db, tmp_path, lang):
    """民政局's case at the comprehensive window: 100 yuan due, 60 paid."""

    async def steps(pilot):
        await log_in(pilot, "C002")
        await keys(pilot, "n", "enter")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_suspend_dialog(snap_compare, cases_db, tmp_path, lang):
    """``p``: the law's reasons to stop the clock, and a note."""

    async def steps(pilot):
        await _case(pilot, "yellow")
        await keys(pilot, "p")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_supervision_board(snap_compare, cases_db, tmp_path, lang):
    """Two red cases (one due on the make-up Saturday) and one yellow, by department and window."""

    async def steps(pilot):
        await log_in(pilot, "S001")
        await keys(pilot, "o")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_red_case_from_the_supervision_board(snap_compare, cases_db, tmp_path, lang):
    """Enter on the board's first (most overdue) case."""

    async def steps(pilot):
        await log_in(pilot, "S001")
        await keys(pilot, "o")
        await keys(pilot, "enter")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_case_detail_with_the_applicant_revealed(snap_compare, db, tmp_path, lang):
    """Ctrl+R by a supervisor: the ID and phone in full, the line saying it is recorded, the reveal in the
    timeline (a database of its own: the reveal is written to the audit trail)."""
    cases_hall(db)

    async def steps(pilot):
        await _case(pilot, "yellow", who="S001")
        await keys(pilot, "ctrl+r")

    assert snap(snap_compare, console_app(db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_case_detail_at_120x40(snap_compare, cases_db, tmp_path, lang):
    async def steps(pilot):
        await _case(pilot, "done")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps, size=LARGE)


@pytest.mark.parametrize("lang", LANGS)
def test_keys_panel_of_the_case_detail(snap_compare, cases_db, tmp_path, lang):
    """F1 on a case: its lifecycle keys first, then the global ones."""

    async def steps(pilot):
        await _case(pilot, "review")
        await keys(pilot, "f1")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("which", "key", "who"), [
    ("review", "d", "C001"),      # decide: approved or not, and the document number
    ("yellow", "x", "C001"),      # extend: days, who approved, why
    ("yellow", "w", "C001"),      # withdraw: why
    ("fee", "f", "C002"),         # a fee payment: the 40 yuan left offered, the method, the receipt number
    ("fee", "v", "C002"),         # waive the rest of the fee: why
], ids=["decide", "extend", "withdraw", "pay", "waive_fee"])
def test_case_step_dialog(snap_compare, cases_db, tmp_path, lang, which, key, who):
    async def steps(pilot):
        if which == "fee":
            await log_in(pilot, who)
            await keys(pilot, "n", "enter")
        else:
            await _case(pilot, which, who)
        await keys(pilot, key)

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_receipt_of_a_case(snap_compare, cases_db, tmp_path, lang):
    """``e`` on the completed case: its acceptance receipt, with the keys to write it to a file."""

    async def steps(pilot):
        await _case(pilot, "done")
        await keys(pilot, "e")

    assert snap(snap_compare, console_app(cases_db, tmp_path, lang), steps)
