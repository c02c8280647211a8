"""Reports and listings in every format: ``--format table|json|csv|xlsx`` and ``-o FILE`` on any command
with ``--json``; typed spreadsheets (dates, numbers in yuan), widths, frozen header, filter; streaming
writes in bounded memory; progress bars on exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from console.core.money import Yuan
from console.core.tabular import YUAN_FORMAT, write_xlsx
from tests.test_reports import cases  # noqa: F401 - fixture

REPORT = ("report", "cases", "--from", "2025-09-01", "--to", "2025-10-31")


def test_report_as_a_typed_spreadsheet(cli, cases, tmp_path):
    target = tmp_path / "r.xlsx"
    result = cli(*REPORT, "--by", "month", "--format", "xlsx", "-o", str(target), as_="S001")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and str(target) in result.stderr
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[1]] == ["Group", "Accepted", "Completed", "Completion %", "Overdue",
                                           "Fees (yuan)"]
    assert sheet[1][0].font.b
    assert [c.value for c in sheet[2]] == ["2025-09", 3, 2, pytest.approx(66.7), 2, 100]
    fees = sheet["F2"]
    assert fees.data_type == "n" and fees.number_format == YUAN_FORMAT
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F4"  # header, two months, the total
    assert sheet.column_dimensions["A"].width >= len("2025-09") + 2
    assert sheet.column_dimensions["F"].width >= len("Fees (yuan)") + 2


def test_report_as_csv_json_and_table_to_a_file(cli, cases, tmp_path):
    out = cli(*REPORT, "--by", "month", "--format", "csv", as_="S001")
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0][0] == "Group" and rows[1][:3] == ["2025-09", "3", "2"] and rows[1][5] == "100.00"
    as_json = cli(*REPORT, "--by", "month", "--format", "json", as_="S001")
    assert json.loads(as_json.stdout) == json.loads(cli(*REPORT, "--by", "month", "--json", as_="S001").stdout)
    text = tmp_path / "r.txt"
    assert cli(*REPORT, "--by", "month", "-o", str(text), as_="S001").exit_code == 0
    assert "2025-09" in text.read_text(encoding="utf-8")
    saved = tmp_path / "r.csv"
    assert cli(*REPORT, "--format", "csv", "-o", str(saved), as_="S001").exit_code == 0
    assert saved.read_bytes().startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8


def test_xlsx_needs_a_file_and_bad_formats_are_refused(cli, cases):
    assert cli(*REPORT, "--format", "xlsx", as_="S001").exit_code == 4
    bad = cli(*REPORT, "--format", "pdf", as_="S001")
    assert bad.exit_code == 2 and bad.stdout == ""


def test_every_command_with_json_takes_format_and_output():
    from typer.main import get_command

    from console.cli.helptext import iter_help
    from console.cli.main import app

    root = get_command(app)
    missing = []

    def walk(command, path=()):
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, path + (name,))
        opts = {o for p in getattr(command, "params", []) for o in getattr(p, "opts", ())}
        if "--json" in opts and not {"--format", "-o"} <= opts:
            missing.append(" ".join(path))

    walk(root)
    assert missing == []
    assert any(True for _ in iter_help(root))


def test_a_listing_as_csv(cli, hall):
    out = cli("catalog", "list", "--format", "csv")
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert len(rows) > 1 and "SCJG-001" in {r[0] for r in rows[1:]}


def test_case_export_is_typed_with_a_progress_bar(cli, cases, tmp_path):
    target = tmp_path / "cases.xlsx"
    result = cli("case", "export", "--from", "2025-09-01", "--to", "2025-10-31", "--format", "xlsx",
                 "-o", str(target), as_="S001", env={"HALL_PROGRESS": "1"})  # bars even off a terminal
    assert result.exit_code == 0, result.output
    assert "Exporting cases" in result.stderr and "4/4" in result.stderr
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2]))
    assert row["accepted_at"].is_date and row["accepted_at"].value == datetime(2025, 9, 1, 9, 0)
    assert row["due_date"].is_date and row["due_date"].value.date() == date(2025, 9, 4)
    assert row["fee_paid"].data_type == "n" and row["fee_paid"].number_format == YUAN_FORMAT
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:O5"


def test_formulas_stay_text(tmp_path):
    target = tmp_path / "t.xlsx"
    write_xlsx(target, ["name", "fee"], [["=1+1", Yuan(1250)]])
    sheet = load_workbook(target).active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 12.5


def test_xlsx_streams_in_bounded_memory(tmp_path):
    """Rows come from a generator and are written as they come: memory does not grow with the rows."""
    import tracemalloc

    def rows(n):
        for i in range(n):
            yield [f"2025{i:08d}", datetime(2025, 1, 1, 9, 0), date(2025, 2, 1), Yuan(i), "登封市行政服务中心"]

    peaks = []
    for n in (200, 2_000):
        tracemalloc.start()
        write_xlsx(tmp_path / f"{n}.xlsx", ["number", "at", "due", "fee", "site"], rows(n))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # ten times the rows, nowhere near ten times the memory (a whole-sheet workbook grows linearly)
    assert peaks[1] < peaks[0] * 2, peaks
    assert sum(1 for _ in load_workbook(tmp_path / "2000.xlsx", read_only=True).active.iter_rows()) == 2_001


def test_catalog_spreadsheet_has_numbers_and_imports_back(cli, hall, tmp_path):
    target = tmp_path / "catalog.xlsx"
    assert cli("catalog", "export", str(target), as_="A001").exit_code == 0
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    fee = sheet.cell(row=2, column=header.index("fee_yuan") + 1)
    assert fee.data_type == "n" and fee.number_format == YUAN_FORMAT
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    again = cli("catalog", "import", str(target), "--update", as_="A001")
    assert again.exit_code == 0, again.output


def test_imports_and_backups_show_progress(cli, hall, tmp_path, backend):
    path = tmp_path / "cases.csv"
    path.write_text("number,site,item,applicant_name,accepted_at,status\n"
                    + "".join(f"2005410185{i:06d},410185,SCJG-001,王五,2005-03-0{1 + i % 5} 09:00:00,accepted\n"
                              for i in range(1, 4)), encoding="utf-8")
    drawn = {"HALL_PROGRESS": "1"}  # bars even off a terminal
    imported = cli("case", "import", str(path), as_="A001", env=drawn)
    assert imported.exit_code == 0, imported.output
    assert "Writing cases" in imported.stderr and "3/3" in imported.stderr
    if backend == "sqlite":
        backup = cli("db", "backup", str(tmp_path / "copy.db"), as_="A001", env=drawn)
        assert backup.exit_code == 0, backup.output
        assert "Backing up" in backup.stderr and "100%" in backup.stderr
