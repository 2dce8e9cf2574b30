"""Steps for schedule.feature: the openings schedule on the pages (Flask test client, both databases).

The plan is the one an Iranian office draws (tests/support/persian_plan.py: Persian
layers, swing arcs, line windows, type marks beside the openings, no unit, no
attributes), uploaded through the real form and checked by the real checker. The
schedule is sent as the page's own table or as the file the page offers for download,
filled in with the csv module or openpyxl as a person's spreadsheet would; the
redrawn plans for carrying the schedule are the same drawing with every entity copied
(new handles) and, for the last case, its type-mark texts removed.
"""

from __future__ import annotations

import csv
import io
import json
import re

import ezdxf
import pytest
from openpyxl import load_workbook
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from checker.report.schedule import COLUMNS
from tests.support.persian_plan import TEXTS, write_persian_plan
from web.architect.recognition import recorded_openings
from web.store import db
from web.store.models import AuditEvent

from .conftest import csrf_token, sign_in
from .test_architect import page, sentences_of, upload
from .test_recognition import (
    app_with_accounts,
    architect_signed_in,
    flashes,
    opens_version_one,
    persian_project,
    stored,
    table,
    version_opens,
    version_path,
    versions,
)

scenarios("web/schedule.feature")

# The steps this feature shares with recognition.feature, registered here too.
given("the app with its accounts")(app_with_accounts)
given("the architect is signed in")(architect_signed_in)
given(
    parsers.parse(
        'the architect\'s project "{name}" with the plan drawn as an Iranian office draws it checked as version 1'
    )
)(persian_project)
when("the architect opens version 1")(opens_version_one)
then(parsers.parse('version {number:d} opens, checked, with the sentence "{sentence}"'))(version_opens)
then(parsers.parse("the project has {count:d} version"))(versions)
then(parsers.parse("the project has {count:d} versions"))(versions)

FRONT_DOOR_AT = (2.45, 0.0)  # metres: the D1 in the south wall (persian_plan.TRUTH)


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Naming ``app`` here runs every scenario on both databases."""


@pytest.fixture
def story() -> dict:
    return {}


# ----------------------------------------------------------------- the page's schedule


def schedule_form(html: str) -> dict[str, str]:
    """The schedule table's form as the page fills it in."""
    form = re.search(r'<form method="post" action="[^"]*/schedule" class="schedule-form"[^>]*>(.*?)</form>', html, re.S)
    assert form, "the page has no schedule table"
    fields = {}
    for tag in re.findall(r"<input [^>]*>", form.group(1)):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


def row_index(fields: dict[str, str], handle: str) -> str:
    return next(k.split("-")[1] for k, v in fields.items() if k.endswith("-handle") and v == handle)


def opening_handle(app, story, mark: str, at: tuple[float, float] | None = None) -> str:
    """The handle of the opening with ``mark`` (nearest to ``at`` when several have it)."""
    records = [
        o for o in recorded_openings(stored(app, story["project_id"], 1).openings_json) if o["type_mark"] == mark
    ]
    assert records, mark
    if at is not None:
        records.sort(key=lambda o: (o["at"][0] - at[0]) ** 2 + (o["at"][1] - at[1]) ** 2)
    return records[0]["handle"]


def openings_rows(html: str) -> list[tuple[dict, list[str]]]:
    return [(attrs, cells) for attrs, cells in table(html, "openings") if "data-handle" in attrs]


def value_cell(html: str, handle: str) -> str:
    return next(cells[6] for attrs, cells in openings_rows(html) if attrs["data-handle"] == handle)


def post_schedule(client, story, number: int, data: dict):
    data["csrf_token"] = csrf_token(client, version_path(story, number))
    story["response"] = client.post(
        version_path(story, number) + "/schedule", data=data, content_type="multipart/form-data"
    )


def download(client, story, number: int, fmt: str) -> bytes:
    response = client.get(f"{version_path(story, number)}/openings.{fmt}")
    assert response.status_code == 200, response.status_code
    assert "openings-" in response.headers["Content-Disposition"] and response.headers["Content-Disposition"].endswith(
        f".{fmt}"
    )
    return response.data


def rows_of(data: bytes, fmt: str) -> list[dict[str, str]]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(data)).active
    values = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(values[0], row)) for row in values[1:]]


def file_of(rows: list[dict[str, str]], fmt: str) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(list(COLUMNS))
    for row in rows:
        book.active.append([row.get(c, "") for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------- when


@when(
    parsers.parse(
        'the architect fills in ROLE "{role}" for "{mark}" and RC "{rc}", CERT "{cert}" for the front door, and saves the schedule'
    )
)
def fills_table(app, client, story, role, mark, rc, cert):
    fields = schedule_form(page(client, version_path(story, 1)))
    internal, front = opening_handle(app, story, mark), opening_handle(app, story, "D1", FRONT_DOOR_AT)
    fields[f"row-{row_index(fields, internal)}-ROLE"] = role
    fields[f"row-{row_index(fields, front)}-RC"] = rc
    fields[f"row-{row_index(fields, front)}-CERT"] = cert
    story["front"], story["internal"] = front, internal
    post_schedule(client, story, 1, fields)


@when(parsers.parse('the architect downloads version 1\'s schedule as "{fmt}"'))
def downloads(client, story, fmt):
    story["file"] = download(client, story, 1, fmt)
    story["format"] = fmt


@when(
    parsers.parse(
        'the architect downloads version 1\'s schedule as "{fmt}", gives the type "{mark}" RC "{rc}" in a row of its own, and uploads it'
    )
)
def type_row_uploaded(client, story, fmt, mark, rc):
    rows = rows_of(download(client, story, 1, fmt), fmt)
    rows.append({"type_mark": mark, "RC": rc})
    post_schedule(client, story, 1, {"schedule_file": (io.BytesIO(file_of(rows, fmt)), f"openings.{fmt}")})


@when(parsers.parse('the architect sends a schedule with RC "{rc}" for the front door'))
def sends_bad_value(app, client, story, rc):
    fields = schedule_form(page(client, version_path(story, 1)))
    fields[f"row-{row_index(fields, opening_handle(app, story, 'D1', FRONT_DOOR_AT))}-RC"] = rc
    post_schedule(client, story, 1, fields)


@when(parsers.parse('the architect sends a schedule naming the opening "{handle}"'))
def sends_unknown_handle(client, story, handle):
    rows = [{"storey": "Ground floor", "handle": handle, "RC": "RC2"}]
    post_schedule(client, story, 1, {"schedule_file": (io.BytesIO(file_of(rows, "csv")), "openings.csv")})


@when("the architect sends a schedule as a text file")
def sends_text(client, story):
    post_schedule(client, story, 1, {"schedule_file": (io.BytesIO(b"D1 RC2\n"), "openings.txt")})


@given(parsers.parse('version 2 of the project uploaded again to be checked under "{ruleset}"'))
def version_two_under(app, client, story, tmp_path, ruleset):
    path = write_persian_plan(tmp_path / "tehran.dxf")
    response = upload(
        client, story["project_id"], [("Ground floor", "0", "tehran.dxf", path.read_bytes())], ruleset=ruleset
    )
    assert response.status_code == 302, sentences_of(response.get_data(as_text=True))
    version = stored(app, story["project_id"], 2)
    assert version.check_state == "done" and version.ruleset == ruleset, (version.check_state, version.ruleset)


@when(parsers.parse('the architect uploads version {number:d} a schedule file giving {mark} the GRILLE "{grille}"'))
def uploads_grille(client, story, number, mark, grille):
    rows = [{"type_mark": mark, "GRILLE": grille}]
    post_schedule(client, story, number, {"schedule_file": (io.BytesIO(file_of(rows, "csv")), "openings.csv")})


@given(parsers.parse('version 2 of the project with RC "{rc}" for every door in its schedule'))
def version_two_with_schedule(app, client, story, rc):
    fields = schedule_form(page(client, version_path(story, 1)))
    doors = [o for o in recorded_openings(stored(app, story["project_id"], 1).openings_json) if o["kind"] == "door"]
    for door in doors:
        fields[f"row-{row_index(fields, door['handle'])}-RC"] = rc
    post_schedule(client, story, 1, fields)
    assert story["response"].location == version_path(story, 2), flashes(page(client, version_path(story, 1)))
    assert stored(app, story["project_id"], 2).check_state == "done"
    story["doors"] = len(doors)


@when(parsers.parse("the architect uploads the plan again {redrawn}"))
def uploads_again(client, story, tmp_path, redrawn):
    path = write_persian_plan(tmp_path / "tehran-again.dxf")
    if redrawn != "unchanged":
        doc = ezdxf.readfile(path)
        msp = doc.modelspace()
        marks = {"D1", "D2", "W1", "W2"}
        for entity in list(msp):
            keep = not (
                "without type marks" in redrawn
                and entity.dxftype() == "TEXT"
                and entity.dxf.layer == TEXTS
                and entity.dxf.text in marks
            )
            if keep:
                msp.add_entity(entity.copy())  # the same entity under a new handle
            msp.delete_entity(entity)
        doc.saveas(path)
    response = upload(client, story["project_id"], [("Ground floor", "0", "tehran.dxf", path.read_bytes())])
    assert response.status_code == 302, sentences_of(response.get_data(as_text=True))


# ----------------------------------------------------------------- then


@then(parsers.parse('the schedule table has a row for each door and window, named by its type mark: "{marks}"'))
def table_rows(app, story, marks):
    fields = schedule_form(story["page"])
    shown = sorted(v for k, v in fields.items() if k.endswith("-type_mark"))
    assert shown == marks.split(", ")
    recorded = {o["handle"] for o in recorded_openings(stored(app, story["project_id"], 1).openings_json)}
    handles = {v for k, v in fields.items() if k.endswith("-handle")}
    assert handles == recorded
    # each row is linked to its opening on the preview
    for handle in handles:
        assert re.search(rf'<tr data-handle="{handle}" data-storey="[^"]+"', story["page"])
        assert re.search(rf'<path class="(door|window)[^"]*" data-handle="{handle}"', story["page"]), handle


@then(
    parsers.parse(
        'version {number:d}\'s openings table shows ROLE "{role}" for "{mark}" and RC "{rc}" for the front door, each "{badge}"'
    )
)
def shows_values(client, story, number, role, mark, rc, badge):
    html = page(client, version_path(story, number))
    assert f"ROLE: {role} {badge}" in value_cell(html, story["internal"])
    assert f"RC: {rc} {badge}" in value_cell(html, story["front"])


@then(parsers.parse('version 1 has a finding that "{mark}" has no ROLE, and version 2 has none'))
def finding_gone(app, story, mark):
    def no_role(number):
        results = json.loads(stored(app, story["project_id"], number).results_json)
        return [
            f
            for f in results["findings"]
            if f["rule"] == "OPEN-02"
            and f["status"] == "not_assessable"
            and any(e.get("type_mark") == mark for e in f["elements"])
        ]

    assert no_role(1) and not no_role(2)


@then(parsers.parse('the reviewer\'s page of version {number:d} shows RC "{rc}" for the front door "{badge}"'))
def reviewer_sees(app, accounts, story, number, rc, badge):
    reviewer = app.test_client()
    sign_in(reviewer, accounts["reviewer"])
    html = page(reviewer, f"/review/submissions/{stored(app, story['project_id'], number).id}")
    assert f"RC: {rc} {badge}" in value_cell(html, story["front"])


@then(parsers.parse('the file has the schedule\'s columns and a row for each of "{marks}"'))
def file_rows(story, marks):
    rows = rows_of(story["file"], story["format"])
    assert list(rows[0].keys()) == list(COLUMNS)
    assert sorted(r["type_mark"] for r in rows) == marks.split(", ")
    assert all(r["handle"] for r in rows)


@then(
    parsers.parse(
        'version {number:d}\'s openings table shows RC "{rc}" "{badge}" for both "{mark}" doors and for no other opening'
    )
)
def type_values(app, client, story, number, rc, badge, mark):
    html = page(client, version_path(story, number))
    for _attrs, cells in openings_rows(html):
        assert (f"RC: {rc} {badge}" in cells[6]) == (cells[1] == mark), cells


@then(parsers.parse('version {number:d}\'s page says "{sentence}"'))
def page_says(client, story, number, sentence):
    assert story["response"].status_code == 302
    assert story["response"].location.startswith(version_path(story, number))
    said = flashes(page(client, version_path(story, number)))
    assert any(sentence in s for s in said), said


@then(parsers.parse('version {number:d}\'s openings table shows RC "{rc}" "{badge}" for every door'))
def every_door(app, client, story, number, rc, badge):
    assert stored(app, story["project_id"], number).check_state == "done", stored(
        app, story["project_id"], number
    ).error
    html = page(client, version_path(story, number))
    doors = [cells for attrs, cells in openings_rows(html) if cells[3].startswith("door")]
    assert len(doors) == story["doors"]
    assert all(f"RC: {rc} {badge}" in cells[6] for cells in doors), doors


@then(
    parsers.parse("version {number:d}'s audit trail says the schedule was carried from version {previous:d} with {how}")
)
def carried(app, story, number, previous, how):
    submission = stored(app, story["project_id"], number)
    with app.app_context():
        session = db.sessions(app)()
        try:
            details = session.scalars(
                select(AuditEvent.detail).where(
                    AuditEvent.submission_id == submission.id, AuditEvent.action == "schedule"
                )
            ).all()
        finally:
            session.close()
    assert len(details) == 1 and f"carried from version {previous}" in details[0] and how in details[0], details
