"""Steps for api_recognition.feature: the recognised layers and the openings schedule through the API.

The plan is the one an Iranian office draws (tests/support/persian_plan.py: Persian
layers, swing arcs, line windows, type marks beside the openings, no unit, no
attributes), submitted through the API and checked by the real checker. Every answer
is held to the OpenAPI document (``Api``); both databases.
"""

from __future__ import annotations

import csv
import io
import re

from openpyxl import Workbook
from pytest_bdd import given, parsers, scenarios, then, when

from checker.messages import message_from_json, render
from checker.report.schedule import COLUMNS
from tests.support.persian_plan import write_persian_plan

from .api_helpers import Api, _on_both_databases, is_one_sentence, token_for, world  # noqa: F401 - fixtures
from .test_api import ACCOUNT_BY_MUNICIPALITY, _architect_token, _create_project

scenarios("web/api_recognition.feature")

given("the architect has an API token")(_architect_token)

ROLES = {"دیوار": "walls", "در": "doors", "پنجره": "windows"}
PERSIAN_LETTERS = re.compile(r"[\u0600-\u06FF]")


@given("they have submitted through the API the plan drawn as an Iranian office draws it")
def _persian_version(world, tmp_path):
    _create_project(world, "Example")
    path = write_persian_plan(tmp_path / "tehran.dxf")
    data = {"storey": [(io.BytesIO(path.read_bytes()), "tehran.dxf")], "name": ["Ground floor"], "elevation": ["0"]}
    response = world["api"].post(
        f"/projects/{world['project']['id']}/versions", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 202, response.get_json()
    world["version"] = response.get_json()
    assert world["version"]["check_state"] == "done", world["version"]["error"]


def _version_path(world, what: str = "") -> str:
    return f"/versions/{world['version']['id']}{what}"


# ----------------------------------------------------------------- layers


@when("they ask for the version's layers")
def _layers(world):
    response = world["api"].get(_version_path(world, "/layers"))
    assert response.status_code == 200
    world["layers"] = {row["layer"]: row for row in response.get_json()["layers"]}


@when("they ask for the version's layers in Persian")
def _layers_fa(world):
    response = world["api"].get(_version_path(world, "/layers"), headers={"Accept-Language": "fa"})
    assert response.status_code == 200
    world["layers_fa"] = {row["layer"]: row for row in response.get_json()["layers"]}


@then(parsers.parse('the layer "دیوار" has the role "walls", the layer "در" "doors" and the layer "پنجره" "windows"'))
def _roles(world):
    assert {name: world["layers"][name]["role"] for name in ROLES} == ROLES, world["layers"]


@then("each of those says how its role was found and why, naming Persian")
def _how_and_why(world):
    for name in ROLES:
        row = world["layers"][name]
        assert row["how"] and row["reason"], row
        assert "Persian" in row["reason"] and name in row["reason"], row["reason"]
        assert row["storeys"] == ["Ground floor"] and row["chosen"] is False


@then("each of those says why in Persian")
def _why_in_persian(world):
    for name in ROLES:
        english, persian = world["layers"][name]["reason"], world["layers_fa"][name]["reason"]
        assert persian != english and PERSIAN_LETTERS.search(persian.replace(name, "")), persian
        assert world["layers_fa"][name]["role"] == ROLES[name]


@then("the version's preflight keeps each of those reasons as a message, which says the same in Persian")
def _reason_messages(world):
    preflight = world["api"].get(_version_path(world, "/preflight")).get_json()
    roles = {entry["layer"]: entry for file in preflight["files"] for entry in file["layers"]["roles"]}
    for name in ROLES:
        entry = roles[name]
        message = message_from_json(entry["message_id"], entry["message_args"])
        assert render(message) == entry["reason"] == world["layers"][name]["reason"]
        assert render(message, "fa") == world["layers_fa"][name]["reason"]


# ----------------------------------------------------------------- the schedule


def _schedule(api, world, number_or_id=None) -> dict:
    version = number_or_id or world["version"]["id"]
    response = api.get(f"/versions/{version}/schedule")
    assert response.status_code == 200
    return response.get_json()


@when("they ask for the version's schedule")
def _ask_schedule(world):
    world["schedule"] = _schedule(world["api"], world)


@then(parsers.parse('it has a row for each of "{marks}" with the columns {columns}'))
def _schedule_rows(world, marks, columns):
    schedule = world["schedule"]
    assert sorted(row["type_mark"] for row in schedule["openings"]) == marks.split(", ")
    assert schedule["columns"] == columns.split(", ")
    assert {row["kind"] for row in schedule["openings"]} == {"door", "window"}
    assert schedule["schedule"] == []


@then("the version's links name its layers and its schedule")
def _links(world):
    links = world["api"].get(_version_path(world)).get_json()["links"]
    assert links["layers"] == "/api/v1" + _version_path(world, "/layers")
    assert links["schedule"] == "/api/v1" + _version_path(world, "/schedule")


def _file(rows: list[dict[str, str]], fmt: str) -> tuple[io.BytesIO, str]:
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return io.BytesIO(buffer.getvalue().encode("utf-8-sig")), "openings.csv"
    book = Workbook()
    book.active.append(list(COLUMNS))
    for row in rows:
        book.active.append([row.get(c, "") for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer, "openings.xlsx"


def _send(world, data: dict, api: Api | None = None):
    world["response"] = (api or world["api"]).post(
        _version_path(world, "/schedule"), data=data, content_type="multipart/form-data"
    )


@when(parsers.parse('they send a {fmt} schedule giving the type D1 ROLE "{role}" and RC "{rc}"'))
def _send_type_row(world, fmt, role, rc):
    _send(world, {"schedule": _file([{"type_mark": "D1", "ROLE": role, "RC": rc}], fmt.lower())})


@when(parsers.parse('they send a CSV schedule giving the type D1 RC "{rc}"'))
def _send_rc(world, rc):
    _send(world, {"schedule": _file([{"type_mark": "D1", "RC": rc}], "csv")})


@when(parsers.parse('they send a CSV schedule naming the opening "{handle}"'))
def _send_unknown(world, handle):
    _send(world, {"schedule": _file([{"storey": "Ground floor", "handle": handle, "RC": "RC2"}], "csv")})


@when(parsers.parse('they send a CSV schedule with the column "{column}"'))
def _send_column(world, column):
    _send(world, {"schedule": (io.BytesIO(f"type_mark,{column}\nD1,red\n".encode()), "openings.csv")})


@when("they send a text file as the schedule")
def _send_text(world):
    _send(world, {"schedule": (io.BytesIO(b"D1 RC2\n"), "openings.txt")})


@when("they send no schedule file")
def _send_nothing(world):
    _send(world, {"note": "nothing"})


@then(parsers.parse("the answer is 202 with version {number:d}'s status URL, checked"))
def _accepted(world, number):
    response = world["response"]
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert body["number"] == number and response.headers["Location"] == body["url"]
    assert body["check_state"] == "done", body["error"]
    world["new"] = body


@then(parsers.parse('version 2\'s results give both D1 doors RC "{rc}" from the schedule'))
def _results_from_schedule(world, rc):
    results = world["api"].get(f"/versions/{world['new']['id']}/results").get_json()["results"]
    doors = [o for o in results["openings"] if o["type_mark"] == "D1"]
    assert len(doors) == 2, [o["type_mark"] for o in results["openings"]]
    for door in doors:
        assert door["attributes"]["rc"] == rc and door["attributes"]["sources"]["RC"] == "schedule", door


@then(parsers.parse('version 2\'s schedule shows RC "{rc}" for both D1 doors and keeps the row as sent'))
def _schedule_of_new(world, rc):
    schedule = _schedule(world["api"], world, world["new"]["id"])
    doors = [row for row in schedule["openings"] if row["type_mark"] == "D1"]
    assert len(doors) == 2 and all(row["values"].get("RC") == rc for row in doors), doors
    assert schedule["schedule"] == [{"storey": "", "handle": "", "type_mark": "D1", "ROLE": "ENTRANCE", "RC": rc}]


@then(parsers.parse('the answer is {status:d} with the sentence "{says}"'))
def _refused(world, status, says):
    response = world["response"]
    assert response.status_code == status, response.get_json()
    assert is_one_sentence(response) and says in response.get_json()["error"], response.get_json()


@then(parsers.parse("the project still has {count:d} version"))
def _still(world, count):
    versions = world["api"].get(world["project"]["url"]).get_json()["versions"]
    assert len(versions) == count, versions


# ----------------------------------------------------------------- the reviewer


@when(parsers.parse('the reviewer of "{municipality}" uses their token'))
def _reviewer(app, client, accounts, world, municipality):
    world["other"] = Api(client, token_for(app, accounts[ACCOUNT_BY_MUNICIPALITY[municipality]]))


@then("the version's layers and schedule are readable")
def _reviewer_reads(world):
    assert world["other"].get(_version_path(world, "/layers")).get_json()["layers"]
    assert len(_schedule(world["other"], world)["openings"]) == 6


@then("sending a schedule answers 403 with one sentence")
def _reviewer_cannot_send(world):
    _send(world, {"schedule": _file([{"type_mark": "D1", "RC": "RC2"}], "csv")}, world["other"])
    assert world["response"].status_code == 403 and is_one_sentence(world["response"])
    _still(world, 1)
