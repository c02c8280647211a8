"""``hall queue``: services (configuration) and the daily close; the window actions and the
reports live beside it (:mod:`console.cli.queue_window`, :mod:`console.cli.queue_reports`) and
add their commands to the same group.  ``hall ticket`` is :mod:`console.cli.ticket`.

Every command runs one use case of :mod:`console.queue` (``report``/``run``): the
services list is public (no log-in); changing commands act ``--as`` a staff
member with ``queue.manage`` (configuration) or ``queue.operate`` (a window), and
the reports ``--as`` one with ``queue.read``.  Reading commands run in read
transactions and never take the SQLite write lock.
"""

from __future__ import annotations

from typing import List, Optional

import typer

from console.cli import queue_reports, queue_window
from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.cli.queue_window import SITE_OPTION, WINDOW_OPTION
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)



def _hours(info) -> str:
    if not info.opens_at and not info.closes_at:
        return "-"
    opens = info.opens_at.strftime("%H:%M") if info.opens_at else ""
    closes = info.closes_at.strftime("%H:%M") if info.closes_at else ""
    return f"{opens}–{closes}"


# --------------------------------------------------------------------------- configuration


@app.command("services")
def services(site: Optional[str] = SITE_OPTION, include_inactive: bool = typer.Option(False, "--all"),
             db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List the queue services with their prefixes and windows."""
    from console.queue.reads import list_services

    report(list_services, site=site, include_inactive=include_inactive, table=lambda rows: (
        [t("queue.col.code"), t("queue.col.name"), t("queue.col.prefix"), t("queue.col.windows"),
         t("queue.col.hours"), t("queue.col.cap"), t("queue.col.max_wait"), t("queue.col.next")],
        [[r.code, r.name, r.prefix, ", ".join(r.windows), _hours(r), r.daily_cap or "-", r.max_wait_minutes,
          r.next_service or "-"] for r in rows],
        t("queue.title.services"),
    ))


@app.command("service-add")
def service_add(
    code: str = typer.Argument(..., help="Service code, unique at the site."),
    name: str = typer.Option(..., "--name", help="Name shown at the kiosk and on the display."),
    prefix: str = typer.Option(..., "--prefix", help="Ticket prefix, 1 to 3 letters (A → A001)."),
    department: Optional[str] = typer.Option(None, "--department", help="Department code."),
    opens: Optional[str] = typer.Option(None, "--opens", metavar="HH:MM", help="First ticket time."),
    closes: Optional[str] = typer.Option(None, "--closes", metavar="HH:MM", help="Tickets until this time."),
    cap: Optional[int] = typer.Option(None, "--cap", help="Tickets per day at most."),
    alarm: Optional[int] = typer.Option(None, "--alarm", help="Waiting count that raises the alarm."),
    max_wait: int = typer.Option(15, "--max-wait", help="Target: maximum wait in minutes."),
    max_service: Optional[int] = typer.Option(None, "--max-service", help="Target: maximum service minutes."),
    max_length: Optional[int] = typer.Option(None, "--max-length", help="Target: maximum queue length."),
    recall_limit: int = typer.Option(3, "--recall-limit", help="Recalls before a no-show."),
    next_service: Optional[str] = typer.Option(None, "--next", help="Linked business to hand on to."),
    items: Optional[List[str]] = typer.Option(None, "--item", help="Catalog item served (repeatable)."),
    window: Optional[List[str]] = typer.Option(None, "--window", help="Window serving it (repeatable)."),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Create a queue service (permission queue.manage)."""
    from console.core.parsing import parse_optional_time
    from console.queue.services import add_service

    report(add_service, code, name, prefix, site=site, department=department,
           opens_at=parse_optional_time(opens, "opens"), closes_at=parse_optional_time(closes, "closes"),
           daily_cap=cap, alarm_waiting=alarm, max_wait_minutes=max_wait, max_service_minutes=max_service,
           max_queue_length=max_length, recall_limit=recall_limit, next_service=next_service,
           items=tuple(items or ()), windows=tuple(window or ()),
           text=lambda info: t("queue.out.service_added", service=info.code, prefix=info.prefix))


def _changes(name, opens, closes, cap, alarm, max_wait, max_service, max_length, recall_limit, next_service,
             active) -> dict:
    """The settings ``service-set`` was given (0 and '' clear the optional ones)."""
    from console.core.parsing import parse_optional_time

    changes: dict = {}
    if name is not None:
        changes["name"] = name
    if opens is not None:
        changes["opens_at"] = parse_optional_time(opens, "opens")
    if closes is not None:
        changes["closes_at"] = parse_optional_time(closes, "closes")
    for key, value in (("daily_cap", cap), ("alarm_waiting", alarm), ("max_service_minutes", max_service),
                       ("max_queue_length", max_length)):
        if value is not None:
            changes[key] = value or None
    if max_wait is not None:
        changes["max_wait_minutes"] = max_wait
    if recall_limit is not None:
        changes["recall_limit"] = recall_limit
    if next_service is not None:
        changes["next_service"] = next_service or None
    if active is not None:
        changes["active"] = active
    return changes


@app.command("service-set")
def service_set(
    code: str = typer.Argument(..., help="Service code."),
    name: Optional[str] = typer.Option(None, "--name"),
    opens: Optional[str] = typer.Option(None, "--opens", metavar="HH:MM", help="'' clears it."),
    closes: Optional[str] = typer.Option(None, "--closes", metavar="HH:MM", help="'' clears it."),
    cap: Optional[int] = typer.Option(None, "--cap", help="0 clears it."),
    alarm: Optional[int] = typer.Option(None, "--alarm", help="0 clears it."),
    max_wait: Optional[int] = typer.Option(None, "--max-wait"),
    max_service: Optional[int] = typer.Option(None, "--max-service", help="0 clears it."),
    max_length: Optional[int] = typer.Option(None, "--max-length", help="0 clears it."),
    recall_limit: Optional[int] = typer.Option(None, "--recall-limit"),
    next_service: Optional[str] = typer.Option(None, "--next", help="'' clears it."),
    active: Optional[bool] = typer.Option(None, "--active/--inactive"),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Change a queue service's settings (permission queue.manage)."""
    from console.queue.services import update_service

    changes = _changes(name, opens, closes, cap, alarm, max_wait, max_service, max_length, recall_limit,
                       next_service, active)
    report(update_service, code, site=site, **changes,
           text=lambda info: t("queue.out.service_changed", service=info.code))


@app.command("link")
def link(
    service: str = typer.Option(..., "--service", help="Service code."),
    window: str = typer.Option(..., "--window", help="Window number."),
    unlink: bool = typer.Option(False, "--unlink", help="Stop the window serving the service."),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Let a window serve a service, or stop it (permission queue.manage)."""
    from console.queue.services import link_window

    report(link_window, service, window, site=site, unlink=unlink,
           text=lambda info: t("queue.out.unlinked" if unlink else "queue.out.linked", window=window,
                               service=info.code))


@app.command("close-day")
def close_day_cmd(
    day: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Default: today."),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Close the tickets still waiting as not served (numbering restarts tomorrow)."""
    from console.core.parsing import parse_optional_date
    from console.queue.services import close_day

    report(close_day, day=parse_optional_date(day, "date"), site=site,
           text=lambda result: t("queue.out.day_closed", day=result.day.isoformat(), closed=result.closed))


# the window actions, then the reports (in this order in --help)
app.add_typer(queue_window.app)
app.add_typer(queue_reports.app)
