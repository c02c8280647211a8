"""``hall queue`` (services, window actions, status, stats, daily close) and ``hall ticket`` (take, show).

Each command opens one transaction and calls one service of ``console.queue_*``;
changing commands act as ``--as`` (``ticket take`` acts as the kiosk: no log-in).
Reading commands run in read transactions and never take the SQLite write lock.
"""

from __future__ import annotations

from typing import List, Optional

import typer

from console.cli.common import (
    AS_OPTION,
    DB_OPTION,
    JSON_OPTION,
    acting_staff,
    database,
    emit_json,
    emit_table,
    reader,
    use_db,
)
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)
ticket_app = typer.Typer(no_args_is_help=True)

WINDOW_OPTION = typer.Option(None, "--window", "-w", metavar="W",
                             help="Window number (default: the acting clerk's window).")
SITE_OPTION = typer.Option(None, "--site", metavar="CODE", help="Site code (default: the acting staff member's site).")


def _time(value: str | None):
    from datetime import time

    from console.core.errors import Invalid

    if value is None or value == "":
        return None
    try:
        hours, minutes = value.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise Invalid("queue.bad_time", field="time", value=value) from None


def _date(value: str | None):
    from datetime import date

    from console.core.errors import Invalid

    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid("queue.bad_date", field="date", value=value) from None


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
    from console.queue.services import list_services

    use_db(db)
    with database().read() as s:
        rows = list_services(s, reader(), site=site, include_inactive=include_inactive)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table(
        [t("queue.col.code"), t("queue.col.name"), t("queue.col.prefix"), t("queue.col.windows"),
         t("queue.col.hours"), t("queue.col.cap"), t("queue.col.max_wait"), t("queue.col.next")],
        [[r.code, r.name, r.prefix, ", ".join(r.windows), _hours(r), r.daily_cap or "-", r.max_wait_minutes,
          r.next_service or "-"] for r in rows],
        title=t("queue.title.services"),
    )


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
    from console.queue.services import add_service, link_window

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        info = add_service(s, actor, code, name, prefix, site=site, department=department,
                           opens_at=_time(opens), closes_at=_time(closes), daily_cap=cap, alarm_waiting=alarm,
                           max_wait_minutes=max_wait, max_service_minutes=max_service,
                           max_queue_length=max_length, recall_limit=recall_limit, next_service=next_service,
                           items=tuple(items or ()))
        for number in window or ():
            info = link_window(s, actor, info.code, number, site=site)
    if as_json:
        emit_json(info.as_dict())
    else:
        typer.echo(t("queue.out.service_added", service=info.code, prefix=info.prefix))


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

    use_db(db)
    changes: dict = {}
    if name is not None:
        changes["name"] = name
    if opens is not None:
        changes["opens_at"] = _time(opens)
    if closes is not None:
        changes["closes_at"] = _time(closes)
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
    actor = acting_staff(as_)
    with database().write() as s:
        info = update_service(s, actor, code, site=site, **changes)
    typer.echo(t("queue.out.service_changed", service=info.code))


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

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        info = link_window(s, actor, service, window, site=site, unlink=unlink)
    typer.echo(t("queue.out.unlinked" if unlink else "queue.out.linked", window=window, service=info.code))


@app.command("close-day")
def close_day_cmd(
    day: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Default: today."),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Close the tickets still waiting as not served (numbering restarts tomorrow)."""
    from console.queue.services import close_day

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        result = close_day(s, actor, day=_date(day), site=site)
    if as_json:
        emit_json(result.as_dict())
    else:
        typer.echo(t("queue.out.day_closed", day=result.day.isoformat(), closed=result.closed))


# --------------------------------------------------------------------------- window actions


@app.command("call")
def call(
    window: Optional[str] = WINDOW_OPTION,
    number: Optional[str] = typer.Option(None, "--number", help="Call this waiting number out of order."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Why out of order (required with --number)."),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Call the next ticket (by priority, then time), or --number out of order with --reason."""
    from console.queue.window import call_next, call_number

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        if number:
            result = call_number(s, actor, number, reason or "", window, site=site)
        else:
            result = call_next(s, actor, window, site=site)
    if as_json:
        emit_json(result.as_dict())
        return
    if result.closed_number:
        typer.echo(t("queue.out.closed_previous", number=result.closed_number, status=result.closed_status))
    if result.number:
        typer.echo(t("queue.out.called", window=result.window, number=result.number))
    else:
        typer.echo(t("queue.out.nobody", window=result.window))


def _action(fn, window, site, as_, db, as_json, **kwargs):
    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        result = fn(s, actor, window, site=site, **kwargs)
    if as_json:
        emit_json(result.as_dict())
    return result


@app.command("recall")
def recall_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
               as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Call the current ticket again (after the recall limit it becomes a no-show)."""
    from console.queue.window import recall

    r = _action(recall, window, site, as_, db, as_json)
    if not as_json:
        typer.echo(t("queue.out.auto_no_show", number=r.number) if r.auto_no_show
                   else t("queue.out.recalled", number=r.number, recalls=r.recalls))


@app.command("no-show")
def no_show_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
                as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """The called applicant did not come (过号)."""
    from console.queue.window import no_show

    r = _action(no_show, window, site, as_, db, as_json)
    if not as_json:
        typer.echo(t("queue.out.no_show", number=r.number))


@app.command("serve")
def serve_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
              as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """The called applicant is at the window: start serving."""
    from console.queue.window import start_serving

    r = _action(start_serving, window, site, as_, db, as_json)
    if not as_json:
        typer.echo(t("queue.out.serving", number=r.number))


@app.command("finish")
def finish_cmd(
    window: Optional[str] = WINDOW_OPTION,
    hand_on: bool = typer.Option(False, "--hand-on", help="Hand on to the next linked business (多窗联办)."),
    to: Optional[str] = typer.Option(None, "--to", metavar="SERVICE", help="With --hand-on: the business."),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Finish the current ticket, or hand it on to the next linked business."""
    from console.queue.window import finish, hand_on as do_hand_on

    if hand_on:
        r = _action(do_hand_on, window, site, as_, db, as_json, to_service=to)
        if not as_json:
            typer.echo(t("queue.out.handed_on", number=r.number, target=r.to_service))
        return
    r = _action(finish, window, site, as_, db, as_json)
    if not as_json:
        typer.echo(t("queue.out.finished", number=r.number))


@app.command("transfer")
def transfer_cmd(
    window: Optional[str] = WINDOW_OPTION,
    to_service: Optional[str] = typer.Option(None, "--to-service", metavar="CODE"),
    to_window: Optional[str] = typer.Option(None, "--to-window", metavar="W"),
    site: Optional[str] = SITE_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Transfer the current ticket to another service or window (keeps its time, goes first)."""
    from console.queue.window import transfer

    r = _action(transfer, window, site, as_, db, as_json, to_service=to_service, to_window=to_window)
    if not as_json:
        target = r.to_service + (f"/{r.to_window}" if r.to_window else "")
        typer.echo(t("queue.out.transferred", number=r.number, target=target))


@app.command("pause")
def pause_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
              as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Pause the window (no calls until resumed)."""
    from console.queue.window import pause

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        number = pause(s, actor, window, site=site)
    typer.echo(t("queue.out.paused", window=number))


@app.command("resume")
def resume_cmd(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
               as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Resume a paused window."""
    from console.queue.window import resume

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        number = resume(s, actor, window, site=site)
    typer.echo(t("queue.out.resumed", window=number))


# --------------------------------------------------------------------------- reading


@app.command("waiting")
def waiting(window: Optional[str] = WINDOW_OPTION, site: Optional[str] = SITE_OPTION,
            as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """What waits for a window, in calling order."""
    from console.queue.window import window_queue

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        rows = window_queue(s, actor, window, site=site)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table(
        [t("queue.col.number"), t("queue.col.service"), t("queue.col.priority"), t("queue.col.waited"),
         t("queue.col.over_wait")],
        [[r.number, r.service, r.priority if r.priority != "none" else "", r.waited_minutes,
          t(f"queue.flag.{r.over_target}") if r.over_target else ""] for r in rows],
        title=t("queue.title.waiting", window=window or "-"),
    )


@app.command("status")
def status(site: Optional[str] = SITE_OPTION, as_: Optional[str] = AS_OPTION,
           db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """The hall's queue now: waiting per service, alarms, each window's ticket."""
    from console.queue.stats import queue_status

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        st = queue_status(s, actor, site=site)
    if as_json:
        emit_json(st.as_dict())
        return
    emit_table(
        [t("queue.col.code"), t("queue.col.name"), t("queue.col.waiting"), t("queue.col.longest"),
         t("queue.col.over_wait"), t("queue.col.alarm"), t("queue.col.issued"), t("queue.col.windows")],
        [[r.code, r.name, r.waiting, r.longest_wait_minutes if r.longest_wait_minutes is not None else "-",
          r.over_wait, t("queue.flag.alarm") if r.alarm else "", r.issued_today, ", ".join(r.windows)]
         for r in st.services],
        title=t("queue.title.status", site=st.site, at=st.at.strftime("%H:%M")),
    )
    emit_table(
        [t("queue.col.window"), t("queue.col.status"), t("queue.col.services"), t("queue.col.current"),
         t("queue.col.since")],
        [[w.number, w.status, ", ".join(w.services), (w.current or "-") + (" !" if w.over_target else ""),
          w.since.strftime("%H:%M") if w.since else "-"] for w in st.windows],
    )


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
    from console.queue.stats import queue_stats
    from models.base import today

    use_db(db)
    actor = reader(as_)
    when = _date(day)
    with database().read() as s:
        rows = queue_stats(s, actor, day=when, by=by, site=site)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return

    def fmt(v):
        return "-" if v is None else v

    emit_table(
        [t("queue.col.window") if by == "window" else t("queue.col.service"), t("queue.col.taken"),
         t("queue.col.called"), t("queue.col.finished"), t("queue.col.no_show"), t("queue.col.transferred"),
         t("queue.col.avg_wait"), t("queue.col.max_wait_seen"), t("queue.col.avg_service"),
         t("queue.col.over_targets"), t("queue.col.idle")],
        [[r.key, r.taken, r.called, r.finished, r.no_show, r.transferred, fmt(r.avg_wait_minutes),
          fmt(r.max_wait_minutes), fmt(r.avg_service_minutes), r.over_wait_target + r.over_service_target,
          fmt(r.idle_minutes)] for r in rows],
        title=t("queue.title.stats", day=(when or today()).isoformat(), by=by),
    )


# --------------------------------------------------------------------------- hall ticket


@ticket_app.command("take")
def take(
    service: str = typer.Option(..., "--service", metavar="CODE", help="Queue service code."),
    priority: Optional[str] = typer.Option(None, "--priority",
                                           help="elderly, disabled, military or green_channel."),
    id_number: Optional[str] = typer.Option(None, "--id-number", metavar="N", help="Resident ID number."),
    appointment: Optional[str] = typer.Option(None, "--appointment", metavar="HH:MM",
                                              help="Check in an appointment (预约) for this slot today."),
    site: Optional[str] = SITE_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Take a ticket as the kiosk does (no log-in)."""
    from datetime import datetime

    from console.queue.shared import KIOSK_ACTOR
    from console.queue.tickets import take_ticket
    from models.base import now

    use_db(db)
    slot = _time(appointment)
    at = now()
    with database().write() as s:
        result = take_ticket(s, KIOSK_ACTOR, service, priority=priority, id_number=id_number, site=site, at=at,
                             appointment_at=datetime.combine(at.date(), slot) if slot else None)
    if as_json:
        emit_json(result.as_dict())
    else:
        typer.echo(t("queue.out.ticket", number=result.number, service=result.service_name, ahead=result.ahead,
                     minutes=result.expected_wait_minutes))


@ticket_app.command("show")
def show(number: str = typer.Argument(..., help="Ticket number of today, e.g. A003."),
         site: Optional[str] = SITE_OPTION, as_: Optional[str] = AS_OPTION,
         db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Show one of today's tickets."""
    from console.queue.window import find_ticket

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        info = find_ticket(s, actor, number, site=site)
    if as_json:
        emit_json(info.as_dict())
        return
    emit_table(
        [t("queue.col.number"), t("queue.col.service"), t("queue.col.status"), t("queue.col.window"),
         t("queue.col.priority")],
        [[info.number, info.service, info.status, info.window or "-", info.priority]],
    )
