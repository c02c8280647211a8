"""Reading what people type: dates, times, months, material positions, amounts of money.

Every parser takes the text as typed (surrounding blanks, full-width commas and
colons are fine) and the name of the field it came from, and raises
:class:`~console.core.errors.Invalid` naming that field with one message per kind
of value, in both languages.  The CLI, the screens and the imports share them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from console.core.errors import Invalid

_FULL_WIDTH = str.maketrans({"，": ",", "：": ":", "－": "-", "．": ".", "　": " "})


def _clean(text: object) -> str:
    return str(text if text is not None else "").translate(_FULL_WIDTH).strip()


def parse_date(text: object, field: str = "date") -> date:
    """``2026-12-01`` → a date."""
    value = _clean(text)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid("errors.bad_date", field=field, value=text) from None


def parse_optional_date(text: object, field: str = "date") -> date | None:
    """As :func:`parse_date`, but empty text is ``None``."""
    return parse_date(text, field) if _clean(text) else None


def parse_time(text: object, field: str = "time") -> time:
    """``08:30`` → a time of day."""
    value = _clean(text)
    match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", value)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise Invalid("errors.bad_time", field=field, value=text)
    return time(int(match.group(1)), int(match.group(2)))


def parse_optional_time(text: object, field: str = "time") -> time | None:
    """As :func:`parse_time`, but empty text is ``None``."""
    return parse_time(text, field) if _clean(text) else None


def parse_datetime(text: object, field: str = "at") -> datetime:
    """``2026-12-01 15:08`` (or a date alone, meaning its midnight) → the hall's local time.

    A time-zone offset is refused: the hall keeps local wall-clock times.
    """
    value = _clean(text)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid("errors.bad_datetime", field=field, value=text) from None
    if moment.tzinfo is not None:
        raise Invalid("errors.datetime_zone", field=field, value=text)
    return moment.replace(microsecond=0)


def parse_positions(text: object, field: str = "materials") -> tuple[int, ...]:
    """``1,2, 4`` (or ``1，2``) → material positions in the order given, without repeats."""
    out: list[int] = []
    for part in _clean(text).split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise Invalid("errors.bad_positions", field=field, value=text)
        if int(part) not in out:
            out.append(int(part))
    return tuple(out)


#: compiled when first used (by :mod:`re`'s cache), not by every command that parses a date
_AMOUNT = r"[+-]?[0-9]+(\.[0-9]+)?"


#: the Chinese units an amount may be written in (``5000万``, ``1.2亿元``): yuan per unit
_UNITS = {"万": 10_000, "亿": 100_000_000}


def parse_yuan(text: object, field: str = "amount", *, max_yuan: int | None = None) -> int:
    """An amount of yuan (``12.5``, ``1,234.56``, ``12.50元``, ``5000万``, ``1.2亿``, a Decimal) → fen, exactly.

    Empty text, a negative amount, more than two decimals of a yuan and (with
    ``max_yuan``) an amount above the limit are :class:`Invalid`.
    """
    from decimal import Decimal, InvalidOperation

    value = _clean(text).replace(",", "").replace("，", "").removesuffix("元").rstrip()
    scale = _UNITS.get(value[-1:], 1)
    if scale != 1:
        value = value[:-1].rstrip()
    if not value:
        raise Invalid("errors.amount_required", field=field)
    if not re.fullmatch(_AMOUNT, value):
        raise Invalid("errors.bad_amount", field=field, value=text)
    try:
        amount = Decimal(value) * scale
    except InvalidOperation:  # pragma: no cover - the pattern rules it out
        raise Invalid("errors.bad_amount", field=field, value=text) from None
    if amount < 0:
        raise Invalid("errors.negative_amount", field=field)
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise Invalid("errors.bad_amount", field=field, value=text)
    if max_yuan is not None and amount > max_yuan:
        raise Invalid("errors.amount_too_large", field=field, limit=format_yuan(max_yuan * 100))
    return int(fen)


def format_yuan(fen: int, *, grouped: bool = False) -> str:
    """``12345`` → ``"123.45"`` (``grouped``: ``"1,234,567.00"``)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    text = f"{whole:,}" if grouped else str(whole)
    return f"{sign}{text}.{cents:02d}"
