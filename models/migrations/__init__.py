"""Alembic migrations of the Hall Console schema.

``SCHEMA_HEADS`` names the head revisions so that start-up can tell whether a
database is current without loading Alembic; a test keeps it in step with the
revision files.
"""

SCHEMA_HEADS = ("0009_case_counts",)
