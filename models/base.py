"""Declarative base, naming convention and the portable enum column of every model.

Times are stored as the hall's local wall clock, naive, to the second; they come from
the one clock (:mod:`console.core.clock`) through the use case that writes them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, MetaData, event
from sqlalchemy.orm import DeclarativeBase, Mapper

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every Hall Console table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _load_needed_models() -> None:
    """Before SQLAlchemy configures mappers, the model modules that those imported need are imported
    too (:data:`models.NEEDS`: relationships name classes of other modules by string, foreign keys
    their tables) — only those: a command configures the mappers it can reach, not every one."""
    import models

    models.load_loaded()


event.listen(Mapper, "before_configured", _load_needed_models)


def enum_column(cls: type, name: str):
    """A portable enum column type: stored as text (no native PostgreSQL enum), values validated."""
    from sqlalchemy import Enum

    return Enum(cls, name=name, native_enum=False, validate_strings=True, length=20)


class PartialIndex(Index):
    """An index of the rows matching ``where`` (a partial index), on SQLite and on PostgreSQL alike.

    ``Index(..., sqlite_where=w, postgresql_where=w)`` would import every PostgreSQL dialect module
    (SQLAlchemy validates the option against the dialect: some 100 ms) into each process that defines
    the table, SQLite's too.  Here the PostgreSQL option is given when the PostgreSQL dialect first
    asks for this index's options (``dialect_options["postgresql"]``: its DDL compiler, Alembic's
    comparison) — at once when that dialect is loaded already.  That hook is SQLAlchemy's own
    (``DialectKWArgs._kw_reg_for_dialect_cls``, 2.x); ``tests/test_model_loading.py`` checks the
    DDL both dialects make of it.
    """

    def __init__(self, name: str, *expressions: Any, where: Any, **kwargs: Any) -> None:
        import sys

        self._where = where
        if "sqlalchemy.dialects.postgresql" in sys.modules:  # loaded: validating the option costs nothing
            kwargs["postgresql_where"] = where
        super().__init__(name, *expressions, sqlite_where=where, **kwargs)

    def _kw_reg_for_dialect_cls(self, dialect_name: str):  # type: ignore[override]
        options = super()._kw_reg_for_dialect_cls(dialect_name)
        if dialect_name == "postgresql":
            options["where"] = self._where
        return options
