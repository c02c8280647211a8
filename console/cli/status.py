"""``hall status``: the hall now — the live dashboard for a supervisor's terminal, JSON or tables for scripts.

``hall status --as S001`` opens the dashboard screen (log-in on the command line,
PIN from ``HALL_PIN`` or a prompt); ``--json`` prints the figures once
(:func:`console.status.dashboard.hall_status`), ``--once`` prints them as tables.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, STATE, emit_table, run
from console.core.i18n import t

SITE_OPTION = typer.Option(None, "--site", metavar="CODE", help="Site code (default: the staff member's site).")


def _tables(status) -> None:
    def minutes(v):
        return "-" if v is None else f"{v:.0f}"

    typer.echo(t("ops.summary", waiting=status.waiting, served=status.served_today,
                 wait=minutes(status.avg_wait_minutes), service=minutes(status.avg_service_minutes)))
    typer.echo(t("ops.summary_cases", at_risk=status.cases_at_risk, overdue=status.cases_overdue,
                 rects=status.open_rectifications, late=status.overdue_rectifications,
                 at=status.at.strftime("%H:%M")))
    emit_table([t(f"ops.col.{k}") for k in ("window", "state", "ticket", "since", "minutes")],
               [[w.number, t(f"ops.state.{w.state}"), (w.ticket or "") + (" !" if w.over_target else ""),
                 w.since.strftime("%H:%M") if w.since else "", minutes(w.minutes)] for w in status.windows],
               t("ops.status_title", site=status.site, at=status.at.strftime("%H:%M")))
    emit_table([t(f"ops.col.{k}") for k in ("service", "waiting", "longest", "served")],
               [[f"{s.prefix} {s.name}", s.waiting,
                 f"{minutes(s.longest_wait_minutes)}/{minutes(s.target_minutes)}" + (" !" if s.late else ""),
                 s.served_today] for s in status.services])


def status(
    site: Optional[str] = SITE_OPTION,
    once: bool = typer.Option(False, "--once", help="Print the figures as tables once instead of the live screen."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """The hall now: windows, waiting per service, today's figures, cases at risk, rectifications."""
    from console.cli.common import acting_staff, clock, database, runner, settings, show
    from console.status.dashboard import hall_status

    if once or not STATE.human:
        result = run(hall_status, site=site)
        if STATE.human:
            _tables(result)
        else:  # csv and xlsx: the windows
            show(result, json=lambda r: r.as_dict(), table=lambda r: (
                ["window", "state", "ticket", "since", "minutes"],
                [[w.number, w.state, w.ticket, w.since, w.minutes] for w in r.windows], "windows"))
        return
    actor = acting_staff()
    runner().run(hall_status, site=site, actor=actor)  # refused before the screen opens
    from screens.apps.status import StatusApp

    StatusApp(database(), actor, site=site, clock=clock(), settings=settings()).run()
