"""Catalog upkeep: retiring (or merging) an item, and comparing the catalogs of two years."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from models import Department, Item

from console.catalog.browse import ItemDetail, get_item
from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case

#: the years a catalog can be about
YEARS = (1949, 2100)


def _check_year(year: int, field: str) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise Invalid("catalog.year_range", field=field, year=year, low=YEARS[0], high=YEARS[1])


@use_case("catalog.manage", write=True, audit="catalog.retire")
def retire_item(ctx: Context, code: str, year: int, *, merged_into: str | None = None) -> ItemDetail:
    """Retire ``code`` from the catalog of ``year`` on; with ``merged_into``, it was absorbed by that item.

    The item must be active and ``year`` not before its catalog year; the target of a
    merge must be another item that is active and already in force in ``year``.
    """
    session = ctx.session
    _check_year(year, "year")
    code = code.strip()
    item = session.scalar(select(Item).where(Item.code == code))
    if item is None:
        raise NotFound("catalog.item_not_found", code=code)
    if item.retired_year is not None:
        raise Conflict("catalog.already_retired", code=code, year=item.retired_year)
    if year < item.catalog_year:
        raise Invalid("catalog.retire_before_catalog", field="year", code=code, year=year,
                      catalog_year=item.catalog_year)
    target = None
    if merged_into is not None:
        merged_into = merged_into.strip()
        if merged_into == code:
            raise Invalid("catalog.merge_into_itself", field="merged_into", code=code)
        target = session.scalar(select(Item).where(Item.code == merged_into))
        if target is None:
            raise NotFound("catalog.merge_target_missing", code=merged_into)
        if target.retired_year is not None:
            raise Invalid("catalog.merge_target_retired", field="merged_into", code=merged_into,
                          year=target.retired_year)
        if target.catalog_year > year:
            raise Invalid("catalog.merge_target_later", field="merged_into", code=merged_into,
                          catalog_year=target.catalog_year, year=year)
    item.retired_year = year
    item.merged_into_id = target.id if target else None
    session.flush()
    ctx.audit("catalog.retire", "item", code, {"retired_year": year, "merged_into": merged_into})
    return get_item(ctx, code)


@dataclass(frozen=True)
class DiffEntry:
    """One item that entered or left the catalog between two years."""

    code: str
    name: str
    department_code: str
    department: str
    catalog_year: int
    retired_year: int | None
    merged_into: str | None = None


@dataclass(frozen=True)
class CatalogDiff:
    """Items added, retired (not merged) and merged between ``year_a`` and ``year_b``."""

    year_a: int
    year_b: int
    total_a: int
    total_b: int
    added: tuple[DiffEntry, ...]
    retired: tuple[DiffEntry, ...]
    merged: tuple[DiffEntry, ...]

    def as_dict(self) -> dict:
        return {
            "year_a": self.year_a, "year_b": self.year_b, "total_a": self.total_a, "total_b": self.total_b,
            "added": [asdict(e) for e in self.added],
            "retired": [asdict(e) for e in self.retired],
            "merged": [asdict(e) for e in self.merged],
        }


def _in_force(year: int):
    return (Item.catalog_year <= year) & (or_(Item.retired_year.is_(None), Item.retired_year > year))


@use_case("catalog.read")
def diff_years(ctx: Context, year_a: int, year_b: int) -> CatalogDiff:
    """Compare the catalogs in force in ``year_a`` and in the later ``year_b``.

    An item is in force in year Y when ``catalog_year <= Y`` and it is not retired
    by Y (``retired_year`` empty or after Y).
    """
    _check_year(year_a, "year_a")
    _check_year(year_b, "year_b")
    if year_a > year_b:
        raise Invalid("catalog.diff_order", field="year_b", year_a=year_a, year_b=year_b)
    stmt = (
        select(Item).join(Department, Item.department_id == Department.id)
        .where(_in_force(year_a) | _in_force(year_b))
        .options(selectinload(Item.department), selectinload(Item.merged_into))
        .order_by(Department.code, Item.code)
    )
    total_a = total_b = 0
    added: list[DiffEntry] = []
    retired: list[DiffEntry] = []
    merged: list[DiffEntry] = []

    def in_force(item: Item, year: int) -> bool:
        return item.catalog_year <= year and (item.retired_year is None or item.retired_year > year)

    for item in ctx.session.scalars(stmt):
        a, b = in_force(item, year_a), in_force(item, year_b)
        total_a += a
        total_b += b
        if a == b:
            continue
        entry = DiffEntry(item.code, item.name, item.department.code, item.department.name, item.catalog_year,
                          item.retired_year, item.merged_into.code if item.merged_into else None)
        if b:
            added.append(entry)
        elif entry.merged_into:
            merged.append(entry)
        else:
            retired.append(entry)
    return CatalogDiff(year_a, year_b, total_a, total_b, tuple(added), tuple(retired), tuple(merged))
