"""The ticket kiosk screen (取号机): pick a service, get a number, people ahead and the expected wait.

No log-in: the menu and the tickets are public use cases, run as nobody.  A service is
picked with Up/Down and Enter or with its letter (shown at its left); the digit
keys choose a priority kind first (1 elderly, 2 disabled, 3 military, 4 green
channel, 0 ordinary).  The ticket is shown in large characters and the screen
returns to the choice after :attr:`KioskScreen.return_after` seconds, or at
any key.  Database work runs through the App's ``run_use_case`` (thread workers).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from console.core.i18n import t
from screens.shell.base import localize_bindings
from screens.widgets.queue import BigNumber

#: digit key → priority kind
PRIORITY_KEYS = {"0": "none", "1": "elderly", "2": "disabled", "3": "military", "4": "green_channel"}


class KioskScreen(Screen):
    """The choice of services, and the printed ticket in large characters."""

    DEFAULT_CSS = """
    KioskScreen { background: $surface; overflow: hidden hidden; }
    #kiosk-switcher { height: 1fr; }
    #kiosk-title { height: 1; text-style: bold; background: $primary; color: $text; padding: 0 1; }
    #kiosk-choice, #kiosk-ticket { height: 1fr; padding: 0 1; }
    #kiosk-services { height: auto; max-height: 1fr; margin: 1 0; }
    KioskScreen .section-title { text-style: bold; color: $accent; height: 1; margin-top: 1; }
    #kiosk-priority { height: 1; text-style: bold; color: $warning; }
    #kiosk-message { height: auto; color: $error; text-style: bold; }
    .kiosk-hint { height: auto; color: $text-muted; }
    #kiosk-ticket { align: center middle; }
    #kiosk-service-name { text-style: bold; content-align: center middle; width: 1fr; height: 1; }
    #kiosk-cards { height: 5; }
    .kiosk-card { width: 1fr; height: 5; }
    .kiosk-label { width: 1fr; content-align: center middle; height: 1; }
    #kiosk-back { content-align: center middle; width: 1fr; height: 1; color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "take", "queue_ui.key.take", tooltip="queue_ui.tip.take", id="kiosk.take", show=False),
    ]
    """Enter takes a ticket for the highlighted service (letters and digits are read in ``on_key``)."""

    def __init__(self, *, site: str | None = None, return_after: float = 8.0) -> None:
        super().__init__()
        localize_bindings(self)
        self.site = site
        self.return_after = return_after
        self.menu: list = []
        self.priority = "none"
        #: the last ticket taken (tests read it)
        self.ticket = None
        self._countdown = None

    def compose(self) -> ComposeResult:
        yield Static(t("queue_ui.kiosk.title"), id="kiosk-title", markup=False)
        with ContentSwitcher(initial="kiosk-choice", id="kiosk-switcher"):
            with Vertical(id="kiosk-choice"):
                yield Static(t("queue_ui.kiosk.choose"), classes="section-title", markup=False)
                yield OptionList(id="kiosk-services")
                yield Static("", id="kiosk-priority", markup=False)
                yield Static("", id="kiosk-message", markup=False)
                yield Static(t("queue_ui.kiosk.hint"), classes="kiosk-hint", markup=False)
            with Vertical(id="kiosk-ticket"):
                yield Static("", id="kiosk-service-name", markup=False)
                with Horizontal(id="kiosk-cards"):
                    with Vertical(classes="kiosk-card"):
                        yield Static(t("queue_ui.kiosk.your_number"), classes="kiosk-label", markup=False)
                        yield BigNumber("", id="kiosk-number")
                    with Vertical(classes="kiosk-card"):
                        yield Static(t("queue_ui.kiosk.ahead"), classes="kiosk-label", markup=False)
                        yield BigNumber("", id="kiosk-ahead")
                    with Vertical(classes="kiosk-card"):
                        yield Static(t("queue_ui.kiosk.wait"), classes="kiosk-label", markup=False)
                        yield BigNumber("", id="kiosk-wait")
                yield Static("", id="kiosk-summary", classes="kiosk-label", markup=False)
                yield Static(t("queue_ui.kiosk.back"), id="kiosk-back", markup=False)

    def on_mount(self) -> None:
        self.show_priority()
        self.query_one("#kiosk-services", OptionList).focus()
        self.load_menu()

    # -- database work ---------------------------------------------------------------------

    def load_menu(self) -> None:
        """Read the services with their letters and waiting counts."""
        from console.queue.views import kiosk_menu

        self.app.run_use_case(self, kiosk_menu, site=self.site, on_result=self.show_menu, group="menu")

    def take(self, code: str, priority: str) -> None:
        """Take a ticket for ``code`` as the kiosk; a domain error is shown on the choice screen."""
        from console.queue.tickets import take_ticket

        self.app.run_use_case(self, take_ticket, code, priority=None if priority == "none" else priority,
                              site=self.site, on_result=self.show_ticket,
                              on_error=lambda error: self.show_problem(error.message), group="take")

    def on_worker_state_changed(self, event) -> None:
        """Forward to the App's one error handler (the message does not bubble)."""
        self.app.on_worker_state_changed(event)

    # -- drawing ---------------------------------------------------------------------------

    def show_menu(self, menu) -> None:
        self.menu = menu
        options = self.query_one("#kiosk-services", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for item in menu:
            prefix = "" if item.prefix.lower() == item.key else f"  ({item.prefix})"
            label = Text.assemble((f" {item.key.upper()} ", "bold reverse"), "  ", (item.name, "bold"), prefix,
                                  ("  " + t("queue_ui.kiosk.waiting", count=item.waiting), "dim"))
            options.add_option(Option(label, id=item.code))
        if menu:
            options.highlighted = min(highlighted or 0, len(menu) - 1)
        else:
            self.show_problem(t("queue_ui.kiosk.no_services"))

    def show_priority(self) -> None:
        kind = t("queue_ui.kiosk.ordinary") if self.priority == "none" else t(f"queue_ui.priority.{self.priority}")
        self.query_one("#kiosk-priority", Static).update(t("queue_ui.kiosk.priority", kind=kind))

    def show_problem(self, message: str) -> None:
        self.query_one("#kiosk-message", Static).update(message)

    def show_ticket(self, ticket) -> None:
        """Show the ticket in large characters, then return to the choice after a while."""
        self.ticket = ticket
        self.priority = "none"
        self.show_priority()
        self.show_problem("")
        name = ticket.service_name
        if ticket.priority != "none":
            name += " · " + t(f"queue_ui.priority.{ticket.priority}")
        self.query_one("#kiosk-service-name", Static).update(name)
        self.query_one("#kiosk-number", BigNumber).update(ticket.number)
        self.query_one("#kiosk-ahead", BigNumber).update(str(ticket.ahead))
        self.query_one("#kiosk-wait", BigNumber).update(str(ticket.expected_wait_minutes))
        self.query_one("#kiosk-summary", Static).update(
            t("queue_ui.kiosk.summary", number=ticket.number, ahead=ticket.ahead,
              minutes=ticket.expected_wait_minutes))
        self.query_one("#kiosk-switcher", ContentSwitcher).current = "kiosk-ticket"
        if self._countdown is not None:
            self._countdown.stop()
        self._countdown = self.set_timer(self.return_after, self.back_to_choice)

    def back_to_choice(self) -> None:
        if self._countdown is not None:
            self._countdown.stop()
            self._countdown = None
        self.query_one("#kiosk-switcher", ContentSwitcher).current = "kiosk-choice"
        options = self.query_one("#kiosk-services", OptionList)
        options.focus()
        if self.menu:
            options.highlighted = 0  # the next applicant starts at the top
        self.load_menu()

    @property
    def showing_ticket(self) -> bool:
        return self.query_one("#kiosk-switcher", ContentSwitcher).current == "kiosk-ticket"

    # -- keys ------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Any key leaves the ticket view; a digit picks the priority; a letter takes its service."""
        if self.showing_ticket:
            event.stop()
            event.prevent_default()
            self.back_to_choice()
            return
        char = (event.character or "").lower()
        if char in PRIORITY_KEYS:
            event.stop()
            self.priority = PRIORITY_KEYS[char]
            self.show_priority()
            return
        for index, item in enumerate(self.menu):
            if char and char == item.key:
                event.stop()
                event.prevent_default()
                self.query_one("#kiosk-services", OptionList).highlighted = index
                self.take(item.code, self.priority)
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.take(event.option.id, self.priority)

    def action_take(self) -> None:
        options = self.query_one("#kiosk-services", OptionList)
        if options.highlighted is not None and self.menu:
            self.take(self.menu[options.highlighted].code, self.priority)
