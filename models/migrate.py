"""Running the Alembic migrations that ship inside the package."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(engine: Engine):
    """An Alembic ``Config`` pointing at the packaged migrations and ``engine``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def script_heads() -> set[str]:
    """The head revisions of the packaged migrations."""
    from alembic.script import ScriptDirectory

    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return set(ScriptDirectory.from_config(config).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    """The revisions recorded in the database (empty for a new database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def upgrade(engine: Engine, target: str = "heads") -> None:
    """Apply every pending migration."""
    from alembic import command

    command.upgrade(alembic_config(engine), target)


def ensure_current(engine: Engine) -> bool:
    """Upgrade when the database is behind; return True when anything was applied."""
    from models.migrations import SCHEMA_HEADS

    if current_revisions(engine) == set(SCHEMA_HEADS):
        return False
    upgrade(engine)
    return True
