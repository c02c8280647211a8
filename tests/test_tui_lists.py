"""Lists that tell the truth: the case list pages through every case with the true total, the
catalog shows every item with the true count, Home/End go to the first and last row."""

from __future__ import annotations

from datetime import datetime

from tests.test_tui_supervision import accept_case
from tests.tuihelp import log_in, run, settle, texts


def test_case_list_pages_through_every_case_with_the_true_total(hall, db, runner, clock, tmp_path, monkeypatch):
    from screens.cases.case_screens import CaseListScreen
    from tests.test_tui_intake import make_intake_app

    monkeypatch.setattr(CaseListScreen, "PAGE", 2)
    numbers = [accept_case(runner, datetime(2025, 9, 30, 9 + n)) for n in range(5)]

    async def scenario():
        app = make_intake_app(db, tmp_path, clock, at=datetime(2025, 10, 9, 9))
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("n")
            await settle(pilot)
            screen = app.screen
            table = screen.query_one("#cases-table")
            rows = lambda: [str(k.value) for k in table.rows]  # noqa: E731
            seen = []
            assert "cases 1–2 of 5" in texts(screen, "#cases-filter")
            seen += rows()
            await pilot.press("]")
            await settle(pilot)
            assert "cases 3–4 of 5" in texts(screen, "#cases-filter")
            seen += rows()
            await pilot.press("]")
            await settle(pilot)
            assert "cases 5–5 of 5" in texts(screen, "#cases-filter")
            seen += rows()
            await pilot.press("]")  # no page after the last
            await settle(pilot)
            assert "cases 5–5 of 5" in texts(screen, "#cases-filter")
            assert seen == list(reversed(numbers))  # every case reached, newest first, none twice
            await pilot.press("[", "[")
            await settle(pilot)
            assert "cases 1–2 of 5" in texts(screen, "#cases-filter")
            await pilot.press("end")
            assert table.cursor_row == 1
            await pilot.press("home")
            assert table.cursor_row == 0

    run(scenario())


def test_case_list_total_in_chinese_has_separators(hall, db, runner, clock, tmp_path):
    from console.cases.access import case_page
    from tests.factories import actor

    accept_case(runner, datetime(2025, 9, 30, 10))
    page = runner.run(case_page, limit=200, actor=actor(db, "C001"))
    assert (page.offset, page.total, len(page.rows)) == (0, 1, 1)


def test_catalog_shows_every_item_with_the_true_count(hall, db, runner, clock, tmp_path):
    from models import Department, Item

    with runner.transaction(None, write=True) as ctx:
        department = ctx.session.query(Department).filter_by(code="SCJG").one()
        ctx.session.add_all([Item(code=f"SCJG-{n:03d}", name=f"事项{n}", department_id=department.id,
                                  promised_days=5, fee_fen=0, catalog_year=2004, pinyin_initials="sx")
                             for n in range(100, 320)])
    from console.catalog.browse import list_items

    active = len(runner.run(list_items, actor=None))
    assert active > 200

    async def scenario():
        from tests.test_tui_intake import make_intake_app

        app = make_intake_app(db, tmp_path, clock, lang="zh_CN", at=datetime(2025, 10, 9, 9))
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("c")
            await settle(pilot)
            screen = app.screen
            assert screen.query_one("#catalog-table").row_count == active
            assert f"{active:,} 项在办事项" in texts(screen, "#catalog-status")
            await pilot.press("down", "end")
            assert screen.query_one("#catalog-table").cursor_row == active - 1

    run(scenario())
