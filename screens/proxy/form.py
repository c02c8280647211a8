"""The proxy section's small forms: a few text fields that run one use case when submitted.

:class:`ProxyFormScreen` is the form of the project screen (add an item, note a
blocker, record a visit) and, one line a field, of the window's hand-off
(:mod:`screens.proxy.handoff`).  Enter moves from field to field; on the last one
the form runs its use case in a worker.  Success dismisses the form with the use
case's result; a refusal (a typed error) is shown inside the form, which stays
open with everything typed and the cursor in the field the error names.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from rich.cells import cell_len
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from screens.shell.base import localize_bindings
from screens.shell.leave import AsksBeforeLeaving
from screens.widgets.field_checks import FieldChecks

#: what a form runs: ``submit(values)`` → ``(use_case, args, kwargs)``
Submit = Callable[[dict[str, str]], tuple[Callable[..., Any], tuple, dict]]


class ProxyFormScreen(FieldChecks, AsksBeforeLeaving, ModalScreen):
    """A small form of one or more text fields; Enter moves on and submits on the last one.

    With ``submit`` the form runs that use case and is dismissed with its result
    (``None`` when cancelled); a refusal stays in the form (``on_refused`` gets
    the values typed).  Without ``submit`` it is dismissed with a dict of the values.
    Escape on a changed form asks first (:class:`~screens.shell.leave.AsksBeforeLeaving`);
    ``remember`` keeps what was typed for the next opening.
    """

    DEFAULT_CSS = """
    ProxyFormScreen { align: center middle; }
    #proxy-form { width: 70; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    #proxy-form Input { height: 1; border: none; padding: 0 1; margin: 0; }
    #proxy-form .proxy-row { height: auto; }
    #proxy-form .proxy-label { color: $text-muted; }
    #proxy-form Input:focus { background: $boost; }
    #proxy-form Input.-invalid { background: $error 25%; }
    #proxy-form-error { color: $error; display: none; }
    #proxy-form-error.-shown { display: block; }
    """

    FIELD_PREFIX = "proxy-field-"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "proxy.ui.key.cancel", tooltip="proxy.ui.tip.cancel", id="proxy_form.cancel"),
    ]
    """Escape cancels; Enter in a field moves to the next one and submits from the last."""

    def __init__(self, title: str, fields: list[tuple[str, str]], *, values: dict[str, str] | None = None,
                 submit: Submit | None = None, on_refused: Callable[[dict[str, str]], None] | None = None,
                 remember: Callable[[dict | None], None] | None = None, heading: str | None = None,
                 check: Callable[[str, str], None] | None = None) -> None:
        super().__init__()
        #: ``check(name, value)`` raises the typed error of one field (each field as it is left, all on Enter)
        self.check = check
        #: the messages shown, by field name ("" for the use case's refusals without a field)
        self.errors: dict[str, str] = {}
        #: the line atop the form (``heading``: the title with a hint on the keys)
        self.form_title = heading or title
        #: what the form is, as the question before leaving it names it
        self.title = title
        self.remember = remember
        self.fields = fields
        self.initial = dict(values or {})
        self.submit = submit
        self.on_refused = on_refused
        #: a submission is running (Enter again does nothing until it answers)
        self.busy = False
        #: the message of the last refusal shown in the form ("" when none)
        self.error = ""
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="proxy-form"):
            yield Static(self.form_title, id="proxy-form-title", markup=False)
            # each field keeps its label beside it: once typed, the placeholder is gone
            width = max(cell_len(label) for _, label in self.fields) + 1
            for name, label in self.fields:
                with Horizontal(classes="proxy-row"):
                    tag = Static(label, classes="proxy-label", markup=False)
                    tag.styles.width = width
                    yield tag
                    yield Input(self.initial.get(name, ""), id=f"proxy-field-{name}", placeholder=label)
            yield Static("", id="proxy-form-error", markup=False)

    def on_mount(self) -> None:
        self.query(Input).first().focus()
        self.typed_from_here()

    def values(self) -> dict[str, str]:
        """What is typed in each field, by name."""
        return {name: self.query_one(f"#proxy-field-{name}", Input).value for name, _ in self.fields}

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
            return
        if not self.check_all():
            return
        if self.submit is None:
            self.dismiss(self.values())
        elif not self.busy:
            self.busy = True
            fn, args, kwargs = self.submit(self.values())
            self.app.run_use_case(self, fn, *args, on_result=self.succeeded, on_error=self.refused,
                                  group="submit", **kwargs)

    def field_names(self) -> list[str]:
        return [name for name, _ in self.fields]

    def field_check(self, name: str) -> Callable[[str], object] | None:
        return None if self.check is None else partial(self.check, name)

    def check_all(self) -> bool:
        """Every field checked (:class:`~screens.widgets.field_checks.FieldChecks`); a wrong one keeps the form."""
        right = super().check_all()
        if not right:
            self.keep_refused()
        return right

    def show_errors(self) -> None:
        self.error = "\n".join(self.errors.values())
        shown = self.query_one("#proxy-form-error", Static)
        shown.update(self.error)
        shown.set_class(bool(self.error), "-shown")

    def succeeded(self, result: Any) -> None:
        self.busy = False
        self._initial = None  # done: nothing left to ask about
        self.dismiss(result)

    def refused(self, error) -> None:
        """Show the refusal in the form, keep what was typed, put the cursor where the error points."""
        self.busy = False
        if self.check is None:
            self.errors.clear()  # nothing checks the fields one by one: only this refusal holds
        self.app.last_error = error.message
        self.show_refusal(error)
        self.keep_refused()

    def keep_refused(self) -> None:
        """A refused form is kept by the caller (``on_refused``): leaving it now loses nothing."""
        if self.on_refused is not None:
            self.on_refused(self.values())
            self.typed_from_here()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Anything but a refusal ends in the App's one handler (the message does not bubble)."""
        if event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.busy = False
        self.app.on_worker_state_changed(event)

    def action_cancel(self) -> None:
        """Escape: close; a changed form asks first (keep, discard, stay)."""
        self.leave()
