"""A one-question confirmation: Enter or ``y`` says yes, Escape or ``n`` says no.

Used before actions that cannot be taken back from the screen (a no-show closes the
ticket; a transfer sends the applicant to another queue).  The dialog dismisses with
``True`` or ``False``; the caller acts only on ``True``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from console.core.i18n import t
from screens.shell.base import localize_bindings


class ConfirmDialog(ModalScreen[bool]):
    """Ask ``question``; Enter/``y`` confirms, Escape/``n`` cancels."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical { width: 64; max-width: 95%; height: auto; border: round $warning;
        background: $panel; padding: 0 1; }
    ConfirmDialog #confirm-question { margin: 1 0; }
    ConfirmDialog .confirm-hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter,y", "answer(True)", "clerk.confirm.yes", tooltip="clerk.confirm.yes_tip",
                id="confirm.yes"),
        Binding("escape,n", "answer(False)", "clerk.confirm.no", tooltip="clerk.confirm.no_tip",
                id="confirm.no"),
    ]
    """Enter or y: yes; Escape or n: no."""

    def __init__(self, question: str) -> None:
        super().__init__()
        localize_bindings(self)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("clerk.confirm.title"), classes="section-title", markup=False)
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(t("clerk.confirm.hint"), classes="confirm-hint", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
