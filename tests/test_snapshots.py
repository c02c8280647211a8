"""Screenshots of the console at 80×24 in both languages, compared with the accepted SVGs.

Hermetic and backend-independent: the factory hall (same rows on SQLite and
PostgreSQL), a fixed clock, an empty config directory, no cursor blink.
Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the SVGs in ``tests/__snapshots__/`` before committing them.
"""

from __future__ import annotations

import pytest

from console.core.i18n import set_language
from tests.tuihelp import log_in, make_app, settle


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language("en")


LANGS = ["en", "zh_CN"]


@pytest.mark.parametrize("lang", LANGS)
def test_login_screen(snap_compare, hall, db, tmp_path, lang):
    async def before(pilot):
        await settle(pilot)

    assert snap_compare(make_app(db, tmp_path, lang=lang), terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize("lang", LANGS)
def test_login_error(snap_compare, hall, db, tmp_path, lang):
    async def before(pilot):
        await log_in(pilot, "C001", "000000")

    assert snap_compare(make_app(db, tmp_path, lang=lang), terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize("lang", LANGS)
def test_home_screen_of_an_administrator(snap_compare, hall, db, tmp_path, lang):
    async def before(pilot):
        await log_in(pilot, "A001")

    assert snap_compare(make_app(db, tmp_path, lang=lang), terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_search(snap_compare, hall, db, tmp_path, lang):
    async def before(pilot):
        await log_in(pilot, "C001")
        await pilot.press("c")
        await settle(pilot)
        # one search, not one per key: the picture must not depend on which worker ended last
        pilot.app.screen.query_one("#catalog-search").value = "dj"
        await settle(pilot)

    assert snap_compare(make_app(db, tmp_path, lang=lang), terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize("lang", LANGS)
def test_item_detail(snap_compare, hall, db, tmp_path, lang):
    async def before(pilot):
        await log_in(pilot, "C002")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"MZ-001", "enter")
        await settle(pilot)

    assert snap_compare(make_app(db, tmp_path, lang=lang), terminal_size=(80, 24), run_before=before)
