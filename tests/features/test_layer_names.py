"""Steps for layer_names.feature: layer roles read from layer names, through real DXF
files, the real loader and the real CLI."""

from __future__ import annotations

import json

from pytest_bdd import given, parsers, scenarios, then

from checker.messages import render
from checker.reading.dxf.starter import PlanDrawing
from checker.reading.layers import LayerMapping

from .conftest import HOUSE

scenarios("layer_names.feature")


def test_every_spelling_in_the_vocabulary_means_one_thing():
    """A word listed under two roles (or a role and furniture) would be read by the
    table's order, not by what it means: the vocabulary must not do that."""
    from checker.reading.recognition.layer_names import CONFLICTS

    assert CONFLICTS == []


def report(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    return ctx["plan"].loads[0]


def storey(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    return ctx["plan"].storeys[0]


def preflight_layers(ctx) -> dict:
    return json.loads((ctx["tmp"] / "preflight.json").read_text(encoding="utf-8"))["files"][0]["layers"]


# ---------------------------------------------------------------- given


@given(parsers.parse('a line is drawn on the layer named "{layer}"'))
def line_on_named_layer(drawing: PlanDrawing, layer):
    drawing.add_layer(layer)
    drawing.wall((20, 0), (24, 0), layer=layer)  # away from the house


@given("a plan drawn in millimetres with no layer named to the convention", target_fixture="drawing")
def plan_without_convention_layers(ctx):
    drawing = PlanDrawing("mm")
    ctx["drawings"]["plan"] = drawing
    return drawing


@given(parsers.parse('its walls are drawn on "{walls}", its door on "{doors}" and its window on "{windows}"'))
def house_on_named_layers(ctx, drawing: PlanDrawing, walls, doors, windows):
    for layer in (walls, doors, windows):
        drawing.add_layer(layer)
    drawing.walls_loop(HOUSE, thickness=0.3, layer=walls)
    # No attributes: the elements are known by their layers alone.
    drawing.door((4.0, 0.0), (5.0, 0.0), layer=doors)
    drawing.window((6.0, 8.0), (4.8, 8.0), layer=windows)
    ctx["layers"] = {"walls": walls, "doors": doors, "windows": windows}


@given(parsers.parse('a mapping file maps {role} to "{layer}"'))
def mapping_file(ctx, role, layer):
    (ctx["tmp"] / "layers.toml").write_text(f'[layers]\n{role} = ["{layer}"]\n', encoding="utf-8")


# ---------------------------------------------------------------- then


@then(parsers.parse('the layer named "{layer}" has the role {role}'))
def layer_has_role(ctx, layer, role):
    roles = {name: found for name, found, _ in report(ctx).layers}
    assert roles.get(layer) == role, f"{layer!r} read as {roles.get(layer)!r}, not {role}"


@then(parsers.parse('the reason for the layer named "{layer}" says "{text}"'))
def reason_says(ctx, layer, text):
    explained = dict(report(ctx).roles)[layer]
    assert explained.how == "layer-name", explained
    reason = render(explained.reason)
    assert text in reason, reason
    assert 0 < explained.confidence <= 1


@then(parsers.parse('the layer named "{layer}" has no role'))
def layer_has_no_role(ctx, layer):
    roles = {name: found for name, found, _ in report(ctx).layers}
    assert layer in roles, f"{layer!r} is not among the layers read: {sorted(roles)}"
    assert roles[layer] is None, f"{layer!r} read as {roles[layer]}"
    assert layer in dict(report(ctx).unmapped_layers)
    assert layer not in dict(report(ctx).roles)


@then(parsers.re(r'the layer named "(?P<layer>[^"]+)" is (?P<noise>noise|not noise)$'))
def layer_is_noise(layer, noise):
    # The flag extraction may use to skip furniture and annotation layers.
    assert LayerMapping().explain(layer).noise is (noise == "noise")


@then("its walls, its door and its window are in the plan, each from its layer")
def elements_from_layers(ctx):
    plan = storey(ctx)
    layers = ctx["layers"]
    assert plan.walls, plan.counts()
    assert {w.source.layer for w in plan.walls} == {layers["walls"]}
    assert [o.source.layer for o in plan.doors] == [layers["doors"]], plan.counts()
    assert [o.source.layer for o in plan.windows] == [layers["windows"]], plan.counts()


@then(parsers.parse('each says it was recognised by its layer name, because "{reason}"'))
def recognised_by_layer_name(ctx, reason):
    plan = storey(ctx)
    elements = [*plan.walls, *plan.doors, *plan.windows]
    assert {e.source.recognised_by for e in elements} == {"layer-name"}
    reasons = {render(e.source.reason) for e in elements}
    assert reason in reasons, reasons


@then(parsers.parse('the preflight JSON gives the layer "{layer}" the role "{role}" by "{how}", because "{reason}"'))
def preflight_json_role(ctx, layer, role, how, reason):
    entries = [e for e in preflight_layers(ctx)["roles"] if e["layer"] == layer]
    assert len(entries) == 1, preflight_layers(ctx)["roles"]
    entry = entries[0]
    assert (entry["role"], entry["how"]) == (role, how), entry
    assert reason in entry["reason"], entry


@then("the preflight JSON still lists the layers by role")
def preflight_by_role(ctx):
    layers = preflight_layers(ctx)
    assert {role: sorted(names) for role, names in layers["by_role"].items()} == {
        role: [name] for role, name in ctx["layers"].items()
    }
    assert layers["unmapped"] == [] and layers["hidden"] == []


@then(parsers.parse('the preflight JSON lists "{layer}" among the layers with no role'))
def preflight_unmapped(ctx, layer):
    layers = preflight_layers(ctx)
    assert layer in {e["layer"] for e in layers["unmapped"]}
    assert layer not in {e["layer"] for e in layers["roles"]}
