"""Steps for architect.feature: the architects' pages through the Flask test client (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from web.store import db, storage
from web.store.models import Project, Submission

from .conftest import csrf_token, sign_in

scenarios("web/architect.feature")

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "house"
EMPTY_DXF = b"0\nSECTION\n2\nHEADER\n0\nENDSEC\n0\nEOF\n"


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Naming ``app`` here runs every scenario on both databases."""


@pytest.fixture
def story() -> dict:
    """What the steps of one scenario learn and hand on: ids, responses, pages."""
    return {}


# ----------------------------------------------------------------- reading pages


class PageReader(HTMLParser):
    """The parts of a results page the tests look at, as a browser without JavaScript sees them."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: list[dict] = []  # the findings list's rows
        self.svgs = 0
        self.figures: list[str] = []
        self.markers: list[int] = []  # marker numbers drawn on the plans
        self.labels: list[dict] = []
        self.inputs: dict[str, str] = {}
        self.changes: dict[str, list[str]] = {}
        self._in_caption = False
        self._in_changes: str | None = None
        self._in_row: dict | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "svg" and "plan" in (attributes.get("class") or "").split():  # the plans, not the recognition preview
            self.svgs += 1
        elif tag == "figcaption":
            self._in_caption, self._text = True, []
        elif tag == "g" and "marker" in (attributes.get("class") or "").split():
            self.markers.append(int(attributes["data-finding"]))
        elif tag == "li" and "plan-label" in (attributes.get("class") or ""):
            self.labels.append(attributes)
        elif tag == "tr" and "data-status" in attributes:
            self._in_row = {
                "status": attributes["data-status"],
                "rule": attributes["data-rule"],
                "key": attributes["data-key"],
                "marker": int(attributes["data-marker"]) if attributes.get("data-marker") else None,
                "hidden": "hidden" in attributes,
            }
            self.rows.append(self._in_row)
        elif tag == "input" and attributes.get("name"):
            self.inputs[attributes["name"]] = attributes.get("value") or ""
        elif tag == "ul" and attributes.get("data-changes"):
            self._in_changes = attributes["data-changes"]
            self.changes[self._in_changes] = []
        elif tag == "li" and self._in_changes:
            self._text = []

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._in_caption = False
            self.figures.append("".join(self._text).strip())
        elif tag == "ul" and self._in_changes:
            self._in_changes = None
        elif tag == "li" and self._in_changes:
            self.changes[self._in_changes].append(" ".join("".join(self._text).split()))
        elif tag == "tr":
            self._in_row = None

    def handle_data(self, data):
        self._text.append(data)

    @property
    def shown(self) -> list[dict]:
        return [r for r in self.rows if not r["hidden"]]


def sentences_of(html: str) -> list[str]:
    """The error sentences a page shows (flash or form error)."""
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", s)).split())
        for s in re.findall(r'<p class="flash error"[^>]*>(.*?)</p>', html, re.S)
    ]


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


# ----------------------------------------------------------------- doing things through the forms


def create_project(client, name: str, permit: str):
    token = csrf_token(client, "/projects/new")
    return client.post(
        "/projects/new",
        data={
            "csrf_token": token,
            "name": name,
            "address": "1 Example Lane",
            "permit_number": permit,
            "municipality": "1",
            "dwellings": "1",
        },
    )


def upload(
    client,
    project_id: int,
    rows: list[tuple[str, str, str, bytes]] = (),
    archive: bytes | None = None,
    ruleset: str = "",
):
    """Post the upload form: ``rows`` of (storey name, elevation, file name, bytes), or a zip."""
    path = f"/projects/{project_id}/upload"
    data = {"csrf_token": csrf_token(client, path), "ruleset": ruleset}
    for index, (name, elevation, filename, content) in enumerate(rows):
        data[f"storey-{index}-name"] = name
        data[f"storey-{index}-elevation"] = elevation
        data[f"storey-{index}-file"] = (io.BytesIO(content), filename)
    data[f"storey-{len(rows)}-name"] = ""  # an empty row, as the form sends it
    if archive is not None:
        data["project_zip"] = (io.BytesIO(archive), "house.zip")
    return client.post(path, data=data, content_type="multipart/form-data")


def example_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("project.toml", "ground.dxf", "first.dxf"):
            archive.write(EXAMPLE / name, f"house/{name}")
    return buffer.getvalue()


def stored_submission(app, project_id: int, number: int) -> Submission:
    with app.app_context():
        session = db.sessions(app)()
        try:
            return session.scalars(
                select(Submission).where(Submission.project_id == project_id, Submission.number == number)
            ).one()
        finally:
            session.close()


# ----------------------------------------------------------------- given


@given("the app with its accounts")
def app_with_accounts(accounts):
    return accounts


@given("the architect is signed in")
def architect_signed_in(client, accounts):
    sign_in(client, accounts["architect"])


@given(parsers.parse("uploads are limited to {megabytes:d} MB"))
def upload_limit(app, megabytes):
    app.config["MAX_UPLOAD_MB"] = megabytes
    app.config["MAX_CONTENT_LENGTH"] = megabytes * 1024 * 1024


# ----------------------------------------------------------------- when


@when(parsers.re(r'the architect creates the project "(?P<name>[^"]*)" with permit number "(?P<permit>[^"]*)"'))
def architect_creates_project(client, story, name, permit):
    response = create_project(client, name, permit)
    story["response"] = response
    if response.status_code == 302:
        story["project_id"] = int(re.search(r"/projects/(\d+)/upload", response.location).group(1))
        story.setdefault("projects", []).append((name, story["project_id"]))


@when(
    parsers.parse(
        'uploads "{first_file}" as "{first_name}" at {first_elevation} m and "{second_file}" as "{second_name}" at {second_elevation} m'
    )
)
def uploads_two_storeys(
    client, story, first_file, first_name, first_elevation, second_file, second_name, second_elevation
):
    story["response"] = upload(
        client,
        story["project_id"],
        [
            (first_name, first_elevation, first_file, (EXAMPLE / first_file).read_bytes()),
            (second_name, second_elevation, second_file, (EXAMPLE / second_file).read_bytes()),
        ],
    )
    assert story["response"].status_code == 302, sentences_of(story["response"].get_data(as_text=True))


@when(parsers.parse('uploads a new version with only "{filename}" as "{name}" at {elevation} m'))
def uploads_one_storey(client, story, filename, name, elevation):
    story["response"] = upload(
        client, story["project_id"], [(name, elevation, filename, (EXAMPLE / filename).read_bytes())]
    )
    assert story["response"].status_code == 302, sentences_of(story["response"].get_data(as_text=True))


@when("uploads the example project as a zip with its project.toml")
def uploads_zip(client, story):
    story["response"] = upload(client, story["project_id"], archive=example_zip())
    assert story["response"].status_code == 302, sentences_of(story["response"].get_data(as_text=True))


@when(parsers.parse('uploads a text file "{filename}" as "{name}" at {elevation} m'))
def uploads_text(client, story, filename, name, elevation):
    story["response"] = upload(
        client, story["project_id"], [(name, elevation, filename, b"Just some notes, not a drawing.\n")]
    )


@when(parsers.parse('uploads a file of {megabytes:d} MB as "{name}"'))
def uploads_large(client, story, megabytes, name):
    story["response"] = upload(
        client, story["project_id"], [(name, "0", "big.dxf", b"0\nSECTION\n" + b" " * (megabytes * 1024 * 1024))]
    )


@when(parsers.parse('uploads an empty DXF drawing as "{name}"'))
def uploads_empty_drawing(client, story, name):
    story["response"] = upload(client, story["project_id"], [(name, "0", "empty.dxf", EMPTY_DXF)])
    assert story["response"].status_code == 302


@when("the architect reads version 1's page and downloads its annex")
def read_version_one(client, story):
    base = f"/projects/{story['project_id']}/versions/1"
    story["version 1"] = (page(client, base), client.get(f"{base}/annex.pdf").data)


# ----------------------------------------------------------------- then: results


@then(parsers.parse("the version page of version {number:d} opens"))
def version_page_opens(client, story, number):
    path = f"/projects/{story['project_id']}/versions/{number}"
    assert story["response"].location == path
    story["page"] = page(client, path)
    story["number"] = number


@then(parsers.parse('it says the plan "{verdict}" and names the failing rules "{rules}"'))
def says_verdict(story, verdict, rules):
    html = story["page"]
    assert re.search(rf'<p class="verdict-word">\s*{verdict}\s*</p>', html)
    failing = sorted({r["rule"] for r in PageReader(html).shown if r["status"] == "fail"})
    assert failing == rules.split(", ")


@then(
    parsers.parse(
        'it shows one plan drawing per storey, "{first}" and "{second}", with the room names to set over them'
    )
)
def one_drawing_per_storey(story, first, second):
    reader = PageReader(story["page"])
    assert reader.svgs == 2 and reader.figures == [first, second]
    assert {"Kitchen", "Bedroom 1"} <= set(re.findall(r'class="plan-label[^"]*"[^>]*>([^<]+)<', story["page"]))
    assert all(0 <= float(label["data-x"]) <= 100 and 0 <= float(label["data-y"]) <= 100 for label in reader.labels)
    # The CSP allows no inline style: the drawing's own <style> and style="" are not on the page.
    assert "<style" not in story["page"] and "style=" not in story["page"]


@then(
    "every marker number on the plans belongs to a row of the findings list, and every numbered row to a marker or to no place"
)
def markers_match_rows(story):
    reader = PageReader(story["page"])
    numbered = [r["marker"] for r in reader.rows if r["marker"] is not None]
    assert numbered == list(range(1, len(numbered) + 1))  # numbered from 1, in the list's order, as in the PDF
    assert set(reader.markers) <= set(numbered)
    assert all(r["marker"] is None for r in reader.rows if r["status"] in ("pass", "not_applicable"))
    assert all(r["marker"] is not None for r in reader.rows if r["status"] in ("fail", "not_assessable", "error"))


@then("the findings list's marker numbers are those of the stored drawings")
def numbers_as_stored(app, story):
    submission = stored_submission(app, story["project_id"], story["number"])
    numbers = json.loads(submission.drawings_json)["numbers"]
    findings = json.loads(submission.results_json)["findings"]
    rows = PageReader(story["page"]).rows
    assert len(rows) == len(findings)
    assert {str(i): r["marker"] for i, r in enumerate(rows) if r["marker"] is not None} == numbers


@then("the PDF annex downloads as a real PDF named after the permit number")
def annex_downloads(client, story):
    response = client.get(f"/projects/{story['project_id']}/versions/{story['number']}/annex.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(response.data)).pages) >= 1
    assert "filename=security-annex-EX-2026-001-v1.pdf" in response.headers["Content-Disposition"]


# ----------------------------------------------------------------- then: refusals


@then(parsers.parse('the upload form is shown again with the sentence "{sentence}"'))
def upload_form_again(story, sentence):
    response = story["response"]
    assert response.status_code in (400, 413)
    html = response.get_data(as_text=True)
    assert sentences_of(html) == [sentence]
    assert 'name="storey-0-file"' in html and "Traceback" not in html
    story["page"] = html


@then(parsers.parse('the new-project form is shown again with the sentence "{sentence}"'))
def new_project_again(story, sentence):
    response = story["response"]
    assert response.status_code == 400
    story["page"] = response.get_data(as_text=True)
    assert sentences_of(story["page"]) == [sentence]


@then(parsers.parse('the form still holds the storey name "{name}"'))
def keeps_storey_name(story, name):
    assert PageReader(story["page"]).inputs["storey-0-name"] == name


@then(parsers.parse('the form still holds the permit number "{permit}"'))
def keeps_permit(story, permit):
    assert PageReader(story["page"]).inputs["permit_number"] == permit


@then("the project has no version")
def no_version(app, story):
    with app.app_context():
        session = db.sessions(app)()
        assert session.get(Project, story["project_id"]).submissions == []
        session.close()


@then("it says in one sentence that the drawing has no visible content")
def failed_check_sentence(story):
    assert sentences_of(story["page"]) == [
        "empty.dxf has no visible drawing content; draw the floor plan on visible layers."
    ]
    assert "<svg" not in story["page"]


@then("the version's file is kept")
def file_kept(app, story):
    submission = stored_submission(app, story["project_id"], 1)
    with app.app_context():
        session = db.sessions(app)()
        stored = session.get(Submission, submission.id).storeys[0]
        assert stored.original_name == "empty.dxf" and stored.stored_name != "empty.dxf"
        assert storage.upload_path(stored.stored_name).read_bytes() == EMPTY_DXF
        session.close()


# ----------------------------------------------------------------- then: versions


@then(parsers.parse("it lists the first floor's failing findings as resolved since version {previous:d}"))
def first_floor_resolved(story, previous):
    assert f"What changed since version {previous}" in story["page"]
    resolved = PageReader(story["page"]).changes["resolved"]
    assert resolved and any(line.startswith("OPEN-07 The window 8B on First floor") for line in resolved)
    assert all("Ground floor" not in line or "First floor" in line for line in resolved)


@then("it lists the ground floor's failing findings as still failing")
def ground_floor_still_failing(story):
    still = PageReader(story["page"]).changes["still-failing"]
    assert any(line.startswith("OPEN-01 The door 78 on Ground floor") for line in still)
    assert all("First floor" not in line for line in still)


@then("the project page lists versions 2 and 1, each with its verdict")
def project_page_versions(client, story):
    html = page(client, f"/projects/{story['project_id']}")
    assert re.findall(r">Version (\d+)</a>", html) == ["2", "1"]
    assert html.count('class="verdict verdict-fails"') == 2


@then("version 1's page and annex are exactly as they were")
def version_one_unchanged(client, story):
    before_page, before_annex = story["version 1"]
    base = f"/projects/{story['project_id']}/versions/1"
    after = page(client, base)
    strip = lambda html: re.sub(r'name="csrf_token" value="[^"]+"', "", html)  # noqa: E731 - the token is per session, not per version
    assert strip(after) == strip(before_page)
    assert client.get(f"{base}/annex.pdf").data == before_annex
    assert "What changed since" not in after


# ----------------------------------------------------------------- then: filters, status, list


def shown_rows(client, story, query: str = "") -> list[dict]:
    return PageReader(page(client, f"/projects/{story['project_id']}/versions/1{query}")).shown


@then("by default the list shows the findings that need attention, each with its marker number")
def default_filter(client, story):
    rows = shown_rows(client, story)
    assert rows and {r["status"] for r in rows} == {"fail", "not_assessable"}
    assert all(r["marker"] for r in rows)


@then(parsers.parse('"{query}" shows only passes, without marker numbers'))
def passes_only(client, story, query):
    rows = shown_rows(client, story, query)
    assert rows and {r["status"] for r in rows} == {"pass"} and all(r["marker"] is None for r in rows)


@then(parsers.parse('"{query}" shows only {rule}\'s findings that need attention'))
def rule_only(client, story, query, rule):
    rows = shown_rows(client, story, query)
    assert len(rows) == 5 and {r["rule"] for r in rows} == {rule} and {r["status"] for r in rows} == {"fail"}


@then(parsers.parse('"{query}" shows only {rule}\'s failures'))
def rule_failures(client, story, query, rule):
    rows = shown_rows(client, story, query)
    assert len(rows) == 2 and {(r["rule"], r["status"]) for r in rows} == {(rule, "fail")}


@then(parsers.parse('"{query}" shows every finding'))
def every_finding(app, client, story, query):
    reader = PageReader(page(client, f"/projects/{story['project_id']}/versions/1{query}"))
    stored = json.loads(stored_submission(app, story["project_id"], 1).results_json)["findings"]
    # Every finding the check stored (89 on the example today), none left out and none twice.
    assert len(reader.shown) == len(reader.rows) == len(stored) > 50


@then(parsers.parse('the status the page polls reads done at 100 percent with the verdict "{verdict}"'))
def status_done(client, story, verdict):
    assert (
        f'data-check-status="/projects/{story["project_id"]}/versions/{story["number"]}/status"' not in story["page"]
    )  # done: no polling
    response = client.get(f"/projects/{story['project_id']}/versions/{story['number']}/status")
    assert response.status_code == 200 and response.is_json
    story["status"] = status = response.get_json()
    assert (status["state"], status["percent"], status["done"], status["verdict"], status["error"]) == (
        "done",
        100,
        True,
        verdict,
        None,
    )


@then(parsers.parse('its preflight says in plain words that "{element}" lacks "{attribute}"'))
def preflight_words(story, element, attribute):
    preflight = story["status"]["preflight"]
    assert preflight["ready"] is False
    assert any(f"the {element} on A-DOOR lacks the attribute {attribute}" in point for point in preflight["points"])


@then(parsers.parse('the project list shows "{newer}" before "{older}"'))
def list_order(client, newer, older, story):
    html = page(client, "/projects/")
    story["list"] = html
    assert html.index(f">{newer}</a>") < html.index(f">{older}</a>")


@then(parsers.parse('"{name}" is listed with version {number:d} and the verdict "{verdict}"'))
def listed_with_verdict(story, name, number, verdict):
    row = re.search(rf">{name}</a>.*?</tr>", story["list"], re.S).group(0)
    assert f">Version {number}</a>" in row and f">{verdict}</span>" in row


# ----------------------------------------------------------------- then: who may see what


def project_paths(project_id: int) -> dict[str, str]:
    base = f"/projects/{project_id}"
    return {
        "project page": base,
        "upload form": f"{base}/upload",
        "version page": f"{base}/versions/1",
        "status": f"{base}/versions/1/status",
        "PDF annex": f"{base}/versions/1/annex.pdf",
    }


@then("the other architect gets 404 for its project page, upload form, version page, status and PDF annex")
def other_architect_404(app, accounts, story):
    other = app.test_client()
    sign_in(other, accounts["other_architect"])
    answers = {what: other.get(path).status_code for what, path in project_paths(story["project_id"]).items()}
    assert answers == dict.fromkeys(answers, 404)
    token = csrf_token(other, "/projects/new")
    posted = other.post(f"/projects/{story['project_id']}/upload", data={"csrf_token": token, "storey-0-name": "X"})
    assert posted.status_code == 404
    story["other"] = other


@then("the other architect's project list does not show it")
def other_list(story):
    assert "Example house" not in page(story["other"], "/projects/")


@then(
    "the reviewer gets 403 for the project list, the new-project form, the project page, the version page, its status and its PDF annex"
)
def reviewer_403(app, accounts, story):
    reviewer = app.test_client()
    sign_in(reviewer, accounts["reviewer"])
    paths = {"project list": "/projects/", "new-project form": "/projects/new", **project_paths(story["project_id"])}
    answers = {what: reviewer.get(path).status_code for what, path in paths.items()}
    assert answers == dict.fromkeys(answers, 403)


# ----------------------------------------------------------------- the previews' own process


class _OsRefusingFork:
    """The os module as web.jobs.checking sees it, except that fork is refused (as at the
    process limit) and each refusal leaves a line in ``refusals``: the check runs in a
    process of its own, so the test reads what happened there from a file."""

    def __init__(self, refusals: Path) -> None:
        self._refusals = refusals

    def __getattr__(self, name: str):
        return getattr(os, name)

    def fork(self) -> int:
        with self._refusals.open("a") as out:
            out.write(f"{os.getpid()}\n")
        raise OSError(11, "Resource temporarily unavailable")  # EAGAIN: the process limit reached


@given("the previews' own process cannot be started", target_fixture="previews_mishap")
def previews_cannot_fork(monkeypatch, tmp_path) -> Path:
    from web.jobs import checking

    refusals = tmp_path / "fork-refused"
    monkeypatch.setattr(checking, "os", _OsRefusingFork(refusals))
    return refusals


@given("the previews' own process fails", target_fixture="previews_mishap")
def previews_process_fails(monkeypatch, tmp_path) -> Path:
    from web.jobs import checking

    failed = tmp_path / "previews-failed"
    real_previews = checking.previews

    def first_drawing_fails(*args, **kwargs):
        # The first drawing is the previews' own process's (the check's process draws
        # only when that one has ended): it fails, and leaves a file saying so.
        if not failed.exists():
            failed.write_text(str(os.getpid()))
            raise RuntimeError("the previews' process failed")
        return real_previews(*args, **kwargs)

    monkeypatch.setattr(checking, "previews", first_drawing_fails)
    return failed


@then(
    parsers.re(
        r"the stored previews draw both storeys in English and Persian, drawn (?P<how>in|again in) the check's own process"
    )
)
def previews_stored(app, story, previews_mishap, how):
    assert previews_mishap.exists(), f"{previews_mishap.name}: the mishap never happened"
    with db.sessions(app)() as session:
        submission = session.scalars(select(Submission).where(Submission.project_id == story["project_id"])).one()
        assert submission.preview_json, "no previews were stored"
        pictures = json.loads(submission.preview_json)
    assert set(pictures) == {"en", "fa"}, sorted(pictures)
    for language, svg in pictures.items():
        assert svg.lstrip().startswith("<svg"), (language, svg[:80])
        assert "Ground floor" in svg and "First floor" in svg, language
