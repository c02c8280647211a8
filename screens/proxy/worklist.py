"""The proxy section's screens: the agent's worklist and one project under its one clock.

:class:`ProxyWorklistScreen` lists the projects (the agent's own, or all), the
most threatened first, with working days left and the next action; Enter opens
:class:`ProxyProjectScreen`: the enterprise, the clock, every item with its
department, case status, due date and blocker, and the timeline.  From there the
agent adds items, notes blockers, records the materials complete, completes the
project and records the follow-up visit — each a use case of
:mod:`console.proxy` run in a thread worker; the forms (:mod:`screens.proxy.form`)
show a refusal inline and stay open.  Keyboard only; fits 80×24.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from console.core.i18n import t
from screens.proxy.form import ProxyFormScreen
from screens.shell.base import HallScreen
from screens.widgets.table import HallTable


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells (a Chinese character takes two), with an ellipsis."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    out, used = "", 0
    for char in text:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out, used = out + char, used + size
    return out + "…"


def _left(days: int | None) -> str:
    return "-" if days is None else str(days)


class ProxyWorklistScreen(HallScreen):
    """Investment projects, the most threatened first: days left, clock, items done, next action.

    An agent (``proxy.work`` without ``proxy.manage``) starts on their own projects;
    ``a`` shows every open project (with the agents' open loads in the status line).
    """

    title_key = "proxy.ui.screen.worklist"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="proxy.back"),
        Binding("a", "toggle_all", "proxy.ui.key.all", tooltip="proxy.ui.tip.all", id="proxy.toggle_all"),
        Binding("t", "take", "proxy.ui.key.take", tooltip="proxy.ui.tip.take", id="proxy.take"),
        Binding("r", "refresh", "proxy.ui.key.refresh", tooltip="proxy.ui.tip.refresh", id="proxy.refresh"),
    ]
    """Escape home; Enter opens the highlighted project; a mine/all; t take it; r reload."""

    def __init__(self) -> None:
        super().__init__()
        from console.core.permissions import allowed

        role = getattr(self.actor, "role", None)
        agent = role is not None and allowed(role, "proxy.work") and not allowed(role, "proxy.manage")
        self.show_all = not agent
        self.numbers: list[str] = []

    def compose_body(self) -> ComposeResult:
        yield Static("", id="proxy-status", classes="screen-hint", markup=False)
        table: DataTable = HallTable(id="proxy-table", cursor_type="row", zebra_stripes=True)
        for key in ("number", "name", "left", "clock", "items", "next"):
            table.add_column(t(f"proxy.ui.col.{key}"), key=key)
        yield table

    def on_mount(self) -> None:
        self.query_one("#proxy-table", DataTable).focus()
        self.load()

    def load(self) -> None:
        """Read the worklist and the agents' loads in a worker."""
        from console.proxy.views import worklist_view

        self.run_use_case(worklist_view, agent=None if self.show_all else self.actor.employee_no,
                          on_result=self.show_rows, group="load")

    def show_rows(self, view) -> None:
        """Fill the table from a :class:`console.proxy.rows.WorklistView`."""
        rows, loads = view.rows, view.loads
        table = self.query_one("#proxy-table", DataTable)
        table.clear()
        self.numbers = []
        for r in rows:
            table.add_row(r.number, _cut(r.name, 16), _left(r.days_left), t(f"proxy.warning.{r.warning}"),
                          f"{r.items_closed}/{r.items_total}", _cut(r.next_action, 22), key=r.number)
            self.numbers.append(r.number)
        scope = t("proxy.ui.scope.all") if self.show_all else t("proxy.ui.scope.mine")
        load = "  ".join(f"{a.employee_no}:{a.open_projects}" for a in loads)
        self.query_one("#proxy-status", Static).update(
            t("proxy.ui.worklist.status", scope=scope, count=len(rows), loads=load))

    def highlighted(self) -> str | None:
        table = self.query_one("#proxy-table", DataTable)
        if self.numbers and 0 <= table.cursor_row < len(self.numbers):
            return self.numbers[table.cursor_row]
        return None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.app.push_screen(ProxyProjectScreen(str(event.row_key.value)))

    def on_screen_resume(self) -> None:
        self.load()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_take(self) -> None:
        from console.proxy.projects import take

        number = self.highlighted()
        if number is None:
            return
        self.run_use_case(take, number, group="write",
                          on_result=lambda _p: self._done(t("proxy.cli.taken", number=number,
                                                             agent=self.actor.employee_no)))

    def _done(self, message: str) -> None:
        self.notify(message, markup=False)
        self.load()


class ProxyProjectScreen(HallScreen):
    """One project: enterprise, the one clock, each item (department, case, due, blocker), the timeline."""

    title_key = "proxy.ui.screen.project"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="proxy_project.back"),
        Binding("i", "add_item", "proxy.ui.key.add_item", tooltip="proxy.ui.tip.add_item",
                id="proxy_project.add_item"),
        Binding("b", "blocker", "proxy.ui.key.blocker", tooltip="proxy.ui.tip.blocker",
                id="proxy_project.blocker"),
        Binding("m", "materials", "proxy.ui.key.materials", tooltip="proxy.ui.tip.materials",
                id="proxy_project.materials"),
        Binding("c", "complete", "proxy.ui.key.complete", tooltip="proxy.ui.tip.complete",
                id="proxy_project.complete"),
        Binding("v", "visit", "proxy.ui.key.visit", tooltip="proxy.ui.tip.visit", id="proxy_project.visit"),
        Binding("ctrl+r", "reveal", "proxy.ui.key.reveal", tooltip="proxy.ui.tip.reveal",
                id="proxy_project.reveal"),
        Binding("r", "refresh", "proxy.ui.key.refresh", tooltip="proxy.ui.tip.refresh",
                id="proxy_project.refresh", show=False),
    ]
    """Escape back; i add an item; b note/clear the highlighted item's blocker; m materials complete;
    c complete the project; v record the follow-up visit; Ctrl+R shows the contact's phone in
    full (audited; only for a role holding ``personal.full``), again masks it; r reload; Tab
    moves to the timeline."""

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.detail = None
        #: the contact's full phone once revealed (:class:`console.core.personal.Revealed`)
        self.revealed = None

    def compose_body(self) -> ComposeResult:
        yield Static(self.number, id="proxy-head", markup=False)
        yield Static("", id="proxy-contact", markup=False)
        yield Static("", id="proxy-meta", markup=False)
        yield Static("", id="proxy-clock", markup=False)
        yield Static("", id="proxy-next", markup=False)
        items: DataTable = HallTable(id="proxy-items", cursor_type="row", zebra_stripes=True)
        for key in ("item", "department", "status", "due", "left", "clock", "blocker"):
            items.add_column(t(f"proxy.ui.col.{key}"), key=key)
        yield items
        steps: DataTable = HallTable(id="proxy-timeline", cursor_type="row")
        for key in ("at", "actor", "step", "subject"):
            steps.add_column(t(f"proxy.ui.col.{key}"), key=key)
        yield steps

    def on_mount(self) -> None:
        self.query_one("#proxy-items", DataTable).focus()
        self.load()

    def load(self) -> None:
        """Read the project detail in a worker."""
        from console.proxy.views import project_detail

        self.run_use_case(project_detail, self.number, on_result=self.show_detail, group="load")

    def show_detail(self, d) -> None:
        """Fill the screen from a :class:`console.proxy.rows.ProjectDetail`."""
        from console.core.numbers import money

        if self.revealed is not None and "phone" in self.revealed.values:
            import dataclasses

            d = dataclasses.replace(d, contact_phone=self.revealed.values["phone"])
        self.detail = d
        r = d.row
        self.query_one("#proxy-head", Static).update(f"{r.number}  {r.name}  [{t(f'proxy.status.{r.status}')}]")
        self.query_one("#proxy-contact", Static).update(t(
            "proxy.ui.contact", enterprise=r.enterprise, contact=d.contact_name or "-", phone=d.contact_phone or "-"))
        self.query_one("#proxy-meta", Static).update(t(
            "proxy.ui.meta", agent=r.agent_no or "-", investment=money(r.investment_fen)))
        if r.due_date is None:
            clock = t("proxy.ui.clock_waiting", warning=t(f"proxy.warning.{r.warning}"))
        else:
            clock = t("proxy.ui.clock", start=r.materials_complete_on.isoformat(), due=r.due_date.isoformat(),
                      left=_left(r.days_left), warning=t(f"proxy.warning.{r.warning}"))
        self.query_one("#proxy-clock", Static).update(clock)
        self.query_one("#proxy-next", Static).update(t("proxy.ui.next", action=r.next_action))
        items = self.query_one("#proxy-items", DataTable)
        items.clear()
        for i in d.items:
            items.add_row(i.item_code, _cut(i.department, 12), t(f"proxy.case_status.{i.case_status}"),
                          i.due_date.isoformat()[5:], _left(i.days_left), t(f"proxy.warning.{i.warning}"),
                          _cut(i.blocker, 14), key=i.item_code)
        steps = self.query_one("#proxy-timeline", DataTable)
        steps.clear()
        for s in reversed(d.timeline):
            steps.add_row(s.at.strftime("%m-%d %H:%M"), s.actor_no, _cut(s.text, 34), s.subject)

    def on_screen_resume(self) -> None:
        self.load()

    # -- actions ------------------------------------------------------------------

    def _write(self, fn: Callable, *args, message: str, **kwargs) -> None:
        self.run_use_case(fn, *args, group="write", on_result=lambda _r: self._done(message), **kwargs)

    def _form(self, title: str, fields: list[tuple[str, str]], submit, message: Callable[[object], str]) -> None:
        """Open a form running ``submit(values)``'s use case; ``message(result)`` once it succeeded."""
        def closed(result) -> None:
            if result is not None:
                self._done(message(result))

        self.app.push_screen(ProxyFormScreen(title, fields, submit=submit), closed)

    def _done(self, message: str) -> None:
        self.notify(message, markup=False)
        self.load()

    def highlighted_item(self) -> str | None:
        table = self.query_one("#proxy-items", DataTable)
        if self.detail is None or not self.detail.items or not 0 <= table.cursor_row < len(self.detail.items):
            return None
        return self.detail.items[table.cursor_row].item_code

    def action_refresh(self) -> None:
        self.load()

    def check_action(self, action: str, parameters) -> bool | None:
        """Ctrl+R only for a role that may reveal (hidden otherwise)."""
        if action == "reveal":
            from console.core.personal import may_see_full

            return may_see_full(self.actor)
        return True

    def action_reveal(self) -> None:
        """Show the contact's full phone (audited), or mask it again."""
        if self.revealed is not None:
            self.revealed = None
            self.load()
            return
        from console.proxy.reveal import reveal_projects

        self.run_use_case(reveal_projects, self.number, on_result=self.reveal_shown, group="reveal")

    def reveal_shown(self, revealed) -> None:
        self.revealed = revealed[0]
        self.notify(t("proxy.ui.revealed") if self.revealed.values else t("roles.nothing_to_reveal"), markup=False)
        self.load()

    def action_add_item(self) -> None:
        from console.proxy.items import add_item

        self._form(t("proxy.ui.form.add_item"), [("code", t("proxy.ui.field.code"))],
                   lambda values: (add_item, (self.number, values["code"].strip()), {}),
                   lambda added: t("proxy.ui.item_added", item=added.item_code))

    def action_blocker(self) -> None:
        from console.proxy.items import note_blocker

        code = self.highlighted_item()
        if code is None:
            return
        self._form(t("proxy.ui.form.blocker", item=code), [("text", t("proxy.ui.field.blocker"))],
                   lambda values: (note_blocker, (self.number, code, values["text"]), {}),
                   lambda _row: t("proxy.ui.blocker_saved", item=code))

    def action_materials(self) -> None:
        from console.proxy.projects import materials_complete

        self._write(materials_complete, self.number, message=t("proxy.ui.clock_started"))

    def action_complete(self) -> None:
        from console.proxy.projects import complete

        self._write(complete, self.number, message=t("proxy.ui.completed"))

    def action_visit(self) -> None:
        from console.proxy.visits import record_visit

        fields = [("contact", t("proxy.ui.field.contact")), ("problems", t("proxy.ui.field.problems")),
                  ("solutions", t("proxy.ui.field.solutions"))]
        self._form(t("proxy.ui.form.visit"), fields,
                   lambda values: (record_visit, (self.number,), values),
                   lambda _visit: t("proxy.ui.visit_saved"))
