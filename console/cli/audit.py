"""``hall audit``: list the audit trail and verify its hash chain.

``verify`` exits 0 with the number of events checked, or 9 naming the first
event that was edited, removed or does not link.
"""

from __future__ import annotations

import json
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("list")
def list_(
    since: Optional[str] = typer.Option(None, "--since", metavar="T", help="From this date or time (2009-05-31[T08:30])."),
    actor: Optional[str] = typer.Option(None, "--actor", metavar="EMPLOYEE_NO", help="Only events by this staff member."),
    action: Optional[str] = typer.Option(None, "--action", metavar="A",
                                         help="Only this action, or a prefix ending in '.' or '*' (staff.)."),
    limit: int = typer.Option(100, "--limit", metavar="N", help="At most N events, newest first."),
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """List audit events, newest first: time, actor, action, entity, summary."""
    from console.org.audit_trail import list_events

    report(list_events, since=since, actor_no=actor, action=action, limit=limit, table=lambda rows: (
        [t("audit.col_id"), t("audit.col_time"), t("audit.col_actor"), t("audit.col_action"),
         t("audit.col_entity"), t("audit.col_summary")],
        [[r.id, r.at, r.actor or t("audit.system"), r.action, f"{r.entity_type}:{r.entity_id}",
          json.dumps(r.summary, ensure_ascii=False, sort_keys=True)]
         for r in rows],
    ))


@app.command("verify")
def verify(as_: Optional[str] = AS_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Walk the hash chain; exit 9 naming the first changed or removed event."""
    from console.org.audit_trail import check_chain

    report(check_chain, text=lambda count: t("audit.verified", count=count))
