"""Input that cannot harm a terminal: control and direction characters refused everywhere, escaped on output."""

from __future__ import annotations

import csv
import json
import os

import pytest
from sqlalchemy import select, text

from console.core.errors import ImportRejected, Invalid
from console.core.exitcodes import ExitCode
from console.core.text import csv_cell, printable, unsafe_char
from models import CalendarDay, Case, Item, Staff
from tests.factories import actor
from tests.test_case_io import GOOD, HEADER
from tests.test_catalog_io import do_import, row, write_csv

HOSTILE = {
    "escape": "张\x1b[2J三",
    "colour": "\x1b[31m李四\x1b[0m",
    "rtl-override": "王\u202e五",
    "isolate": "赵\u2066六",
    "nul": "钱\x00七",
    "c1": "孙\x9b八",
    "bell": "周\x07九",
}


@pytest.mark.parametrize("name", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_name_given_as_an_option_is_refused_with_the_field_named(cli, db, hall, name):
    result = cli("staff", "add", "C099", "--name", name, "--role", "supervisor", "--pin-from-env", as_="A001",
                 env={"HALL_NEW_PIN": "246813"})
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "name" in result.stderr and "U+" in result.stderr
    assert "\x1b" not in result.output
    with db.read() as s:
        assert s.scalar(select(Staff).where(Staff.employee_no == "C099")) is None


def test_every_orm_write_refuses_it_and_text_fields_keep_line_breaks(runner, db, hall):
    with pytest.raises(Invalid) as caught, db.write() as s:
        s.add(Staff(employee_no="C098", name="x\u202ey", role="clerk", pin_hash="-",
                    created_at=__import__("datetime").datetime(2026, 3, 3)))
    assert caught.value.field == "name"
    with db.write() as s:  # a Text column may hold several lines and tabs
        item = s.scalar(select(Item).where(Item.code == "SCJG-001"))
        item.procedure = "第一步\n第二步\t（附表）"
    with pytest.raises(Invalid) as caught, db.write() as s:
        s.scalar(select(Item).where(Item.code == "SCJG-001")).procedure = "第一步\x1b[2J"
    assert caught.value.field == "procedure"


def test_nul_is_refused_alike_on_every_engine_in_a_calendar_import(cli, db, hall, tmp_path):
    path = tmp_path / "cal.csv"
    path.write_text("date,kind,note\n2026-10-01,holiday,国庆\n2026-10-02,holiday,假\x00日\n", encoding="utf-8")
    result = cli("calendar", "import", str(path), as_="A001")
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "3" in result.stderr and "note" in result.stderr and "U+0000" in result.stderr
    assert "Traceback" not in result.output
    with db.read() as s:
        assert s.scalar(select(CalendarDay).limit(1)) is None


def test_a_case_import_names_the_row_and_column_and_writes_nothing(cli, db, hall, tmp_path):
    bad = GOOD.replace("王一", "王\x00一").replace("某协会", "某\u202e协会")
    path = tmp_path / "cases.csv"
    path.write_text(bad, encoding="utf-8")
    result = cli("case", "import", str(path), "--json", as_="A001")
    assert result.exit_code == ExitCode.INVALID, result.output
    assert "Traceback" not in result.output
    assert "applicant_name" in result.stderr and "U+0000" in result.stderr and "U+202E" in result.stderr
    with db.read() as s:
        assert s.scalar(select(Case).limit(1)) is None


def test_a_catalog_import_names_the_row_and_column(runner, db, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [row(), row(code="ZJ-002", name="许可\x1b]0;title\x07")])
    with pytest.raises(ImportRejected) as caught:
        do_import(runner, db, path)
    assert {(e.row, e.column) for e in caught.value.errors} == {(3, "name")}
    ok = write_csv(tmp_path / "ok.csv", [row(procedure="受理\n审查\n决定")])
    assert do_import(runner, db, ok).created == ["ZJ-001"]


# --------------------------------------------------------------------------- output of older rows


def _smuggle(db, employee_no, name):
    """A row written before these checks (straight into the table)."""
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE staff SET name = :n WHERE employee_no = :e"), {"n": name, "e": employee_no})


def test_older_rows_are_escaped_on_a_terminal(cli, db, hall):
    _smuggle(db, "C002", "李\x1b[2J\x1b[31m综合\u202e")
    table = cli("staff", "list", as_="A001")
    assert table.exit_code == 0, table.output
    assert "\x1b" not in table.stdout and "\u202e" not in table.stdout
    assert "\\x1b[2J" in table.stdout
    listed = cli("staff", "list", "--json", as_="A001")
    assert "\u202e" not in listed.stdout and "\\u202e" in listed.stdout
    names = {r["employee_no"]: r["name"] for r in json.loads(listed.stdout)}
    assert names["C002"] == "李\x1b[2J\x1b[31m综合\u202e"  # the JSON still says what is stored


def test_rich_markup_in_a_stored_name_is_printed_as_it_is(cli, db, hall):
    _smuggle(db, "C002", "[red]李[/red]")
    assert "[red]" in cli("staff", "list", as_="A001").stdout


def test_printable_and_unsafe_char():
    assert printable("a\x1bb\u202ec\nd") == "a\\x1bb<U+202E>c\nd"
    assert unsafe_char("a\tb") == "U+0009" and unsafe_char("a\tb\nc", multiline=True) is None
    assert unsafe_char("中文，全角　空格") is None


# --------------------------------------------------------------------------- spreadsheets


FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1:A2)", "-2+3", "\t=1", "\r=1"]


def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe():
    for value in FORMULAS:
        assert csv_cell(value) == "'" + value
    for value in ["-12.50", "+3", "正常", "a=b", 5, None]:
        assert csv_cell(value) == value


def test_catalog_export_writes_formulas_as_text(cli, db, hall, tmp_path):
    with db.write() as s:
        for code, name in zip(("SCJG-001", "MZ-001"), FORMULAS[:2]):
            s.scalar(select(Item).where(Item.code == code)).name = name
        s.scalar(select(Item).where(Item.code == "SCJG-001")).fee_standard = "+1+1"
    out = tmp_path / "x.csv"
    assert cli("catalog", "export", str(out), as_="A001").exit_code == 0
    with out.open(encoding="utf-8-sig") as handle:
        cells = [c for r in csv.reader(handle) for c in r]
    assert "'" + FORMULAS[0] in cells and "'" + FORMULAS[1] in cells and "'+1+1" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_case_export_is_private_and_neutralised(cli, db, hall, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(GOOD.replace("王一", "=HYPERLINK(1)"), encoding="utf-8")
    assert cli("case", "import", str(path), as_="A001").exit_code == 0
    out = tmp_path / "out" / "export.csv"
    out.parent.mkdir()
    result = cli("case", "export", "--from", "2005-01-01", "--to", "2005-12-31", "-o", str(out), as_="S001")
    assert result.exit_code == 0, result.output
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert "'=HYPERLINK(1)" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- codes regardless of case, merges


def test_employee_numbers_that_differ_only_in_case_cannot_coexist(cli, db, hall):
    result = cli("staff", "add", "c001", "--name", "小写", "--role", "supervisor", "--pin-from-env", as_="A001",
                 env={"HALL_NEW_PIN": "246813"})
    assert result.exit_code == ExitCode.CONFLICT and "C001" in result.stderr
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.engine.begin() as conn:  # the database holds to it too
        conn.execute(text("UPDATE staff SET employee_no = 'a001' WHERE employee_no = 'S001'"))


def test_item_codes_that_differ_only_in_case_are_refused_in_an_import(runner, db, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [row(code="scjg-001"), row(code="ZJ-001"), row(code="zj-001")])
    with pytest.raises(ImportRejected) as caught:
        do_import(runner, db, path)
    assert {(e.row, e.column) for e in caught.value.errors} == {(2, "code"), (4, "code")}


def test_a_merge_cycle_is_refused(runner, db, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [
        row(code="ZJ-001", retired_year="2008", merged_into="ZJ-002"),
        row(code="ZJ-002", retired_year="2008", merged_into="ZJ-003"),
        row(code="ZJ-003", retired_year="2008", merged_into="ZJ-001"),
        row(code="ZJ-004", retired_year="2008", merged_into="ZJ-001"),
    ])
    with pytest.raises(ImportRejected) as caught:
        do_import(runner, db, path)
    assert {(e.row, e.column) for e in caught.value.errors} == {(2, "merged_into"), (3, "merged_into"),
                                                                 (4, "merged_into")}
