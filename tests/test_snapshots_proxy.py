"""Snapshots of the proxy section's screens: the worklist, a project's detail (its contact's phone
revealed too) and its forms.

The projects of :func:`tests.snaphelp.proxy_hall`, seen on Monday 2 March 2026 at 09:30.

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
    module_database,
    proxy_hall,
    snap,
    type_text,
)

#: the worklist's order, the most threatened first (``closed`` is past its project due date)
MINE = {"closed": 0, "main": 1}
ALL = {"closed": 0, "main": 1, "new": 2}


@pytest.fixture(scope="module")
def proxy_db(request):
    """The projects only get read here (the forms are pictured before they are submitted)."""
    yield from module_database(request, proxy_hall)


async def _worklist(pilot, who: str = "P001") -> None:
    await log_in(pilot, who)
    await keys(pilot, "p")


async def _project(pilot, which: str = "main", who: str = "P001") -> None:
    await _worklist(pilot, who)
    order = MINE if who == "P001" else ALL
    await keys(pilot, *["down"] * order[which], "enter")


@pytest.mark.parametrize("lang", LANGS)
def test_worklist_of_an_agent(snap_compare, proxy_db, tmp_path, lang):
    assert snap(snap_compare, console_app(proxy_db, tmp_path, lang), _worklist)


@pytest.mark.parametrize("lang", LANGS)
def test_worklist_of_a_supervisor_at_120x40(snap_compare, proxy_db, tmp_path, lang):
    async def steps(pilot):
        await _worklist(pilot, "S001")

    assert snap(snap_compare, console_app(proxy_db, tmp_path, lang), steps, size=LARGE)


@pytest.mark.parametrize("lang", LANGS)
def test_project_detail(snap_compare, proxy_db, tmp_path, lang):
    """Four items in four departments, one done, one blocked; the clock since 5 February."""
    assert snap(snap_compare, console_app(proxy_db, tmp_path, lang), _project)


@pytest.mark.parametrize("lang", LANGS)
def test_project_detail_before_the_clock_starts(snap_compare, proxy_db, tmp_path, lang):
    async def steps(pilot):
        await _project(pilot, "new", who="S001")

    assert snap(snap_compare, console_app(proxy_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_add_item_form(snap_compare, proxy_db, tmp_path, lang):
    async def steps(pilot):
        await _project(pilot)
        await keys(pilot, "i")
        await type_text(pilot, "SCJG-002")

    assert snap(snap_compare, console_app(proxy_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_blocker_form(snap_compare, proxy_db, tmp_path, lang):
    """``b`` on the highlighted item."""

    async def steps(pilot):
        await _project(pilot)
        await keys(pilot, "b")
        await type_text(pilot, "waiting for the fire safety review" if lang == "en" else "等待消防设计审查")

    assert snap(snap_compare, console_app(proxy_db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_visit_form_after_completing(snap_compare, db, tmp_path, lang):
    """``c`` completes the project whose items are all done; ``v`` opens the follow-up visit."""
    proxy_hall(db)

    async def steps(pilot):
        await _project(pilot, "closed")
        await keys(pilot, "c")
        pilot.app.clear_notifications()  # "completed" stays a few wall-clock seconds: not in the picture
        await keys(pilot, "v")
        await type_text(pilot, "李总")
        await keys(pilot, "enter")
        await type_text(pilot, "power hook-up is slow" if lang == "en" else "电力接入慢")

    assert snap(snap_compare, console_app(db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_project_detail_with_the_contacts_phone_revealed(snap_compare, db, tmp_path, lang):
    """Ctrl+R by the agent: the phone in full, the toast saying it is recorded (a database of its own:
    the reveal is written to the audit trail)."""
    proxy_hall(db)

    async def steps(pilot):
        await _project(pilot)
        await keys(pilot, "ctrl+r")

    assert snap(snap_compare, console_app(db, tmp_path, lang), steps)


@pytest.mark.parametrize("lang", LANGS)
def test_project_detail_at_120x40(snap_compare, proxy_db, tmp_path, lang):
    async def steps(pilot):
        await _project(pilot, "main", who="S001")

    assert snap(snap_compare, console_app(proxy_db, tmp_path, lang), steps, size=LARGE)
