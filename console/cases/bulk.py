"""The bulk insert of case rows that the historical import and the demo's history share.

Rows are tuples in :data:`INSERT_FIELDS` order, from a list or a generator: they
are taken :data:`CHUNK` at a time, so a generator's rows are never all in memory.
SQLite gets one DBAPI ``executemany`` per chunk with the values in SQLAlchemy's
storage format; PostgreSQL one ``COPY … FROM STDIN``.  Both run on the session's
own connection, inside its transaction.  The closed cases are counted into
``case_month_stats`` as the chunks go by and written once at the end; each chunk
ticks the progress reporter (:mod:`console.core.progress`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from itertools import islice

from sqlalchemy import insert
from sqlalchemy.orm import Session

from models import Case

from console.core.progress import tick

#: the order of values in a row handed to :func:`insert_rows`
INSERT_FIELDS = ("number", "site_id", "window_id", "department_id", "item_id", "staff_id", "intake_id",
                 "applicant_kind", "applicant_name", "applicant_id_no", "applicant_phone", "legal_rep",
                 "contact", "status", "accepted_at", "accepted_date", "accepted_month", "promised_days",
                 "extension_days", "due_date", "decision", "decision_no", "decided_at", "completed_at",
                 "completed_date", "late", "fee_due_fen", "fee_paid_fen", "fee_waived", "waiver",
                 "waiver_commitment", "waiver_deadline", "closed_reason", "updated_at")
CHUNK = 20_000

_DATETIMES = tuple(INSERT_FIELDS.index(n) for n in ("accepted_at", "decided_at", "completed_at", "updated_at"))
_DATES = tuple(INSERT_FIELDS.index(n) for n in ("accepted_date", "due_date", "completed_date", "waiver_deadline"))


def sqlite_rows(rows: Iterable[tuple]) -> list[list]:
    """Rows with dates and times in the storage format of SQLAlchemy's SQLite types.

    A value met again (the rows' common stamp, a day many rows share, a decision at
    the moment of completion) is formatted once per call.
    """
    out = []
    datetimes, dates = _DATETIMES, _DATES
    moments: dict = {}
    days: dict = {}
    for row in rows:
        r = list(row)
        for i in datetimes:
            v = r[i]
            if v is not None:
                text = moments.get(v)
                if text is None:
                    text = moments[v] = v.isoformat(" ", "microseconds")
                r[i] = text
        for i in dates:
            v = r[i]
            if v is not None:
                text = days.get(v)
                if text is None:
                    text = days[v] = v.isoformat()
                r[i] = text
        out.append(r)
    return out


def chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    """``rows`` in lists of ``size`` (the last one shorter)."""
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def insert_rows(session: Session, rows: Iterable[tuple], *, total: int | None = None,
                rebuild_indexes: bool = False, progress: str = "ops.progress.insert") -> int:
    """Insert case rows (tuples in :data:`INSERT_FIELDS` order) in the session's transaction; return
    how many.

    ``total`` is how many rows a generator will give (for the progress bar; a list
    tells its length).  ``rebuild_indexes`` sets the cases table's secondary indexes
    aside while the rows go in and builds them once at the end
    (:func:`models.bulk.indexes_set_aside`): only for a database nobody else uses yet,
    such as the demo's.  ``progress`` is the message key of the progress bar.
    """
    from models.bulk import indexes_set_aside

    from console.cases.month_stats import MonthTotals

    if total is None and hasattr(rows, "__len__"):
        total = len(rows)  # type: ignore[arg-type]
    connection = session.connection()
    dialect = connection.dialect.name
    raw = connection.connection.driver_connection
    columns = ", ".join(INSERT_FIELDS)
    stats = MonthTotals(INSERT_FIELDS)
    done = 0
    tick(progress, 0, total)  # the bar (and its clock) from the first row on
    rebuilt = lambda done, of: tick("ops.progress.indexes", done, of)  # noqa: E731
    with indexes_set_aside(connection, "cases", rebuilt) if rebuild_indexes else nullcontext():
        if dialect == "sqlite":
            sql = f"INSERT INTO cases ({columns}) VALUES ({', '.join('?' * len(INSERT_FIELDS))})"
            cursor = raw.cursor()
            try:
                for chunk in chunks(rows, CHUNK):
                    cursor.executemany(sql, sqlite_rows(chunk))
                    stats.add(chunk)
                    done += len(chunk)
                    tick(progress, done, total)
            finally:
                cursor.close()
        elif dialect == "postgresql":
            with raw.cursor() as cursor, cursor.copy(f"COPY cases ({columns}) FROM STDIN") as copy:
                write = copy.write_row
                for chunk in chunks(rows, CHUNK):
                    for row in chunk:
                        write(row)
                    stats.add(chunk)
                    done += len(chunk)
                    tick(progress, done, total)
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            stmt = insert(Case.__table__)
            for chunk in chunks(rows, CHUNK):
                session.execute(stmt, [dict(zip(INSERT_FIELDS, row)) for row in chunk])
                stats.add(chunk)
                done += len(chunk)
                tick(progress, done, total)
    stats.write(session)
    return done
