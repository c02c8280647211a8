"""queue: services, window links, daily counters, tickets and their events

Revision ID: 0002_queue
Revises: 0001_foundation
Create Date: 2026-11-25

Partial indexes (SQLite and PostgreSQL both support them): the waiting-ticket
index the call-next claim walks, one waiting ticket per resident ID and service,
one called/serving ticket per window.
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_queue'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('queue_services',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('prefix', sa.String(length=3), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('opens_at', sa.Time(), nullable=True),
    sa.Column('closes_at', sa.Time(), nullable=True),
    sa.Column('daily_cap', sa.Integer(), nullable=True),
    sa.Column('alarm_waiting', sa.Integer(), nullable=True),
    sa.Column('max_wait_minutes', sa.Integer(), nullable=False),
    sa.Column('max_service_minutes', sa.Integer(), nullable=True),
    sa.Column('max_queue_length', sa.Integer(), nullable=True),
    sa.Column('recall_limit', sa.Integer(), nullable=False),
    sa.Column('next_service_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_queue_services_department_id_departments')),
    sa.ForeignKeyConstraint(['next_service_id'], ['queue_services.id'], name=op.f('fk_queue_services_next_service_id_queue_services')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_queue_services_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_services')),
    sa.UniqueConstraint('site_id', 'code', name=op.f('uq_queue_services_site_id_code')),
    sa.UniqueConstraint('site_id', 'prefix', name=op.f('uq_queue_services_site_id_prefix'))
    )
    with op.batch_alter_table('queue_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_queue_services_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_queue_services_site_id'), ['site_id'], unique=False)

    op.create_table('queue_counters',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['queue_services.id'], name=op.f('fk_queue_counters_service_id_queue_services')),
    sa.PrimaryKeyConstraint('service_id', 'day', name=op.f('pk_queue_counters'))
    )
    op.create_table('queue_service_items',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_queue_service_items_item_id_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['queue_services.id'], name=op.f('fk_queue_service_items_service_id_queue_services'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('service_id', 'item_id', name=op.f('pk_queue_service_items'))
    )
    op.create_table('queue_tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('issued_service_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=False),
    sa.Column('status', sa.Enum('waiting', 'called', 'serving', 'finished', 'no_show', 'not_served', name='ticket_status', native_enum=False, length=20), nullable=False),
    sa.Column('priority', sa.Enum('none', 'elderly', 'disabled', 'military', 'green_channel', name='ticket_priority', native_enum=False, length=20), nullable=False),
    sa.Column('rank', sa.SmallInteger(), nullable=False),
    sa.Column('sort_at', sa.DateTime(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('slot_at', sa.DateTime(), nullable=True),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('target_window_id', sa.Integer(), nullable=True),
    sa.Column('window_id', sa.Integer(), nullable=True),
    sa.Column('waiting_since', sa.DateTime(), nullable=False),
    sa.Column('called_at', sa.DateTime(), nullable=True),
    sa.Column('serving_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('recalls', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['issued_service_id'], ['queue_services.id'], name=op.f('fk_queue_tickets_issued_service_id_queue_services')),
    sa.ForeignKeyConstraint(['service_id'], ['queue_services.id'], name=op.f('fk_queue_tickets_service_id_queue_services')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_queue_tickets_site_id_sites')),
    sa.ForeignKeyConstraint(['target_window_id'], ['windows.id'], name=op.f('fk_queue_tickets_target_window_id_windows')),
    sa.ForeignKeyConstraint(['window_id'], ['windows.id'], name=op.f('fk_queue_tickets_window_id_windows')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_tickets')),
    sa.UniqueConstraint('issued_service_id', 'day', 'seq', name='uq_queue_tickets_issued_day_seq')
    )
    with op.batch_alter_table('queue_tickets', schema=None) as batch_op:
        batch_op.create_index('ix_queue_tickets_site_day', ['site_id', 'day'], unique=False)
        batch_op.create_index('ix_queue_tickets_waiting', ['service_id', 'rank', 'sort_at', 'id'], unique=False, sqlite_where=sa.text("status = 'waiting'"), postgresql_where=sa.text("status = 'waiting'"))
        batch_op.create_index('ux_queue_tickets_waiting_id_number', ['service_id', 'id_number'], unique=True, sqlite_where=sa.text("status = 'waiting' AND id_number IS NOT NULL"), postgresql_where=sa.text("status = 'waiting' AND id_number IS NOT NULL"))
        batch_op.create_index('ux_queue_tickets_window_active', ['window_id'], unique=True, sqlite_where=sa.text("status IN ('called', 'serving')"), postgresql_where=sa.text("status IN ('called', 'serving')"))

    op.create_table('queue_window_services',
    sa.Column('window_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['queue_services.id'], name=op.f('fk_queue_window_services_service_id_queue_services'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['window_id'], ['windows.id'], name=op.f('fk_queue_window_services_window_id_windows'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('window_id', 'service_id', name=op.f('pk_queue_window_services'))
    )
    op.create_table('queue_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.Enum('waiting', 'called', 'recalled', 'serving', 'finished', 'no_show', 'transferred', 'not_served', 'paused', 'resumed', name='queue_event_kind', native_enum=False, length=20), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('window_id', sa.Integer(), nullable=True),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['queue_services.id'], name=op.f('fk_queue_events_service_id_queue_services')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_queue_events_site_id_sites')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_queue_events_staff_id_staff')),
    sa.ForeignKeyConstraint(['ticket_id'], ['queue_tickets.id'], name=op.f('fk_queue_events_ticket_id_queue_tickets')),
    sa.ForeignKeyConstraint(['window_id'], ['windows.id'], name=op.f('fk_queue_events_window_id_windows')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_events'))
    )
    with op.batch_alter_table('queue_events', schema=None) as batch_op:
        batch_op.create_index('ix_queue_events_site_at', ['site_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_queue_events_ticket_id'), ['ticket_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('queue_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_queue_events_ticket_id'))
        batch_op.drop_index('ix_queue_events_site_at')

    op.drop_table('queue_events')
    op.drop_table('queue_window_services')
    with op.batch_alter_table('queue_tickets', schema=None) as batch_op:
        batch_op.drop_index('ux_queue_tickets_window_active', sqlite_where=sa.text("status IN ('called', 'serving')"), postgresql_where=sa.text("status IN ('called', 'serving')"))
        batch_op.drop_index('ux_queue_tickets_waiting_id_number', sqlite_where=sa.text("status = 'waiting' AND id_number IS NOT NULL"), postgresql_where=sa.text("status = 'waiting' AND id_number IS NOT NULL"))
        batch_op.drop_index('ix_queue_tickets_waiting', sqlite_where=sa.text("status = 'waiting'"), postgresql_where=sa.text("status = 'waiting'"))
        batch_op.drop_index('ix_queue_tickets_site_day')

    op.drop_table('queue_tickets')
    op.drop_table('queue_service_items')
    op.drop_table('queue_counters')
    with op.batch_alter_table('queue_services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_queue_services_site_id'))
        batch_op.drop_index(batch_op.f('ix_queue_services_department_id'))

    op.drop_table('queue_services')
