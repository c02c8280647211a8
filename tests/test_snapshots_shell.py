"""Snapshots of the shell: log-in, each role's home, the F1 keys panel, the command palette.

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
    queue_hall,
    snap,
    type_text,
    window_call,
)


@pytest.fixture(scope="module")
def hall_db(request):
    """The factory hall with its queue services: every home screen only reads it."""
    yield from module_database(request, queue_hall)


@pytest.mark.parametrize("lang", LANGS)
def test_login_screen(snap_compare, hall_db, tmp_path, lang):
    assert snap(snap_compare, console_app(hall_db, tmp_path, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_login_error(snap_compare, db, tmp_path, lang):
    make_hall(db)

    async def steps(pilot):
        await log_in(pilot, "C001", "000000")

    assert snap(snap_compare, console_app(db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("who", ["C001", "P001", "S001", "A001"], ids=["clerk", "proxy_agent", "supervisor", "admin"])
def test_home(snap_compare, hall_db, tmp_path, lang, who):
    async def steps(pilot):
        await log_in(pilot, who)

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_keys_panel_on_the_window_screen(snap_compare, db, tmp_path, lang):
    """F1 on a busy screen: the clerk's window with a ticket called and a waiting list."""
    queue_hall(db)
    window_call(db, "C001", "call_next", "09:29")

    async def steps(pilot):
        await log_in(pilot, "C001")
        await keys(pilot, "q")
        await keys(pilot, "f1")

    assert snap(snap_compare, console_app(db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_command_palette(snap_compare, hall_db, tmp_path, lang):
    """Ctrl+P, narrowed by typing: a supervisor looks for the case screens.

    Not the palette just opened: with nothing typed its list is in the order the
    two command providers happen to answer (screens, or keys/log out/quit, first),
    which changes from one opening to the next.
    """

    async def steps(pilot):
        await log_in(pilot, "S001")
        await keys(pilot, "ctrl+p")
        await type_text(pilot, "case" if lang == "en" else "办件")

    assert snap(snap_compare, console_app(hall_db, tmp_path, lang), steps)
