"""``hall org import|export`` and ``hall site|department|window add``: the hall's structure, all rows or none."""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import func, select

from console.core.auth import log_in
from console.core.errors import Conflict, ImportRejected, Invalid
from console.core.exitcodes import ExitCode
from console.org.edit import save_site, save_window
from console.org.orgfile import COLUMNS
from console.org.orgfile_import import import_org
from console.org.structure import list_departments, list_sites, list_windows
from models import AuditEvent, Department, Staff, Window
from tests.factories import make_hall

HEADER = ",".join(COLUMNS)
#: sites under the factory hall's center, two departments, three windows (one comprehensive), three staff
ROWS = [
    "site,410185102,卢店镇便民服务中心,township,410185,,,,,,,,,,卢店镇,",
    "site,410185102001,卢店村便民服务室,village,410185102,,,,,,,,,,,",
    "department,GA,公安局,,,410185; 410185102,,,,公安局行政服务科,C101,赵局长,2020-05-01,户籍审批,,",
    "department,JY,教育局,,,410185,,,,,,,,,,",
    "window,11,公安窗口,,,410185,GA,,,,,,,,,",
    "window,12,综合窗口二,,,410185,GA; JY,,,,,,,,,",
    "window,01,卢店综合窗口,,,410185102,GA,,,,,,,,,",
    "staff,C101,刘户籍,,,410185,GA,11,clerk,,,,,,,",
    "staff,C102,陈综合,,,410185,JY,12,clerk,,,,,,,",
    "staff,S101,周督查,,,410185,,,supervisor,,,,,,,",
]


def _file(tmp_path, rows=ROWS, name="org.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _audit_count(db):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def _structure(runner, admin):
    return (runner.run(list_sites, actor=admin), runner.run(list_departments, actor=admin),
            runner.run(list_windows, actor=admin))


@pytest.fixture
def admin(db, runner):
    make_hall(db)
    return runner.run(log_in, "A001", "123456").accepted()


def test_an_import_makes_the_hall_and_new_staff_have_no_pin(runner, admin, db, tmp_path):
    result = runner.run(import_org, _file(tmp_path), actor=admin)
    assert result.counts["site"]["created"] == 2 and result.counts["department"]["created"] == 2
    assert result.counts["window"]["created"] == 3 and result.counts["staff"]["created"] == 3
    assert result.new_staff == ["C101", "C102", "S101"]
    windows = {(w.site, w.number): w for w in runner.run(list_windows, actor=admin)}
    assert windows[("410185", "12")].comprehensive and windows[("410185", "12")].departments == ("GA", "JY")
    assert windows[("410185102", "01")].departments == ("GA",)
    ga = next(d for d in runner.run(list_departments, actor=admin) if d.code == "GA")
    assert ga.sites == ("410185", "410185102") and ga.chief_representative == "C101"
    assert str(ga.letter_date) == "2020-05-01" and ga.letter_scope == "户籍审批"
    village = next(s for s in runner.run(list_sites, actor=admin) if s.code == "410185102001")
    assert (village.kind, village.parent) == ("village", "410185102")
    for pin in ("123456", "246810", "000000"):  # no PIN opens a new account
        assert runner.run(log_in, "C101", pin).error is not None
    with db.read() as s:
        clerk = s.scalar(select(Staff).where(Staff.employee_no == "C101"))
        assert (clerk.window.number, clerk.department.code, clerk.site.code) == ("11", "GA", "410185")
        actions = s.scalars(select(AuditEvent.action)).all()
    assert actions.count("org.import") == 1 and actions.count("staff.added") == 3
    assert actions.count("org.site_added") == 2 and actions.count("org.window_added") == 3



def test_staff_list_says_who_has_no_pin_yet_until_one_is_given(cli, runner, admin, tmp_path):
    """``hall staff list`` in both languages: an imported member has "no PIN yet" until reset-pin gives one."""
    runner.run(import_org, _file(tmp_path), actor=admin)

    def states(lang: str) -> dict[str, str]:
        listed = cli("staff", "list", as_="A001", lang=lang)
        assert listed.exit_code == 0, listed.output
        rows = [[cell.strip() for cell in line.split("│")] for line in listed.stdout.splitlines()]
        return {cells[1]: cells[-2] for cells in rows if len(cells) > 2}  # number → state

    en, zh = states("en"), states("zh_CN")
    assert (en["C101"], en["S101"], en["C001"], en["A001"]) == ("no PIN yet", "no PIN yet", "active", "active")
    assert (zh["C102"], zh["S101"], zh["C001"]) == ("未设密码", "未设密码", "正常")
    given = cli("staff", "reset-pin", "C101", "--pin-from-env", as_="A001", env={"HALL_NEW_PIN": "24681357"})
    assert given.exit_code == 0, given.output
    after = states("en")
    assert (after["C101"], after["C102"]) == ("active", "no PIN yet")
    assert json.loads(cli("staff", "list", "--json", as_="A001").stdout)[0]["credential_set"] is True

def test_the_same_file_twice_changes_nothing(runner, admin, db, tmp_path):
    path = _file(tmp_path)
    runner.run(import_org, path, actor=admin)
    before, events = _structure(runner, admin), _audit_count(db)
    again = runner.run(import_org, path, actor=admin)
    assert all(c["created"] == c["updated"] == 0 for c in again.counts.values())
    assert sum(c["unchanged"] for c in again.counts.values()) == len(ROWS)
    assert _structure(runner, admin) == before
    assert _audit_count(db) == events + 1  # the import's own event only


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_an_export_imports_to_the_same_structure(cli, runner, admin, db, tmp_path, suffix):
    runner.run(import_org, _file(tmp_path), actor=admin)
    before = _structure(runner, admin)
    out = tmp_path / f"out.{suffix}"
    result = cli("org", "export", str(out), as_="A001")
    assert result.exit_code == 0, result.output
    again = cli("org", "import", str(out), "--json", as_="A001")
    assert again.exit_code == 0, again.output
    counts = json.loads(again.stdout)["counts"]
    assert all(c["created"] == c["updated"] == 0 for c in counts.values()), counts
    assert counts["staff"]["unchanged"] == 8  # the factory's five and the file's three
    assert _structure(runner, admin) == before
    second = tmp_path / f"second.{suffix}"
    assert cli("org", "export", str(second), as_="A001").exit_code == 0
    if suffix == "csv":
        assert out.read_bytes() == second.read_bytes()


def test_every_bad_row_is_reported_and_nothing_is_written(runner, admin, db, tmp_path):
    rows = [
        "site,410185109,某村,village,410185,,,,,,,,,,,",        # a village right under the center
        "site,X9,,township,410185,,,,,,,,,,,",                 # no name
        "department,GA,公安局,,,NOPE,,,,,,,,,,",               # unknown site
        "window,11,,,,410185,GA; ZZ,,,,,,,,,",                 # unknown department
        "window,11,,,,410185,GA,,,,,,,,,",                     # twice in the file
        "staff,C109,新人,,,410185,SCJG,77,clerk,,,,,,,",       # no such window
        "staff,C110,新人,clerk,,410185,,,clerk,,,,,,,",        # kind is not a staff column
        "things,1,,,,,,,,,,,,,,",                              # unknown table
        "site,Z1,某中心,center,,,,,,,,,,,,maybe",               # not yes or no
    ]
    sites, events = _structure(runner, admin)[0], _audit_count(db)
    with pytest.raises(ImportRejected) as caught:
        runner.run(import_org, _file(tmp_path, rows), actor=admin)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {(2, "parent"), (3, "name"), (4, "site"), (5, "department"), (6, "code"), (7, "window"),
                     (8, "kind"), (9, "table"), (10, "active")}, caught.value.message
    assert runner.run(list_sites, actor=admin) == sites and _audit_count(db) == events
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Department).where(Department.code == "GA")) == 0


def test_a_bad_header_is_refused_at_once(cli, admin, tmp_path):
    path = tmp_path / "org.csv"
    path.write_text("table,code,name,colour\nsite,1,x,red\n", encoding="utf-8")
    result = cli("org", "import", str(path), as_="A001")
    assert result.exit_code == ExitCode.INVALID
    assert "row 1, column colour" in result.stderr and "missing columns" in result.stderr


def test_rows_update_by_code(runner, admin, db, tmp_path):
    runner.run(import_org, _file(tmp_path), actor=admin)
    changed = [r.replace("公安窗口", "户政窗口") for r in ROWS]
    changed = [r.replace("window,12,综合窗口二,,,410185,GA; JY", "window,12,综合窗口二,,,410185,JY; GA; SCJG")
               for r in changed]
    result = runner.run(import_org, _file(tmp_path, changed), actor=admin)
    assert result.counts["window"] == {"created": 0, "updated": 2, "unchanged": 1}
    windows = {(w.site, w.number): w for w in runner.run(list_windows, actor=admin)}
    assert windows[("410185", "11")].name == "户政窗口"
    assert windows[("410185", "12")].departments == ("GA", "JY", "SCJG")
    with db.read() as s:
        change = s.scalars(select(AuditEvent).where(AuditEvent.action == "org.window_changed")
                           .order_by(AuditEvent.id)).first()
        summary = change.summary if isinstance(change.summary, dict) else json.loads(change.summary)
        assert summary["name"] == ["公安窗口", "户政窗口"]


def test_a_window_keeps_the_department_of_its_clerk(runner, admin, tmp_path):
    runner.run(import_org, _file(tmp_path), actor=admin)
    with pytest.raises(Invalid) as caught:
        runner.run(save_window, "410185", "12", name="综合窗口二", departments=("GA",), actor=admin)
    assert "C102" in caught.value.message


def test_nobody_changes_their_own_role_by_file(runner, admin, tmp_path):
    rows = ["staff,A001,管理员,,,410185,,,supervisor,,,,,,,"]
    with pytest.raises(ImportRejected) as caught:
        runner.run(import_org, _file(tmp_path, rows), actor=admin)
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "code")]


def test_formula_cells_stay_text_both_ways(cli, runner, admin, tmp_path):
    rows = ["department,FX,'=HYPERLINK(\"x\"),,,410185,,,,,,,,,,"]
    assert cli("org", "import", str(_file(tmp_path, rows)), as_="A001").exit_code == 0
    fx = next(d for d in runner.run(list_departments, actor=admin) if d.code == "FX")
    assert fx.name == '=HYPERLINK("x")'
    out = tmp_path / "out.csv"
    assert cli("org", "export", str(out), as_="A001").exit_code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        names = [r["name"] for r in csv.DictReader(handle) if r["code"] == "FX"]
    assert names == ["'=HYPERLINK(\"x\")"]


def test_an_xlsx_file_made_by_hand(runner, admin, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in ROWS:
        sheet.append(next(csv.reader([row])))
    path = tmp_path / "org.xlsx"
    book.save(path)
    result = runner.run(import_org, path, actor=admin)
    assert result.counts["staff"]["created"] == 3


def test_only_administrators_import_and_export(cli, admin, db, tmp_path):
    path = _file(tmp_path)
    for who in ("C001", "S001"):
        assert cli("org", "import", str(path), as_=who).exit_code == ExitCode.PERMISSION
        assert cli("org", "export", str(tmp_path / "x.csv"), as_=who).exit_code == ExitCode.PERMISSION
    assert not (tmp_path / "x.csv").exists()
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Window)) == 4


def test_single_commands_run_the_same_use_cases(cli, runner, admin, db):
    assert cli("site", "add", "410185103", "--name", "君召乡便民服务中心", "--kind", "township",
               "--parent", "410185", as_="A001").exit_code == 0
    again = cli("site", "add", "410185103", "--name", "x", "--kind", "township", "--parent", "410185", as_="A001")
    assert again.exit_code == ExitCode.CONFLICT and "exists" in again.stderr
    wrong = cli("site", "add", "410185104", "--name", "x", "--kind", "village", "--parent", "410185", as_="A001")
    assert wrong.exit_code == ExitCode.INVALID
    assert cli("department", "add", "WS", "--name", "卫生健康委", "--site", "410185", "--site", "410185103",
               "--chief", "C001", as_="A001").exit_code == 0
    result = cli("window", "add", "21", "--site", "410185103", "--department", "WS", "--department", "MZ",
                 "--name", "君召综合窗口", as_="A001")
    assert result.exit_code == 0, result.output
    assert cli("window", "add", "22", "--site", "410185", "--department", "NOPE", as_="A001").exit_code == \
        ExitCode.NOT_FOUND
    window = next(w for w in runner.run(list_windows, actor=admin) if w.site == "410185103")
    assert window.departments == ("MZ", "WS") and window.comprehensive
    ws = next(d for d in runner.run(list_departments, actor=admin) if d.code == "WS")
    assert ws.sites == ("410185", "410185103") and ws.chief_representative == "C001"
    assert cli("site", "add", "9", "--name", "x", "--kind", "township", "--parent", "410185",
               as_="C001").exit_code == ExitCode.PERMISSION


def test_use_case_checks(runner, admin):
    assert runner.run(save_site, "410185", name="登封市行政服务中心", kind="center", actor=admin).outcome == "unchanged"
    with pytest.raises(Conflict):
        runner.run(save_site, "410185", name="x", kind="center", create_only=True, actor=admin)
    with pytest.raises(Invalid):  # a center under a center
        runner.run(save_site, "C9", name="x", kind="center", parent="410185", actor=admin)
    with pytest.raises(Invalid):  # the center cannot become a township: a township is under it
        runner.run(save_site, "410185", name="x", kind="township", parent="410185101", actor=admin)
    with pytest.raises(Invalid):
        runner.run(save_site, "bad code", name="x", kind="center", actor=admin)
    with pytest.raises(Invalid):
        runner.run(save_window, "410185", "31", departments=(), actor=admin)


def test_chinese_messages(cli, admin, tmp_path):
    rows = ["site,X9,,township,410185,,,,,,,,,,,"]
    result = cli("org", "import", str(_file(tmp_path, rows)), as_="A001", lang="zh_CN")
    assert result.exit_code == ExitCode.INVALID and "不能为空" in result.stderr


def test_a_staff_row_without_a_place_keeps_the_staff_members_site(runner, admin, db, tmp_path):
    from sqlalchemy import update

    from models import Site

    with db.write() as s:
        town = s.scalar(select(Site.id).where(Site.code == "410185101"))
        s.execute(update(Staff).where(Staff.employee_no == "S001").values(site_id=town))
    rows = ["staff,S001,督查员,,,,,,supervisor,,,,,,,", "staff,S002,新督查,,,,,,supervisor,,,,,,,"]
    result = runner.run(import_org, _file(tmp_path, rows), actor=admin)
    assert result.counts["staff"] == {"created": 1, "updated": 0, "unchanged": 1}
    with db.read() as s:
        sites = dict(s.execute(select(Staff.employee_no, Staff.site_id)).all())
    assert sites["S001"] == town and sites["S002"] == sites["A001"]  # a new one: the administrator's
