"""Leaving a changed form: one question, keep the draft, discard it, or stay.

A screen with a form answers :meth:`screens.shell.base.HallScreen.changed` (something
typed since it was last kept) and :meth:`~screens.shell.base.HallScreen.keep`
(store the draft, then go on).  Escape on the screen, F10 (log out) and Ctrl+Q (quit)
anywhere call :func:`leave_then`: when nothing changed they go on at once; otherwise
:class:`LeaveDialog` asks once — ``k`` keep the draft (it survives a restart: drafts
are rows in the database, F7 on the intake screen reopens them), ``d`` discard,
Escape stay.  A dialog's form (the refusal, the waiver, the hand-off, a case step) mixes in
:class:`AsksBeforeLeaving`: Escape on it asks the same question, and keeping holds what was
typed for the next time that dialog opens.
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

    def __init__(self, what: str, *, can_keep: bool = True, hint: str | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.what = what
        self.can_keep = can_keep
        #: what the keys do, when keeping means something else than a draft F7 reopens
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("clerk.leave.title"), classes="section-title", markup=False)
            yield Static(t("clerk.leave.question", what=self.what), id="leave-question", markup=False)
            hint = self.hint or (t("clerk.leave.hint") if self.can_keep else t("clerk.leave.hint_no_keep"))
            yield Static(hint, classes="leave-hint", markup=False)

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

    hint = screen.keep_hint() if callable(getattr(screen, "keep_hint", None)) else None
    app.push_screen(LeaveDialog(screen.title or "", can_keep=screen.can_keep(), hint=hint), answered)


class AsksBeforeLeaving:
    """A dialog's form that asks before Escape throws away what was typed (mixed into a ModalScreen).

    The dialog gives ``values()`` (what is typed, by field) and calls :meth:`typed_from_here`
    once its fields hold their first values.  ``remember`` (optional) keeps the values
    for the next time the dialog opens (``remember(values)``) or forgets them
    (``remember(None)``); without it leaving offers discard or stay.  Escape calls
    :meth:`leave`; F10 and Ctrl+Q ask the same question through :func:`leave_then`.
    """

    remember: Callable[[dict | None], None] | None = None
    _initial: dict | None = None

    def typed(self) -> dict:
        """What counts as typed: every value (a dialog leaves out its PINs: nothing to keep there)."""
        return self.values()

    def typed_from_here(self) -> None:
        """What the fields hold now is "nothing typed" (a reopened draft counts as kept)."""
        self._initial = self.typed()

    def changed(self) -> bool:
        return self._initial is not None and self.typed() != self._initial

    def can_keep(self) -> bool:
        return self.remember is not None

    def keep_hint(self) -> str:
        return t("roles.leave.hint_dialog") if self.can_keep() else t("clerk.leave.hint_no_keep")

    def keep(self, then: Callable[[], None]) -> None:
        if self.remember is not None:
            self.remember(self.values())
        self._initial = self.typed()
        then()

    def discard(self) -> None:
        if self.remember is not None:
            self.remember(None)
        self._initial = None

    def leave(self) -> None:
        """Close with ``None``; a changed form asks first (keep, discard, stay)."""
        def close() -> None:
            if self.is_attached and self.app.screen is self:
                self.dismiss(None)

        leave_then(self.app, close, [self])
