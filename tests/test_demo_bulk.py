"""The demo's history in bulk: exact figures at any scale, rows streamed a chunk at a time, the
indexes rebuilt, the planner's statistics refreshed, the progress shown on a terminal only, and
months evaluated at once giving what month-by-month gives."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import case, func, inspect, select, text

from console.demo.cases import (CENTER_ACCEPTED, CENTER_COMPLETED, CENTER_FEES_FEN, FIRST_DAY, LAST_DAY,
                                TOWNSHIP_ACCEPTED, TOWNSHIP_COMPLETED, TOWNSHIP_FIRST_DAY, _scaled, extend, iter_rows)
from models import Case, CaseMonthStat, CaseStatus, Site, SiteKind
from tests.factories import actor


def _figures(db, kind: SiteKind) -> tuple[int, int, int, date, date]:
    with db.read() as s:
        row = s.execute(
            select(func.count(), func.sum(case((Case.status == CaseStatus.completed, 1), else_=0)),
                   func.sum(Case.fee_paid_fen), func.min(Case.accepted_date), func.max(Case.accepted_date))
            .join(Site, Case.site_id == Site.id).where(Site.kind == kind)).one()
    return int(row[0]), int(row[1] or 0), int(row[2] or 0), row[3], row[4]


@pytest.mark.parametrize("n", [1, 997, 6000])
def test_the_history_keeps_the_sources_figures_scaled_to_n(db, hall, runner, n):
    added = runner.run(extend, random.Random(n), {"cases": n}, actor=actor(db, "A001"))
    towns = _scaled(n, CENTER_ACCEPTED, TOWNSHIP_ACCEPTED)
    assert added == n + towns
    accepted, completed, fees, first, last = _figures(db, SiteKind.center)
    assert accepted == n and completed == _scaled(n, CENTER_ACCEPTED, CENTER_COMPLETED)
    if n > 1:  # (one case may well pay no fee)
        assert fees == _scaled(n, CENTER_ACCEPTED, CENTER_FEES_FEN)  # to the fen
    assert FIRST_DAY <= first and last <= LAST_DAY
    if towns:
        accepted, completed, fees, first, last = _figures(db, SiteKind.township)
        assert (accepted, completed, fees) == (towns, _scaled(towns, TOWNSHIP_ACCEPTED, TOWNSHIP_COMPLETED), 0)
        assert TOWNSHIP_FIRST_DAY <= first and last <= LAST_DAY
    with db.read() as s:
        closed = s.execute(select(func.count(), func.sum(Case.fee_paid_fen)).where(
            Case.status.in_([CaseStatus.completed, CaseStatus.withdrawn, CaseStatus.ended]))).one()
        counted = s.execute(select(func.sum(CaseMonthStat.closed), func.sum(CaseMonthStat.fees_fen))).one()
        numbers = s.scalar(select(func.count(func.distinct(Case.number))))
    assert tuple(counted) == tuple(closed)  # every closed case counted in its month, once
    assert numbers == added


def test_the_full_scale_is_the_sources_own_figures():
    """``--cases 535538`` gives the source's figures exactly (the scaling itself, not a build)."""
    assert _scaled(CENTER_ACCEPTED, CENTER_ACCEPTED, CENTER_COMPLETED) == 532_825
    assert _scaled(CENTER_ACCEPTED, CENTER_ACCEPTED, TOWNSHIP_ACCEPTED) == 37_032
    assert _scaled(37_032, TOWNSHIP_ACCEPTED, TOWNSHIP_COMPLETED) == 37_006
    assert _scaled(CENTER_ACCEPTED, CENTER_ACCEPTED, CENTER_FEES_FEN) == 667_000_000_000


def test_the_same_seed_draws_the_same_history(db, hall):
    with db.read() as s:
        first, again = (list(iter_rows(s, random.Random(9), 800)) for _ in range(2))
        other = list(iter_rows(s, random.Random(10), 800))
    assert first == again and first != other
    assert [r[15] for r in first] == sorted(r[15] for r in first)  # in the order they were accepted


def test_every_drawn_applicant_id_is_valid(db, hall):
    from console.core.personal import validate_resident_id, validate_uscc

    with db.write() as s:
        rows = list(iter_rows(s, random.Random(3), 3000))
    kinds = {"person": 0, "organization": 0}
    for row in rows:
        kind, id_no = row[7], row[9]
        kinds[kind] += 1
        if kind == "person":
            assert validate_resident_id(id_no, field="id", today=date(2009, 6, 1)).number == id_no
        else:
            assert validate_uscc(id_no, field="id") == id_no
    assert kinds["person"] > kinds["organization"] > 0


def test_rows_are_drawn_while_they_go_in_a_chunk_at_a_time(db, hall, monkeypatch):
    """The bulk insert takes a generator's rows a chunk at a time: never all of them in memory."""
    from console.cases import bulk
    from console.core.progress import set_reporter

    monkeypatch.setattr(bulk, "CHUNK", 100)
    drawn, seen = [0], []

    def counted(rows):
        for row in rows:
            drawn[0] += 1
            yield row

    previous = set_reporter(lambda key, done, total: seen.append((key, done, total, drawn[0])))
    try:
        with db.write() as s:
            rows = iter_rows(s, random.Random(1), 450)
            assert bulk.insert_rows(s, counted(rows), total=450, progress="demo.progress.history") == 450
    finally:
        set_reporter(previous)
    assert [(k, d, t) for k, d, t, _ in seen] == [("demo.progress.history", d, 450)
                                                  for d in (0, 100, 200, 300, 400, 450)]
    assert all(pulled <= done + 100 for _k, done, _t, pulled in seen)  # one chunk ahead at most


def test_the_demo_history_rebuilds_the_indexes_it_set_aside(db, hall, runner):
    before = {ix["name"] for ix in inspect(db.engine).get_indexes("cases")}
    seen = []
    from console.core.progress import set_reporter

    previous = set_reporter(lambda key, done, total: seen.append((key, done, total)))
    try:
        runner.run(extend, random.Random(2), {"cases": 300}, actor=actor(db, "A001"))
    finally:
        set_reporter(previous)
    db.engine.dispose()  # a fresh look at the schema
    assert {ix["name"] for ix in inspect(db.engine).get_indexes("cases")} == before
    total = 300 + _scaled(300, CENTER_ACCEPTED, TOWNSHIP_ACCEPTED)  # the townships' share on top
    assert ("demo.progress.history", total, total) in seen
    rebuilt = [s for s in seen if s[0] == "ops.progress.indexes"]
    assert rebuilt and rebuilt[-1][1] == rebuilt[-1][2] >= 12


def test_a_failed_history_leaves_the_indexes_in_place(db, hall, runner, monkeypatch):
    from console.cases import bulk

    before = {ix["name"] for ix in inspect(db.engine).get_indexes("cases")}

    def broken(rows):
        yield from iter(())
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk, "chunks", lambda rows, size: broken(rows))
    with pytest.raises(Exception):
        runner.run(extend, random.Random(2), {"cases": 300}, actor=actor(db, "A001"))
    db.engine.dispose()
    assert {ix["name"] for ix in inspect(db.engine).get_indexes("cases")} == before
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0


def _history_only(monkeypatch):
    from console.demo import build

    monkeypatch.setattr(build, "EXTENSIONS", ["console.demo.cases:extend"])


def _forget_statistics(db, backend) -> None:
    """No planner statistics of the cases before the build: only an ANALYZE after it brings them."""
    with db.engine.begin() as conn:
        if backend == "postgresql":  # (the tests' tables are emptied by DELETE, which keeps them)
            conn.exec_driver_sql("DELETE FROM pg_statistic WHERE starelid = 'cases'::regclass")
        elif conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
            conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'cases'")


def _analyzed_rows(db, backend) -> int | None:
    """How many case rows the planner's statistics say there are (``None``: never analyzed).

    On PostgreSQL building an index counts the rows too (``pg_class.reltuples``): the column
    statistics (``pg_stats``) are what only an ANALYZE writes.
    """
    with db.engine.connect() as conn:
        if backend == "postgresql":
            columns = conn.execute(text("SELECT count(*) FROM pg_stats WHERE tablename = 'cases'")).scalar()
            value = conn.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'cases'")).scalar()
            return int(value) if columns and value is not None and value >= 0 else None
        stat = conn.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = 'cases' AND idx = 'ix_cases_list_site'")
                            ).scalar()
    return int(stat.split()[0]) if stat else None


def test_hall_demo_with_cases_leaves_the_planner_its_statistics(cli, db, backend, monkeypatch):
    _history_only(monkeypatch)
    _forget_statistics(db, backend)
    result = cli("demo", "--no-open", "--cases", "500")  # into the (empty) test database
    assert result.exit_code == 0, result.output
    with db.read() as s:
        count = s.scalar(select(func.count()).select_from(Case))
    assert count == 500 + _scaled(500, CENTER_ACCEPTED, TOWNSHIP_ACCEPTED)
    assert _analyzed_rows(db, backend) == count
    assert "Demo history" not in result.stderr  # no terminal: no bar


def test_hall_demo_into_a_file_shows_its_progress_in_both_languages(cli, tmp_path, monkeypatch, backend):
    if backend != "sqlite":
        pytest.skip("--path builds a SQLite file")
    from models.engine import Database

    _history_only(monkeypatch)
    target = tmp_path / "demo.db"
    forced = {"HALL_PROGRESS": "1"}  # bars even off a terminal
    result = cli("demo", "--no-open", "--path", str(target), "--cases", "500", lang="zh_CN", env=forced)
    assert result.exit_code == 0, result.output
    assert "演示历史办件" in result.stderr and "535/535" in result.stderr
    assert "重建办件索引" in result.stderr
    built = Database(f"sqlite:///{target}")
    try:
        assert _analyzed_rows(built, "sqlite") == 535
        with built.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"  # opened as any database
    finally:
        built.dispose()
    assert not list(tmp_path.glob(".demo.db.*"))  # nothing left of the scratch file
    english = cli("demo", "--no-open", "--path", str(target), "--cases", "10", env=forced)
    assert english.exit_code == 0, english.output
    total = 10 + _scaled(10, CENTER_ACCEPTED, TOWNSHIP_ACCEPTED)
    assert "Demo history: cases" in english.stderr and f"{total}/{total}" in english.stderr


def test_progress_only_on_a_terminal_and_never_with_json(monkeypatch, capsys):
    from rich.console import Console

    from console.cli import common
    from console.cli.progress import reporting
    from console.core.progress import tick

    def ticked() -> str:
        with reporting():
            for done in (10, 20):
                tick("demo.progress.history", done, 20)
        return capsys.readouterr().err

    monkeypatch.delenv("HALL_PROGRESS", raising=False)
    assert ticked() == ""  # standard error is not a terminal here
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    assert "Demo history: cases" in ticked()
    monkeypatch.setattr(common.STATE, "json", True)
    assert ticked() == ""
    monkeypatch.setattr(common.STATE, "json", False)
    monkeypatch.setenv("HALL_PROGRESS", "0")
    assert ticked() == ""


def test_months_at_once_give_what_month_by_month_gives(db, hall, runner):
    """The span forms of the data metrics count exactly what the metrics count month by month."""
    from console.assess.common import Month
    from console.assess.metrics import get_metric, metric_names, month_metric, months_at_once

    runner.run(extend, random.Random(4), {"cases": 4000}, actor=actor(db, "A001"))
    with db.write() as s:  # some cases completed late, some overdue and still open
        s.execute(text("UPDATE cases SET late = :t WHERE id % 97 = 0"), {"t": True})
        s.execute(text("UPDATE cases SET status = 'accepted', completed_date = NULL WHERE id % 89 = 0"))
    months = [Month(2004 + (m + 5) // 12, (m + 5) % 12 + 1) for m in range(62)]
    with db.read() as s:
        one_by_one = {(name, m.key): get_metric(name)(s, m.start, m.end) for name in metric_names() for m in months}
        with months_at_once(s, months[0].start, months[-1].end):
            at_once = {(name, m.key): month_metric(s, name, m.start, m.end) for name in metric_names() for m in months}
    assert at_once == one_by_one
    assert sum(sum(v.values()) for (name, _), v in one_by_one.items() if name == "overdue_cases") > 0
    assert sum(sum(v.values()) for (name, _), v in one_by_one.items() if name == "red_warnings") > 0


def test_the_demo_assessment_shows_the_months_it_freezes(db, hall, runner, clock):
    from console.core.progress import set_reporter
    from console.demo import assess
    from tests.assess_helpers import grow_hall

    grow_hall(db)
    clock.set("2026-11-25 10:00:00")
    seen = []
    previous = set_reporter(lambda key, done, total: seen.append((key, done, total)))
    try:
        made = runner.run(assess.extend, random.Random(7), {}, actor=actor(db, "A001"))
    finally:
        set_reporter(previous)
    months = [(d, t) for k, d, t in seen if k == "demo.progress.months"]
    assert made["frozen_months"] == 22 and months == [(d, 22) for d in range(23)]
