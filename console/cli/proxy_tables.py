"""How ``hall proxy`` prints its results: the tables and lines of each reading command.

Pure functions of a use case's result (no database, no options); the commands
of :mod:`console.cli.proxy` hand them to :func:`console.cli.common.report`.
Commands printing more than one table render them into one text here
(:func:`_render`), since ``report`` prints one table or one text.
"""

from __future__ import annotations

from typing import Any

from console.core.i18n import t
from console.core.parsing import format_yuan


def _warning(value: str) -> str:
    return t(f"proxy.warning.{value}")


def _left(days: int | None) -> Any:
    return "-" if days is None else days


def _table(columns: list[str], rows: list[list[Any]], title: str | None = None):
    """A Rich table as :func:`console.cli.common.emit_table` prints it."""
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def _render(*parts: Any) -> str:
    """Lines (as they are) and Rich tables (as the terminal shows them), one after the other."""
    from rich.console import Console

    console = Console()
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        with console.capture() as captured:
            console.print(part)
        out.append(captured.get().rstrip("\n"))
    return "\n".join(out)


def _loads_columns() -> list[str]:
    return [t("proxy.col.agent"), t("proxy.col.name"), t("proxy.col.open_projects"), t("proxy.col.open_items")]


def _loads_rows(loads) -> list[list[Any]]:
    return [[a.employee_no, a.name, a.open_projects, a.open_items] for a in loads]


def worklist_text(view) -> str:
    """``proxy list``: the worklist, then the agents' open loads."""
    worklist = _table(
        [t("proxy.col.number"), t("proxy.col.project"), t("proxy.col.agent"), t("proxy.col.items"),
         t("proxy.col.days_left"), t("proxy.col.warning"), t("proxy.col.next")],
        [[r.number, r.name, r.agent_no or "-", f"{r.items_closed}/{r.items_total}", _left(r.days_left),
          _warning(r.warning), r.next_action] for r in view.rows],
        title=t("proxy.cli.worklist_title"),
    )
    return _render(worklist, _table(_loads_columns(), _loads_rows(view.loads), title=t("proxy.cli.loads_title")))


def loads_table(loads):
    """``proxy agents``: each agent's open load."""
    return _loads_columns(), _loads_rows(loads)


def detail_text(detail) -> str:
    """``proxy show``: the project's lines, its items, its visits (if any) and its timeline."""
    r = detail.row
    lines = [
        (t("proxy.col.number"), r.number), (t("proxy.col.project"), r.name),
        (t("proxy.col.enterprise"), f"{r.enterprise} ({detail.uscc})"),
        (t("proxy.col.contact"), f"{detail.contact_name} {detail.contact_phone}"),
        (t("proxy.col.location"), detail.location), (t("proxy.col.industry"), detail.industry),
        (t("proxy.col.investment"), format_yuan(r.investment_fen)),
        (t("proxy.col.status"), t(f"proxy.status.{r.status}")), (t("proxy.col.agent"), r.agent_no or "-"),
        (t("proxy.col.materials"), r.materials_complete_on or "-"), (t("proxy.col.due"), r.due_date or "-"),
        (t("proxy.col.days_left"), _left(r.days_left)),
        (t("proxy.col.warning"), _warning(r.warning)), (t("proxy.col.next"), r.next_action),
    ]
    parts: list[Any] = [f"{label}: {value}" for label, value in lines]
    parts.append(_table(
        [t("proxy.col.item"), t("proxy.col.department"), t("proxy.col.case"), t("proxy.col.status"),
         t("proxy.col.due"), t("proxy.col.days_left"), t("proxy.col.warning"), t("proxy.col.blocker")],
        [[f"{i.item_code} {i.item_name}", i.department, i.case_number, t(f"proxy.case_status.{i.case_status}"),
          i.due_date, _left(i.days_left), _warning(i.warning), i.blocker] for i in detail.items],
        title=t("proxy.cli.items_title"),
    ))
    if detail.visits:
        parts.append(_table(
            [t("proxy.col.scheduled"), t("proxy.col.visited"), t("proxy.col.contact"),
             t("proxy.col.problems"), t("proxy.col.solutions"), t("proxy.col.late")],
            [[v["scheduled_on"], v["visited_on"] or "-", v["contact"], v["problems"], v["solutions"],
              t("proxy.yes") if v["late"] else ""] for v in detail.visits],
            title=t("proxy.cli.visits_title"),
        ))
    parts.append(_table([t("proxy.col.at"), t("proxy.col.actor"), t("proxy.col.step"), t("proxy.col.subject")],
                        [[s.at, s.actor_no, s.text, s.subject] for s in detail.timeline],
                        title=t("proxy.cli.timeline_title")))
    return _render(*parts)


def visits_table(rows):
    """``proxy visits``: follow-up visits, late ones flagged."""
    return (
        [t("proxy.col.number"), t("proxy.col.enterprise"), t("proxy.col.scheduled"), t("proxy.col.visited"),
         t("proxy.col.contact"), t("proxy.col.late")],
        [[r.project, r.enterprise, r.scheduled_on, r.visited_on or "-", r.contact,
          t("proxy.yes") if r.late else ""] for r in rows],
    )


def figures_table(f):
    """``proxy report``: the section's figures."""
    share = "-" if f.within_promise_share is None else f"{f.within_promise_share * 100:.1f}%"
    rows = [
        (t("proxy.fig.enterprises"), f.enterprises), (t("proxy.fig.projects"), f.projects),
        (t("proxy.fig.open"), f.open_projects), (t("proxy.fig.completed"), f.completed),
        (t("proxy.fig.investment"), format_yuan(f.total_investment_fen)),
        (t("proxy.fig.within_promise", days=f.promise_days), share),
        (t("proxy.fig.average_days"), "-" if f.average_workdays is None else f.average_workdays),
        (t("proxy.fig.overdue"), f.overdue_open), (t("proxy.fig.visits_due"), f.visits_due),
        (t("proxy.fig.visits_late"), f.visits_late),
    ]
    return [t("proxy.col.figure"), t("proxy.col.value")], [list(r) for r in rows], t("proxy.cli.report_title")


def settings_table(current: dict[str, int]):
    """``proxy config``: the settings in force."""
    return ([t("proxy.col.figure"), t("proxy.col.value")],
            [[t(f"proxy.setting.{key.split('.', 1)[1]}"), value] for key, value in current.items()])
