"""Case export: every case of a period as CSV, XLSX or JSON, streamed in one read transaction."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from models import Case, Item, Site, Window

from console.cases.files import COLUMNS
from console.core.errors import Invalid
from console.core.files import private_file
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context


EXPORT_FORMATS = ("csv", "xlsx", "json")


@dataclass(frozen=True)
class RevealedExport:
    """An export in full, revealed and audited before a row is read
    (:func:`console.cases.reveal.reveal_export`): the period and who it was revealed to."""

    date_from: date
    date_to: date
    employee_no: str
    rows: int


@use_case("case.process")
def export_rows(ctx: Context, date_from: date, date_to: date,
                revealed: RevealedExport | None = None) -> list[dict]:
    """Cases accepted between the two dates as dicts in :data:`COLUMNS` (times as text, the fee as ``"12.50"``).

    A person's ID number and every phone are masked for every role, as ``hall case show|list``
    mask them; ``revealed`` (the receipt of :func:`console.cases.reveal.reveal_export`, which
    needs ``personal.full`` and is audited) has them in full.  The cases are those the actor
    may reach, as in :func:`console.cases.access.list_cases`: every case with
    ``case.read_all``, else their window's departments'.
    """
    from console.core.tabular import plain

    return [{c: plain(v) for c, v in zip(COLUMNS, row)}
            for row in _export_rows(ctx, date_from, date_to, _full(ctx, date_from, date_to, revealed))]


@use_case("case.process")
def stream_export(ctx: Context, date_from: date, date_to: date,
                  sink: Callable[[int, Iterator[tuple]], int], revealed: RevealedExport | None = None) -> int:
    """Hand the cases of :func:`export_rows` to ``sink(total, rows)`` as they are read, inside the read
    transaction: rows are tuples in :data:`COLUMNS` with typed values (datetimes, dates, the fee as
    :class:`~console.core.money.Yuan`), fetched in chunks, so memory stays bounded at any size;
    masked unless ``revealed`` (as in :func:`export_rows`).  Returns what ``sink`` returns (the rows written).
    """
    full = _full(ctx, date_from, date_to, revealed)
    return sink(_export_count(ctx, date_from, date_to), _export_rows(ctx, date_from, date_to, full))


def _full(ctx: Context, date_from: date, date_to: date, revealed: RevealedExport | None) -> bool:
    """Whether the numbers go out in full: only with the audited receipt of this period, for its actor."""
    if revealed is None:
        return False
    from console.core.permissions import require

    require(ctx.actor, "personal.full")
    if (revealed.date_from, revealed.date_to, revealed.employee_no) != (date_from, date_to, ctx.actor.employee_no):
        raise Invalid("case.export_reveal_mismatch", field="reveal")
    return True


def _export_query(ctx: Context, date_from: date, date_to: date, columns):
    from console.cases.access import _reach

    if date_to < date_from:
        raise Invalid("case.report_bad_range", field="to")
    stmt = (select(*columns)
            .join(Site, Case.site_id == Site.id).join(Item, Case.item_id == Item.id)
            .outerjoin(Window, Case.window_id == Window.id)
            .where(Case.accepted_date >= date_from, Case.accepted_date <= date_to))
    departments = _reach(ctx)
    if departments is not None:
        stmt = stmt.where(Case.department_id.in_(departments or {-1}))
    return stmt


def _export_count(ctx: Context, date_from: date, date_to: date) -> int:
    from sqlalchemy import func

    return ctx.session.scalar(_export_query(ctx, date_from, date_to, (func.count(Case.id),)))


def _export_rows(ctx: Context, date_from: date, date_to: date, full: bool) -> Iterator[tuple]:
    from console.core.money import Yuan
    from console.core.personal import mask_id, mask_phone

    columns = (Case.number, Site.code, Window.number, Item.code, Case.applicant_kind, Case.applicant_name,
               Case.applicant_id_no, Case.applicant_phone, Case.accepted_at, Case.due_date, Case.status,
               Case.decision, Case.decision_no, Case.completed_at, Case.fee_paid_fen)
    stmt = _export_query(ctx, date_from, date_to, columns).order_by(Case.accepted_at, Case.id)
    for (number, site, window, item, kind, name, id_no, phone, accepted_at, due_date, status, decision,
         decision_no, completed_at, fee) in ctx.session.execute(stmt.execution_options(yield_per=5000)):
        kind = getattr(kind, "value", kind)
        person = kind == "person"
        yield (number, site, window or "", item, kind, name,
               id_no if full or not person else mask_id(id_no), phone if full else mask_phone(phone),
               accepted_at, due_date, getattr(status, "value", status),
               getattr(decision, "value", decision) if decision else "", decision_no, completed_at or "",
               Yuan(fee))


def write_export(total: int, rows: Iterator[tuple], fmt: str, target, *,
                 progress: Callable[[int], None] | None = None) -> int:
    """Write the rows of :func:`stream_export` as ``fmt`` to ``target`` (a path; for csv and json also a
    text stream), row by row; the number written.  XLSX cells are typed, with widths, a frozen header
    and a filter (:func:`console.core.tabular.write_xlsx`)."""
    from console.core import tabular

    if fmt not in EXPORT_FORMATS:
        raise Invalid("case.bad_format", field="format", value=fmt, choices=", ".join(EXPORT_FORMATS))
    if fmt == "xlsx":
        if target is None or hasattr(target, "write"):
            raise Invalid("case.xlsx_needs_file", field="output")
        return tabular.write_xlsx(target, COLUMNS, rows, title="cases", progress=progress)
    if fmt == "csv":
        return tabular.write_csv(target, COLUMNS, rows, progress=progress)
    own = not hasattr(target, "write")
    if own:
        private_file(Path(os.fsdecode(target)))  # the rows hold personal data: 0600 from the start
    stream = open(target, "w", encoding="utf-8") if own else target
    count = 0
    try:
        stream.write("[")
        for row in rows:
            record = {c: tabular.plain(v) for c, v in zip(COLUMNS, row)}
            stream.write(("," if count else "") + "\n  " + json.dumps(record, ensure_ascii=False))
            count += 1
            if progress is not None and count % 1000 == 0:
                progress(count)
        stream.write("\n]\n" if count else "]\n")
    finally:
        if own:
            stream.close()
    if progress is not None:
        progress(count)
    return count
