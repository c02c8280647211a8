"""Bulk work on one table: its secondary indexes set aside and rebuilt, and the planner told afterwards.

Filling a table with hundreds of thousands of rows through a dozen indexes costs
more than writing the rows and building each index once, sorted, at the end.
:func:`indexes_set_aside` drops a table's secondary indexes (not the primary key,
not the indexes behind a unique constraint) and creates them again from their own
definitions as the database holds them (``sqlite_master.sql``, ``pg_get_indexdef``),
so nothing is rebuilt from a model that might differ from the migrated schema.
Both engines run DDL inside the transaction: a failure rolls the drop back too.

Only for a table nobody else reads while it fills (the demo's fresh database): on
PostgreSQL the drop holds the table's exclusive lock until the commit.

:func:`analyze` refreshes the planner's statistics of some tables (or all) in the
caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text


def secondary_indexes(connection: Connection, table: str) -> list[tuple[str, str]]:
    """``(name, definition)`` of ``table``'s indexes that no constraint owns, in creation order."""
    if connection.dialect.name == "sqlite":
        return [(name, sql) for name, sql in connection.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL "
            "ORDER BY rowid"), {"t": table})]
    if connection.dialect.name == "postgresql":
        return [(name, sql) for name, sql in connection.execute(text(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = CAST(:t AS regclass) AND NOT x.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) ORDER BY i.oid"),
            {"t": table})]
    return []  # pragma: no cover - only SQLite and PostgreSQL are supported


def _quoted(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


@contextmanager
def indexes_set_aside(connection: Connection, table: str,
                      on_index: Callable[[int, int], None] | None = None) -> Iterator[list[str]]:
    """Drop ``table``'s secondary indexes for the block; create them again when it ends without error.

    Yields the names of the indexes set aside.  On an error they stay dropped: the
    caller's transaction rolls back, and with it the drop.  ``on_index(done, total)``
    is called after each index is built again.
    """
    indexes = secondary_indexes(connection, table)
    for name, _sql in indexes:
        connection.exec_driver_sql(f"DROP INDEX {_quoted(connection, name)}")
    yield [name for name, _sql in indexes]
    if on_index is not None and indexes:
        on_index(0, len(indexes))
    if connection.dialect.name == "postgresql" and indexes:
        # each CREATE INDEX sorts the whole table: give the sort memory for this transaction only
        connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    for done, (_name, sql) in enumerate(indexes, start=1):
        connection.exec_driver_sql(sql)
        if on_index is not None:
            on_index(done, len(indexes))


def analyze(connection: Connection, *tables: str) -> None:
    """``ANALYZE`` ``tables`` (every table when none is named) in the connection's transaction.

    A full ``ANALYZE``: SQLite's sampling (``PRAGMA analysis_limit``) would read a few
    thousand rows of each index and guess how many rows share a value — for the
    cases' status or staff indexes a hundred times too few, which is exactly what
    makes a planner pick the wrong index.  A full pass over half a million cases
    costs a few seconds once.
    """
    for table in tables or ("",):
        connection.exec_driver_sql(f"ANALYZE {_quoted(connection, table)}" if table else "ANALYZE")
