"""Resident-ID regions come from the one province's part of stdnum's table, not from parsing all of it."""

from __future__ import annotations

from datetime import date

import pytest


def _full_table_region(code: str):
    from stdnum import numdb

    info: dict[str, str] = {}
    for _part, props in numdb.get("cn/loc").info(code):
        info.update(props)
    return info


def test_the_region_lookup_never_parses_the_whole_table(monkeypatch):
    from stdnum import numdb

    from console.core import personal

    personal._region.cache_clear()
    personal._province_db.cache_clear()
    monkeypatch.setattr(numdb, "get", lambda name: pytest.fail(f"parsed the whole {name} table"))
    info = personal.validate_resident_id("11010519491231002X", today=date(2026, 3, 3))
    assert (info.province, info.county) == ("北京市", "朝阳区")
    assert personal.validate_resident_id("410185198001010019", today=date(2026, 3, 3)).county == "登封市"


@pytest.mark.parametrize("code", ["110105", "410185", "440305", "650102", "710000", "820000", "990000", "419999"])
def test_the_province_part_gives_what_the_whole_table_gives(code):
    from console.core import personal

    whole = _full_table_region(code)
    info: dict[str, str] = {}
    for _part, props in personal._province_db(code[:2]).info(code):
        info.update(props)
    assert info == whole


def test_checking_a_resident_id_imports_no_stdnum():
    import subprocess
    import sys

    probe = ("import sys; from datetime import date; from console.core.personal import validate_resident_id; "
             "print(validate_resident_id('410185198001010019', today=date(2026, 3, 3)).county, "
             "any(m == 'stdnum' or m.startswith('stdnum.') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["登封市", "False"], done.stderr


def test_every_county_code_of_the_table_reads_the_same():
    from stdnum import numdb

    from console.core import personal

    whole = numdb.get("cn/loc")
    codes = [low + child_low for _l, low, _h, _p, children in whole.prefixes for _cl, child_low, _ch, _cp, _k in children]
    assert len(codes) > 3000
    for code in codes:
        info: dict[str, str] = {}
        for _part, props in personal._province_db(code[:2]).info(code):
            info.update(props)
        assert info == _full_table_region(code), code
