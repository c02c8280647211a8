"""The home screen: the screens the logged-in role may open, one key each."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from console.core.i18n import t
from screens.shell.base import HallScreen
from screens.shell.registry import ScreenEntry, entries_for


class HomeScreen(HallScreen):
    """A list of :func:`screens.shell.registry.entries_for` the actor's role.

    Up/Down and Enter open the highlighted screen; each entry's own key (shown
    at its left) opens it directly.
    """

    title_key = "ui.screen.home"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "open_highlighted", "ui.key.open", tooltip="ui.tip.open", id="home.open",
                show=True),
    ]
    """Enter opens the highlighted screen (entry keys are handled in ``on_key``)."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[ScreenEntry] = entries_for(self.actor.role) if self.actor else []
        self.opening = False

    def compose_body(self) -> ComposeResult:
        yield Static(self._welcome(), id="home-welcome", markup=False)
        yield OptionList(*[self._option(e) for e in self.entries], id="home-list")
        yield Static(t("ui.home.nothing"), id="home-empty", markup=False)
        yield Static(t("ui.home.hint"), classes="screen-hint", markup=False)

    def _welcome(self) -> str:
        return t("ui.home.welcome", name=self.actor.name if self.actor else "")

    def _show_entries(self) -> None:
        self.query_one("#home-list", OptionList).display = bool(self.entries)
        self.query_one("#home-empty", Static).display = not self.entries

    def show_for_actor(self) -> None:
        """Fill a home composed before anybody logged in (:meth:`screens.apps.console.HallApp.prepare_home`)
        for the logged-in actor: the welcome, the entries of their role, the header."""
        from screens.shell.header import HallHeader

        self.entries = entries_for(self.actor.role) if self.actor else []
        self.query_one("#home-welcome", Static).update(self._welcome())
        options = self.query_one("#home-list", OptionList)
        options.clear_options()
        options.add_options([self._option(e) for e in self.entries])
        if self.entries:
            options.highlighted = 0
        self._show_entries()
        for header in self.query(HallHeader):
            header.refresh_text()
        self._on_logged_in()

    @staticmethod
    def _option(entry: ScreenEntry) -> Option:
        label = Text.assemble((f" {entry.key} ", "bold reverse"), "  ", t(entry.title_key),
                              ("  " + t(entry.command_key), "dim"))
        return Option(label, id=entry.id)

    def on_mount(self) -> None:
        self._show_entries()
        self._on_logged_in()

    def _on_logged_in(self) -> None:
        if self.actor is None:
            return  # composed ahead of the log-in: show_for_actor follows
        if self.entries:
            self.query_one(OptionList).focus()
        if self.hall.session_info is None:
            from console.org.session_info import session_info

            self.run_use_case(session_info, on_result=self.placed, group="session_info")

    def placed(self, info) -> None:
        """Where the staff member works is known: every header shows it from now on."""
        self.hall.placed(info)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.open(event.option.id)

    def action_open_highlighted(self) -> None:
        if not self.entries:
            return
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            self.open(self.entries[option_list.highlighted].id)

    def open(self, entry_id: str) -> None:
        """Open ``entry_id``; until this screen is shown again, keys go to the new screen."""
        self.opening = self.hall.open_entry(entry_id)

    def on_screen_resume(self) -> None:
        self.opening = False

    def on_key(self, event: events.Key) -> None:
        """An entry's key opens it; keys typed ahead of the new screen are passed on to it."""
        if self.opening:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        for entry in self.entries:
            if event.character and event.character.lower() == entry.key:
                event.stop()
                event.prevent_default()
                self.open(entry.id)
                return
