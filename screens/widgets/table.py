"""The console's table: Textual's DataTable where Home and End go to the first and last row.

Textual's DataTable scrolls sideways on Home/End (its first and last row are Ctrl+Home/Ctrl+End);
in a list of tickets, cases or items the rows are what a clerk moves through.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.widgets import DataTable


class HallTable(DataTable):
    """A DataTable whose Home/End move the cursor to the first/last row."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
    ]
