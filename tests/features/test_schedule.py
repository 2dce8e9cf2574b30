"""Steps for schedule.feature: type marks beside openings, writing the openings
schedule (CSV, XLSX), filling it in and checking with it, and refusing bad ones."""

from __future__ import annotations

import csv
import io
import json

from pytest_bdd import given, parsers, scenarios, then, when

from checker.engine import run_rules
from checker.messages import render
from checker.reading.dxf.starter import NOTE_LAYER, PlanDrawing
from checker.reading.load import load_plan
from checker.report.schedule import COLUMNS

from .conftest import STREET, plan_path, ruleset_named, save_all

scenarios("schedule.feature")

TAG_LAYER = NOTE_LAYER  # a layer with no role, as tag texts usually are
HOUSE = [(0, 0), (10, 0), (10, 8), (0, 8)]


# ---------------------------------------------------------------- the house


@given("a house whose openings are tagged D1, D1, د۱, W1, W1 and W2 beside them", target_fixture="drawing")
def tagged_house(ctx):
    d = PlanDrawing("mm")
    ctx["drawings"]["plan"] = d
    d.walls_loop(HOUSE, thickness=0.3)
    d.wall((5, 0.15), (5, 7.85), thickness=0.1)
    d.space([(0.15, 0.15), (4.95, 0.15), (4.95, 7.85), (0.15, 7.85)], "Hall", "circulation")
    d.space([(5.05, 0.15), (9.85, 0.15), (9.85, 7.85), (5.05, 7.85)], "Living", "habitable")
    d.public_realm(STREET)
    handles = {
        "front door": d.door((2, 0), (3, 0)),  # into the hall: an entrance, by its look
        "side door": d.door((10, 2), (10, 3)),  # into the living room
        "internal door": d.door((5, 4), (5, 5)),
        "west window": d.window((0, 5), (0, 6.2)),
        "north window": d.window((7, 8), (8.2, 8)),
        "east window": d.window((10, 5), (10, 6.2), SILL=900),
    }
    for text, at in (
        ("D1", (2.5, -0.6)),
        ("D1", (10.6, 2.5)),
        ("د۱", (5.5, 4.5)),
        ("W1", (-0.6, 5.6)),
        ("W1", (7.6, 8.6)),
        ("W2", (10.6, 5.6)),
    ):
        d.text(at, text, TAG_LAYER)
    ctx["handles"] = handles
    return d


def _substitute(ctx, text: str) -> str:
    for name, handle in ctx["handles"].items():
        text = text.replace("{" + name + "}", handle)
    return text


def _opening(ctx, name: str):
    handle = ctx["handles"][name]
    (found,) = [o for _, o in ctx["plan"].openings() if o.source.handle == handle]
    return found


@then(parsers.parse('the {name} has the type mark "{mark}"'))
def has_mark(ctx, name, mark):
    assert ctx["error"] is None, ctx["error"]
    assert _opening(ctx, name).source.type_mark == mark


# ---------------------------------------------------------------- tags drawn many ways


DOORS = (((0.0, 0.0), (0.9, 0.0)), ((2.1, 0.0), (3.0, 0.0)))  # 1.2 m apart, jamb to jamb


@given(parsers.parse("a second plan with two doors 1.2 m apart and {tags}"))
def second_plan(ctx, tags):
    d = PlanDrawing("mm")
    d.add_layer(TAG_LAYER)
    d.wall((-2, 0), (5, 0))
    msp = d.doc.modelspace()
    if tags.startswith("no tag, as blocks"):
        named = d.doc.blocks.new("D-900")
        anonymous = d.doc.blocks.new_anonymous_block()
        for block in (named, anonymous):
            block.add_line((0, 0), (0, d.u(0.9)))
            block.add_arc((0, 0), d.u(0.9), 0, 90)
        for block, (start, _) in zip((named, anonymous), DOORS):
            d.insert(block.name, start, "A-DOOR")
    else:
        for start, end in DOORS:
            d.door(start, end, ROLE="INTERNAL")
    centres = [((a[0] + b[0]) / 2, 0.0) for a, b in DOORS]
    front = [(x, -0.4) for x, _ in centres]

    def text(at, value):
        d.text(at, value, TAG_LAYER)

    if tags == 'TEXT "D1" and "D2" 0.4 m in front of each':
        text(front[0], "D1"), text(front[1], "D2")
    elif tags == 'TEXT "WD-03" and MTEXT "D 1"':
        text(front[0], "WD-03")
        msp.add_mtext("D 1", dxfattribs={"insert": d.xy(front[1]), "char_height": d.u(0.2), "layer": TAG_LAYER})
    elif tags == 'TEXT "پ۲" and TEXT "د۱"':
        text(front[0], "پ۲"), text(front[1], "د۱")
    elif tags == 'one TEXT "D7" between them, nearer the first':
        text((1.3, -0.3), "D7")
    elif tags == 'circle tag blocks with ATTRIB "T1" and "T2"':
        tag = d.doc.blocks.new("TAG-CIRCLE")
        tag.add_circle((0, 0), d.u(0.2))
        tag.add_attdef("MARK", (0, 0), dxfattribs={"height": d.u(0.15)})
        for at, value in zip(front, ("T1", "T2")):
            d.insert("TAG-CIRCLE", at, TAG_LAYER, attribs={"MARK": value})
    elif tags == 'TEXT "D1" 1.5 m away from the first and none by the second':
        text((centres[0][0], -1.5), "D1")
    elif tags == 'TEXT "Kitchen" and "+0.00" beside them':
        text(front[0], "Kitchen"), text(front[1], "+0.00")
    elif not tags.startswith("no tag"):
        raise AssertionError(f"no drawing for {tags!r}")
    ctx["drawings"]["second"] = d


@when("the second plan is loaded")
def load_second(ctx):
    save_all(ctx)
    ctx["second"] = load_plan(plan_path(ctx, "second"))


@then(parsers.parse('its doors have the type marks "{marks}"'))
def second_marks(ctx, marks):
    (storey,) = ctx["second"].storeys
    doors = sorted(storey.doors, key=lambda o: o.position.x)
    assert len(doors) == 2, doors
    expected = [None if m == "-" else m for m in marks.split(", ")]
    assert [o.source.type_mark for o in doors] == expected


# ---------------------------------------------------------------- the written schedule


def read_table(path) -> list[dict[str, str]]:
    """A schedule file as rows of text by column, whatever its format."""
    if path.suffix == ".csv":
        return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    rows = list(book["Openings"].iter_rows(values_only=True))
    book.close()
    header = list(rows[0])
    return [{h: "" if v is None else str(v) for h, v in zip(header, row)} for row in rows[1:]]


@then(parsers.parse("the schedule {name} has the columns {columns}"))
def schedule_columns(ctx, name, columns):
    path = ctx["tmp"] / name
    assert list(read_table(path)[0]) == columns.split(", ")


@then(parsers.parse("the schedule {name} has these rows:"))
def schedule_rows(ctx, name, datatable):
    header, *expected = datatable
    rows = read_table(ctx["tmp"] / name)
    got = sorted(tuple(row[c] for c in header) for row in rows)
    assert got == sorted(tuple(r) for r in expected), got
    handles = {row["handle"] for row in rows}
    assert handles == set(ctx["handles"].values())
    assert {row["storey"] for row in rows} == {"Storey 1"}


@then("the file openings.csv starts with a UTF-8 byte order mark and has CRLF line ends")
def bom_and_crlf(ctx):
    data = (ctx["tmp"] / "openings.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.split(b"\n")[:-1]
    assert lines and all(line.endswith(b"\r") for line in lines)
    assert "د۱".encode() in data


# ---------------------------------------------------------------- filling it in


@given(parsers.parse('the schedule openings.{fmt} is written and the type D1 filled with ROLE "{role}" and RC "{rc}"'))
def written_and_filled(ctx, fmt, role, rc):
    from .conftest import run_annex

    path = ctx["tmp"] / f"openings.{fmt}"
    run = run_annex(ctx, f"schedule {{plan}} -o {path}")
    assert run.returncode == 0, run.stderr
    added = {c: "" for c in COLUMNS} | {"type_mark": "D1", "ROLE": role, "RC": rc}
    if fmt == "csv":
        rows = read_table(path) + [added]
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    else:
        from openpyxl import load_workbook

        book = load_workbook(path)
        book["Openings"].append([added[c] or None for c in COLUMNS])
        book.save(path)


@given(parsers.parse('the schedule {name} reads "{content}"'))
def schedule_reads(ctx, name, content):
    if content == "-":
        return
    text = _substitute(ctx, content).replace(" / ", "\n") + "\n"
    (ctx["tmp"] / name).write_text(text, encoding="utf-8")


@given(parsers.parse('the schedule openings.{fmt} holds the rows "{content}"'))
def schedule_holds(ctx, fmt, content):
    """A schedule as a person writes it: CSV text, or an XLSX workbook made with openpyxl."""
    rows = [line.split(",") for line in _substitute(ctx, content).split(" / ")]
    path = ctx["tmp"] / f"openings.{fmt}"
    if fmt == "csv":
        path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
        return
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([cell or None for cell in row])
    book.save(path)


@given(parsers.parse('the manifest names the ruleset "{name}"'))
def manifest_ruleset(ctx, name):
    path = ctx["manifest"]
    path.write_text(
        path.read_text(encoding="utf-8").replace("[project]\n", f'[project]\nruleset = "{name}"\n', 1),
        encoding="utf-8",
    )


# ---------------------------------------------------------------- results


def _json(ctx) -> dict:
    return json.loads((ctx["tmp"] / "results.json").read_text(encoding="utf-8"))


def _json_opening(ctx, name: str) -> dict:
    handle = ctx["handles"][name]
    found = [o for o in _json(ctx)["openings"] if o["handle"] == handle]
    assert len(found) == 1, found
    return found[0]


KEYS = {"RC": "rc", "ROLE": "role", "SILL": "sill_m", "GLAZING": "glazing", "GRILLE": "grille_m"}


@then(parsers.parse("OPEN-02 passes for the front door and the side door"))
def open_02_passes(ctx):
    findings = ctx.get("json") or _json(ctx)
    for name in ("front door", "side door"):
        statuses = [
            f["status"]
            for f in findings["findings"]
            if f["rule"] == "OPEN-02" and [e["handle"] for e in f["elements"]] == [ctx["handles"][name]]
        ]
        assert statuses == ["pass"], (name, statuses)


@then(parsers.parse("the JSON says the {name}'s RC and ROLE came from the schedule"))
def rc_and_role_from_schedule(ctx, name):
    attributes = _json_opening(ctx, name)["attributes"]
    assert attributes["sources"]["RC"] == "schedule" and attributes["sources"]["ROLE"] == "schedule"
    assert attributes["rc"] == "RC2" and attributes["role"] == "ENTRANCE"


@then(parsers.parse('the OPEN-02 finding on the front door names it "{label}"'))
def finding_names(ctx, label):
    label = _substitute(ctx, label)
    (finding,) = [
        f
        for f in _json(ctx)["findings"]
        if f["rule"] == "OPEN-02" and [e["handle"] for e in f["elements"]] == [ctx["handles"]["front door"]]
    ]
    assert label in finding["message"], finding["message"]
    assert finding["elements"][0]["type_mark"] == "D1"


@then(parsers.parse('the JSON says the {name} has {tag} "{value}" from {origin}'))
def value_from(ctx, name, tag, value, origin):
    attributes = _json_opening(ctx, name)["attributes"]
    got = attributes[KEYS[tag]]
    if tag == "SILL":
        assert abs(got - float(value) / 1000) < 1e-9, got
    elif tag == "GRILLE":  # bar and gap in metres; NONE is no bar and no gap
        wanted = [0.0, 0.0] if value == "NONE" else [float(n) / 1000 for n in value.split("/")]
        assert got == wanted, got
    else:
        assert got == value, got
    assert attributes["sources"][tag] == {"the schedule": "schedule", "a guess": "guess", "the block": "block"}[origin]


@then(parsers.parse('the JSON says the {name}\'s type mark is "{mark}"'))
def json_type_mark(ctx, name, mark):
    assert _json_opening(ctx, name)["type_mark"] == mark


@then(parsers.parse("the JSON says the {name} has no {tag}"))
def no_value(ctx, name, tag):
    attributes = _json_opening(ctx, name)["attributes"]
    assert attributes[KEYS[tag]] is None and tag not in attributes["sources"], attributes


# ---------------------------------------------------------------- Persian


@when(parsers.parse('the plan is checked with the schedule under "{ruleset}"'))
def checked_with_schedule(ctx, ruleset):
    save_all(ctx)
    plan = load_plan(plan_path(ctx), schedule=ctx["tmp"] / "openings.csv")
    ctx["results"] = run_rules(plan, ruleset_named(ruleset))


@then(parsers.parse('the failing OPEN-02 finding on the front door says "{text}" in {language}'))
def finding_says(ctx, text, language):
    handle = ctx["handles"]["front door"]
    (finding,) = [
        f
        for f in ctx["results"].findings
        if f.rule == "OPEN-02" and f.status.value == "fail" and [e.handle for e in f.elements] == [handle]
    ]
    said = render(finding.statement, {"English": "en", "Persian": "fa"}[language])
    assert _substitute(ctx, text) in said, said


# ---------------------------------------------------------------- projects


def _manifest(ctx, schedule: str | None = None) -> None:
    path = ctx["tmp"] / "project.toml"
    extra = f'schedule = "{schedule}"\n' if schedule else ""
    path.write_text(
        f'[project]\nname = "Tagged house"\n{extra}\n'
        '[[storeys]]\nname = "Ground floor"\nfile = "plan.dxf"\nelevation = 0.0\n\n'
        '[[storeys]]\nname = "First floor"\nfile = "first.dxf"\nelevation = 3.0\n',
        encoding="utf-8",
    )
    ctx["manifest"] = path


@given("a project whose ground floor is the house and whose first floor has one window")
def two_storeys(ctx):
    first = PlanDrawing("mm")
    first.add_layer(TAG_LAYER)
    for k in range(300):  # handles past the ground floor's, so the window's is its own
        first.doc.modelspace().add_point((k, 0), dxfattribs={"layer": TAG_LAYER})
    first.walls_loop(HOUSE, thickness=0.3)
    ctx["handles"]["first-floor window"] = first.window((7, 8), (8.2, 8))
    ctx["drawings"]["first"] = first
    assert ctx["handles"]["first-floor window"] not in [
        h for n, h in ctx["handles"].items() if n != "first-floor window"
    ]
    _manifest(ctx)


@given("the schedule openings.csv names the first floor's window on the ground floor")
def wrong_storey(ctx):
    handle = ctx["handles"]["first-floor window"]
    (ctx["tmp"] / "openings.csv").write_text(f"storey,handle,RC\nGround floor,{handle},RC2\n", encoding="utf-8")


@given(parsers.parse('the manifest names the schedule "{name}"'))
def manifest_schedule(ctx, name):
    _manifest(ctx, name)
