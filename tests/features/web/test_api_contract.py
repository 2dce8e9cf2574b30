"""The API's contract: its OpenAPI document is valid and complete, and bad requests get one sentence.

Tables of edge cases rather than scenarios; every answer here is also checked against
the document (``Api``). Both databases, as everywhere in the web tests.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from web.api.openapi import RESULTS_POINTER
from web.architect.submissions import StoreyUpload, create_project, submit_version
from web.store import db
from web.store.models import Decision, Submission, User

from .api_helpers import EXAMPLE, PREFIX, Api, is_one_sentence, token_for

RESULTS_SCHEMA = Path(__file__).resolve().parents[3] / "checker" / "schema" / "results.schema.json"


def test_the_document_is_served_without_a_token_and_is_valid_openapi_3_1(client):
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises on anything that is not valid OpenAPI
    assert document["components"]["securitySchemes"]["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": document["components"]["securitySchemes"]["bearerToken"]["description"],
    }


def test_every_api_route_is_described_and_every_described_operation_is_a_route(app, client):
    document = client.get(f"{PREFIX}/openapi.json").get_json()
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)[len(PREFIX) :]
            routes |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    described = {
        (path, method)
        for path, operations in document["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert routes == described


def test_only_the_document_itself_is_public(client):
    document = client.get(f"{PREFIX}/openapi.json").get_json()
    public = [
        (path, method)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if operation.get("security") == []
    ]
    assert public == [("/openapi.json", "get")]
    assert document["security"] == [{"bearerToken": []}]


def test_the_results_response_is_the_checkers_own_results_schema(client):
    document = client.get(f"{PREFIX}/openapi.json").get_json()
    original = json.loads(RESULTS_SCHEMA.read_text())
    embedded = document["components"]["schemas"]["Results"]
    assert (
        embedded["properties"].keys() == original["properties"].keys()
        and embedded["$defs"].keys() == original["$defs"].keys()
    )
    assert json.dumps(embedded, sort_keys=True).replace(RESULTS_POINTER, "#") == json.dumps(
        {k: v for k, v in original.items() if k not in ("$id", "$schema")}, sort_keys=True
    )
    results = document["paths"]["/versions/{version_id}/results"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]
    assert results["schema"] == {"$ref": "#/components/schemas/ResultsResponse"}
    assert document["components"]["schemas"]["ResultsResponse"]["properties"]["results"] == {
        "$ref": "#/components/schemas/Results"
    }


def test_a_client_can_list_what_a_submission_names(app, client, accounts):
    api = Api(client, token_for(app, accounts["architect"]))
    assert [m["name"] for m in api.get("/municipalities").get_json()] == ["Elsewhere", "Example"]
    assert {"ir-police-annex", "uk-adq-sbd"} <= {r["name"] for r in api.get("/rulesets").get_json()}


# ----------------------------------------------------------------- bad requests, one sentence each


def _json_body(body):
    return {"data": body, "content_type": "application/json"}


PROJECT_REQUESTS = [
    pytest.param(_json_body("{not json"), 400, id="malformed JSON"),
    pytest.param(_json_body("[1, 2]"), 400, id="a JSON list"),
    pytest.param({"data": {"name": "House"}}, 415, id="a form instead of JSON"),
    pytest.param({"json": {"municipality_id": 1}}, 422, id="no name"),
    pytest.param({"json": {"name": "   ", "municipality_id": 1}}, 422, id="a blank name"),
    pytest.param({"json": {"name": 5, "municipality_id": 1}}, 422, id="a name that is not text"),
    pytest.param({"json": {"name": "House"}}, 422, id="no municipality"),
    pytest.param({"json": {"name": "House", "municipality_id": 999999}}, 422, id="an unknown municipality"),
    pytest.param({"json": {"name": "House", "municipality_id": "1"}}, 422, id="a municipality id as text"),
    pytest.param({"json": {"name": "House", "municipality_id": 1, "dwellings": 0}}, 422, id="no dwellings"),
    pytest.param({"json": {"name": "House", "municipality_id": 1, "dwellings": 1.5}}, 422, id="half a dwelling"),
]


@pytest.mark.parametrize(("request_kwargs", "status"), PROJECT_REQUESTS)
def test_a_bad_project_request_gets_one_sentence_and_creates_nothing(app, client, accounts, request_kwargs, status):
    api = Api(client, token_for(app, accounts["architect"]))
    response = api.post("/projects", **request_kwargs)
    assert response.status_code == status and is_one_sentence(response), response.get_json()
    assert api.get("/projects").get_json() == []


def _dxf(name="ground.dxf"):
    return (io.BytesIO((EXAMPLE / name).read_bytes()), name)


VERSION_REQUESTS = [
    pytest.param({"json": {"storey": "ground.dxf"}}, 415, id="JSON instead of files"),
    pytest.param({"data": {"name": "Ground floor"}}, 422, id="no file"),
    pytest.param({"data": {"storey": [_dxf], "name": ["Ground floor"]}}, 422, id="no elevation"),
    pytest.param({"data": {"storey": [_dxf], "elevation": ["0"]}}, 422, id="no name"),
    pytest.param({"data": {"storey": [_dxf], "name": [""], "elevation": ["0"]}}, 422, id="a blank name"),
    pytest.param(
        {"data": {"storey": [_dxf], "name": ["Ground floor"], "elevation": ["high"]}},
        422,
        id="an elevation that is not a number",
    ),
    pytest.param(
        {"data": {"storey": [_dxf], "name": ["Ground floor"], "elevation": ["2800"]}},
        422,
        id="an elevation in millimetres",
    ),
    pytest.param(
        {"data": {"storey": [_dxf, lambda: _dxf("first.dxf")], "name": ["Floor", "Floor"], "elevation": ["0", "2.8"]}},
        422,
        id="two storeys with one name",
    ),
    pytest.param(
        {"data": {"storey": [_dxf], "name": ["Ground floor"], "elevation": ["0"], "ruleset": "nowhere"}},
        422,
        id="an unknown ruleset",
    ),
    pytest.param({"data": {"zip": [_dxf]}}, 422, id="a zip field that holds no zip"),
    pytest.param({"data": {"zip": [lambda: (io.BytesIO(b"PK\x03\x04broken"), "house.zip")]}}, 422, id="a damaged zip"),
    pytest.param(
        {
            "data": {
                "storey": [_dxf],
                "name": ["Ground floor"],
                "elevation": ["0"],
                "zip": [lambda: (io.BytesIO(b"PK\x03\x04"), "house.zip")],
            }
        },
        422,
        id="files and a zip",
    ),
]


def _materialised(request_kwargs: dict) -> dict:
    """Fresh file objects for each run (a BytesIO is used up once sent): files are given as functions."""
    if "data" not in request_kwargs:
        return request_kwargs
    data = {
        key: [item() if callable(item) else item for item in value] if isinstance(value, list) else value
        for key, value in request_kwargs["data"].items()
    }
    return {"data": data, "content_type": "multipart/form-data"}


@pytest.mark.parametrize(("request_kwargs", "status"), VERSION_REQUESTS)
def test_a_bad_upload_gets_one_sentence_and_stores_nothing(app, client, accounts, request_kwargs, status):
    api = Api(client, token_for(app, accounts["architect"]))
    project = api.create_project()
    response = api.post(f"/projects/{project['id']}/versions", **_materialised(request_kwargs))
    assert response.status_code == status and is_one_sentence(response), response.get_json()
    assert api.get(project["url"]).get_json()["versions"] == []
    assert not any(Path(app.config["UPLOAD_FOLDER"]).iterdir())


@pytest.mark.parametrize(
    "path", ["/projects/999999", "/versions/999999", "/versions/999999/results", "/versions/999999/annex.pdf"]
)
def test_what_does_not_exist_answers_404_as_what_is_not_yours(app, client, accounts, path):
    response = Api(client, token_for(app, accounts["architect"])).get(path)
    assert response.status_code == 404 and is_one_sentence(response)


# ----------------------------------------------------------------- before and after a check


def _unchecked_version(app, accounts) -> int:
    """A version whose check has not started (the API starts checks; here the service layer is called directly)."""
    with app.test_request_context(), db.session() as session:
        architect = session.get(User, accounts["architect"].id)
        project = create_project(
            session, architect, name="Queued house", address="", permit_number="", municipality_id=1, dwellings=1
        )
        upload = StoreyUpload("Ground floor", 0.0, "ground.dxf", (EXAMPLE / "ground.dxf").read_bytes())
        return submit_version(session, project, [upload], ruleset=None, user=architect).id


def test_what_a_check_has_not_produced_yet_answers_409_and_the_status_says_queued(app, client, accounts):
    api = Api(client, token_for(app, accounts["architect"]))
    version = _unchecked_version(app, accounts)
    status = api.get(f"/versions/{version}").get_json()
    assert status["check_state"] == "queued" and status["verdict"] is None
    assert status["links"]["results"] is None and status["links"]["annex"] is None
    for part in ("results", "preflight", "changes", "annex.pdf"):
        response = api.get(f"/versions/{version}/{part}")
        assert response.status_code == 409 and "not finished" in response.get_json()["error"], part


def test_a_failed_check_says_why_on_the_status_and_on_what_it_could_not_produce(app, client, accounts):
    api = Api(client, token_for(app, accounts["architect"]))
    version = _unchecked_version(app, accounts)
    with app.app_context(), db.sessions(app)() as session:
        submission = session.get(Submission, version)
        submission.check_state, submission.progress = "failed", 100
        submission.error = "ground.dxf cannot be read as DXF; it may be damaged."
        session.commit()
    assert api.get(f"/versions/{version}").get_json()["error"] == "ground.dxf cannot be read as DXF; it may be damaged."
    response = api.get(f"/versions/{version}/results")
    assert response.status_code == 409 and "cannot be read" in response.get_json()["error"]


def test_an_architect_sees_no_decision_before_the_review_is_decided(app, client, accounts):
    architect = Api(client, token_for(app, accounts["architect"]))
    project = architect.create_project()
    version = architect.submit_house(project["id"]).get_json()["id"]
    with app.app_context(), db.sessions(app)() as session:
        session.add(
            Decision(
                submission_id=version, finding_key="ENTR-01|x", verdict="rejected", reviewer_id=accounts["reviewer"].id
            )
        )
        session.get(Submission, version).review_state = "in_review"
        session.commit()
    assert architect.get(f"/versions/{version}/results").get_json()["review"]["decisions"] == []
    reviewer = Api(client, token_for(app, accounts["reviewer"]))
    decisions = reviewer.get(f"/versions/{version}/results").get_json()["review"]["decisions"]
    assert [(d["finding_key"], d["verdict"]) for d in decisions] == [("ENTR-01|x", "rejected")]


def test_a_signed_off_annex_that_no_longer_matches_its_fingerprint_is_never_served(app, client, accounts):
    api = Api(client, token_for(app, accounts["architect"]))
    version = _unchecked_version(app, accounts)
    signed = b"%PDF-1.7\n% the signed-off annex\n%%EOF\n"
    (Path(app.config["ANNEX_FOLDER"]) / "signed-test.pdf").write_bytes(signed)
    with app.app_context(), db.sessions(app)() as session:
        submission = session.get(Submission, version)
        submission.review_state = "approved"
        submission.final_annex_name = "signed-test.pdf"
        submission.final_annex_sha256 = hashlib.sha256(signed).hexdigest()
        session.commit()
    response = api.get(f"/versions/{version}/annex.pdf")
    assert response.status_code == 200 and response.data == signed
    assert response.headers["X-Content-SHA256"] == hashlib.sha256(signed).hexdigest()
    (Path(app.config["ANNEX_FOLDER"]) / "signed-test.pdf").write_bytes(signed + b"% altered afterwards\n")
    response = api.get(f"/versions/{version}/annex.pdf")
    assert response.status_code == 500 and is_one_sentence(response)
