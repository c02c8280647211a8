"""The case forms check each field as it is left and all on submit: every wrong field says why under
itself at once, nothing is submitted until they are right, and a refusal of the use case that names a
field is shown under that field with the cursor there."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from console.core.i18n import t
from models import Intake
from tests.test_tui_intake import PERSON_ID, _open_intake, _pick_and_fill, make_intake_app
from tests.tuihelp import run, settle


def _message(dialog, name: str) -> str:
    shown = dialog.query_one(f"#e-{name}")
    return str(shown.render()) if shown.has_class("-shown") else ""


def _intakes(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Intake))


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_refusal_form_names_both_missing_fields_at_once_and_stays_open(hall, db, clock, tmp_path, lang):
    async def scenario():
        app = make_intake_app(db, tmp_path, clock, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            await _pick_and_fill(pilot, "SCJG-001", [], "王芳", PERSON_ID, "13800138000")
            await pilot.press("f5")
            await settle(pilot)
            dialog = app.screen
            assert type(dialog).__name__ == "FormDialog"
            assert _message(dialog, "reason") == ""  # nothing is said before a field is left
            await pilot.press("tab")  # leaving the empty reason
            await settle(pilot)
            assert _message(dialog, "reason") == t("case.refuse_reason")
            assert dialog.query_one("#f-reason").has_class("-invalid")
            await pilot.press("ctrl+u")  # the legal basis the item gave, cleared
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is dialog  # not submitted: both fields say why, the cursor on the first
            assert _message(dialog, "reason") == t("case.refuse_reason")
            assert _message(dialog, "legal_basis") == t("case.refuse_basis")
            assert app.focused is dialog.query_one("#f-reason")
            assert _intakes(db) == 0
            await pilot.press(*"材料不全")  # corrected: its message goes as it is typed
            await settle(pilot)
            assert _message(dialog, "reason") == ""
            assert _message(dialog, "legal_basis") == t("case.refuse_basis")
            await pilot.press("tab", *"《行政许可法》第三十二条", "ctrl+s")
            await settle(pilot)
            assert type(app.screen).__name__ == "DocumentDialog"
            assert _intakes(db) == 1

    run(scenario())


def test_a_refusal_of_the_use_case_naming_a_field_is_shown_under_it(hall, db, clock, tmp_path):
    """The waiver's deadline after the promised date is refused by the use case: the message goes under
    the deadline (the use case names ``waiver.deadline``), the cursor there, the form open."""
    async def scenario():
        app = make_intake_app(db, tmp_path, clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_intake(pilot, db)
            # the application form ticked, the proof of identity to follow
            await _pick_and_fill(pilot, "SCJG-001", ["space"], "王芳", PERSON_ID, "13800138000")
            await pilot.press("f3")
            await settle(pilot)
            dialog = app.screen
            assert type(dialog).__name__ == "FormDialog"
            await pilot.press("tab", *"2025-13-40", "shift+tab")  # not a date: said as it is left
            await settle(pilot)
            assert "2025-13-40" in _message(dialog, "deadline")
            await pilot.press("tab", "ctrl+u", *"2026-12-31", "ctrl+s")
            await settle(pilot)
            assert app.screen is dialog
            message = _message(dialog, "deadline")
            assert "2026-12-31" in message and message == str(dialog.errors["deadline"])
            assert str(dialog.query_one("#dialog-error").render()) == ""
            assert app.focused is dialog.query_one("#f-deadline")
            assert _intakes(db) == 0

    run(scenario())
