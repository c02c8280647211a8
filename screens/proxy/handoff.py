"""The hand-off form: from the ticket being served, a clerk hands the investor to the proxy section.

Opened with ``d`` on the window screen (:class:`screens.queue.window.QueueWindowScreen`):
:func:`open_handoff` shows the enterprise and project fields one line each (it
fits 80×24) and runs :func:`console.proxy.projects.handoff` with the ticket, which
closes with it.  A refusal (a bad credit code, a missing field, another ticket
being served) is shown in the form, which stays open as typed.  What was typed is kept
as each field is left, and when the form is refused or left with "keep"
(:func:`console.proxy.kept.keep_handoff`: in the database, the clerk's own), so that ``d``
for the same ticket brings it back — after Escape, a restart or on another terminal —
until a hand-off succeeds.  Escape on a changed form asks first: keep it for the next
``d``, discard it, or stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Input

from console.core.i18n import t
from console.proxy.fields import check_handoff_field
from console.proxy.kept import HANDOFF_FIELDS
from screens.proxy.form import ProxyFormScreen


class HandoffFormScreen(ProxyFormScreen):
    """The proxy hand-off form, one labelled line a field (as every proxy form) so that it fits 80×24;
    what is typed is kept as each field is left."""

    def on_mount(self) -> None:
        self._kept_values = self.values()
        self._handed_off = False

    def on_input_blurred(self, event: Input.Blurred) -> None:
        if self.remember is None or self.busy or self._handed_off or not self.is_attached:
            return  # a hand-off under way or done forgets what was kept
        values = self.values()
        if values != self._kept_values:
            self._kept_values = values
            self.remember(values)

    def succeeded(self, result: Any) -> None:
        self._handed_off = True
        super().succeeded(result)


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

    What was typed is kept (:func:`console.proxy.kept.keep_handoff`) until a hand-off succeeds;
    ``screen.handoff_drafts`` (ticket → the form as last kept, ``None`` once discarded) saves
    reading it back while the screen lives.
    """
    from console.proxy.kept import keep_handoff, kept_handoff

    drafts = getattr(screen, "handoff_drafts", None)
    if drafts is None:
        drafts = screen.handoff_drafts = {}  # ticket → the form as last kept (None: discarded)

    def keep(values: dict[str, str] | None) -> None:
        drafts[ticket] = values
        screen.run_use_case(keep_handoff, ticket, values, group="keep_handoff", exclusive=False)

    def closed(project) -> None:
        if project is None:  # cancelled: what was kept stays for the next `d`
            return
        drafts.pop(ticket, None)  # the hand-off forgot it in the database
        on_done(project.number)

    def show(values: dict[str, str] | None) -> None:
        if not screen.is_attached:
            return
        fields = [(name, t(f"queue_ui.handoff.{name}")) for name in HANDOFF_FIELDS]
        form = HandoffFormScreen(t("queue_ui.handoff.name", number=ticket), fields,
                                 heading=t("queue_ui.handoff.title", number=ticket), values=values,
                                 submit=_handoff_of(ticket), on_refused=keep, remember=keep,
                                 check=check_handoff_field)
        screen.app.push_screen(form, closed)

    if ticket in drafts:  # this screen kept or discarded it: that is the latest
        show(drafts[ticket])
    else:  # kept before a restart, or on another terminal
        screen.run_use_case(kept_handoff, ticket, on_result=show, group="kept_handoff")
