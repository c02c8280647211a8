"""An amount of money that prints as yuan and stays a number where a number is wanted.

``Yuan(1250)`` is 12.50 yuan: ``str()`` gives ``"12.50"`` (tables, CSV, JSON text
as before), :attr:`Yuan.value` the :class:`~decimal.Decimal` a spreadsheet cell
takes (:mod:`console.cli.output` writes it as a number in the yuan format).
"""

from __future__ import annotations

from decimal import Decimal
from functools import total_ordering


@total_ordering
class Yuan:
    """Money in fen (分), shown as yuan with two decimals."""

    __slots__ = ("fen",)

    def __init__(self, fen: int | None) -> None:
        self.fen = int(fen or 0)

    @property
    def value(self) -> Decimal:
        return Decimal(self.fen) / 100

    def __str__(self) -> str:
        from console.core.parsing import format_yuan

        return format_yuan(self.fen)

    def __repr__(self) -> str:
        return f"Yuan({self.fen})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Yuan):
            return self.fen == other.fen
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __lt__(self, other: Yuan) -> bool:
        return self.fen < other.fen

    def __hash__(self) -> int:
        return hash(self.fen)
