"""The organization file: the hall's sites, departments, windows and staff as one table.

One header row with exactly :data:`COLUMNS` (any order, case ignored), then one
record a row; the ``table`` column says what the row is (``site``,
``department``, ``window`` or ``staff``) and :data:`USES` which other columns it
fills — every other cell of the row stays empty.  ``code`` is the row's key: the
site's or department's code, the window's number (at its ``site``), the staff
member's employee number.  Lists (a department's sites, a window's departments)
are codes separated by ``;``.  The same table is a CSV file or an XLSX file's
first sheet; the README ("Setting up a real hall") documents it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from console.core.errors import ImportRejected, Invalid, RowError
from console.core.i18n import t
from console.core.text import csv_uncell, row_problem
from console.core.tablefile import check_header

#: the columns, in the order export writes them
COLUMNS: tuple[str, ...] = (
    "table", "code", "name", "kind", "parent", "site", "department", "window", "role", "service_section",
    "chief_representative", "letter_signer", "letter_date", "letter_scope", "address", "active",
)
#: the tables, in the order they are imported and exported
TABLES: tuple[str, ...] = ("site", "department", "window", "staff")
#: the columns each table fills (``table`` and ``code`` always)
USES: dict[str, frozenset[str]] = {
    "site": frozenset({"name", "kind", "parent", "address", "active"}),
    "department": frozenset({"name", "site", "service_section", "chief_representative", "letter_signer",
                             "letter_date", "letter_scope", "active"}),
    "window": frozenset({"name", "site", "department", "active"}),
    "staff": frozenset({"name", "role", "site", "department", "window"}),
}
#: required columns of each table
REQUIRED: dict[str, frozenset[str]] = {
    "site": frozenset({"name", "kind"}),
    "department": frozenset({"name"}),
    "window": frozenset({"site", "department"}),
    "staff": frozenset({"name", "role"}),
}
#: the one column that holds several lines
MULTILINE = frozenset({"letter_scope"})
_TABLE_WORDS = {"site": "site", "sites": "site", "department": "department", "departments": "department",
                "window": "window", "windows": "window", "staff": "staff"}
_TRUE = frozenset({"", "yes", "y", "true", "1", "是"})
_FALSE = frozenset({"no", "n", "false", "0", "否"})
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")


@dataclass(frozen=True)
class OrgRow:
    """One row of the file, its cells checked for shape (the use cases check the rest)."""

    row: int
    table: str
    code: str
    values: dict

    def text(self, column: str) -> str:
        return self.values.get(column, "")

    def codes(self, column: str) -> tuple[str, ...]:
        """A list cell (``A; B；C``) as its codes."""
        return tuple(c.strip() for c in re.split(r"[;；]", self.text(column)) if c.strip())


def parse_active(value: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise Invalid("setup.err_bool", field="active", value=value)


def parse_date(value: str, column: str) -> date | None:
    if not value:
        return None
    found = _DATE.match(value.strip())
    try:
        if found is None:
            raise ValueError
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise Invalid("setup.err_date", field=column, value=value) from None


def parse_rows(table: list[tuple[int, list[str]]]) -> tuple[list[OrgRow], list[RowError]]:
    """The well-shaped rows of the file and the problems of the others.

    A file without a header, with a wrong header or without rows is rejected at
    once (:class:`ImportRejected`); the import tries the well-shaped rows and
    reports their problems with these.
    """
    table = [(n, cells) for n, cells in table if any(c.strip() for c in cells) or n == 1]
    if not table or not any(c.strip() for c in table[0][1]):
        raise ImportRejected([RowError(1, "", t("setup.err_file_empty"))])
    header = table[0][1]
    index, errors = check_header(header, COLUMNS, "setup")
    if errors:
        raise ImportRejected(errors)
    body = table[1:]
    if not body:
        raise ImportRejected([RowError(2, "", t("setup.err_no_rows"))])
    errors: list[RowError] = []
    rows: list[OrgRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in body:
        problems: list[RowError] = []
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(RowError(number, "", t("setup.err_extra_cells", count=len(cells), header=len(header))))
        values = {name: (csv_uncell(cells[i].strip()) if i < len(cells) else "") for name, i in index.items()}
        unsafe = row_problem(list(values.values()), names=list(values), multiline=MULTILINE)
        if unsafe is not None:
            problems.append(RowError(number, unsafe[0], t("trust.text_control", field=unsafe[0], char=unsafe[1])))
        kind = _TABLE_WORDS.get(values["table"].strip().lower())
        if kind is None:
            problems.append(RowError(number, "table", t("setup.err_table", value=values["table"],
                                                          tables=", ".join(TABLES))))
        else:
            if not values["code"]:
                problems.append(RowError(number, "code", t("setup.err_required")))
            for column in COLUMNS[2:]:
                if column in USES[kind]:
                    if column in REQUIRED[kind] and not values[column]:
                        problems.append(RowError(number, column, t("setup.err_required")))
                elif values[column]:
                    problems.append(RowError(number, column, t("setup.err_not_used", column=column, table=kind)))
            key = (kind, (values["site"].lower() + ":" if kind == "window" else "") + values["code"].lower())
            if values["code"] and key in seen:
                problems.append(RowError(number, "code", t("setup.err_duplicate", code=values["code"],
                                                             first=seen[key])))
            seen.setdefault(key, number)
        if problems:
            errors.extend(problems)
            continue
        rows.append(OrgRow(number, kind, values["code"], {k: v for k, v in values.items() if k in USES[kind]}))
    return rows, errors
