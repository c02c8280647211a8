"""Reading the audit trail: the filtered event list and the permission-checked chain check.

Appending and the raw chain walk live in :mod:`console.core.audit`; this module holds
the use cases ``hall audit list`` / ``hall audit verify`` and the audit screen call.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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
def check_chain(ctx: Context, checkpoints: Sequence = (), *, key: bytes | None = None,
                database: str | None = None) -> int:
    """Walk the hash chain and hold it against ``checkpoints``; the number of events checked.

    Raises :class:`IntegrityBroken` naming the first event that was changed,
    removed or does not link, else the first checkpoint (file and line) that is
    not genuine (its signature is not ``key``'s), that names an event the chain
    no longer reaches (cut short), or whose hash differs (rewritten).
    ``checkpoints`` are :func:`console.core.anchor.read`'s; those of another
    database than ``database`` (:func:`console.core.anchor.database_id`) are skipped.
    """
    from console.core import anchor

    mine = []
    for entry in checkpoints:
        if not isinstance(entry, anchor.Checkpoint):
            raise IntegrityBroken("trust.checkpoint_unreadable", line=entry[0])
        if database is None or entry.db == database:
            mine.append(entry)
    if mine and key is None:
        raise IntegrityBroken("trust.checkpoint_no_key")
    for entry in mine:
        if not anchor.genuine(key, entry):
            raise IntegrityBroken("trust.checkpoint_forged", name=entry.name())
    result = audit.verify(ctx.session, wanted=frozenset(c.last_id for c in mine))
    if not result.ok:
        raise IntegrityBroken(f"audit.broken_{result.reason}", id=result.bad_id, checked=result.checked)
    for entry in mine:
        held = result.hashes.get(entry.last_id) if entry.last_id else audit.GENESIS
        if held is None:
            raise IntegrityBroken("trust.checkpoint_short", name=entry.name(), id=entry.last_id, at=entry.at,
                                  checked=result.checked)
        if held != entry.hash:
            raise IntegrityBroken("trust.checkpoint_differs", name=entry.name(), id=entry.last_id, at=entry.at)
    return result.checked


@dataclass(frozen=True)
class Head:
    """The end of the chain: the last event's id and hash, at the hall's time of reading."""

    last_id: int
    hash: str
    at: datetime


@use_case("audit.read")
def chain_head(ctx: Context) -> Head:
    """The last event of the chain, for a checkpoint (``hall audit checkpoint``)."""
    last_id, last_hash = audit.last_event(ctx.session)
    return Head(last_id, last_hash, ctx.now())
