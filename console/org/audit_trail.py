"""Reading the audit trail: the filtered event list and the permission-checked chain check.

Appending and the raw chain walk live in :mod:`console.core.audit`; this module holds
the use cases ``hall audit list`` / ``hall audit verify`` and the audit screen call.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select

from models.audit import AuditEvent

from console.core import audit
from console.core.context import Context
from console.core.errors import IntegrityBroken, Invalid
from console.core.parsing import parse_datetime
from console.core.runner import use_case

#: the most events one listing returns
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class EventRow:
    """One audit event as listed; ``summary`` is the decoded change summary."""

    id: int
    at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    summary: dict

    def as_dict(self) -> dict:
        return asdict(self)


def parse_since(value: str) -> datetime:
    """``2009-05-31`` or ``2009-05-31T08:30[:00]`` (or with a space) as a naive hall time."""
    try:
        return parse_datetime(value, "since")
    except Invalid as error:
        if error.key != "errors.bad_datetime":
            raise
        raise Invalid("audit.bad_since", field="since", value=value) from None


@use_case("audit.read")
def list_events(ctx: Context, *, since: datetime | str | None = None,
                actor_no: str | None = None, action: str | None = None,
                limit: int = 100) -> list[EventRow]:
    """The newest ``limit`` events (newest first) at or after ``since``, by ``actor_no``.

    ``action`` matches an action exactly, or every action under a prefix ending in
    ``.`` or ``*`` (``staff.`` lists all staff changes).
    """
    if limit < 1 or limit > MAX_LIMIT:
        raise Invalid("audit.bad_limit", field="limit", max=MAX_LIMIT)
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if since:
        stmt = stmt.where(AuditEvent.at >= (parse_since(since) if isinstance(since, str) else since))
    if actor_no:
        stmt = stmt.where(AuditEvent.actor_no == actor_no.strip())
    if action:
        wanted = action.strip()
        if wanted.endswith("*") or wanted.endswith("."):
            prefix = wanted.rstrip("*")
            escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(AuditEvent.action.like(escaped + "%", escape="\\"))
        else:
            stmt = stmt.where(AuditEvent.action == wanted)
    rows = []
    for ev in ctx.session.scalars(stmt):
        try:
            summary = json.loads(ev.summary or "{}")
        except ValueError:
            summary = {"_raw": ev.summary}
        rows.append(EventRow(id=ev.id, at=ev.at, actor=ev.actor_no, action=ev.action,
                             entity_type=ev.entity_type, entity_id=ev.entity_id, summary=summary))
    return rows


@use_case("audit.read")
def check_chain(ctx: Context) -> int:
    """Walk the hash chain; return the number of events, or raise :class:`IntegrityBroken`
    naming the first event that was changed, removed or does not link."""
    result = audit.verify(ctx.session)
    if not result.ok:
        raise IntegrityBroken(f"audit.broken_{result.reason}", id=result.bad_id, checked=result.checked)
    return result.checked
