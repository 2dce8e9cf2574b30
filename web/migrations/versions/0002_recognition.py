"""what was recognised and what the architect said about it: the project's layer roles;
per version the layer roles it was checked with, its openings, its preview and its
openings schedule

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('project') as batch:
        batch.add_column(sa.Column('layer_roles_json', sa.Text(), nullable=True))
    with op.batch_alter_table('submission') as batch:
        batch.add_column(sa.Column('layer_roles_json', sa.Text(), nullable=True))
        batch.add_column(sa.Column('openings_json', sa.Text(), nullable=True))
        batch.add_column(sa.Column('preview_json', sa.Text(), nullable=True))
        batch.add_column(sa.Column('schedule_json', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('submission') as batch:
        batch.drop_column('schedule_json')
        batch.drop_column('preview_json')
        batch.drop_column('openings_json')
        batch.drop_column('layer_roles_json')
    with op.batch_alter_table('project') as batch:
        batch.drop_column('layer_roles_json')
