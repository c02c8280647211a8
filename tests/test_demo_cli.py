"""``hall demo`` errors that must change nothing (the full builds are in test_demo.py)."""

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
