"""Dialogs that never lose typing silently: Escape on a changed refusal, waiver, hand-off or case-step
form asks once (keep what was typed / discard / stay), the way the intake form does."""

from __future__ import annotations

from tests.test_tui_intake import _open_intake, make_intake_app
from tests.tuihelp import run, settle


def _name(app) -> str:
    return type(app.screen).__name__


async def _refusal_dialog(pilot):
    await pilot.press("f5")
    await settle(pilot)
    assert _name(pilot.app) == "FormDialog"
    return pilot.app.screen


def test_escape_on_an_untouched_refusal_dialog_closes_it_at_once(hall, db, clock, tmp_path):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            await _refusal_dialog(pilot)
            await pilot.press("escape")
            await settle(pilot)
            assert _name(app) == "IntakeScreen"

    run(scenario())


def test_escape_on_a_changed_refusal_asks_stay_keep_and_the_dialog_reopens_with_it(hall, db, clock, tmp_path):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            dialog = await _refusal_dialog(pilot)
            await pilot.press(*"not ours")
            await pilot.press("escape")
            await settle(pilot)
            assert _name(app) == "LeaveDialog"
            from console.core.i18n import t

            assert str(app.screen.query_one(".leave-hint").render()) == t("roles.leave.hint_dialog")
            await pilot.press("escape")  # stay: the dialog as typed
            await settle(pilot)
            assert app.screen is dialog and dialog.query_one("#f-reason").value == "not ours"
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("k")  # keep: closed, and F5 brings it back as typed
            await settle(pilot)
            assert _name(app) == "IntakeScreen"
            again = await _refusal_dialog(pilot)
            assert again.query_one("#f-reason").value == "not ours"
            await pilot.press("escape")  # what it holds is kept: nothing to ask
            await settle(pilot)
            assert _name(app) == "IntakeScreen"

    run(scenario())


def test_discarding_a_changed_refusal_forgets_it(hall, db, clock, tmp_path):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            await _refusal_dialog(pilot)
            await pilot.press(*"typo")
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            assert _name(app) == "IntakeScreen"
            again = await _refusal_dialog(pilot)
            assert again.query_one("#f-reason").value == ""

    run(scenario())


def test_a_case_step_dialog_without_a_draft_offers_discard_or_stay(hall, db, clock, tmp_path):
    async def scenario():
        from screens.cases.dialogs import Field, FormDialog

        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            closed = []
            app.push_screen(FormDialog("extend", [Field("days", "days")]), closed.append)
            await settle(pilot)
            await pilot.press(*"5", "escape")
            await settle(pilot)
            assert _name(app) == "LeaveDialog"
            await pilot.press("k")  # no draft to keep here: k does nothing
            await settle(pilot)
            assert _name(app) == "LeaveDialog"
            await pilot.press("d")
            await settle(pilot)
            assert _name(app) == "IntakeScreen" and closed == [None]

    run(scenario())


def test_a_kept_refusal_comes_back_with_its_draft_after_a_restart(hall, db, clock, tmp_path):
    """A refusal half-typed and kept (the intake is kept as a draft with it): the next console's F7
    reopens the draft, and F5 shows the reason as it was typed."""
    async def first():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            intake = app.screen
            assert intake.intake_id is None  # never saved yet: keeping the refusal keeps the draft too
            await _refusal_dialog(pilot)
            await pilot.press(*"不属于本中心")
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("k")
            await settle(pilot)
            assert _name(app) == "IntakeScreen" and intake.intake_id is not None

    async def second():
        app = make_intake_app(db, tmp_path, clock, lang="zh_CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            again = await _refusal_dialog(pilot)  # a new form: nothing kept for it
            assert again.query_one("#f-reason").value == ""
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("f7")
            await settle(pilot)
            assert _name(app) == "DraftsDialog"
            await pilot.press("enter")
            await settle(pilot)
            kept = await _refusal_dialog(pilot)
            assert kept.query_one("#f-reason").value == "不属于本中心"

    run(first())
    run(second())
