"""decision keys: a reviewer's decision names its finding by rule, message id, the
message's arguments (canonical JSON) and the elements, never by the English sentence,
so it holds in every language and across a re-wording of the catalogue

Existing rows are converted by finding, in each version's stored results, the findings
the old key named and writing the new key of each (a row that named several findings
becomes one row per finding, so every finding it decided stays decided). The key
functions are copied here as they were at each revision: a migration must not change
when the application's code does.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""
import hashlib
import json

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

MAX_KEY = 500


def _elements(finding: dict) -> str:
    return ",".join(sorted(f"{e.get('storey')}:{e.get('handle')}" for e in finding.get("elements", [])))


def old_key(finding: dict) -> str:
    """The key up to revision 0004: rule and elements, else rule and English sentence."""
    elements = _elements(finding)
    if elements:
        return f"{finding['rule']}|{elements}"[:MAX_KEY]
    return f"{finding['rule']}|{finding.get('message', '')}"[:MAX_KEY]


def new_key(finding: dict) -> str:
    """The key from revision 0005 (checker.report.review.finding_key)."""
    message_id = finding.get("message_id")
    if message_id is None:
        return f"{finding['rule']}|{finding.get('message', '')}"[:MAX_KEY]
    arguments = json.dumps(finding.get("message_args") or {}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    head = f"{finding['rule']}|{message_id}|"
    rest = f"{arguments}|{_elements(finding)}"
    if len(head) + len(rest) > MAX_KEY:
        rest = "sha256:" + hashlib.sha256(rest.encode("utf-8")).hexdigest()
    return (head + rest)[:MAX_KEY]


def _convert(key_from, key_to) -> None:
    connection = op.get_bind()
    decision = sa.table(
        'decision',
        sa.column('id', sa.Integer), sa.column('submission_id', sa.Integer), sa.column('finding_key', sa.String),
        sa.column('verdict', sa.String), sa.column('justification', sa.Text), sa.column('reviewer_id', sa.Integer),
        sa.column('decided_at', sa.DateTime),
    )
    submission = sa.table('submission', sa.column('id', sa.Integer), sa.column('results_json', sa.Text))
    versions = connection.execute(
        sa.select(submission.c.id, submission.c.results_json)
        .where(submission.c.id.in_(sa.select(decision.c.submission_id).distinct()))
    ).all()
    for submission_id, results_json in versions:
        if not results_json:
            continue
        keys: dict[str, list[str]] = {}
        for finding in json.loads(results_json).get("findings", []):
            converted = key_to(finding)
            named = keys.setdefault(key_from(finding), [])
            if converted not in named:
                named.append(converted)
        rows = connection.execute(
            sa.select(decision).where(decision.c.submission_id == submission_id).order_by(decision.c.id)
        ).mappings().all()
        for row in rows:
            targets = keys.get(row["finding_key"])
            if not targets:
                continue  # names no finding of this version: left as it was
            connection.execute(decision.update().where(decision.c.id == row["id"]).values(finding_key=targets[0]))
            for extra in targets[1:]:
                connection.execute(decision.insert().values(
                    submission_id=row["submission_id"], finding_key=extra, verdict=row["verdict"],
                    justification=row["justification"], reviewer_id=row["reviewer_id"], decided_at=row["decided_at"],
                ))


def upgrade() -> None:
    _convert(old_key, new_key)


def downgrade() -> None:
    # Rows split on the way up map back onto the one old key they came from (duplicates
    # of one decision then, which the latest-decision rule reads as one).
    _convert(new_key, old_key)
