"""The law's rules of one item beyond the six disclosures.

* a statutory time limit other than §42's 20 working days, the most working days
  its one extension may add when the law says other than 10, and the basis of both
  (``statutory_days``, ``extension_limit``, ``limit_basis``);
* 容缺受理: which materials are **main** (主要材料, all needed for a waiver
  acceptance) — the others may be supplied later;
* the fee waiver (减免), a flag of its own with its legal basis, apart from 容缺.

:func:`item_rules` reads them (public: the hall publishes them);
:func:`set_item_rules` changes them (``catalog.manage``, audited ``catalog.rules``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models import Item

from console.core.errors import Invalid, NotFound
from console.core.runner import PUBLIC, use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

#: §42: the time limit unless a law or regulation says otherwise, and the one extension's most days
STATUTORY_DAYS = 20
EXTENSION_DAYS = 10
_UNSET = object()


@dataclass(frozen=True)
class ItemRules:
    """The law's rules of one item as published."""

    code: str
    promised_days: int
    statutory_days: int
    extension_limit: int
    limit_basis: str
    waiver_allowed: bool
    main_materials: tuple[int, ...]
    fee_waiver_allowed: bool
    fee_waiver_basis: str

    def as_dict(self) -> dict:
        return {**self.__dict__, "main_materials": list(self.main_materials)}


def _item(ctx: Context, code: str) -> Item:
    item = ctx.session.scalar(select(Item).where(Item.code == (code or "").strip())
                              .options(selectinload(Item.materials)))
    if item is None:
        raise NotFound("catalog.item_not_found", code=code)
    return item


def rules_of(item: Item) -> ItemRules:
    return ItemRules(item.code, item.promised_days, item.statutory_days or STATUTORY_DAYS,
                     EXTENSION_DAYS if item.extension_limit is None else item.extension_limit, item.limit_basis,
                     item.waiver_allowed, tuple(m.position for m in item.materials if m.main),
                     item.fee_waiver_allowed, item.fee_waiver_basis)


@use_case(PUBLIC)
def item_rules(ctx: Context, code: str) -> ItemRules:
    """The statutory limits, main materials and fee waiver of item ``code``."""
    return rules_of(_item(ctx, code))


@use_case("catalog.manage", write=True, audit="catalog.rules")
def set_item_rules(ctx: Context, code: str, *, statutory_days=_UNSET, extension_limit=_UNSET,
                   limit_basis: str | None = None, main_materials: tuple[int, ...] | None = None,
                   fee_waiver_allowed: bool | None = None, fee_waiver_basis: str | None = None) -> ItemRules:
    """Change the rules given (``None`` leaves one as it is; ``statutory_days``/``extension_limit``
    ``None`` return to the law's defaults).  A limit that differs from §42 needs its basis; a
    fee waiver needs its legal basis; main materials must be required materials of the item."""
    item = _item(ctx, code)
    before = rules_of(item)
    if statutory_days is not _UNSET:
        if statutory_days is not None and not (isinstance(statutory_days, int) and 1 <= statutory_days <= 999):
            raise Invalid("law.statutory_days", field="statutory_days")
        item.statutory_days = statutory_days
    if extension_limit is not _UNSET:
        if extension_limit is not None and not (isinstance(extension_limit, int) and 0 <= extension_limit <= 999):
            raise Invalid("law.extension_limit", field="extension_limit")
        item.extension_limit = extension_limit
    if limit_basis is not None:
        item.limit_basis = limit_basis.strip()
    if (item.statutory_days is not None or item.extension_limit is not None) and not item.limit_basis:
        raise Invalid("law.limit_basis", field="limit_basis")
    if item.promised_days > (item.statutory_days or STATUTORY_DAYS):
        raise Invalid("law.promise_over_limit", field="statutory_days", promised=item.promised_days,
                      limit=item.statutory_days or STATUTORY_DAYS)
    if main_materials is not None:
        by_position = {m.position: m for m in item.materials}
        wrong = [p for p in main_materials if p not in by_position or not by_position[p].required]
        if wrong:
            raise Invalid("law.main_materials", field="main_materials", positions=", ".join(map(str, wrong)))
        for m in item.materials:
            m.main = m.position in set(main_materials)
    if fee_waiver_allowed is not None:
        item.fee_waiver_allowed = fee_waiver_allowed
    if fee_waiver_basis is not None:
        item.fee_waiver_basis = fee_waiver_basis.strip()
    if item.fee_waiver_allowed and not item.fee_waiver_basis:
        raise Invalid("law.fee_waiver_basis", field="fee_waiver_basis")
    after = rules_of(item)
    changed = {k: v for k, v in after.as_dict().items() if before.as_dict()[k] != v}
    ctx.audit("catalog.rules", "item", item.code, changed)
    return after
