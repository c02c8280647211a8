"""The shared parsers: dates, times, material positions, amounts of money."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.core.errors import Invalid
from console.core.parsing import (
    format_yuan,
    parse_date,
    parse_datetime,
    parse_optional_date,
    parse_positions,
    parse_time,
    parse_yuan,
)


def test_dates_and_times_as_typed():
    assert parse_date(" 2026-12-01 ") == date(2026, 12, 1)
    assert parse_optional_date("  ") is None
    assert parse_time("8:30") == time(8, 30) and parse_time("17：30") == time(17, 30)
    assert parse_datetime("2026-12-01 15:08") == datetime(2026, 12, 1, 15, 8)
    assert parse_datetime("2026-12-01") == datetime(2026, 12, 1)


@pytest.mark.parametrize("parser,text", [
    (parse_date, "2026-13-01"), (parse_date, "12/01/2026"), (parse_date, ""),
    (parse_time, "24:00"), (parse_time, "8.30"), (parse_datetime, "noon"),
    (parse_datetime, "2026-12-01T15:08+08:00"),
])
def test_wrong_dates_and_times_name_their_field(parser, text):
    with pytest.raises(Invalid) as caught:
        parser(text, "when")
    assert caught.value.field == "when"


def test_positions():
    assert parse_positions("1, 2，4,2") == (1, 2, 4)
    assert parse_positions("") == ()
    for bad in ("1,x", "0", "-1"):
        with pytest.raises(Invalid):
            parse_positions(bad)


def test_amounts():
    assert parse_yuan("12.5") == 1250
    assert parse_yuan("1,234.56") == 123456
    # as a Chinese clerk writes them: with 元, in 万 or 亿 (exact: 1.2345万 is 12,345 yuan)
    assert parse_yuan("5000万") == 5_000_000_000 and parse_yuan("5,000万元") == 5_000_000_000
    assert parse_yuan("1.2亿") == 12_000_000_000 and parse_yuan("12.50元") == 1250
    assert parse_yuan("1.2345万") == 1_234_500 and parse_yuan("1.234567万") == 1_234_567
    assert parse_yuan("300 万元") == 300_000_000
    for bad, key in (("", "errors.amount_required"), ("12.345", "errors.bad_amount"),
                     ("-1", "errors.negative_amount"), ("1.2345678万", "errors.bad_amount"),
                     ("万", "errors.amount_required"), ("5000千", "errors.bad_amount"),
                     ("5万万", "errors.bad_amount")):
        with pytest.raises(Invalid) as caught:
            parse_yuan(bad, "fee")
        assert caught.value.key == key and caught.value.field == "fee"
    with pytest.raises(Invalid) as caught:
        parse_yuan("100001", max_yuan=100000)
    assert caught.value.key == "errors.amount_too_large"
    assert format_yuan(123456) == "1234.56" and format_yuan(5) == "0.05" and format_yuan(-150) == "-1.50"
    assert format_yuan(5_000_000_000, grouped=True) == "50,000,000.00"


@given(st.integers(min_value=0, max_value=10**14))
def test_format_and_parse_are_inverse(fen):
    assert parse_yuan(format_yuan(fen)) == fen
    assert parse_yuan(format_yuan(fen, grouped=True)) == fen
