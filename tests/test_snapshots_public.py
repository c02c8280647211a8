"""Snapshots of the public screens: the ticket kiosk, the hall display, the star board, the rating screen.

Each is its own App without a log-in (``hall kiosk``, ``hall display``, ``hall stars``,
``hall rate``), on the fixed clock of :mod:`tests.snaphelp`.
"""

from __future__ import annotations

import pytest

from tests.snaphelp import (
    LANGS,
    LARGE,
    assess_hall,
    display_app,
    english_afterwards,  # noqa: F401 - fixture
    keys,
    kiosk_app,
    module_database,
    public_queue_hall,
    queue_hall,
    rating_app,
    rating_hall,
    snap,
    star_board_app,
    until,
)


@pytest.fixture(scope="module")
def queue_db(request):
    """The morning's queue, windows 01–03 calling: the display only reads it."""
    yield from module_database(request, public_queue_hall)


@pytest.fixture(scope="module")
def stars_db(request):
    """Two confirmed quarters of assessment: the star board only reads them."""
    yield from module_database(request, assess_hall)


# -- the kiosk -----------------------------------------------------------------------------


async def _menu(pilot) -> None:
    await until(pilot, lambda: bool(pilot.app.screen.menu))


@pytest.mark.parametrize("lang", LANGS)
def test_kiosk_menu(snap_compare, db, lang):
    """Each service with its letter and how many wait."""
    queue_hall(db)
    assert snap(snap_compare, kiosk_app(db, lang), _menu)


@pytest.mark.parametrize("lang", LANGS)
def test_kiosk_ticket_just_taken(snap_compare, db, lang):
    """``b`` (民政业务): the number in large characters, people ahead, the expected wait."""
    queue_hall(db)

    async def steps(pilot):
        await _menu(pilot)
        await keys(pilot, "b")
        await until(pilot, lambda: pilot.app.screen.showing_ticket)

    assert snap(snap_compare, kiosk_app(db, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_kiosk_exit_asks_for_a_staff_pin(snap_compare, db, lang):
    """Ctrl+Q at the kiosk: a staff member's number and PIN, not a quit; a wrong PIN said in the dialog."""
    queue_hall(db)

    async def steps(pilot):
        await _menu(pilot)
        await keys(pilot, "ctrl+q")
        await until(pilot, lambda: type(pilot.app.screen).__name__ == "KioskExitDialog")
        await keys(pilot, *"S001", "enter", *"654321", "enter")
        await until(pilot, lambda: bool(str(pilot.app.screen.query_one("#kiosk-exit-error").render())))

    assert snap(snap_compare, kiosk_app(db, lang), steps)


# -- the hall display ----------------------------------------------------------------------


def _display_drawn(pilot) -> bool:
    screen = pilot.app.screen
    return screen.view is not None and len(screen.query("WindowCard")) == len(screen.view.state.windows)


async def _display(pilot) -> None:
    await until(pilot, lambda: _display_drawn(pilot))


@pytest.mark.parametrize("lang", LANGS)
def test_hall_display(snap_compare, queue_db, lang):
    """Windows 01–03 calling A002, B001, A001; the waiting count of each service."""
    assert snap(snap_compare, display_app(queue_db, lang), _display)


@pytest.mark.parametrize("lang", LANGS)
def test_hall_display_at_120x40(snap_compare, queue_db, lang):
    assert snap(snap_compare, display_app(queue_db, lang), _display, size=LARGE)


# -- the star board ------------------------------------------------------------------------


async def _board(pilot) -> None:
    await until(pilot, lambda: pilot.app.screen.board is not None)


@pytest.mark.parametrize("lang", LANGS)
def test_star_board(snap_compare, stars_db, lang):
    assert snap(snap_compare, star_board_app(stars_db, lang), _board)


@pytest.mark.parametrize("lang", LANGS)
def test_star_board_at_120x40(snap_compare, stars_db, lang):
    assert snap(snap_compare, star_board_app(stars_db, lang), _board, size=LARGE)


# -- the rating screen ---------------------------------------------------------------------


def _asked(pilot) -> bool:
    return bool(str(pilot.app.screen.query_one("#rating-visit").render()).strip())


async def _visit(pilot) -> None:
    await until(pilot, lambda: _asked(pilot))


@pytest.mark.parametrize("lang", LANGS)
def test_rating_waiting_for_a_visit(snap_compare, db, lang):
    """Nobody is being served at window 01: the screen waits."""
    rating_hall(db, serving=False)
    assert snap(snap_compare, rating_app(db, lang), _visit)


@pytest.mark.parametrize("lang", LANGS)
def test_rating_asks_about_the_visit(snap_compare, db, lang):
    """A002 is being served: the five levels from 非常满意 to 非常不满意."""
    rating_hall(db)
    assert snap(snap_compare, rating_app(db, lang), _visit)


@pytest.mark.parametrize("lang", LANGS)
def test_rating_asks_why_after_a_bad_one(snap_compare, db, lang):
    """``4`` (dissatisfied): the quick reasons and a box for one's own."""
    rating_hall(db)

    async def steps(pilot):
        await _visit(pilot)
        await keys(pilot, "4")

    assert snap(snap_compare, rating_app(db, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_rating_thanks_after_a_rating(snap_compare, db, lang):
    rating_hall(db)

    async def steps(pilot):
        await _visit(pilot)
        await keys(pilot, "1")

    assert snap(snap_compare, rating_app(db, lang), steps)
