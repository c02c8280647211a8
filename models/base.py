"""Declarative base, naming convention and the portable enum column of every model.

Times are stored as the hall's local wall clock, naive, to the second; they come from
the one clock (:mod:`console.core.clock`) through the use case that writes them.
"""

from __future__ import annotations

from sqlalchemy import MetaData, event
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


def _load_all_models() -> None:
    """Before SQLAlchemy configures mappers, every model module is imported (relationships name
    classes of other modules by string; ``import models`` alone imports none of them)."""
    import models

    models.load_all()


event.listen(Mapper, "before_configured", _load_all_models)


def enum_column(cls: type, name: str):
    """A portable enum column type: stored as text (no native PostgreSQL enum), values validated."""
    from sqlalchemy import Enum

    return Enum(cls, name=name, native_enum=False, validate_strings=True, length=20)
