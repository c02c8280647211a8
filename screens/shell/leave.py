"""Leaving a changed form: one question, keep the draft, discard it, or stay.

A screen with a form answers :meth:`screens.shell.base.HallScreen.changed` (something
typed since it was last kept) and :meth:`~screens.shell.base.HallScreen.keep`
(store the draft, then go on).  Escape on the screen, F10 (log out) and Ctrl+Q (quit)
anywhere call :func:`leave_then`: when nothing changed they go on at once; otherwise
:class:`LeaveDialog` asks once — ``k`` keep the draft (it survives a restart: drafts
are rows in the database, F7 on the intake screen reopens them), ``d`` discard,
Escape stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from console.core.i18n import t
from screens.shell.base import localize_bindings


class LeaveDialog(ModalScreen[str]):
    """Keep (``k``/Enter), discard (``d``) or stay (Escape); dismisses with ``keep``, ``discard`` or ``stay``."""

    DEFAULT_CSS = """
    LeaveDialog { align: center middle; }
    LeaveDialog > Vertical { width: 64; max-width: 95%; height: auto; border: round $warning;
        background: $panel; padding: 0 1; }
    LeaveDialog #leave-question { margin: 1 0; }
    LeaveDialog .leave-hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("k,enter", "answer('keep')", "clerk.leave.keep", tooltip="clerk.leave.keep_tip", id="leave.keep"),
        Binding("d", "answer('discard')", "clerk.leave.discard", tooltip="clerk.leave.discard_tip",
                id="leave.discard"),
        Binding("escape", "answer('stay')", "clerk.leave.stay", tooltip="clerk.leave.stay_tip", id="leave.stay"),
    ]
    """k or Enter keeps the draft, d discards what was typed, Escape stays on the form."""

    def __init__(self, what: str, *, can_keep: bool = True) -> None:
        super().__init__()
        localize_bindings(self)
        self.what = what
        self.can_keep = can_keep

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("clerk.leave.title"), classes="section-title", markup=False)
            yield Static(t("clerk.leave.question", what=self.what), id="leave-question", markup=False)
            yield Static(t("clerk.leave.hint") if self.can_keep else t("clerk.leave.hint_no_keep"),
                         classes="leave-hint", markup=False)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "answer" and parameters == ("keep",) and not self.can_keep:
            return False
        return True

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


def changed_screens(app) -> list:
    """The screens on ``app``'s stack, topmost first, with a changed form."""
    return [screen for screen in reversed(app.screen_stack)
            if callable(getattr(screen, "changed", None)) and screen.changed()]


def leave_then(app, then: Callable[[], object], screens: list | None = None) -> None:
    """Run ``then`` once every changed form of ``screens`` (default: the whole stack) is kept or discarded.

    One question per changed form; "stay" stops and runs nothing.
    """
    if any(isinstance(screen, LeaveDialog) for screen in app.screen_stack):
        return
    pending = changed_screens(app) if screens is None else [s for s in screens if s.changed()]
    if not pending:
        then()
        return
    screen = pending[0]

    def answered(answer: str | None) -> None:
        if answer == "keep":
            screen.keep(lambda: leave_then(app, then, pending[1:]))
        elif answer == "discard":
            screen.discard()
            leave_then(app, then, pending[1:])

    app.push_screen(LeaveDialog(screen.title or "", can_keep=screen.can_keep()), answered)
