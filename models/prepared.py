"""Statements compiled once: a Core statement's SQL, parameter order and processors, per dialect.

A :class:`Prepared` wraps a statement written with SQLAlchemy Core (a select, an insert,
an update with RETURNING, a text) and compiles it **once per dialect** into a
:class:`Form`: the SQL text the driver takes, one generated expression that turns the
caller's values into the driver's parameters (a tuple for ``?``, a dict for
``%(name)s``) through the types' own bind processors, and one that turns a driver row
into a named tuple through the result processors — so a date, a time stamp or an enum
goes in and comes out as through SQLAlchemy (an enum column reads as its stored text).
:mod:`models.direct` runs them.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any


def _binder(binds: dict, dialect, names: tuple[str, ...], positional: bool):
    """``values → driver parameters`` for one compiled statement, as one generated expression.

    A bound parameter the caller names is taken from ``values`` through its type's bind
    processor; a bound literal (``limit(1)``, ``version + 1``, ``serving_at=None``) is the
    statement's own value, processed once here.  The expression is a tuple in the order of
    the SQL's placeholders (``?``) or a dict of names (``%(name)s``).
    """
    namespace: dict[str, Any] = {}
    parts = []
    for i, name in enumerate(names):
        bp = binds[name]
        proc = bp.type.dialect_impl(dialect).bind_processor(dialect)
        if not bp.required:
            value = bp.effective_value
            namespace[f"c{i}"] = proc(value) if proc is not None else value
            part = f"c{i}"
        elif proc is not None:
            namespace[f"p{i}"] = _quick(bp.type.dialect_impl(dialect), dialect, proc)
            part = f"p{i}(v[{name!r}])"
        else:
            part = f"v[{name!r}]"
        parts.append(part if positional else f"{name!r}: {part}")
    body = f"({', '.join(parts)},)" if positional and parts else ("()" if positional else f"{{{', '.join(parts)}}}")
    return eval(f"lambda v: {body}", namespace)  # noqa: S307 - built here from the compiled names


def _row_maker(columns, dialect):
    """``driver row → named tuple``, each value through its type's result processor (a SQLite time
    stamp's text → ``datetime``) — except an enum's, which stays the text it is stored as (``"called"``:
    what every reader of these rows compares)."""
    from sqlalchemy import Enum

    row = namedtuple("Row", [c.key for c in columns], rename=True)
    namespace: dict[str, Any] = {"Row": row}
    parts = []
    for i, column in enumerate(columns):
        impl = column.type.dialect_impl(dialect)
        proc = None if isinstance(column.type, Enum) else impl.result_processor(dialect, None)
        if proc is None:
            parts.append(f"r[{i}]")
        else:
            namespace[f"p{i}"] = proc
            parts.append(f"p{i}(r[{i}])")
    return eval(f"lambda r: Row({', '.join(parts)})", namespace)  # noqa: S307 - built here from the columns


#: the time stamp processor of each dialect, shared by every statement (see _stamps)
_STAMPS: dict[str, Any] = {}


def _quick(impl, dialect, proc):
    """The bind processor ``proc``, or for a SQLite time stamp the one processor all statements share,
    which remembers its last value: a call binds one time stamp to several statements."""
    from datetime import datetime

    from sqlalchemy import DateTime

    if dialect.name != "sqlite" or not isinstance(impl, DateTime):
        return proc
    sample = datetime(2026, 3, 2, 8, 5, 9, 12)
    if proc(sample) != sample.isoformat(" ", "microseconds"):  # a storage format of its own
        return proc
    shared = _STAMPS.get(dialect.name)
    if shared is None:
        shared = _STAMPS[dialect.name] = _stamps(proc)
    return shared


def _stamps(proc):
    """A naive ``datetime`` as SQLAlchemy's default SQLite text (``2026-03-02 08:05:09.000012``),
    the last one remembered (one tuple, read and written whole: safe between threads)."""
    from datetime import datetime

    text = datetime.isoformat
    box = [(None, None)]

    def stamp(value):
        last, out = box[0]
        if value is last and value is not None:
            return out
        if type(value) is datetime and value.tzinfo is None:
            out = text(value, " ", "microseconds")
        else:
            out = proc(value)
        box[0] = (value, out)
        return out

    return stamp


class Form:
    """One statement compiled for one dialect."""

    __slots__ = ("sql", "parameters", "make_row", "has_rows")

    def __init__(self, stmt, dialect) -> None:
        compiled = stmt.compile(dialect=dialect)
        sql = compiled.string
        if "POSTCOMPILE" in sql:
            raise TypeError("a prepared statement takes no expanding or literal-execute parameters")
        self.sql = sql
        positional = bool(compiled.positional)
        binds = {name: bp for bp, name in compiled.bind_names.items()}  # as rendered in the SQL
        names = tuple(compiled.positiontup or ()) if positional else tuple(binds)
        self.parameters = _binder(binds, dialect, names, positional)
        columns = list(getattr(stmt, "exported_columns", ()) or ())
        self.has_rows = bool(columns)
        self.make_row = _row_maker(columns, dialect) if columns else None


class Prepared:
    """A Core statement (select, insert, update, delete — with RETURNING or not) run directly.

    Parameters are the statement's bind parameter names (``bindparam("p_window")``);
    values of bound literals (``limit(1)``, ``version + 1``) are the statement's own.
    """

    __slots__ = ("stmt", "_forms")

    def __init__(self, stmt) -> None:
        self.stmt = stmt
        self._forms: dict[str, Form] = {}

    def form(self, dialect) -> Form:
        form = self._forms.get(dialect.name)
        if form is None:
            form = self._forms[dialect.name] = Form(self.stmt, dialect)
        return form
