"""Revealing the contact phone of an investment project's enterprise: ``personal.full``, audited.

The project screen and ``hall proxy show`` show it masked for every role; the screen's
key and ``hall proxy show --reveal`` run :func:`reveal_projects` (one
``personal.revealed`` event per project, naming the staff member, the project and the
field).  Reading the project needs ``proxy.work`` as reading it always does.
"""

from __future__ import annotations

from collections.abc import Sequence

from console.core.context import Context
from console.core.permissions import require
from console.core.personal import REVEALED, Revealed
from console.core.runner import use_case
from console.proxy.projects import load_project


@use_case("personal.full", write=True, audit=REVEALED)
def reveal_projects(ctx: Context, numbers: str | Sequence[str]) -> list[Revealed]:
    """The full contact phone of each project's enterprise."""
    require(ctx.actor, "proxy.work")
    revealed = []
    for number in [numbers] if isinstance(numbers, str) else list(numbers):
        project = load_project(ctx.session, number)
        shown = Revealed.of("project", project.number, {"phone": project.enterprise.contact_phone})
        if shown.values:
            ctx.audit(REVEALED, "project", project.number, shown.summary())
        revealed.append(shown)
    return revealed
