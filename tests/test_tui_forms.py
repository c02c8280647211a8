"""Forms that never lose typing: Escape, F10 and Ctrl+Q on a changed intake ask once (keep the
draft, discard, stay), drafts are kept automatically and survive a restart, and the waiver form
does not open when a waiver is impossible."""

from __future__ import annotations

from tests.test_tui_intake import _open_intake, make_intake_app
from tests.tuihelp import run, settle


def _drafts(runner, db, employee_no="C001"):
    from console.cases.drafts import list_drafts
    from tests.factories import actor

    return [d.form.applicant.name for d in runner.run(list_drafts, actor=actor(db, employee_no))]


async def _type_name(pilot, name):
    pilot.app.screen.query_one("#intake-name").focus()
    await pilot.press(*name)
    await settle(pilot)


def test_escape_on_a_changed_intake_asks_stay_then_discard(hall, db, clock, tmp_path, runner):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            intake = app.screen
            await pilot.press("escape")  # nothing typed: straight back home
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"
            await pilot.press("i")
            await settle(pilot)
            intake = app.screen
            await _type_name(pilot, "王五")
            await pilot.press("escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "LeaveDialog"
            await pilot.press("escape")  # stay
            await settle(pilot)
            assert app.screen is intake and intake.query_one("#intake-name").value == "王五"
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("d")  # discard
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"
            assert _drafts(runner, db) == []

    run(scenario())


def test_log_out_on_a_changed_intake_keeps_the_draft_and_a_restart_reopens_it(hall, db, clock, tmp_path, runner):
    async def first():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            await _type_name(pilot, "赵六")
            await pilot.press("f10")
            await settle(pilot)
            assert type(app.screen).__name__ == "LeaveDialog"
            assert app.actor is not None
            await pilot.press("k")
            await settle(pilot)
            await settle(pilot)
            assert app.actor is None

    async def second():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            await pilot.press("f7")
            await settle(pilot)
            assert type(app.screen).__name__ == "DraftsDialog"
            await pilot.press("enter")
            await settle(pilot)
            intake = app.screen
            assert intake.query_one("#intake-name").value == "赵六"
            assert not intake.changed()  # reopened as kept: leaving asks nothing
            await pilot.press("escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"

    run(first())
    assert _drafts(runner, db) == ["赵六"]
    run(second())


def test_quit_on_a_changed_intake_asks_and_keeps(hall, db, clock, tmp_path, runner):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            await _type_name(pilot, "钱七")
            await pilot.press("ctrl+q")
            await settle(pilot)
            assert type(app.screen).__name__ == "LeaveDialog"
            assert app.is_running
            await pilot.press("enter")  # keep
            await settle(pilot)

    run(scenario())
    assert _drafts(runner, db) == ["钱七"]


def test_a_changed_intake_is_kept_automatically(hall, db, clock, tmp_path, runner):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            intake = app.screen
            intake.autosave()  # nothing typed: nothing kept
            await settle(pilot)
            assert intake.intake_id is None
            await _type_name(pilot, "孙八")
            assert intake.changed()
            intake.autosave()  # what the timer does every AUTOSAVE_SECONDS
            await settle(pilot)
            assert intake.intake_id is not None and not intake.changed()
            assert "kept automatically at 10:00" in str(intake.query_one("#intake-status").render())
            await pilot.press("escape")  # kept already: no question
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"

    run(scenario())
    assert _drafts(runner, db) == ["孙八"]


def test_waiver_form_does_not_open_when_nothing_is_missing_or_no_item(hall, db, clock, tmp_path):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            intake = app.screen
            await pilot.press("f3")
            await settle(pilot)
            assert app.screen is intake and intake.errors == {"intake-item": "请先选择事项。"}
            await pilot.press(*"gsdj", "enter")
            await settle(pilot)
            await pilot.press("space", "down", "space")  # every required material ticked
            await pilot.press("f3")
            await settle(pilot)
            assert app.screen is intake
            assert "材料齐全，无需容缺受理" in intake.errors.values()
            assert "请按 F2 受理" in str(intake.query_one("#intake-status").render())

    run(scenario())


def test_waiver_form_does_not_open_for_an_item_without_waivers(hall, db, clock, tmp_path):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            intake = app.screen
            await pilot.press(*"SCJG-002", "enter")
            await settle(pilot)
            assert intake.item is not None and intake.item.code == "SCJG-002"
            await pilot.press("f3")
            await settle(pilot)
            assert app.screen is intake
            assert "item SCJG-002 does not allow a waiver acceptance" in intake.errors.values()
            assert "F4" in str(intake.query_one("#intake-status").render())

    run(scenario())
