"""The case list and the case detail with its lifecycle actions.

The list shows the actor's own cases, their window's, or all they may see
(``m`` / ``w`` / ``a``), filtered by status (``s`` cycles); Enter opens a case.
The detail shows the case, its materials, clock and fees and the timeline from
the audit trail; each lifecycle step is one key opening a small dialog
(review, decide with the document number, complete, suspend with a reason of
the law's kinds, resume, extend, withdraw, record a fee payment or waiver).
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from console.core.errors import HallError
from console.core.i18n import t
from screens.shell.base import HallScreen
from screens.catalog.browser import fee_text
from console.cases.case_text import info_lines, material_lines, status_text
from screens.widgets.rows import sync_rows
from screens.widgets.table import HallTable
from console.core.numbers import number_text

#: the status filter cycle of the list (``None`` = every status)
STATUS_CYCLE = (None, "accepted", "under_review", "decided", "suspended", "completed", "withdrawn", "ended")

#: warning level → style of the row's marker
WARNING_STYLES = {"red": "bold white on red", "yellow": "bold black on yellow", "green": "green", "none": "dim"}


def warning_cell(level: str) -> Text:
    """A coloured marker of a warning level (red overdue, yellow last day)."""
    return Text(t(f"case.warning_{level}"), style=WARNING_STYLES.get(level, ""))


#: the case list's column keys, in order
_CASE_COLUMNS = ("number", "item", "applicant", "status", "due", "warning")


def _case_cell(value):
    """What a case-list cell shows: ``("warning", level)`` is drawn as the level's marker."""
    return warning_cell(value[1]) if isinstance(value, tuple) else value


class CaseListScreen(HallScreen):
    """Cases the actor may see: mine / my window / all, filtered by status; Enter opens one."""

    title_key = "intake_ui.screen.cases"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="cases.back"),
        Binding("m", "scope('mine')", "intake_ui.key.mine", tooltip="intake_ui.tip.mine", id="cases.mine"),
        Binding("w", "scope('window')", "intake_ui.key.window", tooltip="intake_ui.tip.window",
                id="cases.window"),
        Binding("a", "scope('all')", "intake_ui.key.all", tooltip="intake_ui.tip.all", id="cases.all"),
        Binding("s", "cycle_status", "intake_ui.key.status", tooltip="intake_ui.tip.status", id="cases.status"),
        Binding("g", "refresh", "intake_ui.key.refresh", tooltip="intake_ui.tip.refresh", id="cases.refresh"),
        Binding("]", "page(1)", "clerk.key.next_page", tooltip="clerk.tip.next_page", id="cases.next_page"),
        Binding("[", "page(-1)", "clerk.key.previous_page", tooltip="clerk.tip.previous_page",
                id="cases.previous_page"),
    ]
    """Escape back; m mine, w my window, a all I may see; s cycles the status filter; g reloads;
    ] and [ the next and previous page (PAGE rows each; the line above says which of the true
    total are shown); Home/End the first and last row; Enter opens the highlighted case."""

    #: rows per page: seven screens of the table at 80×24; a page of 200 held the UI thread 30–120 ms on
    #: every refresh over the full history (the table laid out and measured again), a page of 100 about
    #: half that (``benchmarks/bench_ui_block.py``)
    PAGE = 100

    def __init__(self) -> None:
        super().__init__()
        self.scope = "all"
        self.status_index = 0
        self.numbers: list[str] = []
        #: where the page shown starts, and the true total of the list
        self.page_start = 0
        self.page_total = 0
        #: what the table shows: case number → its cells (the warning as its level)
        self._rows: dict[str, tuple] = {}

    def compose_body(self) -> ComposeResult:
        yield Static("", id="cases-filter", classes="screen-hint", markup=False)
        table: DataTable = HallTable(id="cases-table", cursor_type="row", zebra_stripes=True)
        table.add_column(t("case.col_number"), key="number")
        table.add_column(t("case.col_item"), key="item")
        table.add_column(t("case.col_applicant"), key="applicant")
        table.add_column(t("case.col_status"), key="status")
        table.add_column(t("case.col_due"), key="due")
        table.add_column(t("case.col_warning"), key="warning")
        yield table

    def on_mount(self) -> None:
        self.query_one("#cases-table", DataTable).focus()
        self.load()

    def load(self) -> None:
        from console.cases.access import case_page

        status = STATUS_CYCLE[self.status_index]
        self.run_use_case(case_page, scope=self.scope, status=status, offset=self.page_start, limit=self.PAGE,
                          on_result=self.show_page, group="load")

    def show_page(self, page) -> None:
        """Show one :class:`console.cases.access.CasePage`."""
        self.page_start, self.page_total = page.offset, page.total
        self.show(page.rows)

    def action_page(self, step: int) -> None:
        start = self.page_start + step * self.PAGE
        if 0 <= start < self.page_total:
            self.page_start = start
            self.load()

    def show(self, rows) -> None:
        table = self.query_one("#cases-table", DataTable)
        new = {row.number: (row.number, row.item_name, row.applicant, status_text(row.status),
                            row.due_date.isoformat() + (t("law.provisional_short") if row.due_provisional else ""),
                            ("warning", row.warning)) for row in rows}
        sync_rows(table, self._rows, new, _CASE_COLUMNS, render=_case_cell)  # a refresh redraws what changed
        self._rows = new
        self.numbers = list(new)
        status = STATUS_CYCLE[self.status_index]
        self.query_one("#cases-filter", Static).update(t(
            "intake_ui.cases_filter", scope=t(f"intake_ui.scope.{self.scope}"),
            status=status_text(status) if status else t("intake_ui.status_any"),
            shown=t("clerk.list.range", first=number_text(self.page_start + 1 if rows else 0),
                    last=number_text(self.page_start + len(rows)), total=number_text(self.page_total))))

    def action_scope(self, scope: str) -> None:
        self.scope = scope
        self.page_start = 0
        self.load()

    def action_cycle_status(self) -> None:
        self.status_index = (self.status_index + 1) % len(STATUS_CYCLE)
        self.page_start = 0
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.push_screen(CaseDetailScreen(str(event.row_key.value)))

    def on_screen_resume(self) -> None:
        self.load()


class CaseDetailScreen(HallScreen):
    """One case: applicant, item, clock, materials, fees, timeline; lifecycle steps by key."""

    title_key = "intake_ui.screen.case"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="case.back"),
        Binding("r", "review", "intake_ui.key.review", tooltip="intake_ui.tip.review", id="case.review"),
        Binding("d", "decide", "intake_ui.key.decide", tooltip="intake_ui.tip.decide", id="case.decide"),
        Binding("c", "complete", "intake_ui.key.complete", tooltip="intake_ui.tip.complete", id="case.complete"),
        Binding("p", "suspend", "intake_ui.key.suspend", tooltip="intake_ui.tip.suspend", id="case.suspend"),
        Binding("u", "resume", "intake_ui.key.resume", tooltip="intake_ui.tip.resume", id="case.resume"),
        Binding("x", "extend", "intake_ui.key.extend", tooltip="intake_ui.tip.extend", id="case.extend"),
        Binding("w", "withdraw", "intake_ui.key.withdraw", tooltip="intake_ui.tip.withdraw", id="case.withdraw"),
        Binding("f", "pay", "intake_ui.key.pay", tooltip="intake_ui.tip.pay", id="case.pay"),
        Binding("v", "waive_fee", "intake_ui.key.waive_fee", tooltip="intake_ui.tip.waive_fee",
                id="case.waive_fee"),
        Binding("e", "receipt", "intake_ui.key.receipt", tooltip="intake_ui.tip.receipt", id="case.receipt"),
        Binding("ctrl+r", "reveal", "roles.key.reveal", tooltip="roles.tip.reveal", id="case.reveal"),
    ]
    """Escape back; r review; d decide (document number); c complete; p suspend (reason kind);
    u resume; x extend; w withdraw; f record a fee payment; v waive the fee; e the receipt;
    Ctrl+R shows the applicant's ID and phone in full (audited; a role without ``personal.full``
    is refused), again masks them."""

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.view = None
        #: the applicant's full numbers once revealed (:class:`console.core.personal.Revealed`)
        self.revealed = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="case-message", markup=False)
        with VerticalScroll(id="case-body", can_focus=True):
            yield Static(self.number, id="case-heading", markup=False)
            yield Static("", id="case-info", markup=False)
            yield Static(t("intake_ui.section.materials"), classes="section-title", markup=False)
            yield Static("", id="case-materials", markup=False)
            yield Static(t("intake_ui.section.timeline"), classes="section-title", markup=False)
            yield Static("", id="case-timeline", markup=False)

    def on_mount(self) -> None:
        self.query_one("#case-body").focus()
        self.load()

    def load(self) -> None:
        from console.cases.views import case_detail

        self.run_use_case(case_detail, self.number, on_result=self.show, group="load")

    def show(self, loaded) -> None:
        view, timeline = loaded
        if self.revealed is not None:
            from console.cases.reveal import with_revealed

            view = with_revealed(view, self.revealed)
        self.view = view
        self.query_one("#case-heading", Static).update(Text.assemble(
            f"{view.number}  {view.item_code} {view.item_name}  ", warning_cell(view.warning)))
        self.query_one("#case-info", Static).update("\n".join(info_lines(view)))
        self.query_one("#case-materials", Static).update("\n".join(material_lines(view)) or "-")
        steps = [f"{e.at:%Y-%m-%d %H:%M}  {e.actor_no:<5} {_action_text(e.action)}{_details(e.details)}"
                 for e in timeline]
        self.query_one("#case-timeline", Static).update("\n".join(steps) or "-")

    # -- actions -----------------------------------------------------------------------------

    def message(self, text: str, ok: bool = False) -> None:
        line = self.query_one("#case-message", Static)
        line.set_class(ok, "-ok")
        line.update(text)

    def show_error(self, error: HallError) -> None:
        self.message(error.message)

    def action_reveal(self) -> None:
        """Show the applicant's full ID and phone (audited), or mask them again."""
        if self.revealed is not None:
            self.revealed = None
            self.message("")
            self.load()
            return
        from console.cases.reveal import reveal_cases

        self.run_use_case(reveal_cases, self.number, on_result=self.reveal_shown, on_error=self.show_error,
                          group="reveal")

    def reveal_shown(self, revealed) -> None:
        self.revealed = revealed[0]
        self.message(t("roles.revealed") if self.revealed.values else t("roles.nothing_to_reveal"), ok=True)
        self.load()

    def stepped(self, _result=None) -> None:
        """A step went through: say so and show the case as it is now."""
        self.message(t("intake_ui.step_done"), ok=True)
        self.load()

    def step(self, fn, *args, **kwargs) -> None:
        """Run one lifecycle use case on this case; reload on success, show the refusal otherwise."""
        self.message("")
        self.run_use_case(fn, self.number, *args, on_result=self.stepped, on_error=self.show_error,
                          group="step", **kwargs)

    def ask(self, title_key: str, fields, submit) -> None:
        """Open a :class:`~screens.cases.dialogs.FormDialog` that runs ``submit(values)`` (a
        ``partial`` of a use case on this case): a refusal stays in the dialog; success reloads."""
        from screens.cases.dialogs import FormDialog

        def chosen(result) -> None:
            if result is not None:
                self.stepped()

        self.message("")
        self.app.push_screen(FormDialog(t(title_key, number=self.number), fields, submit=submit), chosen)

    def action_review(self) -> None:
        from console.cases.lifecycle import start_review

        self.step(start_review)

    def action_decide(self) -> None:
        from console.cases.lifecycle import decide
        from screens.cases.dialogs import Field, required

        self.ask("intake_ui.decide_title", [
            Field("decision", t("intake_ui.decide_outcome"),
                  choices=(("approved", t("intake_ui.decision.approved")),
                           ("not_approved", t("intake_ui.decision.not_approved")))),
            Field("decision_no", t("intake_ui.decide_number"), check=required("case.decision_no_required")),
        ], lambda v: partial(decide, self.number, v["decision"], v["decision_no"]))

    def action_complete(self) -> None:
        from console.cases.lifecycle import complete

        self.step(complete)

    def action_suspend(self) -> None:
        from console.cases.lifecycle import SUSPEND_REASONS, suspend
        from screens.cases.dialogs import Field

        self.ask("intake_ui.suspend_title", [
            Field("reason", t("intake_ui.suspend_reason"),
                  choices=tuple((r, t(f"law.reason.{r}")) for r in SUSPEND_REASONS)),
            Field("note", t("intake_ui.suspend_note")),
        ], lambda v: partial(suspend, self.number, v["reason"], v["note"]))

    def action_resume(self) -> None:
        from console.cases.lifecycle import resume

        self.step(resume)

    def action_extend(self) -> None:
        from console.cases.lifecycle import extend, extension_days
        from screens.cases.dialogs import Field, required

        self.ask("intake_ui.extend_title", [
            Field("days", t("intake_ui.extend_days"), check=extension_days),
            Field("approved_by", t("intake_ui.extend_approver"), check=required("case.extension_approver")),
            Field("reason", t("intake_ui.extend_reason")),
        ], lambda v: partial(extend, self.number, extension_days(v["days"]), v["approved_by"], v["reason"]))

    def action_withdraw(self) -> None:
        from console.cases.lifecycle import withdraw
        from screens.cases.dialogs import Field

        self.ask("intake_ui.withdraw_title", [Field("reason", t("intake_ui.withdraw_reason"))],
                 lambda v: partial(withdraw, self.number, v["reason"]))

    def action_pay(self) -> None:
        from console.cases.fees import fee_amount, record_payment
        from console.core.parsing import format_yuan
        from screens.cases.dialogs import Field

        methods = ("cash", "card", "transfer", "other")
        rest = ""
        if self.view is not None:
            rest = format_yuan(max(0, self.view.fee_due_fen - self.view.fee_paid_fen))
        self.ask("intake_ui.pay_title", [
            Field("amount", t("intake_ui.pay_amount"), rest, check=fee_amount),
            Field("method", t("intake_ui.pay_method"),
                  choices=tuple((m, t(f"intake_ui.method.{m}")) for m in methods)),
            Field("receipt_no", t("intake_ui.pay_receipt")),
        ], lambda v: partial(record_payment, self.number, fee_amount(v["amount"]), v["method"], v["receipt_no"]))

    def action_waive_fee(self) -> None:
        from console.cases.fees import waive_fee
        from screens.cases.dialogs import Field

        self.ask("intake_ui.waive_title", [Field("reason", t("intake_ui.waive_reason"))],
                 lambda v: partial(waive_fee, self.number, v["reason"]))

    def action_receipt(self) -> None:
        from console.cases.documents import receipt

        self.run_use_case(receipt, self.number, "text", on_result=self.show_receipt, on_error=self.show_error,
                          group="receipt")

    def show_receipt(self, text: str) -> None:
        from screens.cases.dialogs import DocumentDialog

        self.app.push_screen(DocumentDialog(text, "receipt", self.number, self.number))


def _action_text(action: str) -> str:
    key = f"intake_ui.action.{action}"
    text = t(key)
    return action if text == key else text


def _details(details: dict) -> str:
    shown = []
    for key in ("due_date", "decision_no", "reason", "days", "approved_by", "receipt_no", "amount_fen", "to"):
        if key in details and details[key] not in ("", None):
            value = details[key]
            if key == "amount_fen":
                value = fee_text(int(value))
            shown.append(str(value))
    return ("  " + " · ".join(shown)) if shown else ""
