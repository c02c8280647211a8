"""Imports held to the same rules as the screens: cases agree with themselves, files in GBK, calendar years."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from console.core.exitcodes import ExitCode
from models import Case
from tests.test_case_io import GOOD, HEADER, ID_NO

ROW = f"H2005000001,410185,01,SCJG-001,person,王一,{ID_NO},13812345678,{{accepted}},{{status}},{{decision}},{{no}},{{completed}},0\n"


def _import(cli, tmp_path, text, encoding="utf-8"):
    path = tmp_path / "cases.csv"
    path.write_bytes(text.encode(encoding))
    return cli("case", "import", str(path), "--json", as_="A001")


def _row(**values):
    base = {"accepted": "2005-03-01 09:10", "status": "completed", "decision": "approved", "no": "D1",
            "completed": "2005-03-02 10:00"}
    base.update(values)
    return HEADER + ROW.format(**base)


@pytest.mark.parametrize("values,column", [
    ({"decision": ""}, "decision"),  # completed with no decision
    ({"status": "decided", "decision": ""}, "decision"),
    ({"status": "accepted", "completed": ""}, "status"),  # open, yet decided
    ({"status": "decided"}, "completed_at"),
    ({"status": "withdrawn"}, "decision"),
    ({"no": "D" * 500}, "decision_no"),  # an error, never a silent cut to 60
], ids=["completed-no-decision", "decided-no-decision", "open-with-decision", "decided-completed",
        "withdrawn-with-decision", "decision-no-too-long"])
def test_status_decision_times_and_lengths_agree(cli, db, hall, tmp_path, values, column):
    result = _import(cli, tmp_path, _row(**values))
    assert result.exit_code == ExitCode.INVALID, result.output
    assert f"row 2" in result.stderr and column in result.stderr, result.stderr
    with db.read() as s:
        assert s.scalar(select(Case).limit(1)) is None


def test_a_due_date_before_the_acceptance_is_refused(cli, db, hall, tmp_path):
    header = HEADER.rstrip("\n") + ",due_date\n"
    body = ROW.format(accepted="2005-03-01 09:10", status="completed", decision="approved", no="D1",
                      completed="2005-03-02 10:00").rstrip("\n") + ",2005-02-20\n"
    result = _import(cli, tmp_path, header + body)
    assert result.exit_code == ExitCode.INVALID and "due_date" in result.stderr


def test_times_with_an_offset_are_converted_to_the_halls_zone(cli, db, hall, tmp_path):
    result = _import(cli, tmp_path, _row(accepted="2005-03-01T01:10:00+00:00", completed="2005-03-02T10:00:00+08:00"))
    assert result.exit_code == 0, result.output
    with db.read() as s:
        case = s.execute(select(Case.accepted_at, Case.completed_at)).one()
    assert case.accepted_at == datetime(2005, 3, 1, 9, 10) and case.completed_at == datetime(2005, 3, 2, 10, 0)


def test_a_good_row_still_imports(cli, db, hall, tmp_path):
    result = _import(cli, tmp_path, GOOD)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"cases": 3}


def test_case_and_calendar_imports_read_gbk_as_the_catalog_import_does(cli, db, hall, tmp_path):
    result = _import(cli, tmp_path, GOOD, encoding="gbk")
    assert result.exit_code == 0, result.output
    with db.read() as s:
        assert "王一" in s.scalars(select(Case.applicant_name)).all()
    path = tmp_path / "cal.csv"
    path.write_bytes("date,kind,note\n2030-10-01,holiday,国庆节\n".encode("gbk"))
    calendar = cli("calendar", "import", str(path), as_="A001")
    assert calendar.exit_code == 0, calendar.output
