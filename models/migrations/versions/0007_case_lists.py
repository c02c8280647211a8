"""case lists: indexes for the filtered lists, newest first (status, department, window, staff, site)

The case lists filter on one column and show the newest accepted first
(``ORDER BY accepted_at DESC, id DESC LIMIT n``: imported history entered after today's
cases still sorts by when it was accepted).  With an index on ``(column, accepted_at, id)``
the database walks the matching cases newest first and stops at the page, instead of
walking every case and testing each, or sorting every match.

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
    "ix_cases_list_accepted": ["accepted_at", "id"],
    "ix_cases_list_status": ["status", "accepted_at", "id"],
    "ix_cases_list_department": ["department_id", "accepted_at", "id"],
    "ix_cases_list_window": ["window_id", "accepted_at", "id"],
    "ix_cases_list_staff": ["staff_id", "accepted_at", "id"],
    "ix_cases_list_site": ["site_id", "accepted_at", "id"],
}


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        for name in reversed(INDEXES):
            batch_op.drop_index(name)
