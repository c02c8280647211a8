"""``hall demo`` errors that must change nothing (the full builds are in test_demo.py)."""

import pytest
from sqlalchemy import func, select

from console.core.exitcodes import ExitCode
from models import Site, Staff


def test_refuses_a_database_that_holds_a_hall(cli, db, hall):
    result = cli("demo", "--no-open")  # the fixture's --db names the (non-empty) test database
    assert result.exit_code == ExitCode.CONFLICT, result.output
    assert "empty database" in result.stderr
    with db.read() as s:
        assert s.scalar(select(func.count(Staff.id))) == 5 and s.scalar(select(func.count(Site.id))) == 2


def test_negative_cases(cli, tmp_path):
    result = cli("demo", "--no-open", "--path", str(tmp_path / "d.db"), "--cases", "-1")
    assert result.exit_code == ExitCode.INVALID
    assert not (tmp_path / "d.db").exists()


def test_default_path_is_in_the_user_data_directory():
    from console.cli.demo import default_path

    path = default_path()
    assert path.name == "demo.db" and path.parent.name == "hall-console"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_plain_hall_after_the_demo_says_where_the_demo_hall_is(tmp_path, monkeypatch, lang):
    """After ``hall demo`` a plain ``hall`` looks for the default database: it says how to open the demo."""
    from typer.testing import CliRunner

    from console.cli.main import app
    from console.core.i18n import set_language, t

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HALL_DATA_DIR", str(tmp_path / "data"))
    missing = tmp_path / "data" / "hall.db"
    result = CliRunner().invoke(app, ["--lang", lang])
    set_language(lang)
    assert result.exit_code != 0 and t("trust.database_missing", path=str(missing)) in result.output
    demo = tmp_path / "xdg" / "hall-console" / "demo.db"
    demo.parent.mkdir(parents=True)
    demo.write_bytes(b"")
    result = CliRunner().invoke(app, ["--lang", lang])
    assert result.exit_code != 0
    assert t("trust.database_missing_demo", path=str(missing), demo=str(demo)) in " ".join(result.output.split())
    assert not missing.exists()
