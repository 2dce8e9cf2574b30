"""Steps for real_drawings.feature: the issue-9 journey on an Iranian office's plan."""

from __future__ import annotations

import csv
import json

from pytest_bdd import given, parsers, scenarios, then, when
from shapely.geometry import LineString

from checker.messages import message_from_json, render
from checker.plan import OpeningKind
from checker.reading.load import load_plan
from tests.features.test_annex import no_blanks, normalised, pdftotext
from tests.support.persian_plan import ROOMS, TRUTH, write_persian_plan

scenarios("real_drawings.feature")


@given("the Persian plan drawn in centimetres with no unit in its header")
def persian_plan(ctx):
    ctx["plan_path"] = write_persian_plan(ctx["tmp"] / "persian.dxf")


@given(parsers.parse('the schedule "{name}" gives by type mark'))
def schedule_by_type(ctx, name, datatable):
    header, *rows = datatable
    with (ctx["tmp"] / name).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


@when("the Persian plan is loaded")
def load_persian(ctx):
    ctx["plan"] = load_plan(ctx["plan_path"])


@then("its unit is centimetres, inferred from the drawing")
def unit_inferred(ctx):
    units = ctx["plan"].loads[0].units
    assert (units.used, units.source) == ("cm", "inferred"), units


@then("every door and window of the plan is found within 5 cm, with its type mark and whether it is external")
def openings_found(ctx):
    storey = ctx["plan"].storeys[0]
    assert len(storey.openings) == len(TRUTH), [(o.kind, o.span.wkt) for o in storey.openings]
    for truth in TRUTH:
        expected = LineString(truth.jambs)
        kind = OpeningKind.DOOR if truth.kind == "door" else OpeningKind.WINDOW
        nearest = min(storey.openings, key=lambda o: o.span.centroid.distance(expected.centroid))
        assert nearest.kind is kind, (truth, nearest)
        assert nearest.span.centroid.distance(expected.centroid) <= 0.05, (truth, nearest.span.wkt)
        assert abs(nearest.width_m - expected.length) <= 0.05, (truth, nearest.width_m)
        assert nearest.source.type_mark == truth.mark, (truth, nearest.source)
        assert nearest.on_envelope is truth.external, (truth, nearest.outward)


@then("it holds three rooms named in Persian, each habitable")
def rooms(ctx):
    spaces = ctx["plan"].storeys[0].spaces
    assert sorted((s.name or "").replace("\u200c", " ") for s in spaces) == sorted(
        n.replace("\u200c", " ") for n in ROOMS
    ), spaces
    assert {s.use for s in spaces} == {"habitable"}, [(s.name, s.use) for s in spaces]


@then("every opening says it was recognised from the drawing's shape, not stated")
def inferred(ctx):
    for opening in ctx["plan"].storeys[0].openings:
        assert opening.source.inferred and opening.source.confidence < 0.95, opening.source
        assert opening.source.reason is not None and render(opening.source.reason), opening.source


@then(parsers.parse("the schedule lists {doors:d} doors and {windows:d} windows with the type marks {marks}"))
def schedule_lists(ctx, doors, windows, marks):
    with (ctx["tmp"] / "openings.csv").open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.DictReader(source))
    assert [r["kind"] for r in rows].count("door") == doors and [r["kind"] for r in rows].count("window") == windows, (
        rows
    )
    assert sorted(r["type_mark"] for r in rows) == sorted(m.strip() for m in marks.split(",")), rows


def _results(ctx) -> dict:
    return json.loads((ctx["tmp"] / "results.json").read_text(encoding="utf-8"))


@then("OPEN-02 passes for both D1 doors on data from the schedule")
def open_02_passes(ctx):
    data = _results(ctx)
    passing = [f for f in data["findings"] if f["rule"] == "OPEN-02" and f["status"] == "pass"]
    assert sorted(e["type_mark"] for f in passing for e in f["elements"]) == ["D1", "D1"], data["findings"]
    d1 = [o for o in data["openings"] if o["type_mark"] == "D1"]
    assert len(d1) == 2 and all(o["attributes"]["sources"]["RC"] == "schedule" for o in d1), d1


@then(parsers.parse('OPEN-01 fails only for the window W2, and says "{text}"'))
def open_01_fails(ctx, text):
    failing = [f for f in _results(ctx)["findings"] if f["rule"] == "OPEN-01" and f["status"] == "fail"]
    assert [e["type_mark"] for f in failing for e in f["elements"]] == ["W2"], failing
    assert text in failing[0]["message"], failing[0]["message"]
    ctx["w2_finding"] = failing[0]


@then("the English annex names the window W2 in its findings")
def english_annex(ctx):
    text = no_blanks(pdftotext(ctx["tmp"] / "annex.pdf"))
    assert no_blanks(ctx["w2_finding"]["message"])[:60] in text


@then("the Persian annex names the window W2 in a Persian finding")
def persian_annex(ctx):
    finding = ctx["w2_finding"]
    persian = render(message_from_json(finding["message_id"], finding["message_args"]), "fa")
    assert "W2" in persian and "window" not in persian, persian
    text = no_blanks(normalised(pdftotext(ctx["tmp"] / "annex-fa.pdf")))
    # The Persian words after the mark, as the PDF sets them (bidi runs are kept apart).
    tail = persian.split("طبقهٔ")[0]
    for word in tail.replace("W2", " ").replace("5E", " ").split():
        if not any(ch.isascii() for ch in word):
            assert no_blanks(normalised(word)) in text, (word, persian)
    assert "W2" in text
