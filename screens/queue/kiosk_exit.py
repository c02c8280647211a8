"""Closing the kiosk: a dialog asking a supervisor's or an administrator's number and PIN.

Ctrl+Q at the kiosk opens :class:`KioskExitDialog` instead of quitting: an applicant
cannot close the kiosk.  The dialog runs :func:`console.queue.kiosk_exit.close_public_screen`
(a log-in, then the audited close, which needs ``queue.manage``); a wrong PIN or a clerk's
account is refused in the dialog and the kiosk stays.  Escape — or a minute without a
key — returns to the kiosk.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from console.core.i18n import t
from screens.shell.base import localize_bindings
from screens.shell.login import HandOffInput

#: seconds without a key after which the dialog gives the kiosk back to the applicants
IDLE_SECONDS = 60.0


class KioskExitDialog(ModalScreen[bool]):
    """Employee number and PIN; dismisses with ``True`` once the close is recorded, ``False`` on Escape."""

    DEFAULT_CSS = """
    KioskExitDialog { align: center middle; }
    KioskExitDialog > Vertical { width: 54; max-width: 95%; height: auto; border: round $warning;
        background: $panel; padding: 0 2; }
    KioskExitDialog .section-title { text-style: bold; margin-bottom: 1; }
    KioskExitDialog Input { width: 100%; }
    KioskExitDialog #kiosk-exit-error { height: 2; margin-top: 1; color: $error; text-style: bold; }
    KioskExitDialog .kiosk-exit-hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "roles.kiosk.key.cancel", tooltip="roles.kiosk.tip.cancel",
                id="kiosk_exit.cancel"),
    ]
    """Escape returns to the kiosk; Enter (in the PIN) closes it when the staff member may."""

    def __init__(self, *, site: str | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.site = site
        self.busy = False
        self._idle = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("roles.kiosk.title"), classes="section-title", markup=False)
            yield Static(t("roles.kiosk.who"), markup=False)
            yield Label(t("ui.login.employee_no"))
            yield HandOffInput(id="kiosk-exit-no", next_id="kiosk-exit-pin", max_length=20,
                               placeholder=t("ui.login.employee_no_hint"))
            yield Label(t("ui.login.pin"))
            yield Input(id="kiosk-exit-pin", password=True, max_length=8, restrict=r"[0-9]*",
                        placeholder=t("ui.login.pin_hint"))
            yield Static("", id="kiosk-exit-error", markup=False)
            yield Static(t("roles.kiosk.hint"), classes="kiosk-exit-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#kiosk-exit-no", Input).focus()
        self._idle = self.set_timer(IDLE_SECONDS, self.action_cancel)

    def on_key(self, event: events.Key) -> None:
        if self._idle is not None:
            self._idle.reset()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        number = self.query_one("#kiosk-exit-no", Input).value.strip()
        pin = self.query_one("#kiosk-exit-pin", Input)
        if event.input.id == "kiosk-exit-no" and number and not pin.value:
            pin.focus()
            return
        if not number or not pin.value:
            self.show_error(t("ui.login.missing"))
            return
        if self.busy:
            return
        from console.queue.kiosk_exit import close_public_screen

        self.busy = True
        self.show_error(t("ui.login.checking"))
        self.app.run_use_case(self, close_public_screen, number, pin.value, "kiosk", site=self.site,
                              on_result=lambda _who: self.dismiss(True), on_error=self.refused, group="exit")

    def refused(self, error) -> None:
        """A wrong number or PIN, or a staff member who may not close the kiosk: say so, clear the PIN."""
        self.busy = False
        self.show_error(error.message)
        pin = self.query_one("#kiosk-exit-pin", Input)
        pin.value = ""
        pin.focus()

    def show_error(self, message: str) -> None:
        self.query_one("#kiosk-exit-error", Static).update(message)

    def on_worker_state_changed(self, event) -> None:
        """Forward to the App's one error handler (the message does not bubble)."""
        self.app.on_worker_state_changed(event)

    def action_cancel(self) -> None:
        if not self.busy and self.is_attached and self.app.screen is self:
            self.dismiss(False)
