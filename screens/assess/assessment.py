"""The supervisor's assessment screen (考核): the month's 100-point scores, a score's breakdown,
freezing the month, the quarter's evaluation and its confirmation.

Every action is one use case of :mod:`console.assess` (``month_scores``, ``freeze_month``,
``evaluate_quarter``, ``confirm_quarter``); freezing and confirming ask first (they cannot be
undone).  Reached from home (``a``) and the palette ("assessment: month scores").
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from console.core.i18n import t
from screens.shell.base import HallScreen, localize_bindings
from screens.widgets.table import HallTable


def previous_month(day: date) -> str:
    """``YYYY-MM`` of the month before ``day``'s (the latest that can be frozen)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return f"{year:04d}-{month:02d}"


def shift_month(key: str, step: int) -> str:
    year, month = int(key[:4]), int(key[5:7]) + step
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}"


def quarter_key(month: str) -> str:
    return f"{month[:4]}Q{(int(month[5:7]) - 1) // 3 + 1}"


class TextDialog(ModalScreen[None]):
    """Lines of text in a frame; Esc closes, or ``c`` runs ``on_confirm`` when given."""

    DEFAULT_CSS = """
    TextDialog { align: center middle; }
    TextDialog > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1; }
    TextDialog VerticalScroll { height: auto; max-height: 18; }
    TextDialog .text-hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "close", "ui.key.back", tooltip="clerk.assess.tip.close", id="assess.dialog.close"),
        Binding("c", "confirm", "clerk.assess.key.confirm", tooltip="clerk.assess.tip.confirm",
                id="assess.dialog.confirm"),
    ]
    """Esc closes; c confirms the quarter (only when offered)."""

    def __init__(self, title: str, text: str, on_confirm=None) -> None:
        super().__init__()
        localize_bindings(self)
        self.dialog_title, self.text, self.on_confirm = title, text, on_confirm

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.dialog_title, classes="section-title", markup=False)
            with VerticalScroll():
                yield Static(self.text, id="text-body", markup=False)
            hint = "clerk.assess.hint_confirm" if self.on_confirm else "clerk.assess.hint_close"
            yield Static(t(hint), classes="text-hint", markup=False)

    def check_action(self, action: str, parameters) -> bool | None:
        return self.on_confirm is not None if action == "confirm" else True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_confirm(self) -> None:
        callback = self.on_confirm
        self.dismiss(None)
        if callback:
            callback()


class AssessmentScreen(HallScreen):
    """One month's scores of windows or staff, ranked; Enter shows a score's breakdown."""

    title_key = "clerk.assess.screen"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="assess.back"),
        Binding("[", "month(-1)", "clerk.assess.key.previous", tooltip="clerk.assess.tip.previous",
                id="assess.previous"),
        Binding("]", "month(1)", "clerk.assess.key.next", tooltip="clerk.assess.tip.next", id="assess.next"),
        Binding("v", "toggle_kind", "clerk.assess.key.kind", tooltip="clerk.assess.tip.kind", id="assess.kind"),
        Binding("z", "freeze", "clerk.assess.key.freeze", tooltip="clerk.assess.tip.freeze", id="assess.freeze"),
        Binding("e", "quarter", "clerk.assess.key.quarter", tooltip="clerk.assess.tip.quarter",
                id="assess.quarter"),
    ]
    """Esc back; [ and ] the previous and next month; v windows or staff; z freezes the month (asks
    first); e the quarter's evaluation (c confirms it, asking first); Enter a score's breakdown."""

    def __init__(self) -> None:
        super().__init__()
        self.month = ""
        self.kind = "window"
        self.result = None
        #: the last outcome shown in the status line (tests read it)
        self.last_message = ""

    def compose_body(self) -> ComposeResult:
        yield Static("", id="assess-head", markup=False)
        table: DataTable = HallTable(id="assess-table", cursor_type="row", zebra_stripes=True)
        for key in ("rank", "target", "name", "score", "business", "discipline", "deductions"):
            table.add_column(t(f"clerk.assess.col.{key}"), key=key)
        yield table
        yield Static("", id="assess-message", markup=False)

    def on_mount(self) -> None:
        self.month = previous_month(self.hall.now().date())
        self.query_one("#assess-table", DataTable).focus()
        self.load()

    def load(self) -> None:
        from console.assess.months import month_scores

        self.run_use_case(month_scores, self.month, on_result=self.show, on_error=self.refused, group="load")

    def rows(self):
        if self.result is None:
            return []
        return self.result.windows if self.kind == "window" else self.result.staff

    def show(self, result) -> None:
        self.result = result
        status = t(f"clerk.assess.status.{result.status}") if result.status in ("draft", "frozen") else result.status
        self.query_one("#assess-head", Static).update(t(
            "clerk.assess.head", month=result.month, status=status, kind=t(f"clerk.assess.kind.{self.kind}"),
            count=len(self.rows())))
        table = self.query_one("#assess-table", DataTable)
        table.clear()
        for row in self.rows():
            table.add_row(str(row.rank), row.target, row.name, str(row.score), str(row.business),
                          str(row.discipline), str(row.deductions), key=row.target)

    def say(self, message: str) -> None:
        self.last_message = message
        self.query_one("#assess-message", Static).update(message)

    def refused(self, error) -> None:
        self.say(error.message)

    def action_month(self, step: int) -> None:
        self.month = shift_month(self.month, step)
        self.load()

    def action_toggle_kind(self) -> None:
        self.kind = "staff" if self.kind == "window" else "window"
        if self.result is not None:
            self.show(self.result)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        target = str(event.row_key.value)
        row = next((r for r in self.rows() if r.target == target), None)
        if row is None:
            return
        lines = [t("clerk.assess.breakdown_total", score=row.score, business=row.business,
                   discipline=row.discipline)]
        lines += [t("clerk.assess.breakdown_line", rule=line.rule, name=line.rule_name, count=line.count,
                    points=line.points) for line in row.lines]
        if not row.lines:
            lines.append(t("clerk.assess.breakdown_none"))
        self.app.push_screen(TextDialog(f"{self.month}  {row.target} {row.name}", "\n".join(lines)))

    def action_freeze(self) -> None:
        """Freeze the month shown, after a confirmation; a month still running or frozen is said at once."""
        from datetime import date

        from screens.widgets.confirm import ConfirmDialog

        if date.fromisoformat(shift_month(self.month, 1) + "-01") > self.hall.now().date():
            self.say(t("assess.month_not_over", month=self.month))  # its last day has not passed
            return
        if self.result is not None and self.result.month == self.month and self.result.status == "frozen":
            self.say(t("assess.month_frozen", month=self.month))
            return

        def answered(yes: bool | None) -> None:
            from console.assess.months import freeze_month

            if yes:
                self.run_use_case(freeze_month, self.month, on_result=self.frozen, on_error=self.refused,
                                  group="action")

        self.app.push_screen(ConfirmDialog(t("clerk.assess.confirm_freeze", month=self.month)), answered)

    def frozen(self, result) -> None:
        self.say(t("clerk.assess.frozen", month=result.month))
        self.show(result)

    def action_quarter(self) -> None:
        from console.assess.quarter import evaluate_quarter

        self.run_use_case(evaluate_quarter, quarter_key(self.month), on_result=self.show_quarter,
                          on_error=self.refused, group="quarter")

    def show_quarter(self, result) -> None:
        lines = [t("clerk.assess.quarter_state." + ("confirmed" if result.confirmed else "proposed"))]
        for title_key, rows in (("clerk.assess.red_flags", result.red_flags),
                                ("clerk.assess.business_models", result.business_models),
                                ("clerk.assess.discipline_models", result.discipline_models)):
            lines.append("")
            lines.append(t(title_key, count=len(rows)))
            lines += _ranked_lines(rows)
        confirm = None if result.confirmed else (lambda: self.ask_confirm(result.quarter))
        self.app.push_screen(TextDialog(t("clerk.assess.quarter_title", quarter=result.quarter),
                                        "\n".join(lines), on_confirm=confirm))

    def ask_confirm(self, quarter: str) -> None:
        from screens.widgets.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            from console.assess.quarter import confirm_quarter

            if yes:
                self.run_use_case(confirm_quarter, quarter, on_error=self.refused, group="action",
                                  on_result=lambda r: self.say(t("clerk.assess.confirmed", quarter=r.quarter)))

        self.app.push_screen(ConfirmDialog(t("clerk.assess.confirm_quarter", quarter=quarter)), answered)


def _ranked_lines(rows) -> list[str]:
    """``rank. target  name  score`` lines whose columns line up in terminal cells (a Chinese name is wide)."""
    from rich.cells import cell_len

    from console.core.numbers import pad

    targets = max((cell_len(row.target) for row in rows), default=0)
    names = max((cell_len(row.name) for row in rows), default=0)
    return [f"{row.rank:>2}. {pad(row.target, targets)}  {pad(row.name, names)}  {row.score_sum:>3}" for row in rows]
