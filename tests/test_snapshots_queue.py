"""Snapshots of the clerk's window screen (叫号): idle, called, served, paused, its dialogs, the hand-off.

The morning's queue of :func:`tests.snaphelp.queue_hall`: window 01 serves
市场监管 (A), so its clerk C001 sees A001 (08:45, over the 15-minute wait target),
A002 (elderly, first), A003 and A004; the picture is taken at 09:30.

How the pictures are made (fixed clock, data through the runner, keys through the
App): :mod:`tests.snaphelp`.
"""

from __future__ import annotations

import pytest

from tests.snaphelp import (
    LANGS,
    LARGE,
    console_app,
    english_afterwards,  # noqa: F401 - fixture
    keys,
    log_in,
    queue_hall,
    snap,
    type_text,
)


@pytest.fixture
def queue_db(db):
    queue_hall(db)
    return db


async def _window(pilot, who: str = "C001") -> None:
    await log_in(pilot, who)
    await keys(pilot, "q")


@pytest.mark.parametrize("lang", LANGS)
def test_window_idle_with_a_waiting_list(snap_compare, queue_db, tmp_path, lang):
    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), _window)


@pytest.mark.parametrize("lang", LANGS)
def test_comprehensive_window_with_two_services(snap_compare, queue_db, tmp_path, lang):
    """Window 02 serves 民政 (B) and 人社 (C): both wait for it, oldest first."""

    async def steps(pilot):
        await _window(pilot, "C002")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_window_ticket_called(snap_compare, queue_db, tmp_path, lang):
    """``n``: the elderly applicant's A002 goes first; the status line says so."""

    async def steps(pilot):
        await _window(pilot)
        await keys(pilot, "n")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_window_ticket_being_served(snap_compare, queue_db, tmp_path, lang):
    async def steps(pilot):
        await _window(pilot)
        await keys(pilot, "n")
        await keys(pilot, "s")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_window_paused(snap_compare, queue_db, tmp_path, lang):
    """``p``: the window is paused; the footer offers resume instead of pause."""

    async def steps(pilot):
        await _window(pilot)
        await keys(pilot, "p")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_pick_a_number_with_a_reason(snap_compare, queue_db, tmp_path, lang):
    """``o``: the out-of-order dialog with a number and its reason typed, before Enter."""

    async def steps(pilot):
        await _window(pilot)
        await keys(pilot, "o")
        await type_text(pilot, "A004")
        await keys(pilot, "enter")
        await type_text(pilot, "appointment at 09:30" if lang == "en" else "预约 09:30 办理")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_transfer_dialog(snap_compare, queue_db, tmp_path, lang):
    """``t`` on the called ticket: every service and window it may go to."""

    async def steps(pilot):
        await _window(pilot)
        await keys(pilot, "n")
        await keys(pilot, "t")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_handoff_form(snap_compare, queue_db, tmp_path, lang):
    """``d`` on the ticket being served: the proxy hand-off form, the enterprise and its code typed."""

    async def steps(pilot):
        await _window(pilot)
        await keys(pilot, "n")
        await keys(pilot, "s")
        await keys(pilot, "d")
        await type_text(pilot, "登封市嵩阳建材有限公司")
        await keys(pilot, "enter")
        await type_text(pilot, "91410185MA3X00010D")
        await keys(pilot, "enter")
        await type_text(pilot, "王经理")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_window_ticket_being_served_at_120x40(snap_compare, queue_db, tmp_path, lang):
    """Every key of the window in its footer at 120 columns."""

    async def steps(pilot):
        await _window(pilot)
        await keys(pilot, "n")
        await keys(pilot, "s")

    assert snap(snap_compare, console_app(queue_db, tmp_path, lang), steps, size=LARGE)
