"""proxy: enterprises, investment projects, their items (cases), follow-up visits

Revision ID: 0005_proxy
Revises: 0004_assess
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_proxy'
down_revision = "0004_assess"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('proxy_enterprises',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=False),
    sa.Column('legal_rep', sa.String(length=50), nullable=False),
    sa.Column('contact_name', sa.String(length=50), nullable=False),
    sa.Column('contact_phone', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proxy_enterprises')),
    sa.UniqueConstraint('uscc', name=op.f('uq_proxy_enterprises_uscc'))
    )
    op.create_table('proxy_projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('enterprise_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('industry', sa.String(length=100), nullable=False),
    sa.Column('investment_fen', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.Enum('handed_off', 'assigned', 'completed', name='proxy_project_status', native_enum=False, length=20), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=True),
    sa.Column('handed_off_by', sa.Integer(), nullable=True),
    sa.Column('handed_off_at', sa.DateTime(), nullable=False),
    sa.Column('ticket_ref', sa.String(length=40), nullable=False),
    sa.Column('materials_complete_on', sa.Date(), nullable=True),
    sa.Column('promised_days', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('completed_date', sa.Date(), nullable=True),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('investment_fen >= 0', name=op.f('ck_proxy_projects_investment_not_negative')),
    sa.ForeignKeyConstraint(['agent_id'], ['staff.id'], name=op.f('fk_proxy_projects_agent_id_staff')),
    sa.ForeignKeyConstraint(['enterprise_id'], ['proxy_enterprises.id'], name=op.f('fk_proxy_projects_enterprise_id_proxy_enterprises')),
    sa.ForeignKeyConstraint(['handed_off_by'], ['staff.id'], name=op.f('fk_proxy_projects_handed_off_by_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proxy_projects')),
    sa.UniqueConstraint('number', name=op.f('uq_proxy_projects_number'))
    )
    with op.batch_alter_table('proxy_projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proxy_projects_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proxy_projects_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_proxy_projects_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proxy_projects_status'), ['status'], unique=False)

    op.create_table('proxy_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('scheduled_on', sa.Date(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=True),
    sa.Column('contact', sa.String(length=50), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('solutions', sa.Text(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['proxy_projects.id'], name=op.f('fk_proxy_visits_project_id_proxy_projects')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_proxy_visits_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proxy_visits'))
    )
    with op.batch_alter_table('proxy_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proxy_visits_project_id'), ['project_id'], unique=False)

    op.create_table('proxy_project_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('blocker', sa.Text(), nullable=False),
    sa.Column('blocker_since', sa.Date(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_proxy_project_items_case_id_cases')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_proxy_project_items_item_id_items')),
    sa.ForeignKeyConstraint(['project_id'], ['proxy_projects.id'], name=op.f('fk_proxy_project_items_project_id_proxy_projects')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_proxy_project_items_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proxy_project_items')),
    sa.UniqueConstraint('case_id', name=op.f('uq_proxy_project_items_case_id')),
    sa.UniqueConstraint('project_id', 'item_id', name=op.f('uq_proxy_project_items_project_id_item_id'))
    )
    # a project's timeline reads the audit trail by entity (the project and its cases)
    op.create_index('ix_audit_events_entity', 'audit_events', ['entity_type', 'entity_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_events_entity', table_name='audit_events')
    op.drop_table('proxy_project_items')
    with op.batch_alter_table('proxy_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proxy_visits_project_id'))

    op.drop_table('proxy_visits')
    with op.batch_alter_table('proxy_projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proxy_projects_status'))
        batch_op.drop_index(batch_op.f('ix_proxy_projects_enterprise_id'))
        batch_op.drop_index(batch_op.f('ix_proxy_projects_due_date'))
        batch_op.drop_index(batch_op.f('ix_proxy_projects_agent_id'))

    op.drop_table('proxy_projects')
    op.drop_table('proxy_enterprises')
