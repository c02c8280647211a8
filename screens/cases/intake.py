"""The intake screen (受理): item, materials, applicant, and the four outcomes by key.

Flow, keyboard only: type the item's code, name or pinyin initials (only items
the clerk's window may accept are offered), Enter picks it; Space ticks each
material received; Tab to the applicant (Ctrl+T switches person/organization);
then one key decides: F2 accept (the receipt 受理通知书 is shown, ``t``/``h``
export it), F3 accept with a waiver (容缺受理), F4 deficiency notice
(一次性告知书; the form is kept as a draft), F5 refuse (reason and legal basis).
F6 keeps a draft, F7 reopens one exactly as typed, F8 shows the item's six
disclosures beside the form.

The screen opens standalone or from the ticket being served
(``IntakeScreen(ticket=...)``); standalone it looks up the ticket its window
is serving.  Every use case runs in a thread worker; an outcome's refusal is
shown inline next to the field it names and nothing is written.  The outcome
keys live in :mod:`screens.cases.intake_outcomes`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from console.core.errors import HallError
from console.core.i18n import t
from console.core.numbers import working_days
from screens.catalog.browser import fee_text
from screens.cases.intake_outcomes import FIELD_WIDGETS, IntakeOutcomes
from screens.shell.base import HallScreen

APPLICANT_FIELDS = ("name", "id_no", "phone", "legal_rep", "contact")


class IntakeScreen(IntakeOutcomes, HallScreen):
    """Accept an application: pick the item, tick the materials, type the applicant, decide by key."""

    title_key = "intake_ui.screen.intake"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="intake.back"),
        Binding("f2", "accept", "intake_ui.key.accept", tooltip="intake_ui.tip.accept", id="intake.accept"),
        Binding("f3", "waiver", "intake_ui.key.waiver", tooltip="intake_ui.tip.waiver", id="intake.waiver"),
        Binding("f4", "notice", "intake_ui.key.notice", tooltip="intake_ui.tip.notice", id="intake.notice"),
        Binding("f5", "refuse", "intake_ui.key.refuse", tooltip="intake_ui.tip.refuse", id="intake.refuse"),
        Binding("f6", "save_draft", "intake_ui.key.save", tooltip="intake_ui.tip.save", id="intake.save"),
        Binding("f7", "drafts", "intake_ui.key.drafts", tooltip="intake_ui.tip.drafts", id="intake.drafts"),
        Binding("f8", "toggle_disclosures", "intake_ui.key.disclosures", tooltip="intake_ui.tip.disclosures",
                id="intake.disclosures"),
        Binding("ctrl+t", "toggle_kind", "intake_ui.key.kind", tooltip="intake_ui.tip.kind", id="intake.kind"),
        Binding("ctrl+n", "new", "intake_ui.key.new", tooltip="intake_ui.tip.new", id="intake.new", show=False),
    ]
    """Escape back; F2 accept; F3 waiver acceptance; F4 deficiency notice; F5 refuse; F6 keep a draft;
    F7 reopen a draft; F8 six disclosures; Ctrl+T person/organization; Ctrl+N start over."""

    def __init__(self, ticket: Any = None) -> None:
        super().__init__()
        #: the queue ticket being served (``console.queue.shared.TicketInfo``) or ``None``
        self.ticket = ticket
        #: the picked item (``console.catalog.browse.ItemDetail``)
        self.item = None
        self.kind = "person"
        #: the kept intake (draft / deficiency notice) this form continues
        self.intake_id: int | None = None
        self.codes: list[str] = []
        self._pending_received: tuple[int, ...] | None = None
        #: inline messages by widget id ("" for errors without a field)
        self.errors: dict[str, str] = {}
        #: what was typed in a dialog left with "keep" (refusal, waiver), by dialog, for its next opening
        self.dialog_drafts: dict[str, dict] = {}
        #: the item box's text the offered items were found for; Enter before they came waits for them
        self._shown_query: str | None = None
        self._pick_when_shown = False

    # -- layout ---------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="intake-main"):
            with VerticalScroll(id="intake-form", can_focus=False):
                with Horizontal(classes="intake-row"):
                    yield Static(t("intake_ui.label.item"), classes="intake-label", markup=False)
                    yield Input(id="intake-item", placeholder=t("intake_ui.item_hint"))
                items = OptionList(id="intake-items")
                items.can_focus = False  # driven from the item box with Up/Down
                yield items
                yield Static(t("intake_ui.no_item"), id="intake-picked", markup=False)
                yield SelectionList[int](id="intake-materials")
                yield Static("", id="intake-kind", markup=False)
                for name in APPLICANT_FIELDS:
                    with Horizontal(classes="intake-row", id=f"row-{name}"):
                        yield Static("", classes="intake-label", id=f"label-{name}", markup=False)
                        yield Input(id=f"intake-{name}")
                yield Static("", id="intake-error", markup=False)
                yield Static("", id="intake-status", markup=False)
            with VerticalScroll(id="intake-disclosures", can_focus=True):
                yield Static(t("intake_ui.no_item"), id="intake-disclosure-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#intake-disclosures").display = self.app.size.width >= 120
        self.show_kind()
        self.query_one("#intake-item", Input).focus()
        self.search()
        self.mark_kept()
        self.set_interval(self.AUTOSAVE_SECONDS, self.autosave)
        if self.ticket is None:
            from console.cases.views import serving_ticket

            self.run_use_case(serving_ticket, on_result=self.set_ticket, group="ticket")
        else:
            self.set_ticket(self.ticket)

    def set_ticket(self, ticket) -> None:
        """Remember the ticket being served and say so in the status line."""
        self.ticket = ticket
        self.show_status()

    def show_status(self, message: str = "") -> None:
        parts = []
        if self.ticket is not None:
            parts.append(t("intake_ui.serving", number=self.ticket.number))
        if self.intake_id is not None:
            parts.append(t("intake_ui.draft_open", id=self.intake_id))
        if message:
            parts.append(message)
        self.query_one("#intake-status", Static).update("  ".join(parts))

    def show_kind(self) -> None:
        """Labels and visible fields for a person or an organization."""
        person = self.kind == "person"
        self.query_one("#intake-kind", Static).update(
            t("intake_ui.kind_person") if person else t("intake_ui.kind_org"))
        labels = {
            "name": t("intake_ui.label.name") if person else t("intake_ui.label.org_name"),
            "id_no": t("intake_ui.label.id_no") if person else t("intake_ui.label.uscc"),
            "phone": t("intake_ui.label.phone"),
            "legal_rep": t("intake_ui.label.legal_rep"),
            "contact": t("intake_ui.label.contact"),
        }
        for name, label in labels.items():
            self.query_one(f"#label-{name}", Static).update(label)
        for name in ("legal_rep", "contact"):
            self.query_one(f"#row-{name}").display = not person

    # -- item -----------------------------------------------------------------------------

    def search(self) -> None:
        """Offer the acceptable items matching the item box (exclusive worker)."""
        from console.cases.views import acceptable_items

        query = self.query_one("#intake-item", Input).value
        self.run_use_case(acceptable_items, query, on_result=lambda rows: self.show_items(rows, query),
                          group="search")

    def show_items(self, rows, query: str | None = None) -> None:
        """Offer ``rows``, found for ``query``; an Enter that came before them picks the first now."""
        self._shown_query = query
        if query is not None and query != self.query_one("#intake-item", Input).value:
            return  # typed on meanwhile: the search for what is there now answers next
        option_list = self.query_one("#intake-items", OptionList)
        option_list.clear_options()
        self.codes = [row.code for row in rows]
        option_list.add_options([Option(f"{row.code}  {row.name}  ({row.department})", id=row.code)
                                 for row in rows])
        if rows:
            option_list.highlighted = 0
        if self._pick_when_shown:
            self._pick_when_shown = False
            if rows:
                self.pick(self.codes[0])

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "intake-item":
            self.search()
        elif event.input.has_class("-invalid"):
            event.input.remove_class("-invalid")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "intake-item":
            if self._shown_query != event.value:
                # Enter came before the items found for what was typed: pick the first once they are here
                self._pick_when_shown = True
                self.set_focus(self.query_one("#intake-materials"))
                return
            option_list = self.query_one("#intake-items", OptionList)
            index = option_list.highlighted if option_list.highlighted is not None else 0
            if self.codes:
                self.pick(self.codes[index])
            return
        self.check_field(event.input)
        self.focus_next()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        if event.input.id in ("intake-id_no", "intake-phone") and event.input.value.strip():
            self.check_field(event.input)

    def on_key(self, event) -> None:
        item_box = self.query_one("#intake-item", Input)
        if event.key in ("down", "up") and self.focused is item_box and self.codes:
            event.stop()
            option_list = self.query_one("#intake-items", OptionList)
            if event.key == "down":
                option_list.action_cursor_down()
            else:
                option_list.action_cursor_up()
        elif (self.focused is not None and self.focused.id == "intake-materials" and event.is_printable
              and event.character and event.character != " "):
            # typing in the materials list means the applicant's details: the first empty field takes it
            event.stop()
            event.prevent_default()
            self.type_into(self.typing_field(), event.character)

    def typing_field(self) -> Input:
        """The first visible applicant field still empty (the name when all are filled)."""
        for name in APPLICANT_FIELDS:
            if self.query_one(f"#row-{name}").display:
                widget = self.query_one(f"#intake-{name}", Input)
                if not widget.value:
                    return widget
        return self.query_one("#intake-name", Input)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "intake-items":
            event.stop()
            self.pick(str(event.option.id))

    def pick(self, code: str, received: tuple[int, ...] | None = None) -> None:
        """Load item ``code``; tick ``received`` once it is shown."""
        from console.cases.views import intake_item

        self._pending_received = received
        if self.focused is not None and self.focused.id in ("intake-item", "intake-items"):
            self.set_focus(self.query_one("#intake-materials"))  # at once, before the keys typed behind Enter
        self.run_use_case(intake_item, code, on_result=self.show_item, group="item")

    def show_item(self, item) -> None:
        """Show the picked item, its materials and its six disclosures."""
        self.item = item
        waiver = " " + t("intake_ui.waiver_allowed") if item.waiver_allowed else ""
        self.query_one("#intake-picked", Static).update(
            t("intake_ui.picked", code=item.code, name=item.name, days=working_days(item.promised_days),
              fee=fee_text(item.fee_fen)) + waiver)
        materials = self.query_one("#intake-materials", SelectionList)
        materials.clear_options()
        restoring = self._pending_received is not None
        received = set(self._pending_received or ())
        for m in item.materials:
            need = t("intake_ui.required") if m.required else t("intake_ui.optional")
            materials.add_option((f"{m.position}. {m.name} ({need})", m.position, m.position in received))
        self._pending_received = None
        if restoring:
            self.mark_kept()  # a reopened draft is as it was kept
        if item.materials:
            materials.highlighted = 0
        self.query_one("#intake-disclosure-text", Static).update(self.disclosures(item))
        self.clear_error()
        if self.focused is None or self.focused.id in ("intake-item", "intake-items"):
            materials.focus()
        if materials.has_focus and materials.highlighted is None and item.materials:
            materials.highlighted = 0

    @staticmethod
    def disclosures(item) -> str:
        """The six disclosures (六公开) as plain text."""
        none = t("ui.item.none")
        lines = [f"{item.code}  {item.name}", item.department, ""]
        lines += [t("ui.item.legal_basis"), item.legal_basis or none, ""]
        lines += [t("ui.item.procedure"), item.procedure or none, ""]
        lines.append(t("ui.item.materials"))
        for m in item.materials:
            need = t("ui.item.required") if m.required else t("ui.item.optional")
            lines.append(t("ui.item.material", position=m.position, name=m.name, need=need, copies=m.copies))
        lines += ["", t("ui.item.days"), t("ui.item.days_value", days=item.promised_days), ""]
        lines += [t("ui.item.fee"), f"{item.fee_standard or ''} ({fee_text(item.fee_fen)})".strip(), ""]
        lines += [t("ui.item.fee_basis"), item.fee_basis or none]
        return "\n".join(lines)

    # -- applicant --------------------------------------------------------------------------

    def check_field(self, widget: Input) -> None:
        """Inline check of an ID, credit code or phone with the personal-data rules."""
        from console.core.personal import validate_phone, validate_resident_id, validate_uscc

        value = widget.value
        if not value.strip() or widget.id not in ("intake-id_no", "intake-phone"):
            return
        try:
            if widget.id == "intake-phone":
                validate_phone(value, field="applicant.phone")
            elif self.kind == "person":
                validate_resident_id(value, today=self.hall.now().date(), field="applicant.id_no")
            else:
                validate_uscc(value, field="applicant.id_no")
        except HallError as error:
            self.show_error(error, focus=False)
            return
        widget.remove_class("-invalid")
        self.forget_error(widget.id)

    def form(self):
        """The :class:`console.cases.intake.IntakeForm` of what is on screen."""
        from console.cases.intake import Applicant, IntakeForm

        values = {name: self.query_one(f"#intake-{name}", Input).value for name in APPLICANT_FIELDS}
        if self.kind == "person":
            values["legal_rep"] = values["contact"] = ""
        received = tuple(sorted(self.query_one("#intake-materials", SelectionList).selected))
        note = f"ticket {self.ticket.number}" if self.ticket is not None else ""
        return IntakeForm(item_code=self.item.code if self.item else "",
                          applicant=Applicant(kind=self.kind, **values), received=received, note=note)

    def restore(self, draft) -> None:
        """Put a reopened draft back on screen, exactly as it was typed."""
        form = draft.form
        self.intake_id = draft.intake_id
        self.dialog_drafts = dict(draft.dialogs)  # its refusal or waiver as last kept
        self.kind = form.applicant.kind if form.applicant.kind in ("person", "organization") else "person"
        self.show_kind()
        for name in APPLICANT_FIELDS:
            self.query_one(f"#intake-{name}", Input).value = getattr(form.applicant, name)
        self.query_one("#intake-item", Input).value = form.item_code
        self.item = None
        if form.item_code:
            self.pick(form.item_code, form.received)
        self.clear_error()
        self.show_status()
        self.query_one("#intake-materials").focus()
        self.mark_kept()

    def action_toggle_kind(self) -> None:
        self.kind = "organization" if self.kind == "person" else "person"
        self.show_kind()

    def action_toggle_disclosures(self) -> None:
        panel = self.query_one("#intake-disclosures")
        panel.display = not panel.display

    def action_new(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Clear everything for the next applicant (the ticket stays)."""
        self.item = None
        self.intake_id = None
        self.dialog_drafts.clear()
        self.kind = "person"
        self.show_kind()
        for name in APPLICANT_FIELDS:
            self.query_one(f"#intake-{name}", Input).value = ""
        self.query_one("#intake-materials", SelectionList).clear_options()
        self.query_one("#intake-picked", Static).update(t("intake_ui.no_item"))
        self.query_one("#intake-disclosure-text", Static).update(t("intake_ui.no_item"))
        item_box = self.query_one("#intake-item", Input)
        item_box.value = ""
        item_box.focus()
        self.clear_error()
        self.mark_kept()

    # -- errors -------------------------------------------------------------------------------

    def show_error(self, error: HallError, focus: bool = True) -> None:
        """Show a domain error inline, mark the field it names (and focus it, unless ``focus`` is off).

        Each field keeps its own message until it is corrected, so an ID and a
        phone that are both wrong are both shown.
        """
        widget_id = FIELD_WIDGETS.get(getattr(error, "field", None) or "", "")
        self.errors[widget_id] = error.message
        if widget_id:
            widget = self.query_one(f"#{widget_id}")
            widget.add_class("-invalid")
            if focus:
                widget.focus()
        self.show_errors()

    def forget_error(self, widget_id: str) -> None:
        """The field ``widget_id`` is right now: drop its message."""
        if self.errors.pop(widget_id, None) is not None:
            self.show_errors()

    def show_errors(self) -> None:
        self.query_one("#intake-error", Static).update("\n".join(self.errors.values()))

    def precheck(self) -> None:
        """Check every typed ID and phone inline (an outcome's service reports only the first problem)."""
        for name in ("id_no", "phone"):
            self.check_field(self.query_one(f"#intake-{name}", Input))

    def clear_error(self) -> None:
        self.errors = {}
        self.query_one("#intake-error", Static).update("")
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
