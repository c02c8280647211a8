"""The window screen's cells: a waiting ticket's row as comparable values and as drawn."""

from __future__ import annotations

from rich.text import Text

from console.core.i18n import t


def priority_text(priority: str) -> str:
    """The translated name of a priority kind (empty for ordinary tickets)."""
    return "" if priority in ("", "none") else t(f"queue_ui.priority.{priority}")


def status_text(status: str) -> str:
    return t(f"queue_ui.status.{status}")


def minutes_text(value: float | None) -> str:
    return "-" if value is None else t("queue_ui.minutes", minutes=int(value))


_COLUMNS = ("number", "service", "priority", "waited", "flag")


def _cells(info) -> tuple:
    """The waiting table's cells of one ticket, as comparable values (see :func:`_render`)."""
    flag = t(f"queue_ui.over.{info.over_target}") if info.over_target else ""
    return ((info.number, bool(info.over_target)), f"{info.service} {info.service_name}",
            priority_text(info.priority), minutes_text(info.waited_minutes), (flag, bool(info.over_target)))


def _render(cell):
    """A cell value as the table shows it: ticket number and flag in bold red past the target."""
    if isinstance(cell, tuple):
        text, over = cell
        return Text(text, style="bold red" if over else "")
    return cell
