"""The dialogs of the clerk's window screen: transfer to a service or window, call a number out of
order with a reason.  The proxy hand-off form (key ``d``) is the proxy section's:
:mod:`screens.proxy.handoff`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from console.core.i18n import t
from screens.shell.base import localize_bindings

class TransferDialog(ModalScreen):
    """Pick a service or a window to transfer the current ticket to (Enter), Escape cancels.

    Letters typed filter the list by code, name or window number (``gaj``, ``公安``, ``12``);
    Up and Down move in it from the filter box.
    """

    DEFAULT_CSS = """
    TransferDialog { align: center middle; }
    TransferDialog > Vertical { width: 60; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $panel; padding: 0 1; }
    TransferDialog #transfer-filter { height: 1; border: none; padding: 0 1; margin: 0; background: $boost; }
    TransferDialog OptionList { height: auto; max-height: 16; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "ui.key.back", tooltip="queue_ui.tip.cancel", id="queue.transfer.cancel"),
    ]
    """Escape closes the dialog without transferring; Enter picks the highlighted target."""

    def __init__(self, targets) -> None:
        super().__init__()
        localize_bindings(self)
        self.targets = targets
        #: every target as ``(id, label, what a filter matches)``
        self.choices = [(f"service:{code}", t("queue_ui.transfer.service", code=code, name=name),
                         f"{code} {name}".casefold()) for code, name in targets.services]
        self.choices += [(f"window:{number}", t("queue_ui.transfer.window", number=number, name=name),
                          f"{number} {name}".casefold()) for number, name in targets.windows]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("queue_ui.transfer.title"), classes="section-title", markup=False)
            yield Input(id="transfer-filter", placeholder=t("queue_ui.transfer.filter"))
            yield OptionList(*[Option(label, id=key) for key, label, _ in self.choices], id="transfer-options")
            yield Static(t("queue_ui.dialog.hint"), classes="screen-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0 if self.choices else None
        self.query_one("#transfer-filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        words = event.value.casefold().split()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(label, id=key) for key, label, text in self.choices
                             if all(word in text for word in words)])
        options.highlighted = 0 if options.option_count else None

    def on_key(self, event) -> None:
        if event.key in ("up", "down", "pageup", "pagedown") and self.focused is self.query_one("#transfer-filter"):
            event.stop()
            event.prevent_default()
            options = self.query_one(OptionList)
            getattr(options, {"up": "action_cursor_up", "down": "action_cursor_down",
                              "pageup": "action_page_up", "pagedown": "action_page_down"}[event.key])()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.pick(options.get_option_at_index(options.highlighted))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option)

    def pick(self, option: Option) -> None:
        kind, _, value = (option.id or "").partition(":")
        self.dismiss((kind, value, str(option.prompt)))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CallNumberDialog(ModalScreen):
    """Type a waiting number and the reason to call it out of order; Enter in the reason calls."""

    DEFAULT_CSS = """
    CallNumberDialog { align: center middle; }
    CallNumberDialog > Vertical { width: 60; max-width: 95%; height: auto; border: round $accent;
        background: $panel; padding: 0 1; }
    CallNumberDialog Input { margin: 0; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "ui.key.back", tooltip="queue_ui.tip.cancel",
                id="queue.call_number.cancel"),
    ]
    """Escape closes the dialog without calling; Enter moves to the reason, then calls."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("queue_ui.call_number.title"), classes="section-title", markup=False)
            yield Input(id="call-number", placeholder=t("queue_ui.call_number.number_hint"))
            yield Input(id="call-reason", placeholder=t("queue_ui.call_number.reason_hint"))
            yield Static("", id="call-problem", markup=False)

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = getattr(self.app, "cursor_blink", True)
        self.query_one("#call-number", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        number = self.query_one("#call-number", Input).value.strip()
        reason = self.query_one("#call-reason", Input).value.strip()
        if event.input.id == "call-number" and number:
            self.query_one("#call-reason", Input).focus()
            return
        if not number or not reason:
            self.query_one("#call-problem", Static).update(t("queue_ui.call_number.missing"))
            return
        self.dismiss((number, reason))

    def action_cancel(self) -> None:
        self.dismiss(None)
