"""Files only their owner reads, and no database or folder made by mistake."""

from __future__ import annotations

import os
import stat

import pytest
from typer.testing import CliRunner

from console.core.exitcodes import ExitCode


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def hall_cli(monkeypatch):
    """``hall`` on a database named by path (no test database prepared)."""
    from console.cli import common
    from console.cli.main import app

    runner = CliRunner()

    def invoke(*args):
        common.STATE.db_url = None
        common.reset_databases()
        return runner.invoke(app, list(args), env={"HALL_LANG": "en", "HALL_PIN": "123456"})

    yield invoke
    common.reset_databases()


@pytest.mark.parametrize("args", [("db", "status"), ("case", "list", "--as", "A001"), ("catalog", "list"), ("queue", "services"),
                                  ()], ids=["db status", "case list", "catalog list", "queue services", "console"])
def test_a_wrong_path_is_not_found_and_nothing_is_made(hall_cli, tmp_path, args):
    target = tmp_path / "typo" / "hall.db"
    result = hall_cli("--db", str(target), *args)
    assert result.exit_code == ExitCode.NOT_FOUND, result.output
    assert "not found" in result.stderr and str(target) in result.stderr
    assert not target.parent.exists()


def test_the_default_database_is_not_made_by_reading(hall_cli, _own_directories):
    result = hall_cli("db", "status")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert not (_own_directories / "data").exists()


def test_upgrade_builds_a_private_database(hall_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(os, "umask", os.umask)  # whatever the umask, the modes are the owner's
    old = os.umask(0o022)
    try:
        target = tmp_path / "new" / "deeper" / "hall.db"
        assert hall_cli("--db", str(target), "db", "upgrade").exit_code == 0
        assert hall_cli("--db", str(target), "db", "status").exit_code == 0
    finally:
        os.umask(old)
    assert _mode(target) == 0o600
    assert _mode(target.parent) == 0o700 and _mode(target.parent.parent) == 0o700
    for sidecar in ("-wal", "-shm"):
        side = target.with_name(target.name + sidecar)
        if side.exists():
            assert _mode(side) == 0o600


def test_a_database_in_a_shared_group_folder_is_open_to_the_group(hall_cli, tmp_path):
    """The README's SSH set-up: ``/srv/hall`` is 2770 for the group ``hall``; every account opens the file."""
    shared = tmp_path / "srv-hall"
    shared.mkdir()
    os.chmod(shared, 0o2770)
    target = shared / "hall.db"
    old = os.umask(0o077)  # even under the tightest umask
    try:
        assert hall_cli("--db", str(target), "db", "upgrade").exit_code == 0
        assert hall_cli("--db", str(target), "db", "status").exit_code == 0
    finally:
        os.umask(old)
    assert _mode(target) == 0o660
    for sidecar in ("-wal", "-shm"):
        side = target.with_name(target.name + sidecar)
        if side.exists():
            assert _mode(side) & 0o060 == 0o060  # SQLite gives its journals the database's mode
    private = tmp_path / "group-readable"  # group-writable but not set-group-ID: not a shared folder
    private.mkdir()
    os.chmod(private, 0o770)
    assert hall_cli("--db", str(private / "hall.db"), "db", "upgrade").exit_code == 0
    assert _mode(private / "hall.db") == 0o600


def test_the_demo_file_is_private(tmp_path, clock):
    from console.demo.target import build_file

    old = os.umask(0o022)
    try:
        target = tmp_path / "demo" / "demo.db"
        build_file(target, clock=clock, pin_hash="-")
    finally:
        os.umask(old)
    assert _mode(target) == 0o600 and _mode(target.parent) == 0o700
