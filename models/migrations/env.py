"""Alembic environment: runs against the engine handed in by :mod:`models.migrate`."""

from alembic import context
from sqlalchemy import create_engine

import models
from models.engine import normalize_url

config = context.config
models.load_all()
target_metadata = models.Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(normalize_url(config.get_main_option("sqlalchemy.url")))
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        if connection.in_transaction():
            connection.commit()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


run_migrations_online()
