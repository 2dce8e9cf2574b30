"""Steps for review_note.feature: the reviewer's note in a column of its own (migration 0007).

The sign-off goes through the reviewer's real route (the real signed-off annex is
written); the architect reads the real page and the API with a real token; the
migration runs down and up through alembic on the scenario's own database.
"""

from __future__ import annotations

import json

import pytest
from alembic import command
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select, update

from web.store import db
from web.store.models import Job

from .api_helpers import Api, token_for
from .test_review_outcome import (  # noqa: F401  (flow is a fixture)
    approves,
    blocking_rejected,
    client_of,
    flow,
    load,
    requests_changes,
    seed_checked,
    text_of,
)

scenarios("web/review_note.feature")


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Naming ``app`` here runs every scenario on SQLite and on PostgreSQL."""


@given("the example project has been checked for review")
def _checked_for_review(flow):
    seed_checked(flow)


@given("the example project has been checked and every open blocking finding rejected with a reason")
def _blocking_rejected(flow):
    blocking_rejected(flow)


@when(parsers.parse('the reviewer requests changes with the note "{note}"'))
def _requests_changes(flow, note):
    requests_changes(flow, note)


@when("the reviewer approves the version without a note")
def _approves_without_note(flow):
    approves(flow, "")


@when("the sign-off job's recorded arguments lose the note")
def _job_loses_note(flow):
    app = flow["app"]
    with app.app_context(), db.sessions(app)() as session:
        job = session.scalars(
            select(Job).where(Job.submission_id == flow["seeded"].submission_id, Job.kind == "sign_off")
        ).one()
        args = json.loads(job.args_json)
        assert args["notes"], "the sign-off recorded no note to lose"
        session.execute(update(Job).where(Job.id == job.id).values(args_json=json.dumps({**args, "notes": ""})))
        session.commit()


@when("the database is migrated down to 0006, where the note is kept only with the sign-off job, and up again")
def _migrated_down_and_up(flow, database_url):
    config = db.alembic_config(database_url)
    db.sessions(flow["app"]).kw["bind"].dispose()  # the app's pooled connections would hold the old table
    command.downgrade(config, "0006")
    app = flow["app"]
    with app.app_context(), db.sessions(app)() as session:
        columns = session.execute(select(Job.args_json).where(Job.kind == "sign_off")).scalars().all()
        assert any(json.loads(args).get("notes") for args in columns)
    db.sessions(app).kw["bind"].dispose()
    command.upgrade(config, "head")


@then(parsers.parse('the version\'s own note reads "{note}"'))
def _column_holds(flow, note):
    assert load(flow).review_note == note


@then("the version has no note")
def _no_note(flow):
    submission = load(flow)
    assert submission.review_state == "approved" and submission.review_note is None


def version_page(flow) -> str:
    seeded = flow["seeded"]
    response = client_of(flow, "architect").get(f"/projects/{seeded.project_id}/versions/{seeded.number}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@then(parsers.parse("the architect's version page shows the reviewer's note \"{note}\""))
def _page_shows_note(flow, note):
    html = version_page(flow)
    assert "data-review-note" in html and f"The reviewer's note: {note}" in text_of(html)


@then("the architect's version page shows no reviewer's note")
def _page_shows_no_note(flow):
    html = version_page(flow)
    assert 'data-review-outcome="approved"' in html and "data-review-note" not in html


@then(parsers.parse("the architect's API gives the version's note as \"{note}\""))
def _api_note(flow, note):
    api = Api(
        client_of(flow, "architect").application.test_client(), token_for(flow["app"], flow["accounts"]["architect"])
    )
    body = api.get(f"/versions/{flow['seeded'].submission_id}/results").get_json()
    assert body["review"]["notes"] == note
