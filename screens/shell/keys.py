"""The keys a user can see: the key bar at the bottom of every screen and the keys panel (F1).

Both read the same list, :func:`key_groups`: the keys active on the screen right
now, in three groups —

* **own**: the screen's (and its dialogs') own bindings, in declaration order; every
  one of them has an ``id`` (``<screen>.<action>``), which is how they are told apart
  from Textual's;
* **global**: log out, the keys panel, the command palette, quit (declared by the App,
  or repeated by a screen);
* **general**: Textual's built-in moving and editing keys of the focused widget
  (cursor, page, copy, next field…), translated by action
  (``clerk.builtin.<action>`` in the ``hall.po`` catalogs of :mod:`console.core.i18n`).

The key bar (:class:`KeyBar`) shows the own keys that are marked ``show`` first, then
the global ones, on one line when they fit and on two when not; what does not fit on two
lines is left to the keys panel, and ``F1`` is always shown.  The keys panel
(:class:`KeysScreen`) lists all three groups with the keys' tooltips, in the interface
language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import key_to_character
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from console.core.i18n import catalog, t

#: actions of the keys that work everywhere (App bindings, or a screen repeating one)
GLOBAL_ACTIONS = ("app.toggle_keys", "toggle_keys", "app.logout", "logout", "app.command_palette",
                  "command_palette", "app.quit", "quit")
#: the global keys in the order the key bar shows them
_GLOBAL_ORDER = {"toggle_keys": 0, "logout": 1, "command_palette": 2, "quit": 3}

_NAMES = {"up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn",
          "home": "Home", "end": "End", "insert": "Ins"}


def key_label(key: str, *, short: bool = True) -> str:
    """How a Textual key name is shown: ``n``, ``F10``, ``Esc``, ``^Q`` (``Ctrl+Q`` when not ``short``)."""
    *modifiers, last = key.split("+") if key != "+" else ["+"]
    if last in _NAMES:
        name = _NAMES[last]
    elif f"clerk.key.name.{last}" in catalog():
        name = t(f"clerk.key.name.{last}")
    elif len(last) > 1 and last[0] == "f" and last[1:].isdigit():
        name = last.upper()
    elif len(last) == 1:
        name = last.upper() if modifiers else last
    elif (character := key_to_character(last)) and character.isprintable() and not character.isspace():
        name = character  # "right_square_bracket" → "]"
    else:
        name = last.replace("_", " ").title()
    if modifiers == ["ctrl"] and short and len(name) == 1:
        return f"^{name}"
    return "+".join([m.title() for m in modifiers] + [name])


def builtin_description(binding: Binding) -> str:
    """The translated description of one of Textual's own bindings (by action), else its own text."""
    key = f"clerk.builtin.{binding.action}"
    return t(key) if key in catalog() else binding.description


@dataclass
class KeyItem:
    """One action and the keys bound to it."""

    action: str
    keys: list[str]
    description: str
    tooltip: str = ""
    enabled: bool = True
    show: bool = True

    def label(self, short: bool = True) -> str:
        return " / ".join(key_label(k, short=short) for k in self.keys)


@dataclass
class KeyGroups:
    own: list[KeyItem] = field(default_factory=list)
    global_: list[KeyItem] = field(default_factory=list)
    general: list[KeyItem] = field(default_factory=list)


def _bare(action: str) -> str:
    return action.rpartition(".")[2] if action.startswith(("app.", "screen.")) else action


def key_groups(screen: Screen) -> KeyGroups:
    """The keys active on ``screen`` now, grouped (see the module docstring)."""
    groups = KeyGroups()
    by_action: dict[tuple[str, str], KeyItem] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.action in GLOBAL_ACTIONS:
            target, slot, description = groups.global_, ("global", _bare(binding.action)), binding.description
        elif binding.id:
            target, slot, description = groups.own, ("own", binding.action), binding.description
        else:
            description = builtin_description(binding)
            if not description:
                continue
            target, slot = groups.general, ("general", binding.action)
        item = by_action.get(slot)
        if item is None:
            item = KeyItem(binding.action, [], description, binding.tooltip or "", active.enabled, binding.show)
            by_action[slot] = item
            target.append(item)
        item.keys.append(key)
        item.show = item.show or binding.show
    groups.global_.sort(key=lambda item: _GLOBAL_ORDER.get(_bare(item.action), 9))
    return groups


def bar_lines(groups: KeyGroups, width: int, *, max_lines: int = 2) -> list[list[KeyItem]]:
    """The key bar's items in lines of at most ``width`` cells: own keys first, F1 always shown."""
    own = [item for item in groups.own if item.show]
    keys_item = [item for item in groups.global_ if _bare(item.action) == "toggle_keys"]
    others = [item for item in groups.global_ if _bare(item.action) != "toggle_keys"]

    def cells(item: KeyItem) -> int:
        return cell_len(item.label()) + 1 + cell_len(item.description)

    def pack(items: list[KeyItem]) -> list[list[KeyItem]]:
        lines: list[list[KeyItem]] = [[]]
        used = 0
        for item in items:
            need = cells(item) + (2 if lines[-1] else 1)
            if lines[-1] and used + need > width:
                lines.append([])
                used, need = 0, cells(item) + 1
            lines[-1].append(item)
            used += need
        return lines

    items = own + keys_item + others
    lines = pack(items)
    while len(lines) > max_lines and (others or own):
        # leave to the keys panel the global keys first, then the screen's last keys
        (others if others else own).pop()
        lines = pack(own + keys_item + others)
    return [line for line in lines if line]


class KeyBar(Static):
    """The key bar at the bottom of a screen: its own keys first, F1 always there (see :func:`bar_lines`)."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: auto; max-height: 2; background: $footer-background;
             color: $footer-description-foreground; }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--disabled { color: $text-disabled; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--disabled"}

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        #: the lines last drawn, as plain text (tests read it)
        self.plain = ""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.refresh_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.refresh_keys)

    def on_resize(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        if not self.is_attached:
            return
        width = self.size.width or self.app.size.width
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        off_style = self.get_component_rich_style("keybar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(bar_lines(key_groups(self.screen), width)):
            if number:
                text.append("\n")
            for index, item in enumerate(line):
                text.append("  " if index else " ")
                text.append(item.label(), style=key_style if item.enabled else off_style)
                text.append(" " + item.description, style="" if item.enabled else off_style)
        self.plain = text.plain
        self.update(text)


def groups_table(items: list[KeyItem]) -> Table:
    """A borderless table of keys, descriptions and tooltips (Rich measures cells, so Chinese lines up)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for item in items:
        tip = item.tooltip if item.tooltip and item.tooltip != item.description else ""
        if not item.enabled:
            tip = f"{tip} {t('clerk.keys.disabled')}".strip()
        table.add_row(item.label(short=False), item.description, Text(tip, style="dim"))
    return table


class KeysScreen(ModalScreen[None]):
    """The keys panel (F1): the screen's keys first, then the global ones, then moving and editing."""

    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll { width: 100%; max-width: 100; height: 100%; border: round $accent;
        background: $panel; padding: 0 1; }
    KeysScreen .keys-group { text-style: bold; color: $accent; margin-top: 1; }
    KeysScreen .keys-group.-first { margin-top: 0; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,f1", "close", show=False),
        Binding("up", "scroll('up')", show=False),
        Binding("down", "scroll('down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("pagedown", "scroll('page_down')", show=False),
    ]

    def __init__(self, screen_title: str, groups: KeyGroups) -> None:
        super().__init__()
        self.screen_title = screen_title
        self.groups = groups

    def sections(self) -> list[tuple[str, list[KeyItem]]]:
        """``(heading, items)`` of each non-empty group, in order (tests read it)."""
        parts = [(t("clerk.keys.group.own", screen=self.screen_title), self.groups.own),
                 (t("clerk.keys.group.global"), self.groups.global_),
                 (t("clerk.keys.group.general"), self.groups.general)]
        return [(heading, items) for heading, items in parts if items]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys-panel") as scroll:
            scroll.border_title = t("clerk.keys.title", screen=self.screen_title)
            scroll.border_subtitle = t("clerk.keys.hint")
            for number, (heading, items) in enumerate(self.sections()):
                yield Static(heading, classes="keys-group" + (" -first" if number == 0 else ""), markup=False)
                yield Static(groups_table(items))

    def action_scroll(self, how: str) -> None:
        scroll = self.query_one("#keys-panel", VerticalScroll)
        getattr(scroll, f"scroll_{how}")(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


def translated_builtin(binding: Binding) -> Binding:
    """``binding`` with a translated description if it is one of Textual's own."""
    return dataclasses.replace(binding, description=builtin_description(binding))
