"""kept forms: what a staff member typed in a form left without submitting (the hand-off)

Revision ID: 0008_kept_forms
Revises: 0007_case_lists
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_kept_forms'
down_revision = "0007_case_lists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kept_forms',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('staff_id', sa.Integer(), nullable=False),
                    sa.Column('form', sa.String(length=40), nullable=False),
                    sa.Column('key', sa.String(length=80), nullable=False),
                    sa.Column('data', sa.Text(), nullable=False),
                    sa.Column('updated_at', sa.DateTime(), nullable=False),
                    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_kept_forms_staff_id_staff')),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_forms')),
                    sa.UniqueConstraint('staff_id', 'form', 'key', name='uq_kept_forms_staff_form_key'))


def downgrade() -> None:
    op.drop_table('kept_forms')
