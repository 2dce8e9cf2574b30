"""jobs: checks, re-checks and sign-offs run as jobs in worker processes; each job's
state, attempts and lease are kept here so that nothing is lost when a worker, the
queue or the web process dies

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('token', sa.String(length=40), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('args_json', sa.Text(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('lease_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token')
    )
    # The reconciler looks for unfinished jobs; a page for a submission's latest job.
    op.create_index('ix_job_state', 'job', ['state'])
    op.create_index('ix_job_submission', 'job', ['submission_id', 'kind', 'id'])


def downgrade() -> None:
    op.drop_index('ix_job_submission', table_name='job')
    op.drop_index('ix_job_state', table_name='job')
    op.drop_table('job')
