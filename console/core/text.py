"""Text that cannot harm a terminal or a spreadsheet.

* :func:`unsafe_char` / :func:`check_text`: a stored text refuses C0 and C1 control
  characters (tab and line break only where the field holds several lines), DEL,
  and the bidirectional overrides and isolates that reorder what a reader sees.
* :func:`without_unsafe`: the same characters left out of a text kept as typed (a draft).
* :func:`printable`: output to a terminal shows whatever older rows still hold as
  visible escapes (``\\x1b``, ``<U+202E>``) instead of obeying them.
* :func:`csv_cell`: a cell that a spreadsheet would read as a formula (``=``, ``+``,
  ``-``, ``@``, tab, carriage return first) is written with a leading apostrophe.
"""

from __future__ import annotations

import re

from console.core.errors import Invalid

#: the bidirectional embeddings, overrides and isolates (and the marks that steer them)
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MULTILINE_OK = frozenset("\n\t\r")
#: the patterns are compiled when first used (by :mod:`re`'s cache), not by every command that prints
_NUMBER = r"[-+]?[0-9]+(\.[0-9]+)?"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _bad(ch: str, multiline: bool) -> bool:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return not (multiline and ch in _MULTILINE_OK)
    return ch in BIDI or ch in "\u2028\u2029"


_REFUSED = "\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_SINGLE_LINE = f"[{_REFUSED}]"
_SEVERAL_LINES = f"(?![\t\n\r])[{_REFUSED}]"


def unsafe_char(value: str, *, multiline: bool = False) -> str | None:
    """The first character of ``value`` a stored text may not hold, as ``U+XXXX``; ``None`` when clean."""
    if value.isprintable():  # no control, format or separator character at all: nothing refused
        return None
    found = re.search(_SEVERAL_LINES if multiline else _SINGLE_LINE, value)
    return None if found is None else f"U+{ord(found.group()):04X}"


def check_text(value: str | None, field: str, *, multiline: bool = False) -> str | None:
    """``value`` unchanged, or :class:`Invalid` naming ``field`` and the character refused."""
    if isinstance(value, str):
        char = unsafe_char(value, multiline=multiline)
        if char is not None:
            raise Invalid("trust.text_control", field=field, char=char)
    return value


def row_problem(cells, *, multiline: frozenset[str] | set[str] = frozenset(), names=None) -> tuple[str, str] | None:
    """The first cell of an imported row holding a refused character: ``(column, char)``; ``None`` when clean.

    ``names`` are the columns in order (the header); ``multiline`` the ones that may
    hold tabs and line breaks.
    """
    for index, value in enumerate(cells):
        if not isinstance(value, str):
            continue
        name = names[index] if names is not None and index < len(names) else str(index + 1)
        char = unsafe_char(value, multiline=name in multiline)
        if char is not None:
            return name, char
    return None


def without_unsafe(value: object, *, multiline: bool = False) -> str:
    """``value`` as text with every character :func:`unsafe_char` refuses left out (what was typed
    kept as far as it can be: a half-typed form is kept, not refused)."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    return "".join(ch for ch in text if not _bad(ch, multiline))


def printable(value: object) -> str:
    """``value`` as text a terminal shows and never obeys: control and bidi characters escaped."""
    text = "" if value is None else str(value)
    if text.isprintable() or re.search(_SEVERAL_LINES, text) is None:
        return text
    out = []
    for ch in text:
        if _bad(ch, True):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>")
        else:
            out.append(ch)
    return "".join(out)


def csv_cell(value: object) -> object:
    """``value`` for a CSV or spreadsheet cell: a text a spreadsheet would run as a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not re.fullmatch(_NUMBER, value):
        return "'" + value
    return value


def _guard_flush(session, _flush_context, _instances) -> None:
    """Refuse, before anything is written, a text column of a new or changed row holding a refused character.

    The one check every path shares (options, forms, imports, use cases calling
    use cases): ``Text`` columns may hold tabs and line breaks, ``String`` ones not.
    Rows already stored are not re-checked unless their text changes.
    """
    from sqlalchemy import String, Text, inspect

    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        fresh = obj in session.new
        for attr in state.mapper.column_attrs:
            column = attr.columns[0]
            if not isinstance(column.type, String):
                continue
            value = state.dict.get(attr.key)
            if not isinstance(value, str) or (not fresh and not state.attrs[attr.key].history.has_changes()):
                continue
            if column.table.name == "audit_events":  # JSON, escaped; its texts were checked where they came from
                continue
            check_text(value, attr.key, multiline=isinstance(column.type, Text))


def install_guard() -> None:
    """Check every ORM flush with :func:`_guard_flush` (once per process)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if not event.contains(Session, "before_flush", _guard_flush):
        event.listen(Session, "before_flush", _guard_flush)


def json_safe(text: str) -> str:
    """JSON text with the direction-changing characters (legal raw in JSON) written as ``\\uXXXX``."""
    return "".join(f"\\u{ord(ch):04x}" if ch in BIDI or ch in "\u2028\u2029" else ch for ch in text) \
        if any(ch in BIDI or ch in "\u2028\u2029" for ch in text) else text


def csv_uncell(value: str) -> str:
    """The cell :func:`csv_cell` wrote, read back: the apostrophe before a formula's first character goes."""
    if value.startswith("'") and value[1:].startswith(FORMULA_START) and not re.fullmatch(_NUMBER, value[1:]):
        return value[1:]
    return value


def decode_import(data: bytes) -> str | None:
    """An imported file's text: UTF-8 (a BOM allowed), else GB18030 (GBK's superset, Excel's Chinese default).

    ``None`` when it is neither (the caller names the file).
    """
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
