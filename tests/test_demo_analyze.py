"""The demo build leaves the query planner its statistics (ANALYZE), so the filtered case lists plan well."""

from __future__ import annotations

from sqlalchemy import text


def test_the_demo_build_analyzes_its_tables(demo_db, backend):
    db, _result = demo_db
    with db.engine.connect() as conn:
        if backend == "postgresql":
            analyzed = set(conn.execute(text(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")).scalars())
        else:
            analyzed = set(conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1")).scalars())
    assert {"cases", "queue_tickets", "queue_events"} <= analyzed
