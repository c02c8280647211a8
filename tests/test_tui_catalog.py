"""The catalog browser, the item detail (六公开), the staff list and the command palette."""

from __future__ import annotations

from tests.tuihelp import log_in, make_app, run, settle, texts, until


def _screen_name(app) -> str:
    return type(app.screen).__name__


def _table_codes(screen, table_id="#catalog-table") -> list[str]:
    table = screen.query_one(table_id)
    return [str(key.value) for key in table.rows]


async def _palette(pilot, query: str) -> list[str]:
    """Open the palette, type ``query``, return the titles it offers."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await settle(pilot)
    palette = pilot.app.screen
    await pilot.press(*query)
    await pilot.pause()  # the search starts on the input's change
    await until(pilot, lambda: not any(w.node is palette and not w.is_finished for w in pilot.app.workers))
    command_list = pilot.app.screen.query_one(CommandList)
    return [str(command_list.get_option_at_index(i).prompt).splitlines()[0]
            for i in range(command_list.option_count)]


def _plain(prompt) -> str:
    return getattr(prompt, "plain", str(prompt))


def test_gsdj_finds_gongshang_dengji_and_enter_opens_its_six_disclosures(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            await pilot.press("c")
            await settle(pilot)
            assert _screen_name(app) == "CatalogScreen"
            assert _table_codes(app.screen) == ["MZ-001", "RS-001", "SCJG-001", "SCJG-002"]
            assert app.focused.id == "catalog-search"
            await pilot.press(*"gsdj")
            await settle(pilot)
            assert _table_codes(app.screen) == ["SCJG-001"]
            assert "工商登记" in str(app.screen.query_one("#catalog-table").get_row("SCJG-001"))
            await pilot.press("enter")
            await settle(pilot)
            assert _screen_name(app) == "ItemDetailScreen"
            body = texts(app.screen, "#item-body Static")
            for expected in ("SCJG-001  工商登记", "Legal basis", "《市场主体登记管理条例》", "Procedure",
                             "受理—审查—决定—发证", "1. 登记申请书 — required, 1 copy(ies)",
                             "3. 住所使用证明 — optional, 1 copy(ies)", "3 working days", "Fee",
                             "不收费", "Fee basis"):
                assert expected in body, expected
            await pilot.press("escape")
            await settle(pilot)
            assert _screen_name(app) == "CatalogScreen"
            assert app.screen.query_one("#catalog-search").value == "gsdj"
            await pilot.press("escape")
            await settle(pilot)
            assert _screen_name(app) == "HomeScreen"

    run(scenario())


def test_catalog_in_chinese(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "A001")
            await pilot.press("c")
            await settle(pilot)
            table = app.screen.query_one("#catalog-table")
            assert [str(c.label) for c in table.columns.values()] == ["编码", "名称", "部门", "时限", "收费"]
            await pilot.press(*"gsdj")
            await settle(pilot)
            assert texts(app.screen, "#catalog-status") == "1 项在办事项"
            await pilot.press("down", "enter")
            await settle(pilot)
            assert _screen_name(app) == "ItemDetailScreen"
            body = texts(app.screen, "#item-body Static")
            for expected in ("审批依据", "审批程序", "申报材料", "承诺时限", "收费标准", "收费依据",
                             "1. 登记申请书 — 必交，1 份", "3 个工作日"):
                assert expected in body, expected
            await pilot.press("escape")
            await settle(pilot)
            assert _screen_name(app) == "CatalogScreen"

    run(scenario())


def test_search_by_code_and_name_and_toggle_retired(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "S001")
            await pilot.press("c")
            await settle(pilot)
            await pilot.press(*"MZ")
            await settle(pilot)
            assert _table_codes(app.screen) == ["MZ-001"]
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert _table_codes(app.screen) == ["MZ-001", "MZ-OLD"]
            assert "retired 2006" in str(app.screen.query_one("#catalog-table").get_row("MZ-OLD"))
            await pilot.press("ctrl+r", "backspace", "backspace", *"nothing-like-this")
            await settle(pilot)
            assert _table_codes(app.screen) == []
            await pilot.press("enter")  # nothing to open: stays
            await settle(pilot)
            assert _screen_name(app) == "CatalogScreen"

    run(scenario())


def test_palette_offers_catalog_browse_and_opens_it(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            titles = await _palette(pilot, "catalog")
            assert "catalog: browse" in titles
            await pilot.press("enter")
            await settle(pilot)
            assert _screen_name(app) == "CatalogScreen"

    run(scenario())


def test_palette_hides_screens_the_role_may_not_open(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "C001")
            assert "staff: list" not in await _palette(pilot, "staff")
            await pilot.press("escape")
            await log_in_again(pilot, "A001")
            assert "staff: list" in await _palette(pilot, "staff")

    async def log_in_again(pilot, number):
        await pilot.press("f10")
        await settle(pilot)
        await log_in(pilot, number)

    run(scenario())


def test_palette_in_chinese(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "A001")
            titles = await _palette(pilot, "目录")
            assert "目录：浏览" in titles

    run(scenario())


def test_palette_is_closed_before_log_in(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert _screen_name(app) == "LoginScreen"

    run(scenario())


def test_staff_filter(hall, db, tmp_path):
    async def scenario():
        app = make_app(db, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "S001")
            await pilot.press("s")
            await settle(pilot)
            assert _table_codes(app.screen, "#staff-table") == ["A001", "C001", "C002", "P001", "S001"]
            await pilot.press(*"clerk")
            await settle(pilot)
            assert _table_codes(app.screen, "#staff-table") == ["C001", "C002"]
            await pilot.press(*["backspace"] * 5, *"zck")  # 张窗口 by its initials
            await settle(pilot)
            assert _table_codes(app.screen, "#staff-table") == ["C001"]
            assert texts(app.screen, "#staff-status") == "1 of 5 staff"

    run(scenario())
