"""stdnum's table of region codes (``cn/loc.dat``), one province at a time, without importing stdnum.

Importing any part of stdnum imports ``stdnum.util`` (``ssl``, ``pydoc``, the module
finder) — more than the rest of ``hall check id`` costs.  The table is a text file in
stdnum's package folder, found without running the package (``importlib.util.find_spec``),
and read here in stdnum's own "numdb" format: one range of prefixes per line
(``0100-0109``, ``12,14``), its properties as ``key="value"``, children indented under
their parent.  :func:`province_table` parses the lines of the top-level entries that match
a prefix only; :meth:`RegionTable.info` answers as ``stdnum.numdb.NumDB.info`` does
(``tests/test_personal_regions.py`` compares the two).
"""

from __future__ import annotations

import re
from pathlib import Path

_LINE = re.compile(r"^(?P<indent> *)(?P<ranges>([^-,\s]+(-[^-,\s]+)?)(,[^-,\s]+(-[^-,\s]+)?)*)\s*(?P<props>.*)$")
_PROP = re.compile(r'(?P<prop>[0-9a-zA-Z-_]+)="(?P<value>[^"]*)"')

#: (length, low, high, properties, children)
Prefix = tuple


def table_path() -> Path:
    """Where stdnum keeps ``cn/loc.dat`` (stdnum is not imported to find it)."""
    from importlib.util import find_spec

    spec = find_spec("stdnum")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - stdnum is a dependency
        raise ModuleNotFoundError("stdnum")
    return Path(next(iter(spec.submodule_search_locations))) / "cn" / "loc.dat"


class RegionTable:
    """Part of the table: prefixes with their properties and children, looked up as stdnum does."""

    def __init__(self, prefixes: list[Prefix]) -> None:
        self.prefixes = prefixes

    def info(self, number: str) -> list[tuple[str, dict[str, str]]]:
        """The parts of ``number`` with the properties of each (``NumDB.info``)."""
        result: list[tuple[str, dict[str, str]]] = []
        prefixes = self.prefixes
        while number:
            part, properties, children = number, {}, []
            for length, low, high, props, kids in prefixes:
                if len(part) >= length and low <= part[:length] <= high:
                    if length < len(part):  # only the shortest match counts
                        part, properties, children = part[:length], {}, []
                    properties.update(props)
                    children.extend(kids)
            result.append((part, properties))
            number, prefixes = number[len(part):], children
        return result


def _top_level_matches(ranges: str, prefix: str) -> bool:
    for part in ranges.split(","):
        low, _, high = part.partition("-")
        high = high or low
        if low <= prefix[:len(low)] <= high:
            return True
    return False


def read(lines) -> RegionTable:
    """A table of numdb lines (as ``stdnum.numdb.read``)."""
    root: list[Prefix] = []
    stack = {0: root}
    last_indent = 0
    for line in lines:
        if line[0] == "#" or not line.strip():
            continue
        match = _LINE.search(line)
        if match is None:  # pragma: no cover - stdnum's own file always parses
            raise ValueError(f"unreadable line in the region table: {line!r}")
        indent = len(match.group("indent"))
        props = dict(_PROP.findall(match.group("props")))
        children: list[Prefix] = []
        if indent > last_indent:
            stack[indent] = stack[last_indent][-1][4]
        for ranges in match.group("ranges").split(","):
            low, _, high = ranges.partition("-")
            stack[indent].append((len(low), low, high or low, props, children))
        last_indent = indent
    return RegionTable(root)


#: where a top-level entry (a province) begins: a line break, then neither space nor ``#`` (a literal
#: first character lets the pattern skip ahead; ``^…`` with MULTILINE tries every position of the file)
_TOP_LEVEL = re.compile(rb"\n[^\s#]")


def province_table(prefix: str, path: Path | None = None) -> RegionTable:
    """The table's entries for the provinces matching ``prefix`` (their top-level lines and everything under them).

    The file is cut at its top-level lines (found by one pattern over its bytes), so only the
    matching provinces' lines are decoded and read line by line — not the 7,000 of the whole country.
    """
    data = b"\n" + (path or table_path()).read_bytes()
    starts = [found.start() + 1 for found in _TOP_LEVEL.finditer(data)] + [len(data)]
    block: list[str] = []
    for start, end in zip(starts, starts[1:]):
        line_end = data.find(b"\n", start, end)
        ranges = data[start:end if line_end == -1 else line_end].split(None, 1)[0].decode("utf-8")
        if _top_level_matches(ranges, prefix):
            block.extend(data[start:end].decode("utf-8").splitlines(keepends=True))
    return read(block)
