"""The architects' forms, case by case (SQLite and PostgreSQL): every refusal is one sentence
that keeps what was typed; what a form accepts is stored as typed; the page's plan drawing
keeps the annex's styles without inline style.

The check itself is the subject of architect.feature; here, where only what the upload
form stores matters, ``start_check`` is replaced by a recorder so no PDF is written.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from checker.report.drawing import STYLE
from checker.rulesets import available as available_rulesets
import web
from web.architect import views as architect
from web.results_view import page_svg, quantity_text
from web.store import db
from web.store.models import Project, Submission

from .conftest import csrf_token, sign_in
from .test_architect import EXAMPLE, PageReader, create_project, example_zip, sentences_of, upload

GROUND = (EXAMPLE / "ground.dxf").read_bytes()
PLAN_CSS = Path(web.__file__).parent / "static" / "plan.css"


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def started(monkeypatch) -> list[int]:
    """The submissions whose check the upload form started."""
    ids: list[int] = []
    monkeypatch.setattr(architect, "start_check", ids.append)
    return ids


@pytest.fixture
def architect_client(client, accounts):
    sign_in(client, accounts["architect"])
    return client


@pytest.fixture
def project_id(architect_client) -> int:
    response = create_project(architect_client, "Example house", "EX-2026-001")
    return int(re.search(r"/projects/(\d+)/upload", response.location).group(1))


REFUSALS = [
    # (case, storey rows, zip, ruleset, sentence)
    ("an empty file", [("Ground floor", "0", "ground.dxf", b"")], None, "", "ground.dxf is empty."),
    (
        "a file that is not a DXF",
        [("Ground floor", "0", "plan.pdf", b"%PDF-1.7 not a drawing")],
        None,
        "",
        "plan.pdf is not a DXF drawing; export the plan as DXF and upload that.",
    ),
    ("a storey without a name", [("", "0", "ground.dxf", GROUND)], None, "", "Give every storey a name."),
    (
        "a storey without a file",
        [("Ground floor", "0", "ground.dxf", GROUND), ("First floor", "2.8", "", b"")],
        None,
        "",
        "Choose the DXF file of the storey First floor.",
    ),
    (
        "an elevation that is not a number",
        [("Ground floor", "high", "ground.dxf", GROUND)],
        None,
        "",
        "The elevation “high” is not a number of metres.",
    ),
    (
        "an implausible elevation",
        [("Ground floor", "2800", "ground.dxf", GROUND)],
        None,
        "",
        "The elevation 2800 m is not plausible; give it in metres.",
    ),
    (
        "two storeys with one name",
        [("Ground floor", "0", "a.dxf", GROUND), ("Ground floor", "3", "b.dxf", GROUND)],
        None,
        "",
        "Two storeys have the same name; give each a name of its own.",
    ),
    ("nothing at all", [], None, "", "Upload at least one DXF file, one per storey."),
    (
        "an unknown ruleset",
        [("Ground floor", "0", "ground.dxf", GROUND)],
        None,
        "no-such-rules",
        "There is no ruleset “no-such-rules”; choose one from the list.",
    ),
    (
        "files and a zip at once",
        [("Ground floor", "0", "ground.dxf", GROUND)],
        "example",
        "",
        "Upload either one DXF file per storey or a zip with a project.toml, not both.",
    ),
    ("a zip that is not a zip", [], b"plain text", "", "The file given as the zip is not a zip file."),
    ("a damaged zip", [], b"PK\x03\x04 and then nothing", "", "The zip file cannot be opened; it may be damaged."),
    ("an empty zip", [], b"", "", "The zip file is empty."),
    (
        "a zip without project.toml",
        [],
        "no manifest",
        "",
        "The zip must hold exactly one project.toml next to its DXF files.",
    ),
    (
        "a zip whose project.toml names a missing file",
        [],
        "missing file",
        "",
        "project.toml names first.dxf, which is not in the zip.",
    ),
]


def _archive(kind):
    if kind == "example":
        return example_zip()
    if kind == "no manifest":
        return zip_of({"ground.dxf": GROUND})
    if kind == "missing file":
        return zip_of({"project.toml": (EXAMPLE / "project.toml").read_bytes(), "ground.dxf": GROUND})
    return kind


@pytest.mark.parametrize("case, rows, archive, ruleset, sentence", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refused_upload_says_one_sentence_and_keeps_what_was_typed(
    app, architect_client, project_id, started, case, rows, archive, ruleset, sentence
):
    response = upload(architect_client, project_id, rows, archive=_archive(archive), ruleset=ruleset)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert sentences_of(html) == [sentence]
    typed = PageReader(html).inputs
    for index, (name, elevation, _filename, _content) in enumerate(rows):
        assert (typed[f"storey-{index}-name"], typed[f"storey-{index}-elevation"]) == (name, elevation)
    assert started == []
    with app.app_context():
        session = db.sessions(app)()
        assert session.scalars(select(Submission)).all() == []
        session.close()


def test_the_upload_form_works_without_javascript_and_offers_every_ruleset(architect_client, project_id):
    html = architect_client.get(f"/projects/{project_id}/upload").get_data(as_text=True)
    assert [f"storey-{i}-{field}" for i in range(3) for field in ("name", "elevation", "file")] == re.findall(
        r'name="(storey-\d+-\w+)"', html
    )
    assert re.findall(r'<option value="([^"]+)"', html) == available_rulesets()
    assert re.search(r'<option value="ir-police-annex" selected>', html)  # the municipality's default
    assert 'href="/downloads/starter.dxf"' in html and 'href="/downloads/plan-convention.md"' in html


def test_the_ruleset_preselected_is_the_projects_municipalitys(architect_client):
    token = csrf_token(architect_client, "/projects/new")
    response = architect_client.post(
        "/projects/new", data={"csrf_token": token, "name": "South", "municipality": "2", "dwellings": "2"}
    )
    html = architect_client.get(response.location).get_data(as_text=True)
    assert re.findall(r'<option value="([^"]+)" selected>', html) == ["uk-adq-sbd"]


def test_an_upload_stores_every_storey_as_typed_under_names_of_its_own(app, architect_client, project_id, started):
    first = (EXAMPLE / "first.dxf").read_bytes()
    response = upload(
        architect_client,
        project_id,
        [("Ground floor", "0", "ground.dxf", GROUND), ("First floor", "2,8", "../../first.dxf", first)],
        ruleset="uk-adq-sbd",
    )
    assert response.status_code == 302 and response.location == f"/projects/{project_id}/versions/1"
    with app.app_context():
        session = db.sessions(app)()
        submission = session.scalars(select(Submission)).one()
        assert started == [submission.id]
        assert (submission.number, submission.ruleset, submission.layers_json) == (1, "uk-adq-sbd", None)
        assert [(s.name, s.elevation_m, s.original_name) for s in submission.storeys] == [
            ("Ground floor", 0.0, "ground.dxf"),
            ("First floor", 2.8, "first.dxf"),
        ]
        assert all(re.fullmatch(r"[0-9a-f]{32}\.dxf", s.stored_name) for s in submission.storeys)
        session.close()


def test_a_zip_brings_its_storeys_units_and_layer_table(app, architect_client, project_id, started):
    manifest = (EXAMPLE / "project.toml").read_text() + '\n[layers]\nwalls = ["A-WALL*", "MY-WALLS"]\n'
    archive = zip_of(
        {
            "house/project.toml": manifest.encode(),
            "house/ground.dxf": GROUND,
            "house/first.dxf": (EXAMPLE / "first.dxf").read_bytes(),
        }
    )
    response = upload(architect_client, project_id, archive=archive)
    assert response.status_code == 302
    with app.app_context():
        session = db.sessions(app)()
        submission = session.scalars(select(Submission)).one()
        assert json.loads(submission.layers_json) == {"walls": ["A-WALL*", "MY-WALLS"]}
        assert [(s.name, s.elevation_m) for s in submission.storeys] == [("Ground floor", 0.0), ("First floor", 2.8)]
        session.close()


def test_too_large_an_upload_elsewhere_gets_the_error_page_sentence(app, architect_client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    app.config["MAX_UPLOAD_MB"] = 0.001
    token = csrf_token(architect_client, "/projects/new")
    response = architect_client.post("/projects/new", data={"csrf_token": token, "name": "x" * 5000})
    assert response.status_code == 413
    assert "The upload is larger than" in response.get_data(as_text=True)


def test_a_version_that_does_not_exist_is_not_found(architect_client, project_id):
    for path in ("/versions/1", "/versions/1/status", "/versions/1/annex.pdf", "/versions/1/signed-annex.pdf"):
        assert architect_client.get(f"/projects/{project_id}{path}").status_code == 404


def test_the_page_draws_the_plan_with_the_annexs_own_styles():
    """static/plan.css repeats the drawing's <style> rules, which the CSP keeps off the page."""
    css = PLAN_CSS.read_text(encoding="utf-8")
    rules = [rule + "}" for rule in STYLE.split("}") if rule.strip()]
    missing = [rule for rule in rules if f"svg.plan {rule}" not in css]
    assert not missing, f"plan.css lacks the drawing's rules: {missing}"


def test_a_drawing_on_the_page_carries_no_inline_style():
    svg = (
        '<svg class="plan"><style>path{fill:none}</style><path class="measure" style="stroke:#c62828" d="M0 0"/>'
        '<path class="measure" style="stroke:#ef8f00" d="M1 1"/></svg>'
    )
    assert page_svg(svg) == (
        '<svg class="plan"><path class="measure measure-fail" d="M0 0"/>'
        '<path class="measure measure-not_assessable" d="M1 1"/></svg>'
    )


@pytest.mark.parametrize(
    "quantity, text",
    [
        (None, ""),
        ({"value": 0.9, "unit": "m"}, "0.9 m"),
        ({"value": 10.341, "unit": "m"}, "10.34 m"),
        ({"value": 50.0, "unit": "m"}, "50 m"),
        ({"value": 11, "unit": None}, "11"),
        ({"value": "RC2", "unit": None}, "RC2"),
        ({"value": 30.0, "unit": "deg"}, "30°"),
        ({"value": 12.5, "unit": "m2"}, "12.5 m²"),
    ],
)
def test_measured_and_required_read_as_people_write_them(quantity, text):
    assert quantity_text(quantity) == text


def test_a_project_keeps_its_versions_apart_in_the_database(app, architect_client, project_id, started):
    for _ in range(2):
        assert upload(architect_client, project_id, [("Ground floor", "0", "ground.dxf", GROUND)]).status_code == 302
    with app.app_context():
        session = db.sessions(app)()
        project = session.get(Project, project_id)
        assert [s.number for s in project.submissions] == [1, 2]
        assert len({f.stored_name for s in project.submissions for f in s.storeys}) == 2
        session.close()


def test_a_version_waiting_for_its_check_shows_progress_and_refreshes_itself(architect_client, project_id, started):
    upload(architect_client, project_id, [("Ground floor", "0", "ground.dxf", GROUND)])
    html = architect_client.get(f"/projects/{project_id}/versions/1").get_data(as_text=True)
    status_url = f"/projects/{project_id}/versions/1/status"
    assert f'data-check-status="{status_url}"' in html and "<progress" in html
    assert (
        '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    )  # without JavaScript, the page reloads itself
    assert "<svg" not in html and "Download the PDF annex" not in html
    status = architect_client.get(status_url).get_json()
    assert (status["state"], status["done"], status["preflight"], status["error"]) == ("queued", False, None, None)
