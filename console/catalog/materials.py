"""The materials cell of a catalog file: an item's ordered required documents in one cell.

This is the one reader and writer of the form (imports and exports use it)::

    登记申请书*2; 身份证明; [住所使用证明 {租赁合同或房产证}]

``;`` (or ``；``) separates materials in order, ``[…]`` marks an optional one,
``*N`` asks for N copies, ``{…}`` carries a note; ``\\`` escapes any of
``\\ ; ； [ ] { } *`` inside a name or note.
"""

from __future__ import annotations

import re

from console.catalog.browse import MaterialInfo
from console.core.i18n import t

#: the longest name or note of one material (the models' String length)
MATERIAL_LIMIT = 200
MAX_COPIES = 99
#: control characters: never in a single-line value
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPECIAL = frozenset({"\\", ";", "；", "[", "]", "{", "}", "*"})


class CellError(Exception):
    """A problem in one cell of a catalog file: a message key and its parameters."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def text(self) -> str:
        return t(self.key, **self.params)


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def format_materials(materials) -> str:
    """The one-cell form of ordered materials (:class:`MaterialInfo` or anything alike)."""
    parts = []
    for m in sorted(materials, key=lambda m: m.position):
        entry = _escape(m.name)
        if m.copies != 1:
            entry += f"*{m.copies}"
        if m.note:
            entry += " {" + _escape(m.note) + "}"
        parts.append(entry if m.required else f"[{entry}]")
    return "; ".join(parts)


#: escaped special characters are parked on private-use code points while parsing
_PARKED = {ch: chr(0xE000 + i) for i, ch in enumerate("\\;；[]{}*")}
_UNPARK = str.maketrans({v: k for k, v in _PARKED.items()})
_PARKED_RANGE = re.compile("[\ue000-\ue007]")
_SPLIT = re.compile("[;；]")


def _park(text: str) -> str:
    """Replace each backslash-escaped character by a placeholder that no rule below looks at."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            nxt = text[i + 1] if i + 1 < len(text) else "\\"
            out.append(_PARKED.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def parse_materials(text: str) -> list[MaterialInfo]:
    """Parse the one-cell form back into ordered materials; raises ``CellError``."""
    if _PARKED_RANGE.search(text):
        raise CellError("catalog.err_control")
    result: list[MaterialInfo] = []
    for raw in _SPLIT.split(_park(text)):
        entry = raw.strip()
        if not entry:
            continue
        n = len(result) + 1
        required = True
        if entry[0] == "[":
            if entry[-1] != "]" or len(entry) < 2:
                raise CellError("catalog.err_mat_unclosed", n=n)
            required = False
            entry = entry[1:-1].strip()
        note = ""
        if entry.endswith("}"):
            opening = entry.rfind("{")
            if opening < 0:
                raise CellError("catalog.err_mat_stray", n=n, char="}")
            note = entry[opening + 1:-1].strip()
            entry = entry[:opening].strip()
        copies = 1
        if "*" in entry:
            if entry.count("*") > 1:
                raise CellError("catalog.err_mat_stray", n=n, char="*")
            entry, value = (part.strip() for part in entry.split("*"))
            if not re.fullmatch(r"[0-9]{1,2}", value) or not 1 <= int(value) <= MAX_COPIES:
                raise CellError("catalog.err_mat_copies", n=n, value=value.translate(_UNPARK), high=MAX_COPIES)
            copies = int(value)
        for ch in "[]{}":
            if ch in entry or ch in note:
                raise CellError("catalog.err_mat_stray", n=n, char=ch)
        name = entry.translate(_UNPARK)
        note = note.translate(_UNPARK)
        if not name:
            raise CellError("catalog.err_mat_name_empty", n=n)
        for part, value in (("name", name), ("note", note)):
            if len(value) > MATERIAL_LIMIT:
                raise CellError("catalog.err_mat_too_long", n=n, part=part, length=len(value),
                                 limit=MATERIAL_LIMIT)
        if CONTROL.search(name) or CONTROL.search(note):
            raise CellError("catalog.err_control")
        result.append(MaterialInfo(position=n, name=name, required=required, copies=copies, note=note))
    return result
