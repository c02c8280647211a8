"""Catalog import and export: the file format, all-or-nothing validation, bad input, round trips."""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import delete, func, select, update

from console.catalog.browse import get_item, item_details
from console.catalog.exports import export_catalog
from console.catalog.imports import COLUMNS, import_catalog
from console.core.errors import ImportRejected, Invalid, NotFound, PermissionDenied
from models import AuditEvent, Item, Material
from tests.factories import actor


def row(**changes: str) -> dict[str, str]:
    base = dict(
        code="ZJ-001", name="建筑工程施工许可", department="SCJG", legal_basis="《建筑法》第八条",
        procedure="受理—审查—决定", promised_days="5", fee_yuan="0", fee_standard="不收费", fee_basis="—",
        materials="施工许可申请表*2; 身份证明; [委托书 {代办时提交}]", waiver_allowed="no",
        catalog_year="2004", retired_year="", merged_into="",
    )
    base.update(changes)
    return base


def write_csv(path, rows, *, header=COLUMNS, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for r in rows:
            writer.writerow([r.get(column, "") for column in header] if isinstance(r, dict) else r)
    return path


def write_xlsx(path, rows, *, header=COLUMNS):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if header is not None:
        sheet.append(list(header))
    for r in rows:
        sheet.append([r.get(column, "") for column in header])
    book.save(path)
    return path


def state(runner, db):
    """Everything an import could change: the items with materials, and the audit trail length."""
    details = [d.as_dict() for d in runner.run(item_details, include_retired=True)]
    with db.read() as s:
        events = s.scalar(select(func.count()).select_from(AuditEvent))
    return details, events


def do_import(runner, db, path, *, update=False, who="A001"):
    return runner.run(import_catalog, path, update=update, actor=actor(db, who))


def rejected(runner, db, path, *, update=False) -> set[tuple[int, str]]:
    before = state(runner, db)
    with pytest.raises(ImportRejected) as caught:
        do_import(runner, db, path, update=update)
    assert state(runner, db) == before  # nothing written
    return {(e.row, e.column) for e in caught.value.errors}


# --------------------------------------------------------------------------- good files

def test_import_creates_items_with_materials_and_search_key(runner, db, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [row(), row(code="ZJ-002", name="即办事项", promised_days="0",
                                                   fee_yuan="12.5", materials="", waiver_allowed="是")])
    result = do_import(runner, db, path)
    assert result.created == ["ZJ-001", "ZJ-002"] and result.updated == []
    item = runner.run(get_item, "ZJ-001")
    quick = runner.run(get_item, "ZJ-002")
    with db.read() as s:
        initials = s.scalar(select(Item.pinyin_initials).where(Item.code == "ZJ-001"))
    assert initials == "jzgcsgxk"
    assert [(m.position, m.name, m.required, m.copies, m.note) for m in item.materials] == [
        (1, "施工许可申请表", True, 2, ""), (2, "身份证明", True, 1, ""), (3, "委托书", False, 1, "代办时提交")]
    assert quick.promised_days == 0 and quick.fee_fen == 1250 and quick.waiver_allowed and quick.materials == ()


def test_one_audit_event_per_import_with_counts_and_codes(runner, db, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [row(), row(code="ZJ-002")])
    _, before = state(runner, db)
    do_import(runner, db, path)
    with db.read() as s:
        events = s.execute(select(AuditEvent.action, AuditEvent.actor_no, AuditEvent.summary)
                           .order_by(AuditEvent.id)).all()
    assert len(events) == before + 1
    action, actor_no, summary = events[-1]
    assert action == "catalog.import" and actor_no == "A001"
    summary = json.loads(summary)
    assert summary["created"] == 2 and summary["updated"] == 0
    assert summary["created_codes"] == ["ZJ-001", "ZJ-002"]


def test_update_replaces_item_and_materials(runner, db, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [row(code="SCJG-001", name="企业设立登记", materials="设立登记申请书",
                                                   promised_days="2", department="MZ")])
    assert rejected(runner, db, path) == {(2, "code")}
    result = do_import(runner, db, path, update=True)
    assert result.updated == ["SCJG-001"] and result.created == []
    item = runner.run(get_item, "SCJG-001")
    with db.read() as s:
        initials = s.scalar(select(Item.pinyin_initials).where(Item.code == "SCJG-001"))
        count = s.scalar(select(func.count()).select_from(Material))
    assert item.name == "企业设立登记" and initials == "qysldj"
    assert item.promised_days == 2 and item.department_code == "MZ"
    assert [m.name for m in item.materials] == ["设立登记申请书"]
    assert count == 6 - 3 + 1  # the three old materials of SCJG-001 are gone


def test_merged_into_may_name_an_item_in_the_same_file(runner, db, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [
        row(code="ZJ-OLD", retired_year="2006", merged_into="ZJ-NEW"),
        row(code="ZJ-NEW", catalog_year="2006"),
        row(code="ZJ-X", retired_year="2007", merged_into="SCJG-001"),
    ])
    do_import(runner, db, path)
    assert runner.run(get_item, "ZJ-OLD").merged_into == "ZJ-NEW"
    assert runner.run(get_item, "ZJ-X").merged_into == "SCJG-001"


def test_sql_looking_text_is_stored_literally(runner, db, hall, tmp_path):
    name = "x'); DROP TABLE items; --"
    path = write_csv(tmp_path / "c.csv", [row(name=name, legal_basis="1 OR 1=1; DELETE FROM staff",
                                                   materials="'; DROP TABLE materials; --")])
    do_import(runner, db, path)
    item = runner.run(get_item, "ZJ-001")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Item)) == 6
    assert item.name == name and item.legal_basis == "1 OR 1=1; DELETE FROM staff"
    assert [m.name for m in item.materials] == ["'", "DROP TABLE materials", "--"]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_reads_excel_chinese_encodings(runner, db, hall, tmp_path, encoding):
    path = write_csv(tmp_path / "c.csv", [row(name="食品生产许可（新办）")], encoding=encoding)
    do_import(runner, db, path)
    assert runner.run(get_item, "ZJ-001").name == "食品生产许可（新办）"


def test_xlsx_import_with_numbers_as_numbers(runner, db, hall, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    values = row()
    values.update(promised_days=7, fee_yuan=12.5, catalog_year=2005, waiver_allowed=True)
    sheet.append([values[c] for c in COLUMNS])
    sheet.append([None] * len(COLUMNS))  # trailing empty rows are ignored
    path = tmp_path / "c.xlsx"
    book.save(path)
    do_import(runner, db, path)
    item = runner.run(get_item, "ZJ-001")
    assert (item.promised_days, item.fee_fen, item.catalog_year, item.waiver_allowed) == (7, 1250, 2005, True)


def test_headers_in_any_order_and_case(runner, db, hall, tmp_path):
    header = [c.upper() for c in reversed(COLUMNS)]
    values = row()
    path = write_csv(tmp_path / "c.csv", [[values[c.lower()] for c in header]], header=header)
    assert do_import(runner, db, path).created == ["ZJ-001"]


# --------------------------------------------------------------------------- bad rows

BAD_ROWS = [
    (dict(department="GS"), "department"),
    (dict(merged_into="NOPE", retired_year="2006"), "merged_into"),
    (dict(merged_into="{code}", retired_year="2006"), "merged_into"),
    (dict(merged_into="SCJG-001"), "merged_into"),
    (dict(name=""), "name"),
    (dict(code=""), "code"),
    (dict(department=""), "department"),
    (dict(promised_days=""), "promised_days"),
    (dict(catalog_year=""), "catalog_year"),
    (dict(promised_days="-1"), "promised_days"),
    (dict(fee_yuan="-5.00"), "fee_yuan"),
    (dict(promised_days="三天"), "promised_days"),
    (dict(promised_days="2.5"), "promised_days"),
    (dict(fee_yuan="abc"), "fee_yuan"),
    (dict(fee_yuan="1.005"), "fee_yuan"),
    (dict(fee_yuan="99999999999"), "fee_yuan"),
    (dict(catalog_year="2004年"), "catalog_year"),
    (dict(catalog_year="1066"), "catalog_year"),
    (dict(retired_year="2003"), "retired_year"),
    (dict(waiver_allowed="maybe"), "waiver_allowed"),
    (dict(name="许" * 201), "name"),
    (dict(code="A" * 31), "code"),
    (dict(department="D" * 21), "department"),
    (dict(code="x'; DROP TABLE items;--"), "code"),
    (dict(code="-LEADING"), "code"),
    (dict(code="有中文"), "code"),
    (dict(name="bad\x00name"), "name"),
    (dict(materials="材" * 201), "materials"),
    (dict(materials="申请书; [未闭合"), "materials"),
    (dict(materials="申请书*0"), "materials"),
    (dict(materials="申请书*两"), "materials"),
    (dict(materials="营业执照[副本]"), "materials"),
    (dict(materials="甲*2*3"), "materials"),
]


def test_each_kind_of_bad_value_is_named_by_row_and_column(runner, db, hall, tmp_path):
    """One file with one bad row per case (between good rows): exactly those rows and columns come back."""
    rows, expected = [row(code="ZJ-GOOD1")], set()
    for n, (changes, column) in enumerate(BAD_ROWS):
        code = changes.get("code", f"ZJ-{n:03d}")
        rows.append(row(**{**changes, "code": code, **{k: v.format(code=code) for k, v in changes.items()
                                                       if k == "merged_into"}}))
        expected.add((len(rows) + 1, column))
    rows.append(row(code="ZJ-GOOD2"))
    assert rejected(runner, db, write_csv(tmp_path / "c.csv", rows)) == expected


@pytest.mark.parametrize("changes, column", BAD_ROWS[:6], ids=[c for _, c in BAD_ROWS[:6]])
def test_a_single_bad_value_rejects_the_file(runner, db, hall, tmp_path, changes, column):
    values = row(code="ZJ-001")
    values.update({k: v.format(code="ZJ-001") for k, v in changes.items()})
    path = write_csv(tmp_path / "c.csv", [row(code="ZJ-000"), values])
    assert rejected(runner, db, path) == {(3, column)}


def test_every_bad_row_is_reported_and_nothing_written(runner, db, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [
        row(code="ZJ-001"),
        row(code="ZJ-002", department="NOPE", promised_days="-3"),
        row(code="ZJ-003"),
        row(code="ZJ-001"),
        row(code="SCJG-001"),
        row(code="ZJ-006", fee_yuan="免费", name=""),
    ])
    with pytest.raises(ImportRejected) as caught:
        do_import(runner, db, path)
    found = [(e.row, e.column) for e in caught.value.errors]
    assert found == [(3, "department"), (3, "promised_days"), (5, "code"), (6, "code"), (7, "name"),
                     (7, "fee_yuan")]
    message = caught.value.message
    assert "row 5, column code" in message and "first in row 2" in message
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Item).where(Item.code.like("ZJ-%"))) == 0


def test_zero_days_is_on_the_spot_and_allowed(runner, db, hall, tmp_path):
    do_import(runner, db, write_csv(tmp_path / "c.csv", [row(promised_days="0")]))
    assert runner.run(get_item, "ZJ-001").promised_days == 0


def test_missing_and_unknown_headers_are_named(runner, db, hall, tmp_path):
    header = [c for c in COLUMNS if c not in ("fee_basis", "materials")] + ["fee", "备注"]
    path = write_csv(tmp_path / "c.csv", [["x"] * len(header)], header=header)
    with pytest.raises(ImportRejected) as caught:
        do_import(runner, db, path)
    errors = {e.column: e.message for e in caught.value.errors}
    assert set(errors) == {"fee", "备注", "fee_basis, materials"}
    assert all(e.row == 1 for e in caught.value.errors)
    assert "fee_basis, materials" in errors["fee_basis, materials"]


def test_extra_cells_beyond_the_header(runner, db, hall, tmp_path):
    values = row()
    path = write_csv(tmp_path / "c.csv", [[values[c] for c in COLUMNS] + ["stray"]])
    assert rejected(runner, db, path) == {(2, "")}


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b",,,\n"])
def test_empty_csv_is_rejected(runner, db, hall, tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert rejected(runner, db, path) == {(1, "")}


def test_header_without_rows_is_rejected(runner, db, hall, tmp_path):
    assert rejected(runner, db, write_csv(tmp_path / "c.csv", [])) == {(2, "")}


def test_xlsx_with_an_empty_sheet_is_rejected(runner, db, hall, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "empty.xlsx"
    Workbook().save(path)
    assert rejected(runner, db, path) == {(1, "")}


def test_xlsx_bad_rows_are_reported(runner, db, hall, tmp_path):
    path = write_xlsx(tmp_path / "c.xlsx", [row(), row(code="ZJ-002", promised_days="十")])
    assert rejected(runner, db, path) == {(3, "promised_days")}


def test_undecodable_bytes_say_utf8_is_needed(runner, db, hall, tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(",".join(COLUMNS).encode() + b"\n\xff\xfe\xff,\x80\n")
    with pytest.raises(Invalid) as caught:
        do_import(runner, db, path)
    assert "UTF-8" in caught.value.message


def test_a_damaged_xlsx_and_a_wrong_extension_are_invalid(runner, db, hall, tmp_path):
    bad = tmp_path / "c.xlsx"
    bad.write_bytes(b"this is not a zip")
    with pytest.raises(Invalid):
        do_import(runner, db, bad)
    with pytest.raises(Invalid):
        do_import(runner, db, write_csv(tmp_path / "c.txt", [row()]))
    with pytest.raises(NotFound):
        do_import(runner, db, tmp_path / "missing.csv")


def test_clerk_may_not_import(runner, db, hall, tmp_path):
    with pytest.raises(PermissionDenied):
        do_import(runner, db, write_csv(tmp_path / "c.csv", [row()]), who="C001")


# --------------------------------------------------------------------------- round trips

TRICKY = [
    row(code="RT-1", name="=1+1 公式样名称", materials=r"甲\; 乙*3; [丙\[副本\] {注\{1\}}]; 星号\*说明",
        procedure="第一步：受理\n第二步：审查\n第三步：决定", fee_yuan="1234.56", waiver_allowed="yes"),
    row(code="RT-2", name="<script>alert(1)</script>", retired_year="2006", merged_into="RT-1"),
    row(code="RT.3_x", name="零时限", promised_days="0", materials="", legal_basis="", fee_basis=""),
]


def _wipe_items(db):
    with db.write() as s:
        s.execute(update(Item).values(merged_into_id=None))
        s.execute(delete(Material))
        s.execute(delete(Item))


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_import_of_export_round_trips(runner, db, hall, tmp_path, suffix):
    do_import(runner, db, write_csv(tmp_path / "tricky.csv", TRICKY))
    first = tmp_path / f"first.{suffix}"
    assert runner.run(export_catalog, first, actor=actor(db, "A001")) == 8
    before, _ = state(runner, db)
    _wipe_items(db)
    assert do_import(runner, db, first).created == [d["code"] for d in before]
    after, _ = state(runner, db)
    assert after == before
    second = tmp_path / f"second.{suffix}"
    runner.run(export_catalog, second, actor=actor(db, "A001"))
    from console.catalog.imports import read_table

    assert read_table(first) == read_table(second)


def test_export_csv_opens_in_excel_and_keeps_formulas_as_text(runner, db, hall, tmp_path):
    do_import(runner, db, write_csv(tmp_path / "tricky.csv", TRICKY))
    path = tmp_path / "out.csv"
    runner.run(export_catalog, path, actor=actor(db, "S001"))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    xlsx = tmp_path / "out.xlsx"
    runner.run(export_catalog, xlsx, actor=actor(db, "S001"))
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    names = {sheet.cell(r, 1).value: sheet.cell(r, 2) for r in range(2, sheet.max_row + 1)}
    assert names["RT-1"].data_type == "s" and names["RT-1"].value == "=1+1 公式样名称"


def test_export_then_update_import_changes_nothing_but_the_audit(runner, db, hall, tmp_path):
    path = tmp_path / "all.csv"
    runner.run(export_catalog, path, actor=actor(db, "A001"))
    before, events = state(runner, db)
    assert do_import(runner, db, path, update=True).updated == [d["code"] for d in before]
    assert state(runner, db) == (before, events + 1)


# --------------------------------------------------------------------------- the command line

def test_cli_import_and_export(cli, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [row(), row(code="ZJ-002")])
    result = cli("catalog", "import", str(path), "--json", as_="A001")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["created_codes"] == ["ZJ-001", "ZJ-002"]
    again = cli("catalog", "import", str(path), as_="A001")
    assert again.exit_code == 4 and "--update" in again.stderr
    assert cli("catalog", "import", str(path), "--update", as_="A001").exit_code == 0
    out = tmp_path / "out.xlsx"
    exported = cli("catalog", "export", str(out), as_="S001")
    assert exported.exit_code == 0 and out.exists() and "7" in exported.stdout


def test_cli_bad_file_exits_4_naming_rows_and_leaves_the_database(cli, runner, db, hall, tmp_path):
    before = state(runner, db)
    path = write_csv(tmp_path / "c.csv", [row(), row(code="ZJ-002", department="NOPE"), row(code="ZJ-001")])
    result = cli("catalog", "import", str(path), as_="A001")
    assert result.exit_code == 4
    assert "row 3, column department" in result.stderr and "row 4, column code" in result.stderr
    assert state(runner, db) == before


def test_cli_bad_file_in_chinese(cli, hall, tmp_path):
    path = write_csv(tmp_path / "c.csv", [row(promised_days="-1")])
    result = cli("catalog", "import", str(path), as_="A001", lang="zh_CN")
    assert result.exit_code == 4 and "第 2 行，promised_days 列" in result.stderr and "负数" in result.stderr


def test_cli_clerk_cannot_import(cli, runner, db, hall, tmp_path):
    before = state(runner, db)
    result = cli("catalog", "import", str(write_csv(tmp_path / "c.csv", [row()])), as_="C001")
    assert result.exit_code == 5
    assert state(runner, db) == before


def test_cli_wrong_pin(cli, runner, db, hall, tmp_path):
    result = cli("catalog", "import", str(write_csv(tmp_path / "c.csv", [row()])), as_="A001", pin="654321")
    assert result.exit_code == 6
    with db.read() as s:
        assert s.scalar(select(Item).where(Item.code == "ZJ-001")) is None


def test_cli_import_needs_an_actor(cli, hall, tmp_path):
    result = cli("catalog", "import", str(write_csv(tmp_path / "c.csv", [row()])))
    assert result.exit_code == 6 and "--as" in result.stderr


def test_cli_missing_file_and_wrong_type(cli, hall, tmp_path):
    assert cli("catalog", "import", str(tmp_path / "none.csv"), as_="A001").exit_code == 3
    assert cli("catalog", "export", str(tmp_path / "out.json"), as_="S001").exit_code == 4
    blocker = tmp_path / "file"
    blocker.write_text("x")
    unwritable = cli("catalog", "export", str(blocker / "out.csv"), as_="S001")
    assert unwritable.exit_code == 4 and "could not be written" in unwritable.stderr
