"""A test client for the JSON API that holds every answer to the app's own OpenAPI document.

Each response must be one the document lists for that path, method and status, with
a listed media type, and a JSON body must validate against the listed schema. So
every API test is also a test of the document.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from web.accounts.tokens import issue_token
from web.store import db
from web.store.models import User

from .conftest import csrf_token

PREFIX = "/api/v1"
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "house"
DOCUMENT_URI = "urn:security-annex:api"


# The step modules import these two fixtures.
@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Steps ask for fixtures only when they run; naming ``app`` here runs every scenario on both databases."""


@pytest.fixture
def world():
    """What the steps of one scenario hand each other."""
    return {}


def token_for(app, account) -> str:
    with app.app_context(), db.sessions(app)() as session:
        return issue_token(session, session.get(User, account.id), "tests")


def is_one_sentence(response) -> bool:
    sentence = response.get_json()["error"]
    return bool(sentence) and sentence.count(". ") == 0 and "Traceback" not in sentence


class Api:
    def __init__(self, client, token: str | None = None):
        self.client = client
        self.token = token
        self.document = client.get(f"{PREFIX}/openapi.json").get_json()

    def call(self, method: str, path: str, *, headers: dict | None = None, **kwargs):
        headers = dict(headers or {})
        if self.token is not None:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        url = path if path.startswith(PREFIX) else PREFIX + path
        response = self.client.open(url, method=method, headers=headers, **kwargs)
        assert_documented(self.document, method, url, response)
        return response

    def get(self, path: str, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.call("POST", path, **kwargs)

    # ------------------------------------------------------------- the usual calls

    def create_project(self, municipality: str = "Example", **fields) -> dict:
        municipality_id = next(m["id"] for m in self.get("/municipalities").get_json() if m["name"] == municipality)
        body = {
            "name": "Example house",
            "address": "1 Example Lane",
            "permit_number": "EX-2026-001",
            "municipality_id": municipality_id,
            "dwellings": 1,
            **fields,
        }
        response = self.post("/projects", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def submit_house(self, project_id: int, **extra):
        return self.post(
            f"/projects/{project_id}/versions", data=house_form(**extra), content_type="multipart/form-data"
        )


def house_form(**extra) -> dict:
    """The two-storey example house as storey files with parallel names and elevations."""
    return {
        "storey": [
            (io.BytesIO((EXAMPLE / "ground.dxf").read_bytes()), "ground.dxf"),
            (io.BytesIO((EXAMPLE / "first.dxf").read_bytes()), "first.dxf"),
        ],
        "name": ["Ground floor", "First floor"],
        "elevation": ["0", "2.8"],
        **extra,
    }


def house_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("project.toml", "ground.dxf", "first.dxf"):
            archive.write(EXAMPLE / name, f"house/{name}")
    return buffer.getvalue()


def create_token_on_page(client, label: str = "Permit portal") -> str:
    """Create a token as a signed-in user does, on the tokens page; the token as shown once."""
    response = client.post(
        "/account/tokens/", data={"label": label, "csrf_token": csrf_token(client, "/account/tokens/")}
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return shown_token(response.get_data(as_text=True))


def shown_token(page: str) -> str | None:
    match = re.search(r"<code class=\"token\" dir=\"ltr\" data-token>([^<]+)</code>", page)
    return match.group(1) if match else None


# ----------------------------------------------------------------- the document as the judge


def template_of(document: dict, url: str) -> str:
    path = url.split("?", 1)[0][len(PREFIX) :]
    for template in document["paths"]:
        if re.fullmatch(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)), path):
            return template
    raise AssertionError(f"{url} is not described in the OpenAPI document")


def assert_documented(document: dict, method: str, url: str, response) -> None:
    template = template_of(document, url)
    operation = document["paths"][template].get(method.lower())
    assert operation is not None, f"{method} {template} is not described"
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {template} answered {status}, which the document does not list"
    content = operation["responses"][status].get("content", {})
    assert response.mimetype in content, (
        f"{method} {template} {status} answered {response.mimetype}, not {sorted(content)}"
    )
    if response.mimetype == "application/json":
        errors = sorted(
            validator(document, json.dumps(content["application/json"]["schema"], sort_keys=True)).iter_errors(
                response.get_json()
            ),
            key=str,
        )
        assert not errors, f"{method} {template} {status}: {errors[0].message} at {list(errors[0].absolute_path)}"


@lru_cache(maxsize=64)
def _registry(document_text: str) -> Registry:
    return Registry().with_resource(
        DOCUMENT_URI, Resource.from_contents(json.loads(document_text), default_specification=DRAFT202012)
    )


def validator(document: dict, schema_text: str) -> Draft202012Validator:
    # The response schema's "#/components/..." references point into the document.
    schema = json.loads(schema_text.replace('"#/', f'"{DOCUMENT_URI}#/'))
    return Draft202012Validator(schema, registry=_registry(json.dumps(document, sort_keys=True)))
