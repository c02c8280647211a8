"""``hall ticket``: take a ticket as the kiosk does (public, no log-in), show one of today's.

``take`` runs :func:`console.queue.tickets.take_ticket` as nobody, whatever ``HALL_AS``
says: the kiosk never logs in.  ``show`` reads ``--as`` a staff member with ``queue.read``.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report, runner, show
from console.cli.queue import SITE_OPTION
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("take")
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
    from console.core.parsing import parse_optional_time
    from console.queue.tickets import take_ticket

    slot = parse_optional_time(appointment, "appointment")
    show(runner().run(take_ticket, service, priority=priority, id_number=id_number, site=site,
                      appointment_at=slot, actor=None),
         text=lambda r: t("queue.out.ticket", number=r.number, service=r.service_name, ahead=r.ahead,
                          minutes=r.expected_wait_minutes))


@app.command("show")
def show_(number: str = typer.Argument(..., help="Ticket number of today, e.g. A003."),
          site: Optional[str] = SITE_OPTION, as_: Optional[str] = AS_OPTION,
          db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Show one of today's tickets."""
    from console.queue.window import find_ticket

    report(find_ticket, number, site=site, table=lambda info: (
        [t("queue.col.number"), t("queue.col.service"), t("queue.col.status"), t("queue.col.window"),
         t("queue.col.priority")],
        [[info.number, info.service, t(f"queue_ui.status.{info.status}"), info.window or "-", info.priority]],
    ))
