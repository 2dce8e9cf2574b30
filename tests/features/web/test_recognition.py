"""Steps for recognition.feature: what was recognised, on the pages (Flask test client, both databases).

Plans are real DXF files (the bundled example; the plan an Iranian office draws, from
tests/support/persian_plan.py) uploaded through the real upload form and checked by
the real checker inside the request. Layer roles are changed by posting the version
page's own form back, with its CSRF token, as a browser would. What a page should say
about an element is taken from the results and openings the check stored, rendered
by the checker's own catalogue in the page's language: the page must show exactly that.
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from checker.messages import render
from checker.report.annex import inferred_note, recognition
from tests.support.persian_plan import write_persian_plan
from web.architect.recognition import recorded_openings
from web.store import db
from web.store.models import Project, Submission

from .conftest import csrf_token, sign_in
from .test_architect import EXAMPLE, create_project, page, sentences_of, upload

scenarios("web/recognition.feature")


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Naming ``app`` here runs every scenario on both databases."""


@pytest.fixture
def story() -> dict:
    return {}


# ----------------------------------------------------------------- reading a page


class Rows(HTMLParser):
    """Each row of the tables with a class: the row's attributes and its cells' text.

    A select counts as the text of its selected option, as a person reads it.
    """

    def __init__(self, table_class: str) -> None:
        super().__init__()
        self.table_class = table_class
        self.depth = 0
        self.rows: list[tuple[dict, list[str]]] = []
        self._row: tuple[dict, list[str]] | None = None
        self._in_option = self._selected = self._in_hidden_label = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            if self.depth or self.table_class in (attributes.get("class") or "").split():
                self.depth += 1
        elif not self.depth:
            return
        elif tag == "tr":
            self._row = (attributes, [])
        elif tag in ("td", "th") and self._row is not None:
            self._row[1].append("")
        elif tag == "option":
            self._in_option, self._selected = True, "selected" in attributes
        elif tag == "label" and "visually-hidden" in (attributes.get("class") or ""):
            self._in_hidden_label = True  # read out by a screen reader, not seen
        elif tag == "br" and self._row and self._row[1]:
            self._row[1][-1] += " "

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag == "tr" and self._row is not None:
            self.rows.append((self._row[0], [" ".join(c.split()) for c in self._row[1]]))
            self._row = None
        elif tag == "option":
            self._in_option = False
        elif tag == "label":
            self._in_hidden_label = False

    def handle_data(self, data):
        if (
            self.depth
            and self._row
            and self._row[1]
            and not self._in_hidden_label
            and (not self._in_option or self._selected)
        ):
            self._row[1][-1] += data


def table(html: str, table_class: str) -> list[tuple[dict, list[str]]]:
    parser = Rows(table_class)
    parser.feed(html)
    return [(attrs, cells) for attrs, cells in parser.rows if cells and attrs.get("class") != "header"][0:]


def layer_table(html: str) -> dict[str, list[str]]:
    """layer → [layer cell, role, how, why] of the recognised layers table."""
    return {attrs["data-layer"]: cells for attrs, cells in table(html, "layer-roles") if "data-layer" in attrs}


def flashes(html: str) -> list[str]:
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", s)).split())
        for s in re.findall(r'<p class="flash [^"]*"[^>]*>(.*?)</p>', html, re.S)
    ]


def version_path(story, number: int) -> str:
    return f"/projects/{story['project_id']}/versions/{number}"


def stored(app, project_id: int, number: int) -> Submission:
    with app.app_context():
        session = db.sessions(app)()
        try:
            return session.scalars(
                select(Submission).where(Submission.project_id == project_id, Submission.number == number)
            ).one()
        finally:
            session.close()


def layers_form(html: str) -> dict[str, str]:
    """The layer roles form as the page fills it in: its fields and values."""
    form = re.search(r'<form method="post" action="[^"]*/layers"[^>]*>(.*?)</form>', html, re.S)
    assert form, "the page has no layer roles form"
    body = form.group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body))
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', body, re.S):
        fields[name] = re.search(r'<option value="([^"]*)" selected>', options).group(1)
    return {k: unescape(v) for k, v in fields.items()}


def with_role(fields: dict[str, str], layer: str, role: str) -> dict[str, str]:
    index = next(k.split("-")[1] for k, v in fields.items() if k.endswith("-name") and v == layer)
    return {**fields, f"layer-{index}-role": role}


# ----------------------------------------------------------------- given


@given("the app with its accounts")
def app_with_accounts(accounts):
    return accounts


@given("the architect is signed in")
def architect_signed_in(client, accounts):
    sign_in(client, accounts["architect"])


def _project_with(client, story, name: str, rows) -> None:
    response = create_project(client, name, "EX-" + name.split()[0].upper())
    story["project_id"] = int(re.search(r"/projects/(\d+)/upload", response.location).group(1))
    response = upload(client, story["project_id"], rows)
    assert response.status_code == 302, sentences_of(response.get_data(as_text=True))


def example_rows():
    return [
        ("Ground floor", "0", "ground.dxf", (EXAMPLE / "ground.dxf").read_bytes()),
        ("First floor", "2.8", "first.dxf", (EXAMPLE / "first.dxf").read_bytes()),
    ]


@given(parsers.parse('the architect\'s project "{name}" with the example plans checked as version 1'))
def example_project(client, story, name):
    _project_with(client, story, name, example_rows())


@given(
    parsers.parse(
        'the architect\'s project "{name}" with the plan drawn as an Iranian office draws it checked as version 1'
    )
)
def persian_project(app, client, story, name, tmp_path):
    path = write_persian_plan(tmp_path / "tehran.dxf")
    _project_with(client, story, name, [("Ground floor", "0", "tehran.dxf", path.read_bytes())])
    submission = stored(app, story["project_id"], 1)
    assert submission.check_state == "done", submission.error


# ----------------------------------------------------------------- when


@when("the architect opens version 1")
def opens_version_one(client, story):
    story["page"] = page(client, version_path(story, 1))


def _send_roles(client, story, number: int, layer: str, role: str):
    html = page(client, version_path(story, number))
    fields = with_role(layers_form(html), layer, role)
    fields["csrf_token"] = csrf_token(client, version_path(story, number))
    story["response"] = client.post(version_path(story, number) + "/layers", data=fields)


@when(parsers.parse('the architect sets the role of "{layer}" to "{role}" on version {number:d}'))
def sets_role(client, story, layer, role, number):
    _send_roles(client, story, number, layer, role)


@when("the architect sends version 1's layer roles unchanged")
def sends_unchanged(client, story):
    html = page(client, version_path(story, 1))
    fields = layers_form(html)
    fields["csrf_token"] = csrf_token(client, version_path(story, 1))
    story["response"] = client.post(version_path(story, 1) + "/layers", data=fields)


@when("the architect uploads the example plans again")
def uploads_again(client, story):
    response = upload(client, story["project_id"], example_rows())
    assert response.status_code == 302, sentences_of(response.get_data(as_text=True))


@when(parsers.parse('{visitor} sends the layer roles form of version 1 with "{layer}" as "{role}"'))
def visitor_sends(app, client, accounts, story, visitor, layer, role):
    fields = with_role(layers_form(page(client, version_path(story, 1))), layer, role)
    other = app.test_client()
    key = {"another architect": "other_architect", "the municipality's reviewer": "reviewer"}.get(visitor)
    if key:
        sign_in(other, accounts[key])
    fields["csrf_token"] = csrf_token(other, "/signin")  # a valid token of the visitor's own session
    story["response"] = other.post(version_path(story, 1) + "/layers", data=fields)


@when(parsers.parse('the {audience} opens that version in "{language}"'))
def audience_opens(app, client, accounts, story, audience, language):
    viewer = client
    if audience == "reviewer":
        viewer = app.test_client()
        sign_in(viewer, accounts["reviewer"])
    viewer.post("/language", data={"language": language, "next": "/", "csrf_token": csrf_token(viewer, "/signin")})
    submission = stored(app, story["project_id"], 1)
    path = version_path(story, 1) if audience == "architect" else f"/review/submissions/{submission.id}"
    story["page"] = page(viewer, path + "?status=all")
    story["language"] = language
    story["submission"] = submission


# ----------------------------------------------------------------- then: layers


@then(
    parsers.re(
        r'the recognised layers list "(?P<layer>[^"]+)" as "(?P<role>[^"]+)" recognised by "(?P<how>[^"]+)" because "(?P<reason>[^"]*)"'
    )
)
def layer_listed(story, layer, role, how, reason):
    rows = layer_table(story["page"])
    assert layer in rows, sorted(rows)
    _name, shown_role, shown_how, shown_reason = rows[layer]
    assert shown_role == role, rows[layer]
    assert shown_how == how, rows[layer]
    assert shown_reason.startswith(reason) if reason else shown_reason == "—", rows[layer]


@then(parsers.parse('version {number:d} opens, checked, with the sentence "{sentence}"'))
def version_opens(app, client, story, number, sentence):
    assert story["response"].status_code == 302
    assert story["response"].location == version_path(story, number)
    story["page"] = page(client, version_path(story, number))
    assert sentence in flashes(story["page"])
    assert stored(app, story["project_id"], number).check_state == "done"


@then(
    parsers.parse('version {number:d}\'s openings table lists the openings of "{layer}" as doors recognised by "{how}"')
)
def openings_as_doors(story, number, layer, how):
    rows = [cells for attrs, cells in table(story["page"], "openings") if "data-handle" in attrs]
    on_layer = [cells for cells in rows if cells[2].endswith(layer)]
    assert on_layer, rows
    for cells in on_layer:
        assert cells[3].startswith("door"), cells
        assert cells[4].startswith(how), cells


@then(parsers.parse('version {number:d} still reads "{layer}" as "{role}"'))
@then(parsers.parse('version {number:d} reads "{layer}" as "{role}"'))
def version_reads(app, client, story, number, layer, role):
    assert stored(app, story["project_id"], number).check_state == "done"
    html = page(client, version_path(story, number))
    assert layer_table(html)[layer][1] == role, layer_table(html)[layer]


@then(parsers.re(r'the project\'s layer roles are "(?P<roles>[^"]*)"'))
def project_roles(app, story, roles):
    with app.app_context():
        session = db.sessions(app)()
        try:
            project = session.get(Project, story["project_id"])
            saved = json.loads(project.layer_roles_json) if project.layer_roles_json else {}
        finally:
            session.close()
    assert ", ".join(f"{k} = {v}" for k, v in sorted(saved.items())) == roles


@then(parsers.parse("version 2's preflight counts no windows, where version 1 counted {before:d}"))
def no_windows(app, story, before):
    assert json.loads(stored(app, story["project_id"], 2).preflight_json)["counts"]["windows"] == 0
    assert json.loads(stored(app, story["project_id"], 1).preflight_json)["counts"]["windows"] == before


@then(parsers.parse('version {number:d}\'s page says "{sentence}"'))
def page_says(client, story, number, sentence):
    assert story["response"].status_code == 302
    assert story["response"].location.startswith(version_path(story, number))
    assert sentence in flashes(page(client, version_path(story, number)))


@then(parsers.parse("the project has {count:d} version"))
@then(parsers.parse("the project has {count:d} versions"))
def versions(app, story, count):
    with app.app_context():
        session = db.sessions(app)()
        try:
            numbers = session.scalars(
                select(Submission.number).where(Submission.project_id == story["project_id"])
            ).all()
        finally:
            session.close()
    assert len(numbers) == count


@then(parsers.parse("the answer is {answer}"))
def answer_is(story, answer):
    response = story["response"]
    if answer == "a redirect to sign in":
        assert response.status_code == 302 and response.location.startswith("/signin"), response.location
    else:
        assert response.status_code == int(answer), response.status_code
        assert "Example house" not in response.get_data(as_text=True)


# ----------------------------------------------------------------- then: findings and openings


def _results(story) -> dict:
    return json.loads(story["submission"].results_json)


def _finding_rows(story) -> list[str]:
    return [" ".join(cells) for attrs, cells in table(story["page"], "findings") if "data-key" in attrs]


@then(parsers.parse('a finding names the front door by its type mark "{mark}"'))
def names_front_door(story, mark):
    front = next(e for f in _results(story)["findings"] for e in f["elements"] if e.get("type_mark") == mark)
    assert any(f"{mark} ({front['handle']})" in row for row in _finding_rows(story)), _finding_rows(story)


@then(
    parsers.parse(
        'each finding on an inferred element carries a badge "{inferred} (…)" with how and how sure, as its results say'
    )
)
def inferred_badges(story, inferred):
    language = story["language"]
    rows = {
        attrs["data-key"]: " ".join(cells) for attrs, cells in table(story["page"], "findings") if "data-key" in attrs
    }
    from checker.report.review import finding_key

    checked = 0
    for finding in _results(story)["findings"]:
        row = rows[finding_key(finding)]
        for element in finding["elements"]:
            note = render(inferred_note(element["recognised_by"], element["confidence"]), language)
            if element["inferred"]:
                assert note.startswith(inferred + " (") and note in row, (note, row)
                checked += 1
        if not any(e["inferred"] for e in finding["elements"]):
            assert inferred not in row, row
    assert checked, "no finding on an inferred element"


@then(parsers.parse('the openings table lists the type marks "{marks}", each with how and how sure it was recognised'))
def openings_marks(story, marks):
    language = story["language"]
    rows = [cells for attrs, cells in table(story["page"], "openings") if "data-handle" in attrs]
    recorded = recorded_openings(story["submission"].openings_json)
    assert sorted({cells[1] for cells in rows}) == marks.split(", ")
    assert len(rows) == len(recorded)
    for record in recorded:
        cells = next(c for a, c in table(story["page"], "openings") if a.get("data-handle") == record["handle"])
        assert cells[1] == record["type_mark"]
        assert cells[4].startswith(render(recognition(record["recognised_by"], record["confidence"]), language)), cells


# ----------------------------------------------------------------- the preview's stylesheet


def test_the_pages_preview_stylesheet_draws_every_kind_as_the_preview_does():
    """static/preview.css stands in for the preview SVG's own <style> (the CSP forbids it):
    every style of checker/report/preview.py has a rule there with its colours."""
    from pathlib import Path

    from checker.report.preview import STYLES

    css = (Path(__file__).resolve().parents[3] / "web" / "static" / "preview.css").read_text(encoding="utf-8")
    for name, style in STYLES.items():
        rule = re.search(rf"\.recognition-preview \.{name} \{{([^}}]*)\}}", css)
        assert rule, f"preview.css has no rule for .{name}"
        assert f"stroke: {style['stroke']}" in rule.group(1), name
        if "fill" in style:
            assert f"fill: {style['fill']}" in rule.group(1), name
