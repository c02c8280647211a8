"""``hall audit``: list the audit trail and verify its hash chain.

``verify`` exits 0 with the number of events checked, or 9 naming the first
event that was edited, removed or does not link.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report, run
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
def verify(
    checkpoints: Optional[Path] = typer.Option(
        None, "--checkpoints", metavar="FILE",
        help="Also check the signed checkpoints in FILE (default: the data directory's file, if there is one)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Walk the hash chain and check it against the signed checkpoints; exit 9 naming what was changed or cut."""
    from console.cli.common import actor_for, database, runner, settings, show
    from console.core import anchor
    from console.core.errors import NotFound
    from console.org.audit_trail import check_chain

    actor = actor_for(check_chain)  # the log-in before anything is read
    current, url = settings(), database().url
    path = checkpoints or anchor.default_file(current.data_dir, url)
    if checkpoints is not None and not path.is_file():
        raise NotFound("trust.checkpoint_file_missing", path=str(path))
    entries = anchor.read(path) if path.is_file() else []
    key = anchor.load_key(current.config_dir)
    mine = sum(1 for e in entries if isinstance(e, anchor.Checkpoint) and e.db == anchor.database_id(url))
    count = runner().run(check_chain, entries, key=key, database=anchor.database_id(url), actor=actor)
    show(count, text=lambda count: "\n".join(
        [t("audit.verified", count=count)] + ([t("trust.checkpoints_ok", count=mine, path=str(path))] if mine else [])))


@app.command("checkpoint")
def checkpoint(
    to: Optional[Path] = typer.Option(None, "--to", metavar="FILE",
                                      help="Append to FILE (default: a file in the data directory)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Append a signed checkpoint (the last event, its hash, the time) to a file outside the database."""
    from console.cli.common import database, settings
    from console.core import anchor
    from console.org.audit_trail import chain_head

    current, url = settings(), database().url
    head = run(chain_head)
    key = anchor.load_key(current.config_dir, create=True)
    written = anchor.append(to or anchor.default_file(current.data_dir, url), key, url, head.last_id, head.hash,
                            head.at)
    typer.echo(t("trust.checkpoint_written", id=head.last_id, name=written.name()))
