"""Upkeep of ``case_month_stats``: closed cases per month, site, window, department, item.

Every path that closes a case (completion, withdrawal, a lapsed waiver, the
historical import and the demo) adds it here in the same transaction, and a fee
paid after closing adds its amount, so the report can read whole months from
these rows (see :mod:`console.cases.reports`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from models import Case, CaseMonthStat, CaseStatus

CLOSED = frozenset({CaseStatus.completed.value, CaseStatus.withdrawn.value, CaseStatus.ended.value})
_KEY = ("month", "site_id", "window_id", "department_id", "item_id")


def _upsert(session: Session, values: list[dict]) -> None:
    if not values:
        return
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    table = CaseMonthStat.__table__
    stmt = insert(table)
    stmt = stmt.on_conflict_do_update(index_elements=list(_KEY), set_={
        "closed": table.c.closed + stmt.excluded.closed,
        "completed": table.c.completed + stmt.excluded.completed,
        "late": table.c.late + stmt.excluded.late,
        "fees_fen": table.c.fees_fen + stmt.excluded.fees_fen,
    })
    for start in range(0, len(values), 5000):
        session.execute(stmt, values[start:start + 5000])


def _key(case: Case) -> dict:
    return {"month": case.accepted_month, "site_id": case.site_id, "window_id": case.window_id or 0,
            "department_id": case.department_id, "item_id": case.item_id}


def case_closed(session: Session, case: Case) -> None:
    """Count ``case`` (just closed) in its month's row."""
    _upsert(session, [{**_key(case), "closed": 1, "completed": int(case.status is CaseStatus.completed),
                       "late": int(bool(case.late)), "fees_fen": case.fee_paid_fen}])


def fee_after_close(session: Session, case: Case, amount_fen: int) -> None:
    """Add a fee paid on a closed case."""
    if case.status.value in CLOSED and amount_fen:
        _upsert(session, [{**_key(case), "closed": 0, "completed": 0, "late": 0, "fees_fen": amount_fen}])


class MonthTotals:
    """The closed cases among bulk-inserted rows, counted chunk by chunk and written once at the end."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        at = {name: i for i, name in enumerate(fields)}
        self._at = (at["status"], at["accepted_month"], at["site_id"], at["window_id"], at["department_id"],
                    at["item_id"], at["late"], at["fee_paid_fen"])
        self.totals: dict[tuple, list[int]] = {}

    def add(self, rows: Iterable[tuple]) -> None:
        """Count the closed ones among ``rows`` (tuples in the fields' order)."""
        i_status, i_month, i_site, i_window, i_dept, i_item, i_late, i_fee = self._at
        totals = self.totals
        completed_value = CaseStatus.completed.value
        for row in rows:
            status = row[i_status]
            if status not in CLOSED:
                continue
            key = (row[i_month], row[i_site], row[i_window] or 0, row[i_dept], row[i_item])
            acc = totals.get(key)
            if acc is None:
                acc = totals[key] = [0, 0, 0, 0]
            acc[0] += 1
            acc[1] += status == completed_value
            acc[2] += bool(row[i_late])
            acc[3] += row[i_fee] or 0

    def write(self, session: Session) -> None:
        """Add the counts to ``case_month_stats`` (in the session's transaction)."""
        _upsert(session, [dict(zip(_KEY, key), closed=v[0], completed=v[1], late=v[2], fees_fen=v[3])
                          for key, v in self.totals.items()])
        self.totals = {}


def add_rows(session: Session, rows: Iterable[tuple], fields: tuple[str, ...]) -> None:
    """Count the closed ones among bulk-inserted case rows (tuples in ``fields`` order)."""
    totals = MonthTotals(fields)
    totals.add(rows)
    totals.write(session)
