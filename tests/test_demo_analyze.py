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


def test_a_case_import_analyzes_the_cases_it_wrote(db, hall, cli, tmp_path, backend):
    from tests.test_case_io import GOOD

    path = tmp_path / "cases.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert cli("case", "import", str(path), as_="A001").exit_code == 0
    with db.engine.connect() as conn:
        if backend == "postgresql":
            analyzed = set(conn.execute(text(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")).scalars())
        else:
            analyzed = set(conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1")).scalars())
    assert "cases" in analyzed


def test_the_case_lists_have_their_indexes(db):
    from sqlalchemy import inspect

    names = {ix["name"] for ix in inspect(db.engine).get_indexes("cases")}
    assert {"ix_cases_list_status", "ix_cases_list_department", "ix_cases_list_window", "ix_cases_list_staff",
            "ix_cases_list_site"} <= names
