"""容缺受理 with its conditions, and the hall's credit blacklist (失信名单).

A waiver acceptance (容缺受理) needs every **main** material of the item (those the
catalog marks main; an item that marks none has its first material, the
application form, as its main one), the applicant's written commitment and a
deadline for the rest no later than the due date — and is refused for an
applicant on the credit blacklist.  The blacklist is a table an administrator
imports (``hall blacklist import FILE``: ``id_no,name,reason,source,listed_on``),
each entry with its source and the date it was listed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from models import CreditBlacklist, Item

from console.core.errors import ImportRejected, Invalid, PermissionDenied, RowError
from console.core.i18n import t
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context


def main_positions(item: Item) -> set[int]:
    """The positions of the item's main materials (the first material when none is marked)."""
    marked = {m.position for m in item.materials if m.main}
    if marked:
        return marked
    first = min((m.position for m in item.materials), default=None)
    return {first} if first is not None else set()


def check_waiver(session, item: Item, received: tuple[int, ...], id_no: str) -> None:
    """Refuse a 容缺 acceptance missing a main material, or for an applicant on the blacklist."""
    missing = [m.name for m in item.materials if m.position in main_positions(item) and m.position not in received]
    if missing:
        raise Invalid("law.waiver_main_missing", field="materials", names="、".join(missing))
    if id_no:
        entry = session.scalar(select(CreditBlacklist).where(CreditBlacklist.id_no == id_no.strip().upper()))
        if entry is not None:
            raise PermissionDenied("law.waiver_blacklisted", source=entry.source, listed_on=entry.listed_on.isoformat())


@dataclass(frozen=True)
class BlacklistEntry:
    """One listed applicant (the ID masked, unless revealed: :func:`console.cases.reveal.reveal_blacklist`)."""

    id_no: str
    name: str
    reason: str
    source: str
    listed_on: date

    def as_dict(self) -> dict:
        return {**self.__dict__, "listed_on": self.listed_on.isoformat()}


def _parse(text: str) -> list[dict]:
    errors, rows, seen = [], [], {}
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for number, row in enumerate(reader, start=1):
        if not row or all(not c.strip() for c in row):
            continue
        if number == 1 and row[0].strip().lower() in {"id_no", "证件号码"}:
            continue
        if len(row) != 5:
            errors.append(RowError(number, "-", t("law.blacklist_row_shape")))
            continue
        id_no, name, reason, source, listed = (c.strip() for c in row)
        id_no = id_no.upper()
        if not 15 <= len(id_no) <= 18 or not id_no.isalnum():
            errors.append(RowError(number, "id_no", t("law.blacklist_bad_id", value=id_no)))
        elif id_no in seen:
            errors.append(RowError(number, "id_no", t("law.blacklist_duplicate", row=seen[id_no])))
        if not source:
            errors.append(RowError(number, "source", t("law.blacklist_source")))
        try:
            listed_on = date.fromisoformat(listed)
        except ValueError:
            errors.append(RowError(number, "listed_on", t("calendar.bad_date", value=listed)))
            continue
        seen[id_no] = number
        rows.append({"id_no": id_no, "name": name[:200], "reason": reason, "source": source[:200],
                     "listed_on": listed_on})
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise Invalid("law.blacklist_empty", field="file")
    return rows


@use_case("credit.manage", write=True, audit="credit.import")
def import_blacklist(ctx: Context, text: str) -> int:
    """Import blacklist rows (all or nothing); a listed ID already present is updated."""
    session, at = ctx.session, ctx.now()
    rows = _parse(text)
    for row in rows:
        entry = session.scalar(select(CreditBlacklist).where(CreditBlacklist.id_no == row["id_no"]))
        if entry is None:
            session.add(CreditBlacklist(**row, added_at=at, staff_id=ctx.actor.id or None))
        else:
            for key, value in row.items():
                setattr(entry, key, value)
            entry.added_at, entry.staff_id = at, ctx.actor.id or None
    ctx.audit("credit.import", "blacklist", "*", {"rows": len(rows), "sources": sorted({r["source"] for r in rows})})
    return len(rows)


@use_case("case.process")
def list_blacklist(ctx: Context) -> list[BlacklistEntry]:
    """The credit blacklist, newest listing first (IDs masked for every role)."""
    from console.core.personal import shown_id

    stmt = select(CreditBlacklist).order_by(CreditBlacklist.listed_on.desc(), CreditBlacklist.id_no)
    return [BlacklistEntry(shown_id(ctx.actor, e.id_no) if len(e.id_no) == 18 and e.id_no[:17].isdigit()
                           else e.id_no, e.name, e.reason, e.source, e.listed_on)
            for e in ctx.session.scalars(stmt)]
