"""The proxy screens with the keyboard alone: worklist, project detail, items, blockers, clock, visit."""

from __future__ import annotations

from console.proxy.projects import take
from tests.factories import actor
from tests.proxy_helpers import ENTERPRISE, OTHER_ENTERPRISE, PROJECT, extend_hall, handoff
from tests.tuihelp import log_in, run, settle, texts


def _app(db, tmp_path, clock, lang: str = "en"):
    """The console on ``db`` with the test's clock: the data is made on the same one."""
    from screens.apps.console import HallApp

    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    return HallApp(db, lang=lang, config_dir=config, clock=clock, cursor_blink=False)


def _project(runner, db, enterprise=ENTERPRISE, agent="P001") -> str:
    number = handoff(runner, db, enterprise=enterprise, project=PROJECT, ticket="A001")
    if agent:
        runner.run(take, number, actor=actor(db, agent))
    return number


def _rows(screen, table_id) -> list[str]:
    return [str(key.value) for key in screen.query_one(table_id).rows]


async def _type_form(pilot, *values) -> None:
    for value in values:
        await pilot.press(*value, "enter") if value else await pilot.press("enter")
    await settle(pilot)


def test_agent_bundles_items_notes_a_blocker_and_starts_the_clock(hall, db, runner, clock, tmp_path):
    extend_hall(db, clock)
    number = _project(runner, db)
    _project(runner, db, enterprise=OTHER_ENTERPRISE, agent="P002")

    async def scenario():
        app = _app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "P001")
            await pilot.press("p")
            await settle(pilot)
            assert type(app.screen).__name__ == "ProxyWorklistScreen"
            assert _rows(app.screen, "#proxy-table") == [number]  # only my projects
            assert "P001:1" in texts(app.screen, "#proxy-status") and "P002:1" in texts(app.screen, "#proxy-status")
            await pilot.press("a")
            await settle(pilot)
            assert len(_rows(app.screen, "#proxy-table")) == 2
            await pilot.press("a")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "ProxyProjectScreen"
            assert "clock not started" in texts(app.screen, "#proxy-clock")
            for code in ("SCJG-001", "MZ-001", "RS-001"):
                await pilot.press("i")
                await settle(pilot)
                await _type_form(pilot, code)
            assert sorted(_rows(app.screen, "#proxy-items")) == ["MZ-001", "RS-001", "SCJG-001"]
            await pilot.press("i")
            await settle(pilot)
            await _type_form(pilot, "MZ-001")
            assert "already part of project" in (app.last_error or "")
            assert "already part of project" in texts(app.screen, "#proxy-form-error")  # inline: the form stays
            await pilot.press("escape")  # what was typed would be lost: asked once, discarded
            await settle(pilot)
            assert type(app.screen).__name__ == "LeaveDialog"
            await pilot.press("d")
            await settle(pilot)
            assert len(_rows(app.screen, "#proxy-items")) == 3
            first = _rows(app.screen, "#proxy-items")[0]
            await pilot.press("b")
            await settle(pilot)
            await _type_form(pilot, "waiting for fire safety")
            assert "waiting for f" in str(app.screen.query_one("#proxy-items").get_row(first))
            assert "clear the blocker" in texts(app.screen, "#proxy-next")
            await pilot.press("m")
            await settle(pilot)
            assert "20 working days left" in texts(app.screen, "#proxy-clock")
            steps = [str(app.screen.query_one("#proxy-timeline").get_row_at(i)[2])
                     for i in range(app.screen.query_one("#proxy-timeline").row_count)]
            assert steps[0].startswith("materials complete") and steps[-1] == "handed off to the proxy section"
            await pilot.press("escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "ProxyWorklistScreen"
            row = app.screen.query_one("#proxy-table").get_row(number)
            assert row[2] == "20" and row[4] == "0/3"

    run(scenario())


def test_complete_and_visit_from_the_detail_screen(hall, db, runner, clock, tmp_path):
    from console.cases import lifecycle as case_lifecycle
    from console.proxy.projects import materials_complete
    from console.proxy.items import add_item

    extend_hall(db, clock)
    number = _project(runner, db)
    agent, sup = actor(db, "P001"), actor(db, "S001")
    runner.run(materials_complete, number, actor=agent)
    case = runner.run(add_item, number, "RS-001", actor=agent).case_number
    with runner.transaction(sup, write=True) as ctx:
        case_lifecycle.decide(ctx, case, "approved", "D-1")
        case_lifecycle.complete(ctx, case)

    async def scenario():
        app = _app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "P001")
            await pilot.press("p")
            await settle(pilot)
            assert "every item is closed" in str(app.screen.query_one("#proxy-table").get_row(number))
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            assert "[completed]" in texts(app.screen, "#proxy-head")
            assert "follow-up visit due" in texts(app.screen, "#proxy-next")
            await pilot.press("v")
            await settle(pilot)
            await _type_form(pilot, "Wang", "slow power hook-up", "arranged within 3 days")
            assert "nothing to do" in texts(app.screen, "#proxy-next")

    run(scenario())


def test_worklist_and_detail_fit_80x24_in_chinese(hall, db, runner, clock, tmp_path):
    from console.proxy.items import add_item

    extend_hall(db, clock)
    number = _project(runner, db)
    runner.run(add_item, number, "ZJ-001", actor=actor(db, "P001"))

    async def scenario():
        app = _app(db, tmp_path, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "S001")
            await pilot.press("p")
            await settle(pilot)
            table = app.screen.query_one("#proxy-table")
            assert [str(c.label) for c in table.columns.values()] == ["项目", "名称", "剩余", "时限", "事项", "下一步"]
            assert "全部在办项目" in texts(app.screen, "#proxy-status")
            assert sum(c.get_render_width(table) for c in table.columns.values()) <= 78
            await pilot.press("enter")
            await settle(pilot)
            assert "尚未计时" in texts(app.screen, "#proxy-clock")
            assert "住房和城乡…" in str(app.screen.query_one("#proxy-items").get_row("ZJ-001"))
            assert "联系人 王经理 138****5678" in texts(app.screen, "#proxy-contact")
            for selector in ("#proxy-head", "#proxy-contact", "#proxy-meta", "#proxy-clock", "#proxy-next",
                             "#proxy-items", "#proxy-timeline"):
                region = app.screen.query_one(selector).region
                assert region.right <= 80 and region.bottom <= 23, selector
            items = app.screen.query_one("#proxy-items")
            assert sum(c.get_render_width(items) for c in items.columns.values()) <= 78

    run(scenario())


def test_the_contacts_phone_is_masked_until_ctrl_r_reveals_it_audited(hall, db, runner, clock, tmp_path):
    """The project screen shows the contact masked for every role; Ctrl+R (a role with ``personal.full``)
    shows the phone in full through :func:`console.proxy.reveal.reveal_projects`, once audited; again masks it."""
    from sqlalchemy import select

    from console.core.i18n import t
    from models import AuditEvent

    extend_hall(db, clock)
    number = _project(runner, db)

    def reveals() -> list[tuple[str, str]]:
        with db.read() as s:
            return s.execute(select(AuditEvent.actor_no, AuditEvent.entity_id)
                             .where(AuditEvent.action == "personal.revealed")).all()

    async def scenario():
        app = _app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await log_in(pilot, "P001")
            await pilot.press("p")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            contact = lambda: texts(app.screen, "#proxy-contact")  # noqa: E731
            assert "contact 王经理 138****5678" in contact() and "13812345678" not in contact()
            assert app.screen.check_action("reveal", ()) is True
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert "contact 王经理 13812345678" in contact()
            assert t("proxy.ui.revealed") in [str(n.message) for n in app._notifications]
            assert reveals() == [("P001", number)]
            await pilot.press("ctrl+r")  # again: masked, nothing more recorded
            await settle(pilot)
            assert "138****5678" in contact()
            assert reveals() == [("P001", number)]

    run(scenario())
