"""case lists: indexes for the filtered lists, newest first (status, department, window, staff, site)

The case lists filter on one column and show the newest entered first
(``ORDER BY id DESC LIMIT n``).  With an index on ``(column, id)`` the database
walks the matching cases newest first and stops at the page, instead of walking
every case by id and testing each, or sorting every match.

Revision ID: 0007_case_lists
Revises: 0006_ops
Create Date: 2026-12-02
"""
from alembic import op


revision = '0007_case_lists'
down_revision = "0006_ops"
branch_labels = None
depends_on = None

#: name → columns (the same as models.cases.Case.__table_args__)
INDEXES = {
    "ix_cases_list_status": ["status", "id"],
    "ix_cases_list_department": ["department_id", "id"],
    "ix_cases_list_window": ["window_id", "id"],
    "ix_cases_list_staff": ["staff_id", "id"],
    "ix_cases_list_site": ["site_id", "id"],
}


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        for name in reversed(INDEXES):
            batch_op.drop_index(name)
