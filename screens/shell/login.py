"""The log-in screen: employee number and PIN.

The PIN is checked by the use case :func:`console.core.auth.log_in`, run in a
thread worker, so the UI never waits on argon2 or the database.  A failure is
shown inline and never says which of the two was wrong; five wrong PINs lock the
account (the count is kept by ``log_in``, committed even though the log-in
fails).  This is the App's default screen: it is the bottom of the screen stack,
and logging out pops back to it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Input, Label, Static

from console.core.i18n import t
from screens.shell.base import HallScreen


#: the keys that are Enter: a terminal not yet switched to the console's mode (keys typed while
#: it starts) turns the Enter key into a newline, which arrives as Ctrl+J
ENTER = ("enter", "ctrl+j")
#: seconds after Enter before "Checking…" is shown: by then the log-in worker is checking the PIN
#: (argon2 leaves the UI thread free), so painting it does not hold up the account's read
CHECKING_AFTER = 0.03
#: seconds after the log-in screen is shown before the home screen is composed behind it, off the
#: stack (:meth:`screens.apps.console.HallApp.prepare_home`): while the number and PIN are typed
PREPARE_AFTER = 0.1


class HandOffInput(Input):
    """An input whose Enter or Tab moves to the next field at once, with the keys typed ahead.

    Textual queues key presses on the focused widget, so when a fast typist (or
    a terminal multiplexer sending ``C001⇥123456⏎`` in one burst) types ahead of
    the focus change, the PIN digits would land in the employee-number field
    before the focus moves.  Once Tab is pressed here, or Enter (with a value,
    and the next field empty), keys still queued here are passed on to the next
    field, and a queued Enter submits it.
    """

    def __init__(self, *args, next_id: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.next_id = next_id
        self._handing_off = False

    def _on_focus(self, event: events.Focus) -> None:
        self._handing_off = False  # Textual then calls Input's own handler (no super(): it would run twice)

    async def _on_key(self, event: events.Key) -> None:
        target = self.screen.query_one(f"#{self.next_id}", Input)
        key = "enter" if event.key in ENTER else event.key
        if self._handing_off:
            event.stop()
            event.prevent_default()
            if key == "enter":
                target.post_message(Input.Submitted(target, target.value))
            elif event.is_printable or event.key in ("backspace", "tab", "shift+tab"):
                target.post_message(events.Key(event.key, event.character))
            return
        if key == "tab" or (key == "enter" and self.value.strip() and not target.value):
            event.stop()
            event.prevent_default()
            self._handing_off = True
            target.focus()
            return
        # any other key: Textual calls Input's own handler next (no super(): it would run twice)


class LoginScreen(HallScreen):
    """Employee number, PIN (masked), Enter to log in."""

    title_key = "ui.screen.login"
    TYPE_AHEAD = "#employee-no"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "clear", "ui.key.clear", tooltip="ui.tip.clear", id="login.clear"),
    ]
    """Escape clears the form; Enter (in the inputs) submits; Tab moves between them."""

    def compose_body(self) -> ComposeResult:
        with Center(id="login-center"):
            with Vertical(id="login-box"):
                yield Static(t("ui.login.heading"), id="login-heading", markup=False)
                yield Label(t("ui.login.employee_no"), id="employee-label")
                yield HandOffInput(id="employee-no", next_id="pin", max_length=20,
                                   placeholder=t("ui.login.employee_no_hint"))
                yield Label(t("ui.login.pin"), id="pin-label")
                yield Input(id="pin", password=True, max_length=8, restrict=r"[0-9]*",
                            placeholder=t("ui.login.pin_hint"))
                yield Static("", id="login-error", markup=False)
                yield Static(t("ui.login.help"), id="login-help", markup=False)

    def __init__(self) -> None:
        super().__init__()
        #: while keys typed before any field had focus are being handled: the field they go to
        self._ahead: str | None = None
        #: the timer that will say "Checking…" for the log-in under way
        self._checking = None

    def on_mount(self) -> None:
        fields = self.query("#employee-no").results(Input)
        field = next(fields, None)
        if field is None:  # the console closed while it started (its widgets are gone)
            return
        field.focus()
        hall = self.hall
        self.run_worker(lambda: _warm_up(hall), thread=True, group="warm_up", exit_on_error=False)

    def on_key(self, event: events.Key) -> None:
        """Keys that reached the screen itself, typed before any field had focus, fill the form in order.

        A printable key here was typed ahead (an input would have taken it): it goes to
        the field typed into so far, and until the keys queued with it are handled a Tab
        moves on to the PIN and an Enter does what it does in the field.  Keys typed once
        a field has focus are that field's (:class:`HandOffInput`).
        """
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            if self._ahead is None:
                self._ahead = "employee-no"
                self.call_later(self._end_type_ahead)  # after every key queued with this one
            self.type_into(self.query_one(f"#{self._ahead}", Input), event.character)
        elif event.key == "ctrl+j" and self._ahead is None and isinstance(self.focused, Input):
            event.stop()  # Enter typed while the terminal was not the console's yet
            self.post_message(Input.Submitted(self.focused, self.focused.value))
        elif self._ahead is not None and event.key in ("tab", *ENTER):
            event.stop()
            event.prevent_default()
            number, pin = (self.query_one(f"#{i}", Input).value for i in ("employee-no", "pin"))
            if event.key in ENTER and (self._ahead == "pin" or not number.strip() or pin):
                self.submit()
                return
            self._ahead = "pin"
            self.query_one("#pin", Input).focus()

    def _end_type_ahead(self) -> None:
        self._ahead = None

    # -- form ---------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        number = self.query_one("#employee-no", Input).value.strip()
        pin_input = self.query_one("#pin", Input)
        if event.input.id == "employee-no" and number and not pin_input.value:
            pin_input.focus()
            return
        self.submit()

    def submit(self) -> None:
        """Check the form and start the log-in worker."""
        number = self.query_one("#employee-no", Input).value.strip()
        pin = self.query_one("#pin", Input).value
        if not number or not pin:
            self.show_error(t("ui.login.missing"))
            (self.query_one("#pin" if number else "#employee-no", Input)).focus()
            return
        self.log_in(number, pin)
        # said once the worker is under way (argon2 leaves the UI thread free), not before it starts
        self._checking = self.set_timer(CHECKING_AFTER, lambda: self.show_error(t("ui.login.checking"), busy=True))

    def log_in(self, employee_no: str, pin: str) -> None:
        """Run the log-in in a worker; :meth:`answered` gets the outcome on the UI thread.

        The same worker finds the window this terminal is bound to and the names the header
        shows (:func:`console.status.terminals.log_in_at_desk`): home opens with nothing left
        to read.
        """
        from console.core.terminal import terminal_name
        from console.status.terminals import log_in_at_desk

        self.run_use_case(log_in_at_desk, employee_no, pin, terminal=terminal_name(),
                          on_result=self.answered, group="login")

    def answered(self, desk) -> None:
        """Open home for the logged-in actor, or show why not (:class:`console.status.terminals.DeskLogIn`)."""
        self._stop_checking()
        refusal = desk.outcome.error or desk.refusal
        if refusal is not None:
            self.failed(refusal.message)
            return
        self.hall.logged_in(desk.actor, desk.info, placed=True)

    def _stop_checking(self) -> None:
        if self._checking is not None:
            self._checking.stop()
            self._checking = None

    def failed(self, message: str) -> None:
        """Show ``message``, clear the PIN and put the cursor back in it."""
        self.show_error(message)
        pin = self.query_one("#pin", Input)
        pin.value = ""
        pin.focus()

    def show_error(self, message: str, *, busy: bool = False) -> None:
        error = self.query_one("#login-error", Static)
        error.update(message)
        error.set_class(not busy and bool(message), "-error")

    def reset(self) -> None:
        """Empty the form (after log-out); home is made ready for the next log-in."""
        self._stop_checking()
        self.set_timer(PREPARE_AFTER, self.hall.prepare_home)
        self.query_one("#employee-no", Input).value = ""
        self.query_one("#pin", Input).value = ""
        self.show_error("")
        self.query_one("#employee-no", Input).focus()

    def action_clear(self) -> None:
        self.reset()


def _warm_up(hall) -> None:
    """While the number and PIN are typed (a thread worker): load what the log-in and home need
    the first time — the log-in's module, argon2, the home screen — so that the first Enter
    costs what every later one does (a first log-in took twice as long: ``benchmarks/bench_login.py``),
    then compose home behind the log-in screen.  All of it after the database is ready: until
    then the screen cannot check a PIN, and this work would only slow the database's start-up
    (both hold the interpreter in turns: ``benchmarks/bench_startup.py``)."""
    hall.wait_for_database()
    from console.core.auth import warm_up
    from screens.shell.home import HomeScreen  # noqa: F401 - imported to be ready

    warm_up()
    try:
        hall.call_from_thread(hall.prepare_home)
    except RuntimeError:  # the console is closing
        pass
