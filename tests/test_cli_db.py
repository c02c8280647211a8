"""``hall db``: status, upgrade, backup; exit codes."""

import json

from console.core.exitcodes import ExitCode


def test_status_json(cli):
    result = cli("db", "status", "--json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["current"] is True and info["revisions"] == info["heads"]


def test_backup_copies_sqlite(cli, hall, backend, tmp_path):
    target = tmp_path / "copy.db"
    result = cli("db", "backup", str(target), as_="A001")
    if backend == "postgresql":
        assert result.exit_code == ExitCode.INVALID
        assert "pg_dump" in result.stderr
        return
    assert result.exit_code == 0, result.output
    import sqlite3

    with sqlite3.connect(target) as conn:
        assert conn.execute("select count(*) from staff").fetchone()[0] == 5
    again = cli("db", "backup", str(target), as_="A001")
    assert again.exit_code == ExitCode.INVALID


def test_chinese_messages(cli, hall, tmp_path, backend):
    if backend != "sqlite":
        import pytest

        pytest.skip("backup is SQLite-only")
    target = tmp_path / "c.db"
    target.write_text("x")
    result = cli("db", "backup", str(target), lang="zh_CN", as_="A001")
    assert result.exit_code == ExitCode.INVALID
    assert "已存在" in result.stderr
