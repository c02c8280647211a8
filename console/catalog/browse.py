"""Reading the item catalog: list, search (code, name, pinyin initials) and one item's detail.

The catalog is published (the six disclosures, 六公开), so every read here is in
the public scope: it runs with nobody logged in.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from models import Department, Item

from console.core.context import Context
from console.core.errors import NotFound
from console.core.parsing import format_yuan
from console.core.runner import PUBLIC, use_case


@dataclass(frozen=True)
class MaterialInfo:
    """One required document, as published."""

    position: int
    name: str
    required: bool
    copies: int
    note: str = ""


@dataclass(frozen=True)
class ItemSummary:
    """A catalog row: enough for lists and pickers."""

    code: str
    name: str
    department_code: str
    department: str
    promised_days: int
    fee_fen: int
    catalog_year: int
    retired_year: int | None

    @property
    def active(self) -> bool:
        return self.retired_year is None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["fee_yuan"] = format_yuan(self.fee_fen)
        data["active"] = self.active
        return data


@dataclass(frozen=True)
class ItemDetail(ItemSummary):
    """An item with its six disclosures (六公开)."""

    legal_basis: str = ""
    procedure: str = ""
    fee_standard: str = ""
    fee_basis: str = ""
    waiver_allowed: bool = False
    merged_into: str | None = None
    materials: tuple[MaterialInfo, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        data = super().as_dict()
        data["materials"] = [asdict(m) for m in self.materials]
        return data



def _summary(item: Item, dept: Department) -> ItemSummary:
    return ItemSummary(
        code=item.code, name=item.name, department_code=dept.code, department=dept.name,
        promised_days=item.promised_days, fee_fen=item.fee_fen, catalog_year=item.catalog_year,
        retired_year=item.retired_year,
    )


@use_case(PUBLIC)
def list_items(ctx: Context, *, department: str | None = None,
               include_retired: bool = False) -> list[ItemSummary]:
    """Catalog items by department and code; active items only unless ``include_retired``."""
    session = ctx.session
    stmt = select(Item, Department).join(Department, Item.department_id == Department.id)
    if department:
        dept = session.scalar(select(Department).where(
            or_(Department.code == department, Department.name == department)))
        if dept is None:
            raise NotFound("catalog.department_not_found", department=department)
        stmt = stmt.where(Item.department_id == dept.id)
    if not include_retired:
        stmt = stmt.where(Item.retired_year.is_(None))
    stmt = stmt.order_by(Department.code, Item.code)
    return [_summary(item, dept) for item, dept in session.execute(stmt)]


@use_case(PUBLIC)
def search_items(ctx: Context, query: str, *, include_retired: bool = False,
                 limit: int | None = 200) -> list[ItemSummary]:
    """Items whose code, name or pinyin initials contain ``query`` (case-insensitive).

    Exact code matches come first, then code prefixes, then initials prefixes,
    then everything else by code.  An empty query lists the catalog; ``limit=None`` keeps
    every match (the console's catalog shows them all, with the true count).
    """
    session = ctx.session
    q = query.strip()
    stmt = select(Item, Department).join(Department, Item.department_id == Department.id)
    if not include_retired:
        stmt = stmt.where(Item.retired_year.is_(None))
    if q:
        like = f"%{_escape_like(q.lower())}%"
        stmt = stmt.where(or_(
            Item.code.ilike(like, escape="\\"),
            Item.name.ilike(f"%{_escape_like(q)}%", escape="\\"),
            Item.pinyin_initials.like(like, escape="\\"),
        ))
    rows = [_summary(item, dept) for item, dept in session.execute(stmt.order_by(Item.code))]
    if q:
        low = q.lower()

        def rank(row: ItemSummary) -> tuple[int, str]:
            code = row.code.lower()
            if code == low:
                return (0, code)
            if code.startswith(low):
                return (1, code)
            from console.core.textsearch import pinyin_initials

            if pinyin_initials(row.name).startswith(low) or row.name.startswith(q):
                return (2, code)
            return (3, code)

        rows.sort(key=rank)
    return rows[:limit]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@use_case(PUBLIC)
def get_item(ctx: Context, code: str) -> ItemDetail:
    """One item with its six disclosures; :class:`NotFound` for an unknown code."""
    session = ctx.session
    item = session.scalar(
        select(Item).where(Item.code == code.strip())
        .options(selectinload(Item.materials), selectinload(Item.department), selectinload(Item.merged_into))
    )
    if item is None:
        raise NotFound("catalog.item_not_found", code=code)
    return _detail(item)


@use_case(PUBLIC)
def item_details(ctx: Context, *, include_retired: bool = False) -> list[ItemDetail]:
    """Every item with its six disclosures, by department code and item code (guide, export)."""
    session = ctx.session
    stmt = (
        select(Item).join(Department, Item.department_id == Department.id)
        .options(selectinload(Item.materials), selectinload(Item.department), selectinload(Item.merged_into))
        .order_by(Department.code, Item.code)
    )
    if not include_retired:
        stmt = stmt.where(Item.retired_year.is_(None))
    return [_detail(item) for item in session.scalars(stmt)]


def _detail(item: Item) -> ItemDetail:
    base = _summary(item, item.department)
    return ItemDetail(
        **asdict(base),
        legal_basis=item.legal_basis, procedure=item.procedure, fee_standard=item.fee_standard,
        fee_basis=item.fee_basis, waiver_allowed=item.waiver_allowed,
        merged_into=item.merged_into.code if item.merged_into else None,
        materials=tuple(MaterialInfo(m.position, m.name, m.required, m.copies, m.note) for m in item.materials),
    )
