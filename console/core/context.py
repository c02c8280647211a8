"""The context a use case runs in: its session, who acts, the clock, the settings.

A use case is ``fn(ctx, ...)`` (see :mod:`console.core.runner`).  It reads the
database through ``ctx.session``, the time through ``ctx.now()`` / ``ctx.today()``,
asks ``ctx.allowed(...)`` for finer permissions than the one its declaration
checks, and appends audit events with ``ctx.audit(...)``.  The runner writes the
queued events at the end of the transaction, in order, with the same clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from console.core.permissions import allowed, require

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.orm import Session

    from console.core.auth import Actor
    from console.core.clock import Clock
    from console.core.runner import UseCase
    from console.core.settings import Settings


@dataclass(frozen=True)
class PendingEvent:
    """An audit event queued by a use case, written when its transaction ends."""

    action: str
    entity_type: str
    entity_id: str
    summary: dict
    actor: Any


@dataclass
class Context:
    """One use case's view of the world, for the length of one transaction."""

    session: Session
    actor: Actor | None
    clock: Clock
    settings: Settings | None = None
    #: True inside a write transaction
    writable: bool = False
    #: the runner builds a :class:`~console.core.runner.Later` result after the commit (direct use cases)
    later: bool = False
    #: audit events queued by the use cases run in this transaction
    events: list[PendingEvent] = field(default_factory=list)
    #: the declarations of the use cases running, outermost first
    running: list[UseCase] = field(default_factory=list)
    #: what this transaction appended to the chain: the first and last ids, the last hash, the actions
    appended: tuple[int, int, str] | None = None
    appended_actions: set[str] = field(default_factory=set)

    # -- time -------------------------------------------------------------------

    def now(self) -> datetime:
        """The hall's local time (naive, to the second) from the injected clock."""
        return self.clock.now()

    def today(self) -> date:
        """The hall's local date from the injected clock."""
        return self.clock.today()

    # -- permissions ------------------------------------------------------------

    def allowed(self, permission: str) -> bool:
        """True when the acting staff member holds ``permission`` (never for nobody)."""
        return self.actor is not None and allowed(self.actor.role, permission)

    def require(self, permission: str) -> None:
        """Raise :class:`~console.core.errors.PermissionDenied` unless :meth:`allowed`."""
        require(self.actor, permission)

    # -- audit ------------------------------------------------------------------

    def audit(self, action: str, entity_type: str, entity_id: object, summary: dict | None = None,
              *, actor: Any = ...) -> None:
        """Queue one audit event (personal data in ``summary`` already masked).

        ``action`` must be one the running use case declared.  ``actor`` defaults to
        the acting staff member; pass another (or ``None`` for the system) where the
        event is about someone else acting, as a failed log-in is.
        """
        if not self.writable:
            raise RuntimeError(f"audit event {action!r} outside a write transaction")
        if self.running:
            declared = self.running[-1]
            if action not in declared.audit:
                raise RuntimeError(f"use case {declared.name} does not declare audit action {action!r}")
        self.events.append(PendingEvent(action, entity_type, str(entity_id), dict(summary or {}),
                                        self.actor if actor is ... else actor))

    def flush_audit(self) -> None:
        """Write the queued events to the chain now (the runner does this at the end)."""
        if not self.events:
            return
        from console.core.audit import append

        events, self.events = self.events, []
        written = append(self.session, events, at=self.now())
        first = self.appended[0] if self.appended else written[0].id
        self.appended = (first, written[-1].id, written[-1].hash)
        self.appended_actions.update(e.action for e in written)
