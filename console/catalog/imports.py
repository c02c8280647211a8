"""Catalog import: a CSV or XLSX file, all rows or none, every bad row reported.

The format is documented in the README ("Catalog file format").  One header row
with exactly :data:`COLUMNS` (any order), then one item per row.  Row numbers in
error reports count records the way a spreadsheet does: the header is row 1.
The materials of an item are one cell (:mod:`console.catalog.materials`).
Exports (:mod:`console.catalog.exports`) write the same format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy import update as update_
from sqlalchemy.orm import Session

from models import Department, Item, Material

from console.catalog.browse import MaterialInfo
from console.catalog.materials import CONTROL, CellError, parse_materials
from console.catalog.merge_links import merge_cycles
from console.core.context import Context
from console.core.errors import ImportRejected, Invalid, RowError
from console.core.i18n import t
from console.core.parsing import format_yuan, parse_yuan
from console.core.runner import use_case
from console.core.tablefile import check_header, decode_text, file_kind, read_table  # noqa: F401 - re-exported
from console.core.text import csv_uncell, row_problem
from console.core.textsearch import pinyin_initials

#: the columns of a catalog file, in the order export writes them
COLUMNS: tuple[str, ...] = (
    "code", "name", "department", "legal_basis", "procedure", "promised_days", "fee_yuan",
    "fee_standard", "fee_basis", "materials", "waiver_allowed", "catalog_year", "retired_year",
    "merged_into",
)
#: columns that may not be empty
REQUIRED: frozenset[str] = frozenset({"code", "name", "department", "promised_days", "catalog_year"})
#: single-line columns and their length limits (the models' String lengths)
LINE_LIMITS: dict[str, int] = {"code": 30, "name": 200, "department": 20, "merged_into": 30}
#: free-text columns (newlines and tabs allowed)
TEXT_COLUMNS: tuple[str, ...] = ("legal_basis", "procedure", "fee_standard", "fee_basis")
#: columns that may hold line breaks and tabs (the free texts and the material list)
MULTILINE_COLUMNS: frozenset[str] = frozenset(TEXT_COLUMNS) | {"materials"}
MAX_DAYS = 999
MAX_FEE_FEN = 1_000_000_000  # 10 million yuan; fits PostgreSQL's INTEGER
YEARS = (1949, 2100)
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "是", "可", "允许"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", "否", "不", "不允许", ""})
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# reading files: console.core.tablefile (file_kind, decode_text, read_table), shared with the org import


# --------------------------------------------------------------------------- validating rows

@dataclass
class ItemRow:
    """One validated row, ready to write."""

    row: int
    code: str
    name: str
    department: str
    legal_basis: str
    procedure: str
    promised_days: int
    fee_fen: int
    fee_standard: str
    fee_basis: str
    materials: list[MaterialInfo]
    waiver_allowed: bool
    catalog_year: int
    retired_year: int | None
    merged_into: str | None


@dataclass
class ImportResult:
    """What an import did: the codes it created and the codes it replaced."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated)

    def as_dict(self) -> dict:
        return {"created": len(self.created), "updated": len(self.updated),
                "created_codes": self.created, "updated_codes": self.updated}


def _whole(value: str, low: int, high: int) -> int:
    if re.fullmatch(r"-[0-9]+", value):
        raise CellError("catalog.err_negative", value=value)
    if not re.fullmatch(r"[0-9]+", value):
        raise CellError("catalog.err_integer", value=value)
    number = int(value)
    if not low <= number <= high:
        raise CellError("catalog.err_range", value=value, low=low, high=high)
    return number


#: the catalog's words for what the one money parser refuses (the cell messages stay the catalog's)
_FEE_ERRORS = {"errors.negative_amount": "catalog.err_negative", "errors.amount_too_large": "catalog.err_range"}


def _fee(value: str) -> int:
    """The ``fee_yuan`` cell in fen (empty: free), read by :func:`console.core.parsing.parse_yuan`."""
    if not value:
        return 0
    try:
        return parse_yuan(value, "fee_yuan", max_yuan=MAX_FEE_FEN // 100)
    except Invalid as error:
        key = _FEE_ERRORS.get(error.key)
        if key is None:  # not an amount, or one with more than two decimals
            key = "catalog.err_fee_cents" if re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", value) else "catalog.err_fee"
        raise CellError(key, value=value, low="0", high=format_yuan(MAX_FEE_FEN)) from None


def _boolean(value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("catalog.err_bool", value=value)


def validate_rows(session: Session, table: list[tuple[int, list[str]]], *, update: bool) -> list[ItemRow]:
    """Check every row against the format and the database; raise :class:`ImportRejected` with all problems."""
    table = [(n, cells) for n, cells in table if any(c.strip() for c in cells) or n == 1]
    if not table or not any(c.strip() for c in table[0][1]):
        raise ImportRejected([RowError(1, "", t("catalog.err_file_empty"))])
    header_row, header = table[0]
    index, errors = check_header(header, COLUMNS, "catalog")
    if errors:
        raise ImportRejected(errors)
    body = table[1:]
    if not body:
        raise ImportRejected([RowError(2, "", t("catalog.err_no_rows"))])

    departments = dict(session.execute(select(Department.code, Department.id)).all())
    existing = set(session.scalars(select(Item.code)))
    existing_blind = {c.lower(): c for c in existing}
    codes_in_file, exact_in_file = {}, set()
    for number, cells in body:
        code = cells[index["code"]].strip() if index["code"] < len(cells) else ""
        codes_in_file.setdefault(code.lower(), number)
        exact_in_file.add(code)

    rows: list[ItemRow] = []
    for number, cells in body:
        problems: list[RowError] = []

        def bad(column: str, error: CellError, number: int = number, problems: list = problems) -> None:
            problems.append(RowError(number, column, error.text()))

        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(RowError(number, "", t("catalog.err_extra_cells", count=len(cells), header=len(header))))
        values = {name: (csv_uncell(cells[i].strip()) if i < len(cells) else "") for name, i in index.items()}
        unsafe = row_problem(list(values.values()), names=list(values), multiline=MULTILINE_COLUMNS)
        if unsafe is not None:
            problems.append(RowError(number, unsafe[0], t("trust.text_control", field=unsafe[0], char=unsafe[1])))
        for name in COLUMNS:
            value = values[name]
            if name in REQUIRED and not value:
                bad(name, CellError("catalog.err_required"))
                continue
            limit = LINE_LIMITS.get(name)
            if limit is not None:
                if len(value) > limit:
                    bad(name, CellError("catalog.err_too_long", length=len(value), limit=limit))
                elif CONTROL.search(value):
                    bad(name, CellError("catalog.err_control"))
            elif name in TEXT_COLUMNS and _TEXT_CONTROL.search(value):
                bad(name, CellError("catalog.err_control"))
        parsed: dict[str, object] = {}
        for name, convert in (
            ("promised_days", lambda v: _whole(v, 0, MAX_DAYS)),
            ("catalog_year", lambda v: _whole(v, *YEARS)),
            ("retired_year", lambda v: _whole(v, *YEARS) if v else None),
            ("fee_yuan", _fee),
            ("waiver_allowed", _boolean),
            ("materials", parse_materials),
        ):
            if name in REQUIRED and not values[name]:
                continue
            try:
                parsed[name] = convert(values[name])
            except CellError as error:
                bad(name, error)
        code = values["code"]
        if code and len(code) <= LINE_LIMITS["code"]:
            if not CODE_PATTERN.fullmatch(code):
                bad("code", CellError("catalog.err_code_shape", value=code))
            elif codes_in_file.get(code.lower()) != number:
                bad("code", CellError("catalog.err_duplicate", code=code, first=codes_in_file[code.lower()]))
            elif code not in existing and code.lower() in existing_blind:
                bad("code", CellError("trust.code_case_clash", code=code, other=existing_blind[code.lower()]))
            elif code in existing and not update:
                bad("code", CellError("catalog.err_exists", code=code))
        department = values["department"]
        if department and department not in departments and len(department) <= LINE_LIMITS["department"]:
            bad("department", CellError("catalog.err_department", value=department))
        retired = parsed.get("retired_year")
        year = parsed.get("catalog_year")
        if isinstance(retired, int) and isinstance(year, int) and retired < year:
            bad("retired_year", CellError("catalog.err_retired_before", retired=retired, year=year))
        merged = values["merged_into"]
        if merged:
            if merged == code:
                bad("merged_into", CellError("catalog.err_merged_self"))
            elif merged not in exact_in_file and merged not in existing:
                bad("merged_into", CellError("catalog.err_merged_unknown", value=merged))
            if not values["retired_year"]:
                bad("merged_into", CellError("catalog.err_merged_needs_retired"))
        if problems:
            order = {name: i for i, name in enumerate(COLUMNS)}
            errors.extend(sorted(problems, key=lambda e: order.get(e.column, -1)))
            continue
        rows.append(ItemRow(
            row=number, code=code, name=values["name"], department=department,
            legal_basis=values["legal_basis"], procedure=values["procedure"],
            promised_days=parsed["promised_days"], fee_fen=parsed["fee_yuan"],
            fee_standard=values["fee_standard"], fee_basis=values["fee_basis"],
            materials=parsed["materials"], waiver_allowed=parsed["waiver_allowed"],
            catalog_year=parsed["catalog_year"], retired_year=parsed["retired_year"],
            merged_into=merged or None,
        ))
    errors.extend(merge_cycles(session, rows))
    if errors:
        raise ImportRejected(errors)
    return rows


# --------------------------------------------------------------------------- import

def _values(row: ItemRow, department_id: int) -> dict[str, object]:
    return {
        "code": row.code, "name": row.name, "pinyin_initials": pinyin_initials(row.name)[:200],
        "department_id": department_id, "legal_basis": row.legal_basis, "procedure": row.procedure,
        "promised_days": row.promised_days, "fee_fen": row.fee_fen, "fee_standard": row.fee_standard,
        "fee_basis": row.fee_basis, "waiver_allowed": row.waiver_allowed, "catalog_year": row.catalog_year,
        "retired_year": row.retired_year, "merged_into_id": None,
    }


@use_case("catalog.manage", write=True, audit="catalog.import")
def import_catalog(ctx: Context, path: Path | str, *, update: bool = False) -> ImportResult:
    """Import a CSV or XLSX catalog file: all rows or none.

    Every row is checked first; any problem raises :class:`ImportRejected` naming
    every bad row and column, and nothing is written.  A code that exists already
    is an error unless ``update``, which replaces that item and its materials.
    One audit event records the whole import.  Rows are written with bulk
    statements (items, then materials, then merge links) in one transaction, and
    the planner's statistics of the two tables are refreshed in it.
    """
    session = ctx.session
    path = Path(path)
    rows = validate_rows(session, read_table(path), update=update)
    departments = dict(session.execute(select(Department.code, Department.id)).all())
    codes = [row.code for row in rows]
    ids: dict[str, int] = {}
    if update:
        for chunk in range(0, len(codes), 500):
            ids.update(session.execute(
                select(Item.code, Item.id).where(Item.code.in_(codes[chunk:chunk + 500]))).all())
    result = ImportResult()
    changed = [{**_values(row, departments[row.department]), "id": ids[row.code]} for row in rows if row.code in ids]
    fresh = [_values(row, departments[row.department]) for row in rows if row.code not in ids]
    if changed:
        session.execute(delete(Material).where(Material.item_id.in_([v["id"] for v in changed])))
        session.execute(update_(Item), changed)
    if fresh:
        created = session.execute(
            insert(Item.__table__).returning(Item.__table__.c.code, Item.__table__.c.id), fresh)
        ids.update(dict(created.all()))
    updated = {v["code"] for v in changed}
    result.updated = [row.code for row in rows if row.code in updated]
    result.created = [row.code for row in rows if row.code not in updated]
    materials = [
        {"item_id": ids[row.code], "position": m.position, "name": m.name, "required": m.required,
         "copies": m.copies, "note": m.note}
        for row in rows for m in row.materials
    ]
    if materials:
        session.execute(insert(Material.__table__), materials)  # a plain executemany
    merges = [row for row in rows if row.merged_into]
    if merges:
        targets = sorted({row.merged_into for row in merges} - set(ids))
        if targets:
            ids.update(session.execute(select(Item.code, Item.id).where(Item.code.in_(targets))).all())
        session.execute(update_(Item), [{"id": ids[row.code], "merged_into_id": ids[row.merged_into]}
                                        for row in merges])
    from models.bulk import analyze

    session.flush()
    analyze(session.connection(), "items", "materials")  # the planner's statistics of what was written
    session.expire_all()
    ctx.audit("catalog.import", "catalog", path.name, {
        "file": path.name, "created": len(result.created), "updated": len(result.updated),
        "created_codes": result.created, "updated_codes": result.updated,
    })
    return result
