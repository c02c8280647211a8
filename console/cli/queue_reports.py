"""``hall queue`` reports: what waits for a window, the hall's status now, a day's statistics.

Each reads ``--as`` a staff member allowed to see the queue (``queue.read``); without
a log-in they are refused and print nothing.  The commands belong to the group of
:mod:`console.cli.queue`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, STATE, emit_table, report, run, show
from console.cli.queue_window import SITE_OPTION, WINDOW_OPTION

app = typer.Typer(no_args_is_help=True)
from console.core.i18n import t


def _report_tables(fn: Callable[..., Any], /, *args: Any, tables: tuple[Callable[[Any], Any], ...],
                   **kwargs: Any) -> Any:
    """:func:`console.cli.common.report` for a result shown as several tables.

    Written here rather than in ``console.cli.common`` (which this part leaves alone):
    with ``--json`` the result is printed once, as JSON; otherwise each table in turn.
    """
    result = run(fn, *args, **kwargs)
    show(result, table=tables[0])
    if STATE.human:
        for table in tables[1:]:
            emit_table(*table(result))
    return result


@app.command("waiting")
def waiting(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
            as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """What waits for a window, in calling order."""
    from console.queue.window import window_queue

    report(window_queue, window, site=site, table=lambda rows: (
        [t("queue.col.number"), t("queue.col.service"), t("queue.col.priority"), t("queue.col.waited"),
         t("queue.col.over_wait")],
        [[r.number, r.service, r.priority if r.priority != "none" else "", r.waited_minutes,
          t(f"queue.flag.{r.over_target}") if r.over_target else ""] for r in rows],
        t("queue.title.waiting", window=window) if window else t("queue.title.waiting_own"),
    ))


def _service_table(st):
    return (
        [t("queue.col.code"), t("queue.col.name"), t("queue.col.waiting"), t("queue.col.longest"),
         t("queue.col.over_wait"), t("queue.col.alarm"), t("queue.col.issued"), t("queue.col.windows")],
        [[r.code, r.name, r.waiting, r.longest_wait_minutes if r.longest_wait_minutes is not None else "-",
          r.over_wait, t("queue.flag.alarm") if r.alarm else "", r.issued_today, ", ".join(r.windows)]
         for r in st.services],
        t("queue.title.status", site=st.site, at=st.at.strftime("%H:%M")),
    )


def _window_table(st):
    return (
        [t("queue.col.window"), t("queue.col.status"), t("queue.col.services"), t("queue.col.current"),
         t("queue.col.since")],
        [[w.number, t(f"org.status_{w.status}"), ", ".join(w.services), (w.current or "-") + (" !" if w.over_target else ""),
          w.since.strftime("%H:%M") if w.since else "-"] for w in st.windows],
    )


@app.command("status")
def status(site: Optional[str] = SITE_OPTION, as_: Optional[str] = AS_OPTION,
           db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """The hall's queue now: waiting per service, alarms, each window's ticket."""
    from console.queue.reads import queue_status

    _report_tables(queue_status, site=site, tables=(_service_table, _window_table))


def _fmt(value):
    return "-" if value is None else value


@app.command("stats")
def stats(
    day: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Default: today."),
    by: str = typer.Option("window", "--by", help="window or service"),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Wait, service and idle times of a day, per window or per service."""
    from console.cli.common import clock
    from console.core.parsing import parse_optional_date
    from console.queue.stats import queue_stats

    when = parse_optional_date(day, "date")
    report(queue_stats, day=when, by=by, site=site, table=lambda rows: (
        [t("queue.col.window") if by == "window" else t("queue.col.service"), t("queue.col.taken"),
         t("queue.col.called"), t("queue.col.finished"), t("queue.col.no_show"), t("queue.col.transferred"),
         t("queue.col.avg_wait"), t("queue.col.max_wait_seen"), t("queue.col.avg_service"),
         t("queue.col.over_targets"), t("queue.col.idle"), t("law.col_became_cases")],
        [[r.key, r.taken, r.called, r.finished, r.no_show, r.transferred, _fmt(r.avg_wait_minutes),
          _fmt(r.max_wait_minutes), _fmt(r.avg_service_minutes), r.over_wait_target + r.over_service_target,
          _fmt(r.idle_minutes), r.became_cases] for r in rows],
        t("queue.title.stats", day=(when or clock().today()).isoformat(), by=by),
    ))
