"""The outcomes of the intake screen, one key each: accept (F2), accept with a waiver
(F3), deficiency notice (F4), refusal (F5), keep a draft (F6), reopen one (F7).

:class:`IntakeOutcomes` is mixed into :class:`screens.cases.intake.IntakeScreen`,
which holds the form (``form()``, ``restore()``, ``reset()``) and shows errors
inline (``show_error()``).  Each outcome is one use case run in a worker: its
refusal comes back to ``show_error`` and marks the field it names; nothing is
written.  The waiver and refusal dialogs run their use case themselves and stay
open on a refusal.
"""

from __future__ import annotations

from functools import partial

from console.core.errors import HallError
from console.core.i18n import t
from screens.catalog.browser import fee_text

#: form field (as the intake services name it) → widget id
FIELD_WIDGETS = {
    "item": "intake-item",
    "materials": "intake-materials",
    "applicant.name": "intake-name",
    "applicant.id_no": "intake-id_no",
    "applicant.phone": "intake-phone",
    "applicant.legal_rep": "intake-legal_rep",
    "applicant.contact": "intake-contact",
}


class IntakeOutcomes:
    """The outcome keys of the intake screen (a mixin of :class:`~screens.cases.intake.IntakeScreen`)."""

    #: seconds between automatic drafts of a changed form
    AUTOSAVE_SECONDS = 20.0
    #: what the form held when it was last kept, started or reopened (see ``changed``)
    _kept: tuple = ()

    # -- drafts kept automatically, and asked for on leaving (screens.shell.leave) --------

    def _typed(self) -> tuple:
        form = self.form()
        return (self.query_one("#intake-item").value.strip(), form.item_code, form.applicant, form.received)

    def mark_kept(self) -> None:
        """The form as it stands is kept (a draft saved, a fresh start, a draft reopened)."""
        self._kept = self._typed()

    def changed(self) -> bool:
        typed = self._typed()
        item_box, item_code, applicant, received = typed
        blank = not (item_box or item_code or received or any(
            getattr(applicant, name) for name in ("name", "id_no", "phone", "legal_rep", "contact")))
        return typed != self._kept and not (blank and not self._kept)

    def can_keep(self) -> bool:
        return True

    def keep(self, then) -> None:
        from console.cases.drafts import save_draft

        def kept(intake_id: int) -> None:
            self.saved(intake_id)
            then()

        self.run_use_case(save_draft, self.form(), intake_id=self.intake_id, on_result=kept,
                          on_error=self.show_error, group="outcome")

    def discard(self) -> None:
        self.mark_kept()

    def autosave(self) -> None:
        """Keep a changed form as a draft without being asked (a timer calls it; errors stay silent)."""
        from console.cases.drafts import save_draft

        if not self.changed() or any(w.group == "outcome" and not w.is_finished for w in self.workers):
            return
        at = self.hall.now().strftime("%H:%M")

        def kept(intake_id: int) -> None:
            self.saved(intake_id, message=t("clerk.draft.autosaved", id=intake_id, time=at))

        self.run_use_case(save_draft, self.form(), intake_id=self.intake_id, on_result=kept,
                          on_error=lambda error: None, group="autosave")

    def _form_error(self, error: HallError) -> None:
        """A dialog's refusal that names a form field: mark the field behind the dialog too."""
        if (getattr(error, "field", None) or "") in FIELD_WIDGETS:
            self.show_error(error, focus=False)

    def ticket_id(self) -> int | None:
        """The id of the ticket being served, so that the case is linked to the visit."""
        ticket = getattr(self, "ticket", None)
        return ticket.id if ticket is not None and ticket.status in ("serving", "finished") else None

    def action_accept(self) -> None:
        from console.cases.views import accept_with_receipt

        self.clear_error()
        self.precheck()
        self.run_use_case(accept_with_receipt, self.form(), intake_id=self.intake_id, ticket=self.ticket_id(),
                          on_result=self.accepted,
                          on_error=self.show_error, group="outcome")

    def action_waiver(self) -> None:
        from console.cases.intake import WaiverInput
        from console.cases.views import accept_with_receipt
        from console.core.parsing import parse_optional_date
        from screens.cases.dialogs import Field, FormDialog, required

        self.clear_error()
        if not self.waiver_possible():
            return
        form, intake_id, ticket = self.form(), self.intake_id, self.ticket_id()

        def submit(values: dict) -> partial:
            waiver = WaiverInput(values.get("commitment", ""),
                                 parse_optional_date(values.get("deadline"), "waiver.deadline"))
            return partial(accept_with_receipt, form, waiver=waiver, intake_id=intake_id, ticket=ticket)

        self.app.push_screen(FormDialog(t("intake_ui.waiver_title"), [
            Field("commitment", t("intake_ui.waiver_commitment"), t("intake_ui.waiver_commitment_default"),
                  check=required("case.waiver_commitment")),
            Field("deadline", t("intake_ui.waiver_deadline"), placeholder=t("intake_ui.waiver_deadline_hint"),
                  check=lambda text: parse_optional_date(text, "waiver.deadline")),
        ], submit=submit, on_error=self._form_error, **self._dialog_draft("waiver")), self._then(self.accepted))

    def waiver_possible(self) -> bool:
        """Before the waiver form opens: an item that allows it, with a required material missing.

        Otherwise say why inline and what can be done instead (F4 notice, F2 accept).
        """
        from console.core.errors import Invalid

        item = self.item
        if item is None:
            self.show_error(Invalid("clerk.waiver.no_item", field="item"))
            return False
        received = set(self.form().received)
        missing = [m for m in item.materials if m.required and m.position not in received]
        if not missing:
            self.show_error(Invalid("case.waiver_needless", field="waiver"))
            self.show_status(t("clerk.waiver.nothing_missing"))
            return False
        if not item.waiver_allowed:
            self.show_error(Invalid("case.waiver_not_allowed", field="waiver", code=item.code))
            self.show_status(t("clerk.waiver.offer"))
            return False
        return True

    def _dialog_draft(self, dialog: str) -> dict:
        """A dialog's ``values`` kept when it was last left with "keep", and its ``remember``."""
        def remember(values: dict | None) -> None:
            from console.cases.kept import keep_intake_dialog

            def persist() -> None:  # kept with the draft: F7 brings it back after a restart
                self.run_use_case(keep_intake_dialog, self.intake_id, dialog, values, group="keep_dialog",
                                  exclusive=False, on_error=lambda error: None)

            if values is None:
                self.dialog_drafts.pop(dialog, None)
            else:
                self.dialog_drafts[dialog] = values
            if self.intake_id is not None:
                persist()
            elif values is not None:
                self.keep(persist)  # the form is kept as a draft first: the dialog is kept with it

        return {"values": self.dialog_drafts.get(dialog), "remember": remember}

    def _then(self, handler):
        """The dismiss callback of an outcome dialog: ``handler(result)`` unless it was cancelled."""
        def chosen(result) -> None:
            if result is not None:
                handler(result)

        return chosen

    def accepted(self, outcome) -> None:
        """Show the receipt of an accepted case; the form is cleared for the next applicant."""
        from screens.cases.dialogs import DocumentDialog

        result, text = outcome
        message = t("intake_ui.accepted", number=result.number, due=result.due_date.isoformat(),
                    fee=fee_text(result.fee_due_fen))
        self.reset()
        self.show_status(message)
        self.app.push_screen(DocumentDialog(text, "receipt", result.number, result.number, status=message))

    def action_notice(self) -> None:
        from console.cases.views import notice_with_text

        self.clear_error()
        self.run_use_case(notice_with_text, self.form(), intake_id=self.intake_id, on_result=self.noticed,
                          on_error=self.show_error, group="outcome")

    def noticed(self, outcome) -> None:
        """Show the deficiency notice; the form stays kept as the draft."""
        from screens.cases.dialogs import DocumentDialog

        result, text = outcome
        message = t("intake_ui.noticed", document=result.document_no, count=len(result.missing),
                    id=result.intake_id)
        self.reset()
        self.show_status(message)
        self.app.push_screen(DocumentDialog(text, "notice", result.intake_id, result.document_no, status=message))

    def action_refuse(self) -> None:
        from console.cases.views import refusal_with_text
        from screens.cases.dialogs import Field, FormDialog, required

        self.clear_error()
        form, intake_id = self.form(), self.intake_id
        basis = self.item.legal_basis if self.item else ""
        self.app.push_screen(FormDialog(t("intake_ui.refuse_title"), [
            Field("reason", t("intake_ui.refuse_reason"), check=required("case.refuse_reason")),
            Field("legal_basis", t("intake_ui.refuse_basis"), basis, check=required("case.refuse_basis")),
        ], submit=lambda values: partial(refusal_with_text, form, reason=values["reason"],
                                         legal_basis=values["legal_basis"], intake_id=intake_id),
            on_error=self._form_error, **self._dialog_draft("refuse")), self._then(self.refused))

    def refused(self, outcome) -> None:
        from screens.cases.dialogs import DocumentDialog

        result, text = outcome
        message = t("intake_ui.refused", document=result.document_no)
        self.reset()
        self.show_status(message)
        self.app.push_screen(DocumentDialog(text, "refusal", result.intake_id, result.document_no, status=message))

    def action_save_draft(self) -> None:
        from console.cases.drafts import save_draft

        self.clear_error()
        self.run_use_case(save_draft, self.form(), intake_id=self.intake_id, on_result=self.saved,
                          on_error=self.show_error, group="outcome")

    def saved(self, intake_id: int, message: str = "") -> None:
        self.intake_id = intake_id
        self.mark_kept()
        self.show_status(message or t("intake_ui.saved", id=intake_id))

    def action_drafts(self) -> None:
        from console.cases.drafts import list_drafts

        self.run_use_case(list_drafts, on_result=self.choose_draft, group="drafts")

    def choose_draft(self, drafts) -> None:
        from screens.cases.dialogs import DraftsDialog

        def chosen(intake_id: int | None) -> None:
            if intake_id is not None:
                from console.cases.drafts import load_draft

                self.run_use_case(load_draft, intake_id, on_result=self.restore, group="drafts")

        self.app.push_screen(DraftsDialog(drafts), chosen)
