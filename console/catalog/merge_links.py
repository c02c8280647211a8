"""Merge links of an imported catalog: none may lead back to the item it starts from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Item

from console.core.errors import RowError
from console.core.i18n import t


def merge_cycles(session: Session, rows) -> list[RowError]:
    """Rows whose merge link leads back to themselves (A into B into A), through the file and the catalog."""
    from sqlalchemy.orm import aliased

    target = aliased(Item)
    links = dict(session.execute(select(Item.code, target.code).join(target, Item.merged_into_id == target.id)).all())
    links.update({row.code: row.merged_into for row in rows})
    problems = []
    for row in rows:
        seen, code = {row.code}, row.merged_into
        while code is not None and code not in seen:
            seen.add(code)
            code = links.get(code)
        if code == row.code:
            problems.append(RowError(row.row, "merged_into", t("trust.merge_cycle", code=row.code)))
    return problems
