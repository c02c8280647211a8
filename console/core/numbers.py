"""Numbers as people read them: thousands separators, yuan with two decimals (and 万元 for large
amounts in Chinese), English plurals, and padding by terminal cells.

* :func:`number_text` — ``3000`` → ``"3,000"``;
* :func:`yuan_text` — fen → ``"50,000,000.00 yuan"`` / ``"50,000,000.00 元（5,000.00 万元）"``;
* :func:`plural` — ``plural(1, "working day")`` → ``"1 working day"``, ``2`` → ``"2 working days"``
  (Chinese has no plural: the message itself carries the measure word);
* :func:`pad` — pad or cut a text to a width in terminal cells (a Chinese character is two cells),
  never in the middle of a character.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

#: amounts from this many yuan on are also shown in 万元 in Chinese
WAN_FROM_YUAN = 100_000

_IRREGULAR = {"person": "people", "day": "days", "working day": "working days", "case": "cases",
              "item": "items", "entry": "entries", "copy": "copies"}


def number_text(value: int) -> str:
    """``3000`` → ``"3,000"``."""
    return f"{int(value):,}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 working day"``, ``"3 working days"``, ``"1,200 cases"`` (English)."""
    if count == 1:
        word = singular
    else:
        word = plural_form or _IRREGULAR.get(singular) or (
            singular[:-1] + "ies" if singular.endswith("y") and singular[-2:-1] not in "aeiou"
            else singular + ("es" if singular.endswith(("s", "x", "ch", "sh")) else "s"))
    return f"{number_text(count)} {word}"


def yuan_text(fen: int, lang: str = "en") -> str:
    """An amount in fen as yuan with two decimals and separators; large ones also in 万元 in Chinese."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    amount = f"{sign}{whole:,}.{cents:02d}"
    if lang != "zh_CN":
        return f"{amount} yuan"
    if whole >= WAN_FROM_YUAN:
        wan = abs(int(fen)) / 1_000_000
        return f"{amount} 元（{sign}{wan:,.2f} 万元）"
    return f"{amount} 元"


def pad(text: str, width: int, *, align: str = "left") -> str:
    """``text`` padded (or cut) to exactly ``width`` terminal cells."""
    if cell_len(text) > width:
        text = set_cell_size(text, width)
        if cell_len(text) < width:  # a wide character did not fit: pad the half cell
            text += " "
        return text
    room = " " * (width - cell_len(text))
    return room + text if align == "right" else text + room


def working_days(days: int, lang: str | None = None) -> str:
    """``"1 working day"``, ``"3 working days"``; ``"3 个工作日"`` in Chinese."""
    from console.core.i18n import get_language

    if (lang or get_language()) == "zh_CN":
        return f"{number_text(days)} 个工作日"
    return plural(days, "working day")


def money(fen: int) -> str:
    """:func:`yuan_text` in the current language."""
    from console.core.i18n import get_language

    return yuan_text(fen, get_language())
