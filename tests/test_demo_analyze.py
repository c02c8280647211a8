"""The demo build and the imports leave the query planner its statistics (ANALYZE), so the filtered
case lists (and every other query on the tables they wrote) plan well."""

from __future__ import annotations

from sqlalchemy import select as sa_select, text


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


def _history_with_overdue(db, count: int = 3000) -> list[str]:
    """``count`` demo history rows, the newest five made open and overdue; their numbers, newest first."""
    import random

    from console.cases.files import INSERT_FIELDS, insert_rows
    from console.demo.cases import build_rows

    status, due = INSERT_FIELDS.index("status"), INSERT_FIELDS.index("due_date")
    completed_at = [INSERT_FIELDS.index(n) for n in ("decided_at", "completed_at", "completed_date", "decision")]
    with db.write() as session:
        rows = build_rows(session, random.Random(7), count)
        rows.sort(key=lambda r: r[INSERT_FIELDS.index("accepted_at")])
        for i in range(len(rows) - 5, len(rows)):
            row = list(rows[i])
            row[status] = "accepted"
            for j in completed_at:
                row[j] = None
            row[INSERT_FIELDS.index("late")] = False
            row[due] = row[due] or row[INSERT_FIELDS.index("accepted_date")]
            rows[i] = tuple(row)
        insert_rows(session, rows)
    db.analyze()
    return [r[0] for r in reversed(rows[-5:])]


def test_the_overdue_list_finds_its_few_cases_without_walking_the_history(db, hall, runner, backend):
    """The few open cases past due come newest first, and SQLite finds them by (status, due_date)
    instead of reading the whole history in accepted order (0.76 s over 535,538 cases)."""
    from datetime import date

    from sqlalchemy import event

    from console.cases.access import count_cases, list_cases
    from tests.factories import actor

    newest_first = _history_with_overdue(db)
    statements: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        with runner.transaction(actor(db, "S001")) as ctx:
            rows = list_cases(ctx, overdue=True, today=date(2030, 1, 1))
            total = count_cases(ctx, overdue=True, today=date(2030, 1, 1))
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    assert [r.number for r in rows] == newest_first
    assert total == 5
    if backend == "sqlite":
        statement, params = next(s for s in statements if "ORDER BY" in s[0] and "due_date <" in s[0])
        with db.engine.connect() as conn:
            plan = " ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
        assert "ix_cases_status_due" in plan and "ix_cases_list_accepted" not in plan, plan


def _planned_rows(db, backend, tables) -> dict[str, int | None]:
    """How many rows the planner's statistics say each table holds (``None``: never analyzed)."""
    out: dict[str, int | None] = {}
    with db.engine.connect() as conn:
        for table in tables:
            if backend == "postgresql":
                value = conn.execute(text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table}).scalar()
                out[table] = int(value) if value is not None and value >= 0 else None
            elif conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first():
                stat = conn.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = :t"), {"t": table}).scalar()
                out[table] = int(stat.split()[0]) if stat else None
            else:
                out[table] = None
    return out


def _rows(db, tables) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() for table in tables}


def _analyze_now(db, tables) -> None:
    """The statistics as the tables stand now, so that only a later ANALYZE can bring them up to date."""
    with db.engine.begin() as conn:
        for table in tables:
            conn.exec_driver_sql(f"ANALYZE {table}")


def test_a_catalog_import_analyzes_the_items_and_materials(db, hall, cli, tmp_path, backend):
    import csv

    tables = ("items", "materials")
    exported = tmp_path / "catalog.csv"
    assert cli("catalog", "export", str(exported), as_="A001").exit_code == 0
    with exported.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    code = rows[0].index("code")
    extra = list(rows[1])
    extra[code] = "ZZ-999"  # one item more, with the first item's materials
    target = tmp_path / "more.csv"
    with target.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([*rows, extra])
    _analyze_now(db, tables)
    before = _rows(db, tables)
    result = cli("catalog", "import", str(target), "--update", as_="A001")
    assert result.exit_code == 0, result.output
    after = _rows(db, tables)
    assert after["items"] == before["items"] + 1
    assert _planned_rows(db, backend, tables) == after


def test_an_organization_import_analyzes_the_organizations_tables(db, hall, cli, tmp_path, backend):
    from console.org.orgfile_import import ORG_TABLES
    from tests.test_setup_org import _file

    _analyze_now(db, ORG_TABLES)
    before = _rows(db, ORG_TABLES)
    result = cli("org", "import", str(_file(tmp_path)), as_="A001")
    assert result.exit_code == 0, result.output
    after = _rows(db, ORG_TABLES)
    assert all(after[t] > before[t] for t in ("sites", "departments", "windows", "staff"))
    assert _planned_rows(db, backend, ORG_TABLES) == after


def test_a_clerks_case_count_is_every_case_they_reach_once_counted_from_indexes(db, hall, runner, backend):
    """A clerk's total is their window's departments' cases plus the cases they accepted in other
    departments, each once: counted in two parts an index answers, never a walk of the history."""
    import random

    from sqlalchemy import event

    from console.cases.access import count_cases, list_cases
    from console.cases.files import INSERT_FIELDS, insert_rows
    from console.demo.cases import build_rows
    from models import Staff, Window, window_departments
    from tests.factories import actor

    with db.write() as session:
        clerk = session.query(Staff).filter_by(employee_no="C001").one()
        theirs = set(session.scalars(sa_select(window_departments.c.department_id)
                                     .where(window_departments.c.window_id == clerk.window_id)))
        rows = build_rows(session, random.Random(11), 1200)
        other = next(r[INSERT_FIELDS.index("department_id")] for r in rows
                     if r[INSERT_FIELDS.index("department_id")] not in theirs)
        staff, dept = INSERT_FIELDS.index("staff_id"), INSERT_FIELDS.index("department_id")
        window = INSERT_FIELDS.index("window_id")
        windows = [w.id for w in session.query(Window)]
        for i in range(0, 60, 3):  # theirs elsewhere, theirs in their departments, at their window
            for j, department in ((i, other), (i + 1, min(theirs))):
                row = list(rows[j])
                row[staff], row[dept], row[window] = clerk.id, department, windows[i % len(windows)]
                rows[j] = tuple(row)
        insert_rows(session, rows)
    db.analyze()
    statements: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT COUNT"):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        with runner.transaction(actor(db, "C001")) as ctx:
            for scope, status in (("all", None), ("all", "completed"), ("window", None), ("mine", None),
                                  ("window", "completed")):
                listed = list_cases(ctx, scope=scope, status=status, limit=10_000)
                assert count_cases(ctx, scope=scope, status=status) == len(listed) > 0, (scope, status)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    if backend == "sqlite":
        with db.engine.connect() as conn:
            for statement, params in statements:
                plan = " ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
                assert "SEARCH" in plan and "SCAN cases" not in plan, (statement, plan)

