"""``hall site|department|window list``: JSON arrays of objects, filters, errors."""

import json
from datetime import date

import pytest

from console.core.exitcodes import ExitCode


def _json(cli, *args, as_="A001", **kw):
    result = cli(*args, "--json", as_=as_, **kw)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and all(isinstance(row, dict) for row in data)
    return data


def test_sites(cli, hall):
    sites = _json(cli, "site", "list")
    assert [(s["code"], s["kind"], s["parent"]) for s in sites] == [
        ("410185", "center", None), ("410185101", "township", "410185")]
    assert sites[0]["windows"] == 3 and sites[1]["windows"] == 1
    assert [s["code"] for s in _json(cli, "site", "list", "--kind", "township")] == ["410185101"]
    assert [s["code"] for s in _json(cli, "site", "list", "--parent", "410185")] == ["410185101"]


def test_site_filter_errors(cli, hall):
    bad_kind = cli("site", "list", "--kind", "planet", as_="A001")
    assert bad_kind.exit_code == ExitCode.INVALID and "planet" in bad_kind.stderr
    assert cli("site", "list", "--parent", "000", as_="A001").exit_code == ExitCode.NOT_FOUND


def test_departments(cli, hall):
    depts = {d["code"]: d for d in _json(cli, "department", "list")}
    assert sorted(depts) == ["MZ", "RS", "SCJG"]
    scjg = depts["SCJG"]
    assert scjg["service_section"] == "市场监管局行政服务科"
    assert scjg["chief_representative"] == "C001" and scjg["chief_representative_name"] == "张窗口"
    assert scjg["letter_signer"] == "王局长" and scjg["letter_date"] == str(date(2005, 3, 1))
    assert scjg["sites"] == ["410185"] and scjg["seals"] == []
    assert depts["MZ"]["chief_representative"] is None
    assert len(_json(cli, "department", "list", "--site", "410185")) == 3
    assert _json(cli, "department", "list", "--site", "410185101") == []


def test_windows(cli, hall):
    windows = _json(cli, "window", "list")
    assert [(w["site"], w["number"]) for w in windows] == [
        ("410185", "01"), ("410185", "02"), ("410185", "03"), ("410185101", "01")]
    w2 = windows[1]
    assert w2["comprehensive"] is True and w2["departments"] == ["MZ", "RS"] and w2["status"] == "open"
    assert w2["staff"] == 1 and windows[0]["comprehensive"] is False
    mz = _json(cli, "window", "list", "--department", "MZ")
    assert [(w["site"], w["number"]) for w in mz] == [("410185", "02"), ("410185101", "01")]
    town = _json(cli, "window", "list", "--site", "410185101")
    assert [w["number"] for w in town] == ["01"]
    assert cli("window", "list", "--department", "NOPE", as_="A001").exit_code == ExitCode.NOT_FOUND
    assert cli("window", "list", "--site", "NOPE", as_="A001").exit_code == ExitCode.NOT_FOUND


def test_tables_in_both_languages(cli, hall):
    zh = cli("window", "list", lang="zh_CN", as_="C001")
    assert zh.exit_code == 0 and "综合窗口" in zh.stdout and "窗口号" in zh.stdout
    en = cli("department", "list", lang="en", as_="C001")
    assert en.exit_code == 0 and "Code" in en.stdout and "SCJG" in en.stdout
    sites = cli("site", "list", lang="zh_CN", as_="C001")
    assert sites.exit_code == 0 and "乡级便民服务中心" in sites.stdout


def test_reading_as_a_clerk(cli, hall):
    assert len(_json(cli, "window", "list", as_="C001")) == 4


@pytest.mark.parametrize("group", ["site", "department", "window"])
def test_the_organization_is_not_read_without_logging_in(cli, runner, hall, group):
    from console.core.errors import LoginRequired
    from console.org import structure

    for args in ([group, "list"], [group, "list", "--json"]):
        result = cli(*args)
        assert result.exit_code == ExitCode.AUTH and result.stdout == ""
        assert "--as" in result.stderr
    with pytest.raises(LoginRequired):
        runner.run(getattr(structure, f"list_{group}s"))
