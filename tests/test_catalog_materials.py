"""The one-cell encoding of an item's ordered materials: parsing, formatting, round trips."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.catalog.browse import MaterialInfo
from console.catalog.materials import CellError, format_materials, parse_materials


def test_documented_example():
    parsed = parse_materials("登记申请书*2; 身份证明; [住所使用证明 {租赁合同或房产证}]")
    assert parsed == [
        MaterialInfo(1, "登记申请书", True, 2, ""),
        MaterialInfo(2, "身份证明", True, 1, ""),
        MaterialInfo(3, "住所使用证明", False, 1, "租赁合同或房产证"),
    ]
    assert format_materials(parsed) == "登记申请书*2; 身份证明; [住所使用证明 {租赁合同或房产证}]"


def test_full_width_separator_spaces_and_empty_entries():
    assert [m.name for m in parse_materials(" 甲 ；乙;; [ 丙 * 3 ] ; ")] == ["甲", "乙", "丙"]
    assert parse_materials(" 甲 ；乙;; [ 丙 * 3 ] ; ")[2].copies == 3
    assert parse_materials("") == []


def test_escapes_keep_special_characters_literal():
    parsed = parse_materials(r"营业执照\[副本\]; 甲\;乙*2; 说明\*号 {见\{附件\}}; C:\\证明")
    assert [(m.name, m.copies, m.note) for m in parsed] == [
        ("营业执照[副本]", 1, ""), ("甲;乙", 2, ""), ("说明*号", 1, "见{附件}"), ("C:\\证明", 1, "")]


@pytest.mark.parametrize("text", ["[甲", "甲]", "甲*0", "甲*100", "甲*x", "甲*", "甲*2*3", "{只有备注}", "甲}",
                                  "[]", "*2"])
def test_malformed_entries(text):
    with pytest.raises(CellError):
        parse_materials(text)


_text = st.text(alphabet=st.sampled_from(list("申请书身份证明 ab;；[]{}*\\-（）")), min_size=1, max_size=20).map(
    str.strip).filter(bool)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_text, st.booleans(), st.integers(1, 99), st.one_of(st.just(""), _text)), max_size=6))
def test_format_then_parse_round_trips(entries):
    materials = [MaterialInfo(n, name, required, copies, note)
                 for n, (name, required, copies, note) in enumerate(entries, start=1)]
    assert parse_materials(format_materials(materials)) == materials
