"""The documents the hall hands out print on one A4 page each (headless Chromium prints them to PDF):
receipt, deficiency notice, refusal, in both languages; the public guide one page per item."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.cases.documents import deficiency_notice, receipt, refusal_decision
from console.cases.intake import accept, issue_deficiency_notice, refuse
from console.catalog.guide import render_guide
from console.core.i18n import set_language
from tests.browser import page_count, page_size_mm, pdf_of
from tests.factories import actor
from tests.test_cases import form

pytestmark = pytest.mark.browser

AT = datetime(2026, 3, 3, 10, 0)


@pytest.fixture
def documents(db, hall, runner):
    """A receipt, a deficiency notice and a refusal, as the clerk C001 issued them."""
    clerk = actor(db, "C001")
    number = runner.run(accept, form(), at=AT, actor=clerk).number
    notice = runner.run(issue_deficiency_notice, form(received=(1,)), at=AT, actor=clerk)
    refused = runner.run(refuse, form(), reason="不属于本机关职权范围", legal_basis="《中华人民共和国行政许可法》第三十二条第一款第二项",
                         at=AT, actor=clerk)
    return {"receipt": (receipt, number), "deficiency": (deficiency_notice, notice.intake_id),
            "refusal": (refusal_decision, refused.intake_id)}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("kind", ["receipt", "deficiency", "refusal"])
def test_each_document_prints_on_one_a4_page(documents, runner, db, tmp_path, kind, lang):
    set_language(lang)
    try:
        fn, key = documents[kind]
        page = runner.run(fn, key, "html", actor=actor(db, "C001"))
    finally:
        set_language("en")
    assert f'<html lang="{"zh-CN" if lang == "zh_CN" else "en"}">' in page
    assert "@page { size: A4" in page and "登封市行政服务中心" in page
    assert 'class="doc-seal"' in page and page.count('class="line"') == 2
    pdf = pdf_of(page, tmp_path, kind)
    assert page_size_mm(pdf) == pytest.approx((210.0, 297.0), abs=0.5)
    assert page_count(pdf) == 1


def test_the_receipt_names_what_the_applicant_needs(documents, runner, db):
    set_language("zh_CN")
    try:
        page = runner.run(receipt, documents["receipt"][1], "html", actor=actor(db, "C001"))
    finally:
        set_language("en")
    for text in ("受理通知书", "办件编号", documents["receipt"][1], "申请人", "已收材料", "承诺办结日期",
                 "受理人（签字）", "申请人（签字）", "（盖章）", "审批专用章"):
        assert text in page, text


def test_a_long_receipt_still_fits_and_a_doubled_one_does_not(documents, runner, db, tmp_path):
    """The count is real: two receipts in one file print on two pages."""
    page = runner.run(receipt, documents["receipt"][1], "html", actor=actor(db, "C001"))
    body = page[page.index('<section class="doc">'):page.index("</body>")]
    doubled = page.replace("</body>", body + "</body>")
    assert page_count(pdf_of(doubled, tmp_path, "two")) == 2


def test_the_guide_prints_each_item_on_its_own_page(runner, hall, tmp_path):
    from console.catalog.browse import item_details

    page = runner.run(render_guide, "html")
    with runner.transaction(None) as ctx:
        items = len(item_details(ctx))
    assert items >= 3
    assert page_count(pdf_of(page, tmp_path, "guide")) == items + 1  # the title page with the contents
