"""accounts and sessions: sign-in sessions held in the database (ended at sign-out),
sign-ups waiting for their e-mail link, API tokens that expire

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""
from datetime import timedelta

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# Tokens made before tokens expired get the default lifetime, counted from when they were made.
EXISTING_TOKEN_DAYS = 90


def upgrade() -> None:
    op.create_table('user_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('sid_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sid_sha256')
    )
    op.create_index('ix_user_session_user_id', 'user_session', ['user_id'])
    op.create_table('signup_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=400), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_sha256')
    )
    with op.batch_alter_table('api_token') as batch:
        batch.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
    api_token = sa.table('api_token', sa.column('id', sa.Integer()), sa.column('created_at', sa.DateTime()),
                         sa.column('expires_at', sa.DateTime()))
    connection = op.get_bind()
    for token_id, created_at in connection.execute(sa.select(api_token.c.id, api_token.c.created_at)).all():
        connection.execute(api_token.update().where(api_token.c.id == token_id)
                           .values(expires_at=created_at + timedelta(days=EXISTING_TOKEN_DAYS)))
    op.create_index('ix_audit_event_submission_at', 'audit_event', ['submission_id', 'at', 'id'])


def downgrade() -> None:
    op.drop_index('ix_audit_event_submission_at', table_name='audit_event')
    with op.batch_alter_table('api_token') as batch:
        batch.drop_column('expires_at')
    op.drop_table('signup_request')
    op.drop_index('ix_user_session_user_id', table_name='user_session')
    op.drop_table('user_session')
