"""case counts: a clerk's case list totalled from indexes (window × department; staff without the history)

A clerk reaches their departments' cases and the cases they accepted themselves.  The
total of a list is counted as those two parts apart (console.cases.access.count_cases):
``ix_cases_count_window`` answers a window's cases of some departments (and a status)
from the index alone, and ``ix_cases_list_staff`` now holds only cases someone accepted —
imported history names nobody, and an index of NULLs told the planner that one staff
member's cases were every case, so it walked the whole table instead.

Revision ID: 0009_case_counts
Revises: 0008_kept_forms
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_case_counts'
down_revision = "0008_kept_forms"
branch_labels = None
depends_on = None

STAFF_COLUMNS = ["staff_id", "accepted_at", "id"]
ACCEPTED = sa.text("staff_id IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index("ix_cases_list_staff")
        batch_op.create_index("ix_cases_list_staff", STAFF_COLUMNS, unique=False,
                              sqlite_where=ACCEPTED, postgresql_where=ACCEPTED)
        batch_op.create_index("ix_cases_count_window", ["window_id", "department_id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index("ix_cases_count_window")
        batch_op.drop_index("ix_cases_list_staff")
        batch_op.create_index("ix_cases_list_staff", STAFF_COLUMNS, unique=False)
