"""Personal data: resident IDs (GB 11643), credit codes (GB 32100), phones, masking, ``hall check``."""

from __future__ import annotations

from datetime import date

import pytest

from console.core.errors import Invalid
from console.core.personal import (
    id_check_digit,
    mask_id,
    mask_phone,
    shown_id,
    validate_phone,
    validate_resident_id,
    validate_uscc,
)


#: the hall's date the resident IDs are checked against (a birth date after it is refused)
TODAY = date(2026, 3, 3)


def make_id(first17: str) -> str:
    return first17 + id_check_digit(first17)


def test_a_valid_id_with_x_check_digit():
    info = validate_resident_id("11010519491231002x", today=TODAY)
    assert info.number == "11010519491231002X"
    assert info.birth_date == date(1949, 12, 31) and info.sex == "female"
    assert info.province == "北京市" and info.county == "朝阳区"


def test_a_region_code_issued_after_the_birth_year_is_accepted():
    # 410185 登封市 exists since 1994; a holder born in 1980 registered there later is normal
    number = make_id("41018519800101123")
    info = validate_resident_id(number, today=TODAY)
    assert info.county == "登封市" and info.birth_date.year == 1980
    from stdnum.cn import ric

    assert not ric.is_valid(number)  # the library alone would reject it


@pytest.mark.parametrize("value, key", [
    ("41018519800101123", "personal.id_length"),
    ("4101851980010112301", "personal.id_length"),
    ("41018519800101A230", "personal.id_format"),
    ("410185198001011231", "personal.id_check_digit"),
    (make_id("41018519800230123"), "personal.id_birth_date"),
    (make_id("41018520990101123"), "personal.id_birth_range"),
    (make_id("99999919800101123"), "personal.id_region"),
    ("４１０１８５１９８００１０１１２３０", "personal.fullwidth"),
])
def test_bad_ids_are_rejected_with_the_reason(value, key):
    with pytest.raises(Invalid) as info:
        validate_resident_id(value, today=TODAY, field="applicant.id_no")
    assert info.value.key == key
    assert info.value.field == "applicant.id_no"


def test_fullwidth_message_suggests_the_half_width_value():
    with pytest.raises(Invalid) as info:
        validate_resident_id("４１０１８５１９８００１０１１２３０", today=TODAY)
    assert "410185198001011230" in info.value.message


def test_uscc():
    assert validate_uscc(" 91110000600037341l ".upper()) == "91110000600037341L"
    for value, key in [("91110000600037341", "personal.uscc_length"),
                       ("91110000600037341X", "personal.uscc_check_digit"),
                       ("9111000060003734IL", "personal.uscc_format")]:
        with pytest.raises(Invalid) as info:
            validate_uscc(value)
        assert info.value.key == key


def test_phones():
    assert validate_phone("138 1234 5678") == "13812345678"
    assert validate_phone("+86 13812345678") == "13812345678"
    assert validate_phone("0371-62812345") == "0371-62812345"
    assert validate_phone("037162812345") == "0371-62812345"
    for bad in ("12812345678", "1381234567", "62812345", "abc", "１３８１２３４５６７８"):
        with pytest.raises(Invalid):
            validate_phone(bad)


def test_masking():
    assert mask_id("410185198001011230") == "410185********1230"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0371-62812345") == "0371-****2345"
    assert mask_id("") == "" and mask_phone("") == ""


def test_every_role_sees_numbers_masked_and_only_personal_full_may_reveal_them(db, hall):
    from console.core.personal import may_see_full
    from tests.factories import actor

    number = make_id("41018519800101123")
    assert shown_id(actor(db, "C001"), number) == mask_id(number)
    assert shown_id(actor(db, "S001"), number) == mask_id(number)
    assert not may_see_full(actor(db, "C001")) and may_see_full(actor(db, "S001"))


def test_check_cli(cli):
    ok = cli("check", "id", make_id("41018519800101123"))
    assert ok.exit_code == 0 and "1980-01-01" in ok.stdout
    bad = cli("check", "id", "410185198001011231")
    assert bad.exit_code == 4 and "check digit" in bad.stderr
    assert cli("check", "id", "４１０１８５").exit_code == 4
    assert cli("check", "uscc", "91110000600037341L").exit_code == 0
    assert cli("check", "uscc", "91110000600037341X").exit_code == 4
    assert cli("check", "phone", "13812345678").exit_code == 0
    zh = cli("check", "phone", "123", lang="zh_CN")
    assert zh.exit_code == 4 and "不是有效电话号码" in zh.stderr


def test_check_cli_needs_no_log_in_and_reads_the_hall_clock(cli, clock):
    born = make_id("41018520260304123")  # born 2026-03-04
    clock.set("2026-03-03 14:30:00")
    early = cli("check", "id", born)
    assert early.exit_code == 4 and early.stdout == ""
    clock.set("2026-03-04 08:00:00")
    assert cli("check", "id", born).exit_code == 0
