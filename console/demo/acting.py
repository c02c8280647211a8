"""Staff members acting inside the demo build's one transaction.

The demo builds its history through the other parts' use cases, each as the staff
member who would have done it (a clerk hands off, an agent takes the project, a
supervisor freezes a month).  :class:`Acting` calls them in the build's
transaction — its session, its clock, its queue of audit events — as that member.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from console.core.context import Context


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
        return fn(self.ctx, *args, **kwargs)
