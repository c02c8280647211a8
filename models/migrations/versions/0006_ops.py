"""ops: terminal bindings (the window a desk's terminal calls for)

Revision ID: 0006_ops
Revises: 0005_proxy
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_ops'
down_revision = "0006_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('terminal_bindings',
    sa.Column('terminal', sa.String(length=64), nullable=False),
    sa.Column('window_id', sa.Integer(), nullable=False),
    sa.Column('bound_by_id', sa.Integer(), nullable=True),
    sa.Column('bound_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['bound_by_id'], ['staff.id'], name=op.f('fk_terminal_bindings_bound_by_id_staff')),
    sa.ForeignKeyConstraint(['window_id'], ['windows.id'], name=op.f('fk_terminal_bindings_window_id_windows')),
    sa.PrimaryKeyConstraint('terminal', name=op.f('pk_terminal_bindings'))
    )
    with op.batch_alter_table('terminal_bindings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_terminal_bindings_window_id'), ['window_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('terminal_bindings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_terminal_bindings_window_id'))
    op.drop_table('terminal_bindings')
