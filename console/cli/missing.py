"""The error of a database file that is not there, pointing to the demo hall when one was built."""

from __future__ import annotations

from pathlib import Path


def demo_file() -> Path:
    """``demo.db`` in the user data directory: where ``hall demo`` builds by default."""
    import platformdirs

    return Path(platformdirs.user_data_dir("hall-console", appauthor=False)) / "demo.db"


def database_missing(path: Path):
    """:class:`NotFound` for ``path``; when the demo hall has been built elsewhere, says how to open it
    (after ``hall demo`` a plain ``hall`` looks for the default database, not the demo's file)."""
    from console.core.errors import NotFound

    demo = demo_file()
    if demo.is_file() and Path(path).resolve() != demo.resolve():
        return NotFound("trust.database_missing_demo", path=str(path), demo=str(demo))
    return NotFound("trust.database_missing", path=str(path))
