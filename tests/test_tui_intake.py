"""The intake screen: accept by keyboard alone (due date across the 2025 National Day
make-up workday), deficiency notice then acceptance from the kept draft.

The App runs on the test's ``clock`` (the same FixedClock as the ``runner`` that
builds the data of the case screens' tests), set to the moment the scenario needs.
"""

from __future__ import annotations

from datetime import datetime

from tests.tuihelp import burst, run, settle, texts

#: the Tuesday before the 2025 National Day holiday (1–8 October; Saturday 11 October is worked)
ACCEPT_AT = datetime(2025, 9, 30, 10, 0)
PERSON_ID = "11010519491231002X"


def make_intake_app(db, tmp_path, clock, lang="en", at=ACCEPT_AT):
    """A console App on ``db`` whose hall clock is ``clock``, standing at ``at``."""
    from screens.apps.console import HallApp

    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    clock.set(at)
    return HallApp(db, lang=lang, config_dir=config, clock=clock, cursor_blink=False)


async def _open_intake(pilot, db, employee_no="C001"):
    """Start logged in as ``employee_no`` (the log-in screen has its own tests: tests/test_tui_login.py)
    and open the intake screen with its key on the home screen."""
    from tests.factories import actor

    pilot.app.logged_in(actor(db, employee_no), None)
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "IntakeScreen"


async def _pick_and_fill(pilot, query, ticks, name, id_no, phone):
    """Type the item query, Enter, tick materials with Space, Tab into the applicant fields."""
    await pilot.press(*query, "enter")
    await settle(pilot)
    for step in ticks:
        await pilot.press(step)
    await pilot.press("tab", *name, "tab", *id_no, "tab", *phone)
    await settle(pilot)


def test_clerk_accepts_by_keyboard_and_due_date_crosses_national_day(hall, db, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the export dialog offers a file in the working directory

    async def scenario():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            # only items of the window's department (市场监管局) are offered
            assert app.screen.codes == ["SCJG-001", "SCJG-002"]
            await _pick_and_fill(pilot, "gsdj", ["space", "down", "space"], "张三", PERSON_ID, "13800138000")
            await pilot.press("f2")
            await settle(pilot)
            dialog = app.screen
            assert type(dialog).__name__ == "DocumentDialog"
            # 3 working days after Tue 30 Sep: Thu 9 Oct, Fri 10 Oct, Sat 11 Oct (make-up workday)
            assert "due 2025-10-11" in dialog.status
            body = texts(dialog, "#doc-text")
            assert "2025-10-11" in body and "张三" in body and "SCJG-001" in body
            number = dialog.ref
            await pilot.press("h")
            await settle(pilot)
            target = tmp_path / "receipt.html"
            await pilot.press("ctrl+u", *"receipt.html", "enter")  # a path relative to the working directory
            await settle(pilot)
            assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
            assert number in target.read_text(encoding="utf-8")
            await pilot.press("escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "IntakeScreen"
            assert app.focused.id == "intake-item" and app.screen.query_one("#intake-name").value == ""

    run(scenario())


def test_deficiency_notice_then_accept_from_the_kept_draft_in_chinese(hall, db, clock, tmp_path):
    from console.core.i18n import t

    async def scenario():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            bad_id = PERSON_ID[:-1] + "1"  # wrong check digit
            await _pick_and_fill(pilot, "SCJG-001", ["space"], "李四", bad_id, "13800138000")
            await pilot.press("f4")
            await settle(pilot)
            dialog = app.screen
            assert type(dialog).__name__ == "DocumentDialog"
            notice = texts(dialog, "#doc-text")
            assert "一次性告知书" in notice and "身份证明" in notice and "登记申请书" not in notice
            await pilot.press("escape")
            await settle(pilot)
            screen = app.screen
            assert screen.query_one("#intake-name").value == ""
            await pilot.press("f7")
            await settle(pilot)
            assert type(app.screen).__name__ == "DraftsDialog"
            await pilot.press("enter")
            await settle(pilot)
            # everything typed is back: item, ticked material, applicant
            assert screen.item.code == "SCJG-001"
            assert screen.query_one("#intake-name").value == "李四"
            assert screen.query_one("#intake-id_no").value == bad_id
            assert screen.query_one("#intake-materials").selected == [1]
            await pilot.press("down", "space", "f2")
            await settle(pilot)
            # the wrong check digit is shown inline, on the ID field, and nothing is accepted
            assert type(app.screen).__name__ == "IntakeScreen"
            assert app.focused.id == "intake-id_no" and app.focused.has_class("-invalid")
            assert "校验" in texts(screen, "#intake-error")
            await pilot.press("end", "backspace", "X", "f2")
            await settle(pilot)
            assert type(app.screen).__name__ == "DocumentDialog"
            assert t("intake_ui.accepted", number=app.screen.ref, due="2025-10-11", fee="不收费") == app.screen.status

    run(scenario())

    from sqlalchemy import select

    from models import Case, Intake

    with db.read() as s:
        intake = s.scalars(select(Intake)).one()
        case = s.scalars(select(Case)).one()
        assert intake.status.value == "accepted" and intake.case_id == case.id
        assert case.applicant_id_no == PERSON_ID and case.due_date.isoformat() == "2025-10-11"


def test_typing_after_the_item_goes_to_the_applicant_not_the_materials_list(hall, db, clock, tmp_path):
    """Enter picks the item and the materials list takes focus for Space; a clerk who types the name
    at once, before the item is even shown, finds every key in the name, then the ID after Tab."""

    async def scenario():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            await pilot.press(*"SCJG-001", "enter", *"Wang Wu", "tab", *PERSON_ID)  # no settling in between
            await settle(pilot)
            screen = app.screen
            assert screen.item.code == "SCJG-001"
            assert screen.query_one("#intake-name").value == "Wang Wu"
            assert screen.query_one("#intake-id_no").value == PERSON_ID
            assert screen.query_one("#intake-materials").selected == []  # nothing ticked by the typing
            await pilot.press("shift+tab", "shift+tab", "space", *"x")  # back in the list, Space ticks
            await settle(pilot)
            assert screen.query_one("#intake-materials").selected == [1]
            assert screen.query_one("#intake-phone").value == "x"  # the first field still empty

    run(scenario())


def test_keys_typed_in_one_burst_after_enter_land_in_the_name_and_the_id(hall, db, clock, tmp_path):
    """A fast typist or a paste: the item, Enter, the name, Tab, the ID arrive before the App
    handles the first of them; each still lands where it was meant to go."""

    async def scenario():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            # SCJG-002 is offered second until the search for what was typed answers: Enter waits for it
            burst(app, [*"SCJG-002", "enter", *"张小明", "tab", *PERSON_ID, "tab", *"13800138000"])
            await settle(pilot, rounds=6)
            screen = app.screen
            assert screen.query_one("#intake-item").value == "SCJG-002"
            assert screen.item is not None and screen.item.code == "SCJG-002"
            assert screen.query_one("#intake-name").value == "张小明"
            assert screen.query_one("#intake-id_no").value == PERSON_ID
            assert screen.query_one("#intake-phone").value == "13800138000"

    run(scenario())
