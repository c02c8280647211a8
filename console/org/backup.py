"""The online backup of a SQLite database: an administrator's read, written 0600.

The copy holds PIN hashes and unmasked resident IDs, so only an administrator may
take it and only its owner may read the file (:mod:`console.core.files`).
"""

from __future__ import annotations

from pathlib import Path

from console.core.context import Context
from console.core.errors import Invalid
from console.core.files import private_dir, private_file
from console.core.runner import use_case


@use_case("db.backup")
def backup_database(ctx: Context, target: Path) -> Path:
    """Copy the database to ``target`` (a new file, 0600, its folder 0700) with SQLite's backup API."""
    import sqlite3

    connection = ctx.session.connection()
    if connection.dialect.name != "sqlite":
        raise Invalid("db.backup_postgres")
    target = Path(target)
    if target.exists():
        raise Invalid("db.backup_exists", path=str(target))
    private_dir(target.parent)
    private_file(target)
    from console.core.progress import tick

    source = connection.connection.driver_connection
    dest = sqlite3.connect(str(target))
    try:
        # 1,000 pages (4 MB) a step: the progress moves, and writers get the lock in between
        source.backup(dest, pages=1000,
                      progress=lambda _status, remaining, total: tick("ops.progress.backup", total - remaining, total))
    finally:
        dest.close()
    return target
