"""Models load by need: :data:`models.NEEDS` is complete, a command configures only the mappers it reaches,
and a partial index gives PostgreSQL its WHERE without importing PostgreSQL's dialect on SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import models

ROOT = Path(__file__).resolve().parents[1]


def _table_modules() -> dict[str, str]:
    """Table name → the model module that defines it (every module loaded)."""
    from sqlalchemy import Table

    from models.base import Base

    models.load_all()
    where = {t.name: m.class_.__module__ for m in Base.registry.mappers for t in m.tables}
    for name, module in models.WHERE.items():
        value = getattr(models, name)
        if isinstance(value, Table):
            where[value.name] = module
    assert set(where) == set(Base.metadata.tables)
    return where


def test_needs_names_every_module_a_modules_mappers_reach():
    from sqlalchemy.orm import configure_mappers

    from models.base import Base

    tables = _table_modules()
    configure_mappers()
    assert set(models.NEEDS) == set(models.MODEL_MODULES)
    for mapper in Base.registry.mappers:
        module = mapper.class_.__module__
        reached = {r.mapper.class_.__module__ for r in mapper.relationships}
        joined = [*mapper.tables, *(r.secondary for r in mapper.relationships if r.secondary is not None)]
        reached |= {tables[fk.column.table.name] for table in joined for fk in table.foreign_keys}
        assert reached <= set(models.needed(module)), (mapper.class_.__name__, reached - set(models.needed(module)))


def test_needed_follows_needs_through():
    assert models.needed("models.org") == ("models.org",)
    assert set(models.needed("models.assess")) == {"models.assess", "models.org", "models.queue", "models.cases",
                                                   "models.catalog"}


PROBE = """
import json, sys
import models.queue
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, configure_mappers
from sqlalchemy.schema import CreateIndex
configure_mappers()
from models.base import Base
from models.org import Window
loaded = sorted(m for m in sys.modules if m.startswith("models."))
pg_before = "sqlalchemy.dialects.postgresql" in sys.modules
from sqlalchemy.dialects import postgresql, sqlite
index = next(i for i in models.queue.Ticket.__table__.indexes if i.name == "ux_queue_tickets_window_active")
print(json.dumps({"loaded": loaded, "mappers": len(Base.registry.mappers), "pg_before": pg_before,
                  "pg": str(CreateIndex(index).compile(dialect=postgresql.dialect())),
                  "sqlite": str(CreateIndex(index).compile(dialect=sqlite.dialect())),
                  "kwargs": sorted(index.dialect_kwargs)}))
"""


def test_the_queue_models_alone_configure_and_index_for_both_engines():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["loaded"] == ["models.base", "models.org", "models.queue", "models.roles"]
    assert found["mappers"] == 10  # the organization's six and the queue's four, nobody else's
    assert not found["pg_before"]  # defining the partial indexes did not import PostgreSQL's dialect
    for dialect in ("pg", "sqlite"):
        assert found[dialect].endswith("WHERE status IN ('called', 'serving')"), found[dialect]
    assert found["kwargs"] == ["postgresql_where", "sqlite_where"]


def test_a_partial_index_made_after_postgresql_is_loaded_takes_its_option_at_once():
    from sqlalchemy import Column, Integer, MetaData, Table, text
    from sqlalchemy.dialects import postgresql  # noqa: F401 - loaded, as on a PostgreSQL hall

    from models.base import PartialIndex

    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("n", Integer))
    index = PartialIndex("ix_t_n", table.c.n, where=text("n > 0"))
    assert "postgresql_where" in index.dialect_kwargs
    assert index.dialect_options["postgresql"]["where"] is index.dialect_options["sqlite"]["where"]
