"""law: receipt before acceptance, provisional due dates, joint handling, the ticket of a case,
the three-level network's hops, written notices of suspension and resumption, 容缺 main materials and the credit blacklist, fee-waiver flag,
statutory limits per item; one waiting ticket per resident ID per site and day

Revision ID: 0006_law
Revises: 0005_proxy
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_law'
down_revision = "0005_proxy"
branch_labels = None
depends_on = None

_WAITING_ID = sa.text("status = 'waiting' AND id_number IS NOT NULL")


def upgrade() -> None:
    op.create_table('case_hops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('from_site_id', sa.Integer(), nullable=False),
    sa.Column('to_site_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_hops_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_site_id'], ['sites.id'], name=op.f('fk_case_hops_from_site_id_sites')),
    sa.ForeignKeyConstraint(['to_site_id'], ['sites.id'], name=op.f('fk_case_hops_to_site_id_sites')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_case_hops_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_hops'))
    )
    with op.batch_alter_table('case_hops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_hops_case_id'), ['case_id'], unique=False)
    op.create_table('credit_blacklist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('id_no', sa.String(length=18), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('listed_on', sa.Date(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_credit_blacklist_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_blacklist')),
    sa.UniqueConstraint('id_no', name=op.f('uq_credit_blacklist_id_no'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_provisional', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('received_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('deemed', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('joint', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('ticket_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('current_site_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_ticket_id'), ['ticket_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cases_current_site_id'), ['current_site_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_cases_ticket_id_queue_tickets'), 'queue_tickets', ['ticket_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_current_site_id_sites'), 'sites', ['current_site_id'], ['id'])
    with op.batch_alter_table('intakes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('received_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('case_suspensions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_no', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('resume_notice_no', sa.String(length=40), nullable=True))
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fee_waiver_allowed', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('fee_waiver_basis', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('statutory_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('extension_limit', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('limit_basis', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.add_column(sa.Column('main', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('queue_tickets', schema=None) as batch_op:
        batch_op.drop_index('ux_queue_tickets_waiting_id_number', sqlite_where=_WAITING_ID, postgresql_where=_WAITING_ID)
        batch_op.create_index('ux_queue_tickets_waiting_id_number', ['site_id', 'day', 'id_number'], unique=True,
                              sqlite_where=_WAITING_ID, postgresql_where=_WAITING_ID)


def downgrade() -> None:
    with op.batch_alter_table('queue_tickets', schema=None) as batch_op:
        batch_op.drop_index('ux_queue_tickets_waiting_id_number', sqlite_where=_WAITING_ID, postgresql_where=_WAITING_ID)
        batch_op.create_index('ux_queue_tickets_waiting_id_number', ['service_id', 'id_number'], unique=True,
                              sqlite_where=_WAITING_ID, postgresql_where=_WAITING_ID)
    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.drop_column('main')
    with op.batch_alter_table('items', schema=None) as batch_op:
        for name in ('limit_basis', 'extension_limit', 'statutory_days', 'fee_waiver_basis', 'fee_waiver_allowed'):
            batch_op.drop_column(name)
    with op.batch_alter_table('case_suspensions', schema=None) as batch_op:
        batch_op.drop_column('resume_notice_no')
        batch_op.drop_column('notice_no')
    with op.batch_alter_table('intakes', schema=None) as batch_op:
        batch_op.drop_column('received_at')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_current_site_id_sites'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_cases_ticket_id_queue_tickets'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_cases_current_site_id'))
        batch_op.drop_index(batch_op.f('ix_cases_ticket_id'))
        for name in ('current_site_id', 'ticket_id', 'joint', 'deemed', 'received_at', 'due_provisional'):
            batch_op.drop_column(name)
    op.drop_table('credit_blacklist')
    op.drop_table('case_hops')
