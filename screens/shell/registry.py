"""The screens a staff member can open from home and from the command palette.

Each :class:`ScreenEntry` names a screen once: its id, its translated title, its
"group: verb" command-palette title, the permission needed to open it, the key
that opens it from the home screen and where its class lives (imported only
when it is opened).  **Adding a screen is one entry in** :data:`ENTRIES`:

.. code-block:: python

    ScreenEntry(
        id="assess",
        title_key="clerk.assess.screen",
        command_key="clerk.assess.command",
        permission="assess.manage",
        key="a",
        factory="screens.assess.assessment:AssessmentScreen",
    ),
    ScreenEntry(
        id="queue",                       # unique, also the id used in tests
        title_key="ui.screen.queue",      # home list / screen title
        command_key="ui.command.queue",   # palette title, "group: verb"
        permission="queue.operate",       # console.core.permissions name
        key="q",                          # home-screen key: one digit or letter
        factory="screens.queue:QueueScreen",  # "module:Class", built with no arguments
    )

The home screen lists :func:`entries_for` the actor's role and the palette
(:mod:`screens.shell.commands`) offers the same entries, so a role never sees a
screen it may not open.  The screen itself must still call services that
check the permission; the registry only decides what is offered.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from textual.screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    """One screen that can be opened from home and from the palette."""

    id: str
    title_key: str
    command_key: str
    permission: str
    key: str
    factory: str
    #: opened only by a staff member at a window (the window queue); others are told what to do
    needs_window: bool = False

    def create(self) -> Screen:
        """Import the screen's module (first time only) and build the screen."""
        module_name, _, class_name = self.factory.partition(":")
        screen_class = getattr(importlib.import_module(module_name), class_name)
        return screen_class()


#: every screen offered on the home screen and in the palette, in display order
ENTRIES: tuple[ScreenEntry, ...] = (
    ScreenEntry(
        id="catalog",
        title_key="ui.screen.catalog",
        command_key="ui.command.catalog",
        permission="catalog.read",
        key="c",
        factory="screens.catalog.browser:CatalogScreen",
    ),
    ScreenEntry(
        id="staff",
        title_key="ui.screen.staff",
        command_key="ui.command.staff",
        permission="staff.read",
        key="s",
        factory="screens.staff.roster:StaffScreen",
    ),
    ScreenEntry(
        id="proxy",
        title_key="proxy.ui.screen.worklist",
        command_key="proxy.ui.command.worklist",
        permission="proxy.work",
        key="p",
        factory="screens.proxy.worklist:ProxyWorklistScreen",
    ),
    ScreenEntry(
        id="intake",
        title_key="intake_ui.screen.intake",
        command_key="intake_ui.command.intake",
        permission="case.accept",
        key="i",
        factory="screens.cases.intake:IntakeScreen",
    ),
    ScreenEntry(
        id="cases",
        title_key="intake_ui.screen.cases",
        command_key="intake_ui.command.cases",
        permission="case.process",
        key="n",
        factory="screens.cases.case_screens:CaseListScreen",
    ),
    ScreenEntry(
        id="supervision",
        title_key="intake_ui.screen.supervision",
        command_key="intake_ui.command.supervision",
        permission="case.supervise",
        key="o",
        factory="screens.cases.supervision:SupervisionScreen",
    ),
    ScreenEntry(
        id="assess",
        title_key="clerk.assess.screen",
        command_key="clerk.assess.command",
        permission="assess.manage",
        key="a",
        factory="screens.assess.assessment:AssessmentScreen",
    ),
    ScreenEntry(
        id="queue",
        title_key="queue_ui.screen.queue",
        command_key="queue_ui.command.queue",
        permission="queue.operate",
        key="q",
        factory="screens.queue.window:QueueWindowScreen",
        needs_window=True,
    ),
    ScreenEntry(
        id="status",
        title_key="ops.screen.status",
        command_key="ops.command.status",
        permission="case.supervise",
        key="h",
        factory="screens.status.dashboard:StatusScreen",
    ),
    ScreenEntry(
        id="reports",
        title_key="ops.screen.reports",
        command_key="ops.command.reports",
        permission="case.read_all",
        key="r",
        factory="screens.status.reports:ReportsScreen",
    ),
)


def entries_for(role) -> list[ScreenEntry]:
    """The entries ``role`` may open, in display order."""
    from console.core.permissions import allowed

    return [entry for entry in ENTRIES if allowed(role, entry.permission)]


def entry(entry_id: str) -> ScreenEntry:
    """The entry with ``entry_id`` (``KeyError`` if none)."""
    for candidate in ENTRIES:
        if candidate.id == entry_id:
            return candidate
    raise KeyError(entry_id)


def refusal(target: ScreenEntry, actor) -> str | None:
    """Why ``actor`` cannot open ``target`` now (a message key), or ``None`` when they can.

    The window queue needs a window: an administrator (who gives windows, and has none
    of their own) is told to log in at the window as its clerk, anybody else to ask an
    administrator for one.
    """
    from console.core.permissions import allowed

    if target.needs_window and not getattr(actor, "window_id", None):
        return "roles.no_window_admin" if allowed(actor.role, "staff.manage") else "roles.no_window_staff"
    return None


def check_registry() -> None:
    """Raise ``ValueError`` when ids or keys repeat or a permission is unknown (used by the tests)."""
    from console.core.permissions import PERMISSIONS

    ids = [e.id for e in ENTRIES]
    keys = [e.key for e in ENTRIES]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate screen ids: {ids}")
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate home keys: {keys}")
    for e in ENTRIES:
        if e.permission not in PERMISSIONS:
            raise ValueError(f"{e.id}: unknown permission {e.permission!r}")
        if len(e.key) != 1 or not e.key.isalnum():
            raise ValueError(f"{e.id}: the home key must be one digit or letter, not {e.key!r}")
