"""trust: command-line sessions, when an account was locked, audit hashes over every column, append-only on PostgreSQL,
codes unique regardless of case

Revision ID: 0006_trust
Revises: 0005_proxy
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_trust'
down_revision = "0006_law"
branch_labels = None
depends_on = None

#: PostgreSQL refuses UPDATE and DELETE on the audit trail (TRUNCATE is kept from the
#: console's role by its grants: see the README's "Security" section)
AUDIT_GUARD = """
CREATE OR REPLACE FUNCTION hall_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION hall_audit_append_only();
"""


#: codes people type, unique regardless of case
CASE_BLIND = (
    ("uq_staff_employee_no_lower", "staff", "employee_no"),
    ("uq_items_code_lower", "items", "code"),
    ("uq_departments_code_lower", "departments", "code"),
    ("uq_sites_code_lower", "sites", "code"),
)


def upgrade() -> None:
    op.create_table('staff_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('origin', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_staff_sessions_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_staff_sessions_token_hash'))
    )
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sessions_staff_id'), ['staff_id'], unique=False)
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locked_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hash_version', sa.Integer(), server_default='1', nullable=False))
    for name, table, column in CASE_BLIND:
        op.execute(f"CREATE UNIQUE INDEX {name} ON {table} (lower({column}))")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(AUDIT_GUARD)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS hall_audit_append_only()")
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('hash_version')
    for name, _table, _column in CASE_BLIND:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('locked_at')
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_sessions_staff_id'))
    op.drop_table('staff_sessions')
