"""Steps for api.feature: the JSON API through a real app, on SQLite and PostgreSQL.

Every API answer is checked against the app's own OpenAPI document (``Api`` in
api_helpers), so these scenarios also prove that the document tells the truth.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from pypdf import PdfReader, PdfWriter
from pytest_bdd import given, parsers, scenarios, then, when

from checker.report.review import finding_key
from web.store import db
from web.store.models import Decision, ReviewState, Submission, utcnow

from .api_helpers import Api, _on_both_databases, house_zip, is_one_sentence, token_for, world  # noqa: F401  (fixtures)

scenarios("web/api.feature")

RESULTS_SCHEMA = Path(__file__).resolve().parents[3] / "checker" / "schema" / "results.schema.json"
ACCOUNT_BY_MUNICIPALITY = {"Example": "reviewer", "Elsewhere": "other_reviewer"}


# ----------------------------------------------------------------- submitting


@given("the architect has an API token")
def _architect_token(app, client, accounts, world):
    world["api"] = Api(client, token_for(app, accounts["architect"]))


@given("the architect has submitted the example house through the API")
def _submitted(app, client, accounts, world):
    _architect_token(app, client, accounts, world)
    _create_project(world, "Example")
    _submit_storeys(world)
    assert world["response"].status_code == 202


@given(parsers.parse("the upload limit is {megabytes:d} MB"))
def _limit(app, megabytes):
    app.config["MAX_UPLOAD_MB"] = megabytes
    app.config["MAX_CONTENT_LENGTH"] = megabytes * 1024 * 1024


@when(parsers.parse('they create a project in "{municipality}" through the API'))
def _create_project(world, municipality):
    world["project"] = world["api"].create_project(municipality)


@when("they submit the example house's two storeys through the API")
@when("they submit the example house's two storeys through the API again")
def _submit_storeys(world):
    world["response"] = world["api"].submit_house(world["project"]["id"])
    world["version"] = world["response"].get_json()


@when("they submit the example house as a zip through the API")
def _submit_zip(world):
    data = {"zip": (io.BytesIO(house_zip()), "house.zip")}
    world["response"] = world["api"].post(
        f"/projects/{world['project']['id']}/versions", data=data, content_type="multipart/form-data"
    )
    world["version"] = world["response"].get_json()


@when("they submit a text file as a storey through the API")
def _submit_text(world):
    data = {
        "storey": [(io.BytesIO(b"These are my notes, not a drawing.\n"), "notes.txt")],
        "name": ["Ground floor"],
        "elevation": ["0"],
    }
    world["response"] = world["api"].post(
        f"/projects/{world['project']['id']}/versions", data=data, content_type="multipart/form-data"
    )


@when(parsers.parse("they submit a {megabytes:d} MB storey through the API"))
def _submit_large(world, megabytes):
    drawing = b"0\nSECTION\n" + b"999\npadding\n" * (megabytes * 1024 * 1024 // 12)
    data = {"storey": [(io.BytesIO(drawing), "huge.dxf")], "name": ["Ground floor"], "elevation": ["0"]}
    world["response"] = world["api"].post(
        f"/projects/{world['project']['id']}/versions", data=data, content_type="multipart/form-data"
    )


@then("the answer is 202 with the version's status URL")
def _accepted(world):
    response = world["response"]
    assert response.status_code == 202, response.get_json()
    assert response.headers["Location"] == world["version"]["url"] == f"/api/v1/versions/{world['version']['id']}"


@then(parsers.parse('the status says the check is done with the verdict "{verdict}"'))
def _status_done(world, verdict):
    status = world["api"].get(world["version"]["url"]).get_json()
    assert status["check_state"] == "done", status["error"]
    assert status["progress"]["percent"] == 100 and status["verdict"] == verdict and status["error"] is None
    assert all(status["links"].values())


@then("the preflight describes both storey files")
def _preflight(world):
    response = world["api"].get(f"/versions/{world['version']['id']}/preflight")
    assert response.status_code == 200
    assert [f["storey"] for f in response.get_json()["files"]] == ["Ground floor", "First floor"]


@then(parsers.parse('the results are the checker\'s results for both storeys with the review state "{state}"'))
def _results(app, world, state):
    body = world["api"].get(f"/versions/{world['version']['id']}/results").get_json()
    Draft202012Validator(json.loads(RESULTS_SCHEMA.read_text())).validate(body["results"])
    assert [i["storey"] for i in body["results"]["inputs"]] == ["Ground floor", "First floor"]
    assert body["review"]["state"] == state
    assert len(body["finding_keys"]) == len(body["results"]["findings"])
    with app.app_context(), db.sessions(app)() as session:  # verbatim: what the check stored
        stored = session.get(Submission, world["version"]["id"]).results_json
    assert body["results"] == json.loads(stored)


@then("the annex is a PDF that opens")
def _annex(world):
    response = world["api"].get(f"/versions/{world['version']['id']}/annex.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF") and response.headers["X-Annex-Kind"] == "check"
    assert len(PdfReader(io.BytesIO(response.data)).pages) >= 1


@then(parsers.parse('the version has the storeys "{first}" and "{second}" checked with "{ruleset}"'))
def _zip_version(world, first, second, ruleset):
    status = world["api"].get(world["version"]["url"]).get_json()
    assert [s["name"] for s in status["storeys"]] == [first, second]
    assert [s["elevation_m"] for s in status["storeys"]] == [0.0, 2.8]
    assert status["ruleset"] == ruleset and status["check_state"] == "done"


@then("the project lists versions 1 and 2")
def _versions(world):
    project = world["api"].get(world["project"]["url"]).get_json()
    assert [v["number"] for v in project["versions"]] == [1, 2]
    world["versions"] = project["versions"]


@then("the changes of version 2 compare it with version 1")
def _changes(world):
    first, second = world["versions"]
    body = world["api"].get(f"/versions/{second['id']}/changes").get_json()
    assert body["previous_version"] == {"id": first["id"], "number": 1}
    assert body["still_failing"] and not body["resolved"] and not body["new"]  # the same drawings twice
    assert world["api"].get(f"/versions/{first['id']}/changes").get_json()["previous_version"] is None


# ----------------------------------------------------------------- who sees what


@when("the other architect uses their own token")
def _other_architect(app, client, accounts, world):
    world["other"] = Api(client, token_for(app, accounts["other_architect"]))


@when(parsers.parse('the reviewer of "{municipality}" uses their token'))
def _reviewer(app, client, accounts, world, municipality):
    world["other"] = Api(client, token_for(app, accounts[ACCOUNT_BY_MUNICIPALITY[municipality]]))


@then("the project, its version, its results, its preflight, its changes and its annex answer 404")
def _all_hidden(world):
    version = world["version"]["id"]
    for path in (
        f"/projects/{world['project']['id']}",
        f"/versions/{version}",
        f"/versions/{version}/results",
        f"/versions/{version}/preflight",
        f"/versions/{version}/changes",
        f"/versions/{version}/annex.pdf",
    ):
        response = world["other"].get(path)
        assert response.status_code == 404, path
        assert is_one_sentence(response)


@then("submitting a version to that project answers 404")
def _submit_hidden(world):
    response = world["other"].submit_house(world["project"]["id"])
    assert response.status_code == 404
    assert [v["number"] for v in world["api"].get(world["project"]["url"]).get_json()["versions"]] == [1]


@then("the other architect's project list is empty")
def _empty_list(world):
    assert world["other"].get("/projects").get_json() == []


@then("the version's status, results and annex are readable")
def _readable(world):
    version = world["version"]["id"]
    assert world["other"].get(f"/versions/{version}").get_json()["check_state"] == "done"
    body = world["other"].get(f"/versions/{version}/results").get_json()
    assert body["results"]["verdict"] == "fails"
    annex = world["other"].get(f"/versions/{version}/annex.pdf")
    assert annex.status_code == 200 and annex.data.startswith(b"%PDF")


@then("the project appears in the reviewer's project list")
def _reviewer_list(world):
    assert [p["id"] for p in world["other"].get("/projects").get_json()] == [world["project"]["id"]]


@then("submitting a version or creating a project answers 403")
def _reviewer_cannot_write(world):
    response = world["other"].submit_house(world["project"]["id"])
    assert response.status_code == 403 and is_one_sentence(response)
    response = world["other"].post("/projects", json={"name": "Mine", "municipality_id": 1})
    assert response.status_code == 403 and is_one_sentence(response)


# ----------------------------------------------------------------- refused uploads


@then(parsers.parse("the answer is {status:d} with one sentence naming the file"))
def _refused_naming(world, status):
    response = world["response"]
    assert response.status_code == status and is_one_sentence(response)
    assert "notes.txt" in response.get_json()["error"]


@then(parsers.parse("the answer is {status:d} with one sentence"))
def _refused_with(world, status):
    response = world["response"]
    assert response.status_code == status and response.mimetype == "application/json" and is_one_sentence(response)


@then("the project has no version and no file was stored")
def _nothing_stored(app, world):
    assert world["api"].get(world["project"]["url"]).get_json()["versions"] == []
    assert not any(Path(app.config["UPLOAD_FOLDER"]).iterdir())


# ----------------------------------------------------------------- after sign-off


@when("the version is approved with a signed-off annex and a deviation")
def _approve(app, accounts, world):
    """What the review pages do at sign-off, done directly: the review service is not the API's to test."""
    with app.app_context(), db.sessions(app)() as session:
        submission = session.get(Submission, world["version"]["id"])
        folder = Path(app.config["ANNEX_FOLDER"])
        signed = PdfWriter(clone_from=folder / submission.annex_name)  # a different file than the check's annex
        signed.add_metadata({"/Subject": "signed off"})
        signed.write(folder / "signed-off-test.pdf")
        finding = json.loads(submission.results_json)["findings"][0]
        session.add(
            Decision(
                submission_id=submission.id,
                finding_key=finding_key(finding),
                verdict="deviation",
                justification="A guarded gate makes up for it.",
                reviewer_id=accounts["reviewer"].id,
            )
        )
        submission.review_state = ReviewState.APPROVED.value
        submission.decided_by_id = accounts["reviewer"].id
        submission.decided_at = utcnow()
        submission.final_annex_name = "signed-off-test.pdf"
        submission.final_annex_sha256 = hashlib.sha256((folder / "signed-off-test.pdf").read_bytes()).hexdigest()
        session.commit()
        world["signed_sha256"] = submission.final_annex_sha256
        world["deviation_key"] = finding_key(finding)


@then("the annex served is the signed-off one")
def _signed_annex(world):
    response = world["api"].get(f"/versions/{world['version']['id']}/annex.pdf")
    assert response.status_code == 200 and response.headers["X-Annex-Kind"] == "signed-off"
    assert hashlib.sha256(response.data).hexdigest() == world["signed_sha256"]


@then(parsers.parse('the architect\'s results show the review state "{state}" with the deviation'))
def _decided(world, state):
    review = world["api"].get(f"/versions/{world['version']['id']}/results").get_json()["review"]
    assert review["state"] == state and review["signed_off_annex_sha256"] == world["signed_sha256"]
    assert [(d["finding_key"], d["verdict"]) for d in review["decisions"]] == [(world["deviation_key"], "deviation")]
