"""First steps through the service layer the pages and the API share (both databases)."""

import json
from pathlib import Path

from web.architect.submissions import StoreyUpload, compare, create_project, submit_version
from web.jobs.checking import start_check
from web.store import db
from web.store.models import Submission, User

from .conftest import sign_in

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "house"


def test_an_architect_reaches_projects_and_not_the_review_queue(client, accounts):
    sign_in(client, accounts["architect"])
    assert client.get("/projects/").status_code == 200
    assert client.get("/review/").status_code == 403


def test_every_response_carries_a_content_security_policy_without_inline_script(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_a_submitted_two_storey_project_is_checked_and_drawn(app, accounts):
    with app.test_request_context():
        session = db.session()
        architect = session.get(User, accounts["architect"].id)
        project = create_project(
            session,
            architect,
            name="Example house",
            address="1 Example Lane",
            permit_number="EX-1",
            municipality_id=1,
            dwellings=1,
        )
        storeys = [
            StoreyUpload("Ground floor", 0.0, "ground.dxf", (EXAMPLE / "ground.dxf").read_bytes()),
            StoreyUpload("First floor", 2.8, "first.dxf", (EXAMPLE / "first.dxf").read_bytes()),
        ]
        submission = submit_version(session, project, storeys, ruleset=None, user=architect)
        start_check(submission.id)
        session.expire_all()
        submission = session.get(Submission, submission.id)
        assert submission.check_state == "done", submission.error
        assert submission.verdict == "fails"
        results = json.loads(submission.results_json)
        # reported by the names the architect gave, not the random names they are stored under
        assert [(i["storey"], i["file"]) for i in results["inputs"]] == [
            ("Ground floor", "ground.dxf"),
            ("First floor", "first.dxf"),
        ]
        drawings = json.loads(submission.drawings_json)
        assert [d["storey"] for d in drawings["storeys"]] == ["Ground floor", "First floor"]
        assert "<svg" in drawings["storeys"][0]["svg"] and drawings["numbers"]
        again = submit_version(session, project, storeys, ruleset="uk-adq-sbd", user=architect)
        start_check(again.id)
        session.expire_all()
        again = session.get(Submission, again.id)
        assert again.number == 2 and session.get(Submission, submission.id).results_json == submission.results_json
        changes = compare(json.loads(submission.results_json), json.loads(again.results_json))
        assert changes.still_failing or changes.new or changes.resolved


def test_a_refused_file_among_good_ones_leaves_nothing_on_disk(app, accounts):
    import pytest

    from web.architect.submissions import SubmissionError

    with app.test_request_context():
        session = db.session()
        architect = session.get(User, accounts["architect"].id)
        project = create_project(
            session, architect, name="Mixed", address="", permit_number="", municipality_id=1, dwellings=1
        )
        storeys = [
            StoreyUpload("Ground floor", 0.0, "ground.dxf", (EXAMPLE / "ground.dxf").read_bytes()),
            StoreyUpload("First floor", 2.8, "first.pdf", b"%PDF-1.7 not a drawing"),
        ]
        with pytest.raises(SubmissionError, match="first.pdf is not a DXF drawing"):
            submit_version(session, project, storeys, ruleset=None, user=architect)
        assert not list(Path(app.config["UPLOAD_FOLDER"]).iterdir())
        assert session.query(Submission).count() == 0
