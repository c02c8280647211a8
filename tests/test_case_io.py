"""Historical case import (all or nothing), export (csv, xlsx, json) and the demo history."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from console.cases.intake import accept
from console.core.personal import id_check_digit
from models import Case, CaseSequence
from tests.factories import actor
from tests.test_cases import form

ID_NO = "41018519800101123" + id_check_digit("41018519800101123")
HEADER = "number,site,window,item,applicant_kind,applicant_name,applicant_id,applicant_phone,accepted_at,status,decision,decision_no,completed_at,fee_paid\n"
GOOD = (HEADER
        + f"H2005000001,410185,01,SCJG-001,person,王一,{ID_NO},13812345678,2005-03-01 09:10,completed,approved,D1,2005-03-02 10:00,0\n"
        + "H2005000002,410185,02,MZ-001,organization,某协会,91110000600037341L,,2005-03-01 10:00,completed,approved,D2,2005-04-20 10:00,100\n"
        + "H2005000003,410185,,MZ-OLD,person,王三,,,2005-03-02,withdrawn,,,2005-03-03,\n")


def _count(db) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Case))


def test_import_good_file(db, hall, cli, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(GOOD, encoding="utf-8")
    result = cli("case", "import", str(path), "--json", as_="A001")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"cases": 3}
    with db.read() as s:
        cases = {c.number: c for c in s.scalars(select(Case))}
        one, two = cases["H2005000001"], cases["H2005000002"]
        assert one.due_date == date(2005, 3, 4) and one.late is False and one.accepted_month == 200503
        assert two.late is True and two.fee_paid_fen == 10000 and two.applicant_kind.value == "organization"
        assert cases["H2005000003"].window_id is None
    report = json.loads(cli("report", "cases", "--from", "2005-01-01", "--to", "2005-12-31", "--by", "site",
                            "--json", as_="S001").stdout)
    assert report[0]["accepted"] == 3 and report[0]["completed"] == 2 and report[0]["overdue"] == 1


@pytest.mark.parametrize("row, column", [
    ("H1,410185,01,SCJG-001,person,王,410185198001011231,,2005-03-01,completed,approved,D,2005-03-02,0", "applicant_id"),
    ("H1,410185,01,NOPE,person,王,,,2005-03-01,completed,approved,D,2005-03-02,0", "item"),
    ("H1,999,01,SCJG-001,person,王,,,2005-03-01,completed,approved,D,2005-03-02,0", "site"),
    ("H1,410185,01,SCJG-001,person,王,,,2005-02-30,completed,approved,D,2005-03-02,0", "accepted_at"),
    ("H1,410185,01,SCJG-001,person,王,,,2005-03-01,finished,approved,D,2005-03-02,0", "status"),
    ("H1,410185,01,SCJG-001,person,王,,,2005-03-01,completed,approved,D,,0", "completed_at"),
    ("H1,410185,01,SCJG-001,person,王,,,2005-03-01,completed,approved,D,2005-03-02,-5", "fee_paid"),
    ("H1,410185,01,SCJG-001,person,王,,,2003-03-01,completed,approved,D,2003-03-02,0", "accepted_at"),
    ("H1,410185,01,SCJG-001,person,王,,,2005-03-01,completed", "-"),
])
def test_a_malformed_row_rejects_the_whole_file(db, hall, cli, tmp_path, row, column):
    path = tmp_path / "bad.csv"
    path.write_text(GOOD + row + "\n", encoding="utf-8")
    result = cli("case", "import", str(path), as_="A001")
    assert result.exit_code == 4
    assert f"row 5, column {column}" in result.stderr
    assert _count(db) == 0


def test_duplicates_within_the_file_and_in_the_database(db, hall, cli, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(GOOD + GOOD.splitlines()[1] + "\n", encoding="utf-8")
    result = cli("case", "import", str(path), as_="A001")
    assert result.exit_code == 4 and "row 5, column number" in result.stderr and "row 2" in result.stderr
    path.write_text(GOOD, encoding="utf-8")
    assert cli("case", "import", str(path), as_="A001").exit_code == 0
    again = cli("case", "import", str(path), as_="A001")
    assert again.exit_code == 4 and "exists already" in again.stderr
    assert _count(db) == 3


def test_import_needs_an_administrator_and_a_header(db, hall, cli, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert cli("case", "import", str(path), as_="C001").exit_code == 5
    path.write_text("number,site\nX,410185\n", encoding="utf-8")
    result = cli("case", "import", str(path), as_="A001")
    assert result.exit_code == 4 and "column item" in result.stderr
    assert _count(db) == 0


def test_export_formats_and_masking(db, hall, cli, runner, tmp_path):
    number = runner.run(accept, form(), at=datetime(2025, 9, 30, 10), actor=actor(db, "C001")).number
    out = cli("case", "export", "--from", "2025-09-01", "--to", "2025-09-30", as_="C001")  # a clerk: masked
    assert out.exit_code == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["number"] for r in rows] == [number]
    assert rows[0]["applicant_id"] == "410185********" + ID_NO[-4:] and rows[0]["due_date"] == "2025-10-11"
    masked = cli("case", "export", "--from", "2025-09-01", "--to", "2025-09-30", "--format", "json", as_="A001")
    assert json.loads(masked.stdout)[0]["applicant_id"] == "410185********" + ID_NO[-4:]  # every role, by default
    full = cli("case", "export", "--from", "2025-09-01", "--to", "2025-09-30", "--format", "json", "--reveal",
               as_="A001")
    assert json.loads(full.stdout)[0]["applicant_id"] == ID_NO
    target = tmp_path / "cases.xlsx"
    assert cli("case", "export", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "xlsx",
               "-o", str(target), as_="S001").exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]][:2] == ["number", "site"] and sheet["A2"].value == number
    assert cli("case", "export", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "xlsx",
               as_="S001").exit_code == 4
    assert cli("case", "export", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "pdf",
               as_="S001").exit_code == 4
    assert cli("case", "export", "--from", "2025-13-01", "--to", "2025-12-31", as_="S001").exit_code == 4


def test_exported_file_imports_back(db, hall, cli, runner, tmp_path):
    number = runner.run(accept, form(), at=datetime(2025, 9, 30, 10), actor=actor(db, "C001")).number
    # a file to import again needs the numbers in full: --reveal (audited)
    out = cli("case", "export", "--from", "2025-09-01", "--to", "2025-09-30", "--reveal", as_="A001")
    text = out.stdout.replace(number, "COPY-" + number)
    path = tmp_path / "round.csv"
    path.write_text(text, encoding="utf-8")
    assert cli("case", "import", str(path), as_="A001").exit_code == 0
    assert _count(db) == 2


def test_demo_history(db, hall, runner):
    from console.demo.cases import LAST_DAY, extend

    with runner.transaction(actor(db, "A001"), write=True) as ctx:
        added = extend(ctx, random.Random(7), {"cases": 2000})
    assert added == 2000 + 138  # the townships' share on top: 2000 × 37,032 / 535,538
    with db.read() as s:
        first, last = s.execute(select(func.min(Case.accepted_date), func.max(Case.accepted_date))).one()
        completed = s.scalar(select(func.count()).where(Case.status == "completed",
                                                        Case.site_id == hall["center_id"]))
        numbers = s.scalars(select(Case.number)).all()
        seq = s.scalar(select(CaseSequence.value).where(CaseSequence.scope == "case:4101852008#"))
        count_2008 = s.scalar(select(func.count()).where(Case.number.like("4101852008%")))
    assert date(2004, 6, 1) <= first and last <= LAST_DAY
    assert completed == 1990  # 2000 × 532,825 / 535,538
    assert len(set(numbers)) == 2138
    assert seq == count_2008 > 0
    # a new acceptance continues the numbering rather than colliding
    number = runner.run(accept, form(), at=datetime(2008, 6, 2, 9), actor=actor(db, "C001")).number
    assert number == f"4101852008{count_2008 + 1:06d}"


def test_a_clerk_exports_only_the_cases_of_the_windows_departments(db, hall, cli, runner):
    mine = runner.run(accept, form(), at=datetime(2025, 9, 30, 10), actor=actor(db, "C001")).number
    theirs = runner.run(accept, form("MZ-001", (1,)), at=datetime(2025, 9, 30, 11), actor=actor(db, "C002")).number
    numbers = lambda employee_no: [r["number"] for r in json.loads(cli(  # noqa: E731
        "case", "export", "--from", "2025-09-01", "--to", "2025-09-30", "--format", "json", as_=employee_no).stdout)]
    assert numbers("C001") == [mine] and numbers("C002") == [theirs]
    assert numbers("S001") == [mine, theirs]
