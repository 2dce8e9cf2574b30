"""lookup indexes: the columns pages and the API look rows up by, which PostgreSQL does
not index by itself (a foreign key gets no index): a municipality's or an architect's
projects, a version's storeys and decisions, a user's API tokens (a project's versions
have theirs, from the unique project and number)

Without them every review queue, status poll and submission page scans the whole
table, which grows with every submission and decision ever made.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

INDEXES = (
    ('ix_project_municipality_created', 'project', ['municipality_id', 'created_at']),
    ('ix_project_owner', 'project', ['owner_id']),
    ('ix_storey_file_submission', 'storey_file', ['submission_id', 'position']),
    ('ix_decision_submission', 'decision', ['submission_id', 'id']),
    ('ix_api_token_user', 'api_token', ['user_id']),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
