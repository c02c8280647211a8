"""Staff members acting inside the demo build's one transaction, and the extensions' old entry.

The demo builds its history through the other parts' use cases, each as the staff
member who would have done it (a clerk hands off, an agent takes the project, a
supervisor freezes a month).  :class:`Acting` calls them in the build's
transaction — its session, its clock, its queue of audit events — as that
member.  Parts already on contexts are called ``fn(ctx, ...)``; a part not yet
converted is called the old way ``fn(session, actor, ...)``, which reads the same
clock through the runner's transition bridge.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, time
from typing import Any

from console.core.context import Context
from console.core.runner import UseCase


class Acting:
    """``Acting(ctx, actor)(fn, *args, **kwargs)``: run ``fn`` as ``actor`` in ``ctx``'s transaction."""

    def __init__(self, ctx: Context, actor: Any) -> None:
        self.base = ctx
        self.actor = actor

    @property
    def ctx(self) -> Context:
        """The build's context with this member acting (the same session, clock and audit queue)."""
        # made on every call: the queue of audit events is the base context's current one
        return dataclasses.replace(self.base, actor=self.actor)

    def __call__(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        if isinstance(getattr(fn, "use_case", None), UseCase):
            return fn(self.ctx, *args, **kwargs)
        return fn(self.base.session, self.actor, *args, **kwargs)  # TRANSITION: a part not yet on contexts


def legacy_extension(extension: Callable[..., Any], session: Any, rng: Any, demo: dict) -> Any:
    """TRANSITION: an extension called the old way ``extend_demo(session, rng, demo)``.

    Other parts' tests still call the extensions so.  Runs the extension's body on
    ``session`` with the clock of the runner transaction the session belongs to
    (or, outside one, standing on ``demo["today"]`` when given, else the real
    time), acting as ``demo["admin"]`` when given; its audit events are written at
    once.  Removed when every caller runs the extension through the runner.
    """
    from console.core.clock import FixedClock, SystemClock
    from console.core.runner import transition_clock

    clock = session.info.get("hall_clock")
    if clock is None:
        day = demo.get("today")
        clock = FixedClock(datetime.combine(day, time(12))) if day else SystemClock()
    ctx = Context(session, demo.get("admin"), clock, session.info.get("hall_settings"), writable=True)
    with transition_clock(clock):
        result = extension.__wrapped__(ctx, rng, demo)
        ctx.flush_audit()
    return result
