"""Dialogs of the intake and case screens: a small keyboard form, a document viewer
with export, and the list of kept drafts.

* :class:`FormDialog` — a few labelled fields (text or a choice list); Enter on
  the last field (or Ctrl+S anywhere) confirms, Escape cancels.  Given a
  ``submit``, the dialog runs the use case it names with the values: a refusal
  is shown under the fields and the dialog stays open for a correction; on
  success it closes with the use case's result.  Without one it returns
  ``{name: value}``;
* :class:`DocumentDialog` — a receipt, deficiency notice or refusal decision as
  text; ``t`` / ``h`` export it as text / HTML to a file;
* :class:`DraftsDialog` — the clerk's kept drafts and deficiency notices; Enter
  reopens one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from console.core.errors import HallError, Invalid
from console.core.i18n import t
from screens.shell.base import localize_bindings
from screens.shell.keys import KeyBar
from screens.shell.leave import AsksBeforeLeaving
from screens.widgets.field_checks import FieldChecks

#: what a :class:`FormDialog` runs: ``partial(use_case, *args, **kwargs)`` built from its values
Submit = Callable[[dict[str, str]], partial]


@dataclass(frozen=True)
class Field:
    """One field of a :class:`FormDialog`: a text box, or a choice among ``(value, label)`` pairs."""

    name: str
    label: str
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    placeholder: str = ""
    #: typed characters are shown as dots (a PIN)
    password: bool = False
    #: a regular expression the text must match as typed (``[0-9]*``), and its longest length (0: any)
    restrict: str | None = None
    max_length: int = 0
    #: ``check(text)`` raises the typed error of a wrong value: run as the field is left, and for every
    #: field on submit (all their messages shown at once, under their fields)
    check: Callable[[str], object] | None = None


def required(key: str) -> Callable[[str], None]:
    """A :attr:`Field.check` refusing empty text with the message ``key``."""
    def check(text: str) -> None:
        if not (text or "").strip():
            raise Invalid(key)

    return check


class FormDialog(FieldChecks, AsksBeforeLeaving, ModalScreen[Any]):
    """A titled form of a few fields.

    The result is ``None`` when cancelled; otherwise ``{name: value}``, or with
    ``submit`` the result of the use case ``submit(values)`` names.  Each field's
    :attr:`~Field.check` runs as it is left and all of them on submit: every wrong
    field says why under itself at once, and nothing is submitted until they are
    right.  A typed error of the use case (or of reading the values) is shown under
    the field it names (else under the form), the dialog stays open with the cursor
    there, and ``on_error`` hears of it too.  Escape on a changed form
    asks first (:class:`~screens.shell.leave.AsksBeforeLeaving`); ``remember`` keeps
    what was typed for the next opening (``values`` then brings it back).
    """


    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "ui.key.back", tooltip="intake_ui.tip.cancel", id="dialog.cancel"),
        Binding("ctrl+s", "submit", "intake_ui.key.ok", tooltip="intake_ui.tip.ok", id="dialog.submit"),
    ]
    """Escape cancels; Ctrl+S (or Enter on the last field) confirms; Tab moves between fields."""

    def __init__(self, title: str, fields: list[Field], *, note: str = "", submit: Submit | None = None,
                 on_error: Callable[[HallError], None] | None = None,
                 remember: Callable[[dict | None], None] | None = None,
                 values: dict[str, str] | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.dialog_title = title
        self.title = title
        self.remember = remember
        kept = values or {}
        self.fields = [dataclasses.replace(f, value=kept[f.name]) if f.name in kept else f for f in fields]
        self.note = note
        self.submit = submit
        self.on_error = on_error
        #: a submitted use case is running (a second Ctrl+S waits for it)
        self.busy = False
        #: the message under each wrong field, by field name
        self.errors: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.dialog_title, classes="dialog-title", markup=False)
            if self.note:
                yield Static(self.note, markup=False)
            for f, after in zip(self.fields, [*self.fields[1:], None]):
                yield Static(f.label, classes="dialog-label", markup=False)
                if f.choices:
                    options = [Option(label, id=value) for value, label in f.choices]
                    widget = OptionList(*options, id=f"f-{f.name}")
                    yield widget
                else:
                    yield self._text_box(f, after)
                yield Static("", id=f"e-{f.name}", classes="field-error", markup=False)
            yield Static("", id="dialog-error", classes="dialog-error", markup=False)
            yield Static(t("intake_ui.dialog_hint"), classes="dialog-hint", markup=False)

    @staticmethod
    def _text_box(f: Field, after: Field | None) -> Input:
        """The field's Input; followed by another text field, keys typed ahead of Enter or Tab go on to it."""
        options = dict(placeholder=f.placeholder, id=f"f-{f.name}", password=f.password,
                       restrict=f.restrict, max_length=f.max_length)
        if after is not None and not after.choices:
            from screens.shell.login import HandOffInput

            return HandOffInput(f.value, next_id=f"f-{after.name}", **options)
        return Input(f.value, **options)

    def on_mount(self) -> None:
        for f in self.fields:
            if f.choices:
                widget = self.query_one(f"#f-{f.name}", OptionList)
                values = [v for v, _ in f.choices]
                widget.highlighted = values.index(f.value) if f.value in values else 0
        first = self.query_one(f"#f-{self.fields[0].name}")
        first.focus()
        self.typed_from_here()

    def values(self) -> dict[str, str]:
        """The current value of every field."""
        result = {}
        for f in self.fields:
            if f.choices:
                widget = self.query_one(f"#f-{f.name}", OptionList)
                index = widget.highlighted or 0
                result[f.name] = f.choices[index][0]
            else:
                result[f.name] = self.query_one(f"#f-{f.name}", Input).value
        return result

    def typed(self) -> dict[str, str]:
        """The values but the PINs: leaving a PIN half typed loses nothing worth asking about."""
        secret = {f.name for f in self.fields if f.password}
        return {name: value for name, value in self.values().items() if name not in secret}

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field_check(self, name: str) -> Callable[[str], object] | None:
        return next((f.check for f in self.fields if f.name == name and not f.choices), None)

    def show_errors(self) -> None:
        """Each field's message under it; a refusal naming no field under the form."""
        for f in self.fields:
            message = self.errors.get(f.name, "")
            shown = self.query_one(f"#e-{f.name}", Static)
            shown.update(message)
            shown.set_class(bool(message), "-shown")
        self.query_one("#dialog-error", Static).update(self.errors.get("", ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        last = self.fields[-1].name
        if event.input.id == f"f-{last}":
            self.action_submit()
        else:
            self.focus_next()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == f"f-{self.fields[-1].name}":
            self.action_submit()
        else:
            self.focus_next()

    def action_submit(self) -> None:
        if not self.check_all():
            return
        if self.submit is None:
            self.dismiss(self.values())
            return
        if self.busy:
            return
        try:
            call = self.submit(self.values())
        except HallError as error:
            self.failed(error)
            return
        self.busy = True
        self.app.run_use_case(self, call.func, *call.args, on_result=self.done, on_error=self.failed,
                              group="submit", **call.keywords)

    def done(self, result: Any) -> None:
        """The use case went through: close with its result (nothing is kept for a next opening)."""
        self.busy = False
        if self.remember is not None:
            self.remember(None)
        self._initial = None
        self.dismiss(result)

    def failed(self, error: HallError) -> None:
        """The use case (or reading the values) was refused: say why and stay open.

        An error naming one of the fields (``waiver.deadline`` names ``deadline``) is shown under
        it and the cursor goes there; any other under the form.
        """
        self.busy = False
        if self.is_attached:
            self.show_refusal(error)
        if self.on_error is not None:
            self.on_error(error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Forward to the App's one handler (the message does not bubble)."""
        if event.state == WorkerState.ERROR:
            self.busy = False
        self.app.on_worker_state_changed(event)

    def action_cancel(self) -> None:
        """Escape: close; a changed form asks first (keep, discard, stay)."""
        self.leave()


class DocumentDialog(ModalScreen[None]):
    """A document as text, scrollable; export as text or HTML to a file."""


    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "close", "intake_ui.key.close", tooltip="intake_ui.tip.close", id="document.close"),
        Binding("t", "export('text')", "intake_ui.key.export_text", tooltip="intake_ui.tip.export_text",
                id="document.export_text"),
        Binding("h", "export('html')", "intake_ui.key.export_html", tooltip="intake_ui.tip.export_html",
                id="document.export_html"),
    ]
    """Escape closes; ``t`` exports as text, ``h`` as HTML (a dialog asks for the file)."""

    def __init__(self, text: str, kind: str, ref: Any, filename: str, *, status: str = "") -> None:
        super().__init__()
        localize_bindings(self)
        self.text = text
        self.kind = kind
        self.ref = ref
        self.filename = filename
        self.status = status

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.status, id="doc-status", markup=False)
            with VerticalScroll(id="doc-body", can_focus=True):
                yield Static(self.text, id="doc-text", markup=False)
            yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#doc-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self, fmt: str) -> None:
        """Ask for the file, then write the document there (the dialog stays open on a failure)."""
        import os

        from console.cases.views import export_document

        suffix = ".html" if fmt == "html" else ".txt"
        default = os.path.join(os.getcwd(), self.filename + suffix)

        def written(path: str | None) -> None:
            if path and self.is_attached:
                self.query_one("#doc-status", Static).update(t("intake_ui.exported", path=path))

        self.app.push_screen(FormDialog(
            t("intake_ui.export_title"), [Field("path", t("intake_ui.export_path"), default)],
            submit=lambda values: partial(export_document, self.kind, self.ref, fmt, values["path"].strip()),
        ), written)


class DraftsDialog(ModalScreen[int | None]):
    """The kept drafts and deficiency notices; Enter reopens the highlighted one."""


    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "ui.key.back", tooltip="intake_ui.tip.cancel", id="drafts.cancel"),
    ]
    """Escape closes; Up/Down and Enter reopen a draft."""

    def __init__(self, drafts: list) -> None:
        super().__init__()
        localize_bindings(self)
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("intake_ui.drafts_title"), classes="dialog-title", markup=False)
            if self.drafts:
                yield OptionList(*[Option(self._label(d), id=str(d.intake_id)) for d in self.drafts],
                                 id="drafts-list")
            else:
                yield Static(t("intake_ui.drafts_none"), markup=False)

    @staticmethod
    def _label(draft) -> str:
        status = t(f"intake_ui.draft_status.{draft.status}")
        who = draft.form.applicant.name or "-"
        doc = f" {draft.document_no}" if draft.document_no else ""
        return f"{draft.updated_at:%m-%d %H:%M}  {status}{doc}  {draft.form.item_code or '-'}  {who}"

    def on_mount(self) -> None:
        if self.drafts:
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
