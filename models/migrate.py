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


def downgrade(engine: Engine, target: str) -> None:
    """Undo migrations down to the revision ``target`` (``base``: an empty schema)."""
    from alembic import command

    command.downgrade(alembic_config(engine), target)


def known_revisions() -> list[str]:
    """Every packaged revision id, newest first, and ``base``."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return [s.revision for s in ScriptDirectory.from_config(config).walk_revisions()] + ["base"]


def schema_differences(engine: Engine) -> list[str]:
    """What differs between the database's tables and the models (Alembic's autogenerate comparison,
    column types included); empty when the migrations produced exactly the models' schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import models

    models.load_all()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, models.Base.metadata)
    return [_describe(d) for d in diffs]


def _describe(diff) -> str:
    if isinstance(diff, list):  # column changes come as a list of tuples
        return "; ".join(_describe(d) for d in diff)
    kind, *rest = diff
    names = []
    for value in rest:
        name = getattr(value, "name", None)
        if name:
            names.append(str(name))
        elif isinstance(value, str):
            names.append(value)
    return f"{kind} {' '.join(names)}".strip()
