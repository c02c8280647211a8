"""The hand-off form: from the ticket being served, a clerk hands the investor to the proxy section.

Opened with ``d`` on the window screen (:class:`screens.queue.window.QueueWindowScreen`):
:func:`open_handoff` shows the enterprise and project fields one line each (it
fits 80×24) and runs :func:`console.proxy.projects.handoff` with the ticket, which
closes with it.  A refusal (a bad credit code, a missing field, another ticket
being served) is shown in the form, which stays open as typed; what was typed is
also kept on the window screen, so that after Escape ``d`` brings it back until a
hand-off succeeds.  Escape on a changed form asks first: keep it for the next ``d``,
discard it, or stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from console.core.i18n import t
from console.proxy.fields import check_handoff_field
from screens.proxy.form import ProxyFormScreen

#: the hand-off form's fields, in order (labels are ``queue_ui.handoff.<name>``; Invalid fields name them)
HANDOFF_FIELDS = ("enterprise", "uscc", "contact", "phone", "project", "location", "investment", "industry")


class HandoffFormScreen(ProxyFormScreen):
    """The proxy hand-off form, one labelled line a field (as every proxy form) so that it fits 80×24."""


def _handoff_of(ticket: str) -> Callable[[dict[str, str]], tuple[Callable[..., Any], tuple, dict]]:
    def submit(values: dict[str, str]):
        from console.proxy.projects import EnterpriseData, ProjectData, handoff

        enterprise = EnterpriseData(name=values["enterprise"], uscc=values["uscc"],
                                    contact_name=values["contact"], contact_phone=values["phone"])
        project = ProjectData(name=values["project"], location=values["location"],
                              investment_yuan=values["investment"] or "", industry=values["industry"])
        return handoff, (), {"enterprise": enterprise, "project": project, "ticket": ticket}

    return submit


def open_handoff(screen, ticket: str, on_done: Callable[[str], None]) -> None:
    """Open the hand-off form over ``screen`` for ``ticket``; ``on_done(project_number)`` once handed off.

    ``screen.handoff_draft`` keeps what was typed in a refused hand-off until one succeeds.
    """
    def keep(values: dict[str, str] | None) -> None:
        screen.handoff_draft = values

    def closed(project) -> None:
        if project is None:  # cancelled: a refused draft stays for the next `d`
            return
        screen.handoff_draft = None
        on_done(project.number)

    fields = [(name, t(f"queue_ui.handoff.{name}")) for name in HANDOFF_FIELDS]
    form = HandoffFormScreen(t("queue_ui.handoff.name", number=ticket), fields,
                             heading=t("queue_ui.handoff.title", number=ticket),
                             values=getattr(screen, "handoff_draft", None), submit=_handoff_of(ticket),
                             on_refused=keep, remember=keep, check=check_handoff_field)
    screen.app.push_screen(form, closed)
