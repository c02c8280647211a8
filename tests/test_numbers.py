"""Numbers as people read them, and text documents padded by terminal cells."""

from __future__ import annotations

from rich.cells import cell_len

from console.core.numbers import number_text, pad, plural, working_days, yuan_text


def test_thousands_plurals_and_yuan():
    assert number_text(3000) == "3,000"
    assert [plural(n, "working day") for n in (0, 1, 2)] == ["0 working days", "1 working day", "2 working days"]
    assert plural(1200, "case") == "1,200 cases" and plural(2, "entry") == "2 entries"
    assert working_days(1, "en") == "1 working day" and working_days(3, "zh_CN") == "3 个工作日"
    assert yuan_text(5_000_000_000) == "50,000,000.00 yuan"
    assert yuan_text(5_000_000_000, "zh_CN") == "50,000,000.00 元（5,000.00 万元）"
    assert yuan_text(1000, "zh_CN") == "10.00 元" and yuan_text(0) == "0.00 yuan"


def test_pad_counts_cells_and_never_cuts_a_character():
    assert pad("申请人", 10) == "申请人    " and cell_len(pad("申请人", 10)) == 10
    assert pad("ab", 4, align="right") == "  ab"
    cut = pad("市场监管局", 5)
    assert cell_len(cut) == 5 and cut == "市场 "


def test_text_receipt_values_line_up_in_chinese(runner, hall, db):
    from datetime import datetime

    from console.cases.documents import receipt
    from console.core.i18n import set_language
    from tests.factories import actor
    from tests.test_tui_supervision import accept_case

    number = accept_case(runner, datetime(2025, 9, 30, 10), code="SCJG-001")
    set_language("zh_CN")
    try:
        text = runner.run(receipt, number, "text", actor=actor(db, "C001"))
    finally:
        set_language("en")
    rows = [line for line in text.splitlines()[2:] if "  " in line]
    starts = set()
    for line in rows:  # the cell where each value starts
        starts.add(cell_len(line) - cell_len(line.split("  ", 1)[1].lstrip(" ")))
    assert len(rows) >= 6 and len(starts) == 1, text
    assert "3 个工作日" in text


def test_english_messages_count_in_the_right_plural():
    from console.core.i18n import set_language, t

    set_language("en")
    try:
        assert t("intake_ui.noticed", document="N1", count=1, id=4) == \
            "Deficiency notice N1: 1 material missing; kept as draft #4."
        assert "3 materials missing" in t("intake_ui.noticed", document="N1", count=3, id=4)
        assert t("catalog.imported", created=1, updated=2) == "imported: 1 new item, 2 replaced"
        assert t("catalog.imported", created=1200, updated=0) == "imported: 1200 new items, 0 replaced"
    finally:
        set_language("en")
