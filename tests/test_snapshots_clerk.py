"""Snapshots of the clerk's dialogs added with the key bar: the leave question on a changed intake,
hand-off form and refusal form, the confirmations before a no-show, a hand-on and a transfer, the keys
panel of the intake, and a supervisor's assessment screen.

How the pictures are made (fixed clock, data through the runner, keys through the App):
:mod:`tests.snaphelp`.
"""

from __future__ import annotations

import pytest

from tests.snaphelp import (
    LANGS,
    PERSON_ID,
    PHONE,
    console_app,
    english_afterwards,  # noqa: F401 - fixture
    keys,
    log_in,
    make_hall,
    queue_hall,
    snap,
    type_text,
)


@pytest.fixture
def hall_db(db):
    make_hall(db)
    return db


@pytest.fixture
def queue_db(db):
    queue_hall(db)
    return db


@pytest.mark.parametrize("lang", LANGS)
def test_leaving_a_changed_intake_asks(snap_compare, hall_db, tmp_path, lang):
    """A name typed on the intake, then Esc: keep the draft, discard, or stay."""

    async def steps(pilot):
        await log_in(pilot, "C001")
        await keys(pilot, "i")
        pilot.app.screen.query_one("#intake-name").focus()
        await type_text(pilot, "张三")
        await keys(pilot, "escape")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_leaving_a_changed_handoff_form_asks(snap_compare, queue_db, tmp_path, lang):
    """``d`` on the ticket being served, the enterprise typed, then Esc: keep what was typed, discard, or stay."""

    async def steps(pilot):
        await log_in(pilot, "C001")
        await keys(pilot, "q")
        await keys(pilot, "n")
        await keys(pilot, "s")
        await keys(pilot, "d")
        await type_text(pilot, "登封市嵩阳建材有限公司")
        await keys(pilot, "escape")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_leaving_a_changed_refusal_form_asks(snap_compare, hall_db, tmp_path, lang):
    """F5 on a filled intake, a reason typed, then Esc: the same question over the refusal form."""

    async def steps(pilot):
        await log_in(pilot, "C001")
        await keys(pilot, "i")
        await type_text(pilot, "gsdj")
        await keys(pilot, "enter")
        await keys(pilot, "space", "down", "space", "tab")
        for value in ("张三", PERSON_ID, PHONE):
            await type_text(pilot, value)
            await keys(pilot, "tab")
        await keys(pilot, "f5")
        await type_text(pilot, "not within this department's remit" if lang == "en" else "不属于本部门职权范围")
        await keys(pilot, "escape")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_hand_on_asks_first(snap_compare, queue_db, tmp_path, lang):
    """``h`` on A002 being served at 市场监管: finish it and hand the applicant on to 民政 (B), asked first."""

    async def steps(pilot):
        await log_in(pilot, "C001")
        await keys(pilot, "q")
        await keys(pilot, "n")
        await keys(pilot, "s")
        await keys(pilot, "h")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_transfer_asks_first(snap_compare, queue_db, tmp_path, lang):
    """``t`` on the called A002, 人社 (RS) picked: asked before the ticket moves there."""

    async def steps(pilot):
        await log_in(pilot, "C001")
        await keys(pilot, "q")
        await keys(pilot, "n")
        await keys(pilot, "t")
        await keys(pilot, "down", "enter")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_no_show_asks_first(snap_compare, queue_db, tmp_path, lang):
    """``n`` calls A002, ``x`` asks before marking it a no-show."""

    async def steps(pilot):
        await log_in(pilot, "C001")
        await keys(pilot, "q")
        await keys(pilot, "n")
        await keys(pilot, "x")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_keys_panel_of_the_intake(snap_compare, hall_db, tmp_path, lang):
    """F1 on the intake: its own keys first, then the global ones."""

    async def steps(pilot):
        await log_in(pilot, "C001")
        await keys(pilot, "i")
        await keys(pilot, "f1")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_assessment_screen_of_a_supervisor(snap_compare, hall_db, tmp_path, lang):
    """``a`` on a supervisor's home: February 2026's window scores, a draft until frozen."""

    async def steps(pilot):
        await log_in(pilot, "S001")
        await keys(pilot, "a")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)
