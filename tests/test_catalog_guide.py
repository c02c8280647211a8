"""The public guide (md, html), and the list and show commands."""

from __future__ import annotations

import json

import pytest

from console.catalog.guide import render_guide
from console.core.errors import Invalid
from console.core.i18n import set_language
from models import Item, Material

SIX_EN = ["Legal basis", "Procedure", "Required materials", "Promised time limit", "Fee standard", "Fee basis"]
SIX_ZH = ["审批依据", "审批程序", "申报材料", "承诺时限", "收费标准", "收费依据"]


def _add(db, hall, **fields):
    values = dict(code="X-1", name="示例", department_id=hall["departments"]["RS"], promised_days=0,
                  catalog_year=2004, pinyin_initials="sl")
    values.update(fields)
    with db.write() as s:
        s.add(Item(**values))


def test_markdown_guide_groups_active_items_by_department(runner, db, hall):
    text = runner.run(render_guide, "md")
    assert text.startswith("# Public Service Guide")
    order = [text.index(h) for h in ("## 民政局 (MZ)", "## 人力资源和社会保障局 (RS)", "## 市场监管局 (SCJG)")]
    assert order == sorted(order)
    assert text.index("### SCJG-001 工商登记") < text.index("### SCJG-002 食品经营许可")
    assert "旧事项" not in text  # retired
    for label in SIX_EN:
        assert text.count(f"**{label}**") == 4
    assert "3. 住所使用证明 (if applicable)" in text and "登记申请书 (2 copies)" in text
    assert "100.00 yuan (100元/件)" in text and "20 working days" in text


def test_guide_in_chinese(runner, db, hall):
    try:
        set_language("zh_CN")
        text = runner.run(render_guide, "html")
    finally:
        set_language("en")
    assert "<title>政务公开指南</title>" in text and 'lang="zh-CN"' in text
    for label in SIX_ZH:
        assert f"<dt>{label}</dt>" in text
    assert "住所使用证明（如有）" in text and "登记申请书（2 份）" in text


def test_html_is_standalone_print_friendly_and_escaped(runner, db, hall):
    _add(db, hall, name="<script>alert('x')</script>", legal_basis="A & B <b>", procedure="一\n二",
         materials=[Material(position=1, name='"><img src=x>', required=True, copies=1)])
    page = runner.run(render_guide, "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "@page { size: A4" in page and '<meta charset="utf-8">' in page
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "A &amp; B &lt;b&gt;" in page and "一<br>\n二" in page
    assert "on the spot" in page and "free of charge" in page and "not stated" in page


def test_markdown_escapes_html_and_markup(runner, db, hall):
    _add(db, hall, name="<script>*x*</script>")
    text = runner.run(render_guide, "md")
    assert "<script>" not in text and r"\<script\>\*x\*\</script\>" in text


def test_unknown_format(runner, db, hall):
    with pytest.raises(Invalid):
        runner.run(render_guide, "pdf")


def test_cli_guide_to_file_and_stdout(cli, hall, tmp_path):
    out = tmp_path / "guide" / "index.html"
    result = cli("catalog", "guide", "--format", "html", "-o", str(out), lang="zh_CN")
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "政务公开指南" in page and "审批依据" in page
    md = cli("catalog", "guide")
    assert md.exit_code == 0 and md.stdout.startswith("# Public Service Guide")
    assert cli("catalog", "guide", "--format", "pdf").exit_code == 4


def test_cli_list(cli, hall):
    result = cli("catalog", "list", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == ["MZ-001", "RS-001", "SCJG-001", "SCJG-002"]
    assert rows[0]["fee_yuan"] == "100.00" and rows[0]["department"] == "民政局"
    everything = json.loads(cli("catalog", "list", "--all", "--json").stdout)
    assert "MZ-OLD" in [r["code"] for r in everything]
    scjg = json.loads(cli("catalog", "list", "--department", "SCJG", "--json").stdout)
    assert [r["code"] for r in scjg] == ["SCJG-001", "SCJG-002"]
    table = cli("catalog", "list", lang="zh_CN")
    assert table.exit_code == 0 and "编码" in table.stdout and "工商登记" in table.stdout
    assert cli("catalog", "list", "--department", "NOPE").exit_code == 3


def test_list_show_and_guide_need_no_log_in(cli, hall):
    """The six disclosures are public: nobody named, no PIN asked for, and the same answer as for staff."""
    for args in (["list", "--json"], ["show", "SCJG-001", "--json"], ["guide"], ["show", "SCJG-001"]):
        anonymous = cli("catalog", *args)
        assert anonymous.exit_code == 0, anonymous.output
        assert anonymous.stdout == cli("catalog", *args, as_="C001").stdout


def test_guide_is_dated_by_the_hall_clock(cli, clock, hall):
    clock.set("2026-05-04 10:00:00")
    assert "2026-05-04" in cli("catalog", "guide").stdout


def test_cli_list_as_staff_and_wrong_pin(cli, hall):
    assert cli("catalog", "list", "--json", as_="C001").exit_code == 0
    assert cli("catalog", "list", "--json", as_="C001", pin="000000").exit_code == 6


def test_cli_show(cli, hall):
    result = cli("catalog", "show", "SCJG-001", lang="zh_CN")
    assert result.exit_code == 0
    for label in SIX_ZH:
        assert label in result.stdout
    assert "3. 住所使用证明（如有）" in result.stdout and "3 个工作日" in result.stdout
    data = json.loads(cli("catalog", "show", "MZ-001", "--json").stdout)
    assert data["legal_basis"] == "《社会团体登记管理条例》" and data["materials"][0]["copies"] == 2
    assert cli("catalog", "show", "NOPE").exit_code == 3
