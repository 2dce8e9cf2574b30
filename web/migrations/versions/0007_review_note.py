"""review note: the reviewer's note of the final decision ("request changes" says which
changes) gets a column of its own on the version, written at sign-off; the architect's
pages and the API read it from there

Until now the note was kept only in the sign-off job's arguments (``job.args_json``),
which pages had to search for the version's latest finished sign-off. The upgrade copies
each signed-off version's note from there, so versions signed off before it keep theirs.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('submission') as batch:
        batch.add_column(sa.Column('review_note', sa.Text(), nullable=True))
    connection = op.get_bind()
    submission = sa.table('submission', sa.column('id', sa.Integer), sa.column('review_note', sa.Text))
    job = sa.table(
        'job',
        sa.column('id', sa.Integer), sa.column('submission_id', sa.Integer), sa.column('kind', sa.String),
        sa.column('state', sa.String), sa.column('args_json', sa.Text),
    )
    # The note of a version is that of its latest finished sign-off (one froze it; a later one cannot).
    latest = (
        sa.select(job.c.submission_id, sa.func.max(job.c.id).label('id'))
        .where(job.c.kind == 'sign_off', job.c.state == 'done')
        .group_by(job.c.submission_id)
        .subquery()
    )
    rows = connection.execute(
        sa.select(job.c.submission_id, job.c.args_json).join(latest, job.c.id == latest.c.id)
    ).all()
    for submission_id, args_json in rows:
        try:
            note = str(json.loads(args_json or '{}').get('notes') or '')
        except ValueError:  # unreadable arguments: no note to keep
            note = ''
        if note:
            connection.execute(
                sa.update(submission).where(submission.c.id == submission_id).values(review_note=note)
            )


def downgrade() -> None:
    # The notes stay in the sign-off jobs' arguments, where revision 0006 reads them.
    with op.batch_alter_table('submission') as batch:
        batch.drop_column('review_note')
