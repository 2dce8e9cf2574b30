"""Steps for layer_mapping.feature: standard layer names, user mappings, unmapped and hidden layers."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, scenarios, then

from checker.reading.dxf.starter import PlanDrawing

from .conftest import HOUSE

scenarios("layer_mapping.feature")

# The plan model's collection for each role (Role values are the keys of Storey.counts()).
COLLECTIONS = {
    "walls": "walls",
    "doors": "doors",
    "windows": "windows",
    "spaces": "spaces",
    "access": "access_surfaces",
    "site": "site_boundaries",
    "public": "public_realm",
    "fences": "fences",
    "lights": "lights",
}

# One element of each kind, away from the house, drawn on a given layer; each returns its handle.
ELEMENTS = {
    "wall": lambda d, layer: d.wall((20, 0), (24, 0), thickness=0.2, layer=layer),
    "door": lambda d, layer: d.door((20, 2), (21, 2), layer=layer),
    "window": lambda d, layer: d.window((20, 4), (21.2, 4), layer=layer),
    "space": lambda d, layer: d.space([(20, 6), (23, 6), (23, 9), (20, 9)], "Store", layer=layer),
    "balcony": lambda d, layer: d.access_surface([(25, 0), (27, 0), (27, 2), (25, 2)], 3.0, layer=layer),
    "roof": lambda d, layer: d.access_surface([(25, 3), (27, 3), (27, 5), (25, 5)], 2.7, layer=layer),
    "site boundary": lambda d, layer: d.site_boundary([(-5, -5), (30, -5), (30, 15), (-5, 15)], layer=layer),
    "public realm": lambda d, layer: d.public_realm([(-5, -9), (30, -9), (30, -6), (-5, -6)], layer=layer),
    "fence": lambda d, layer: d.fence([(-4, -4), (29, -4)], 1.8, layer=layer),
    "light": lambda d, layer: d.light((4.5, -0.6), layer=layer),
}


def storey(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    return ctx["plan"].storeys[0]


def report(ctx):
    storey(ctx)
    return ctx["plan"].loads[0]


def handles_in_plan(ctx) -> dict[str, set[str]]:
    """Handle -> the roles whose collections hold an element with it."""
    found: dict[str, set[str]] = {}
    for role, attribute in COLLECTIONS.items():
        for element in getattr(storey(ctx), attribute):
            found.setdefault(element.source.handle, set()).add(role)
    return found


def draw_element(ctx, drawing, element, layer, **layer_state):
    drawing.add_layer(layer, **layer_state)
    ctx["handle"] = ELEMENTS[element](drawing, layer)


def quoted(text: str) -> list[str]:
    return re.findall(r'"([^"]*)"', text)


# ---------------------------------------------------------------- given


@given(parsers.re(r'an? (?P<element>[a-z ]+?) is drawn on layer "(?P<layer>[^"]+)"$'))
def element_on_layer(ctx, drawing, element, layer):
    draw_element(ctx, drawing, element, layer)


@given(parsers.re(r'an? (?P<element>[a-z ]+?) is drawn on layer "(?P<layer>[^"]+)", which is (?P<state>off|frozen)$'))
def element_on_hidden_layer(ctx, drawing, element, layer, state):
    draw_element(ctx, drawing, element, layer, **{state: True})


@given(parsers.re(r"the user maps (?P<role>\w+) to (?P<names>.+)"))
def user_maps(ctx, role, names):
    mapping = ctx.setdefault("mapping", {})
    mapping.setdefault(role, []).extend(quoted(names))


@given(parsers.parse('the house is drawn with its walls on layer "{walls}" and its doors on layer "{doors}"'))
def house_on_layers(drawing: PlanDrawing, walls, doors):
    for layer in (walls, doors):
        drawing.add_layer(layer)
    drawing.walls_loop(HOUSE, thickness=0.3, layer=walls)
    drawing.door((4.0, 0.0), (5.0, 0.0), layer=doors, ROLE="ENTRANCE")


MAPPING_FILES = {
    "with a [layers] table": '[layers]\nwalls = ["Walls", "Wand (neu)"]\ndoors = ["A-325G - Internal Doors"]\n',
    "with roles at the top level": 'walls = ["Walls", "Wand (neu)"]\ndoors = ["A-325G - Internal Doors"]\n',
}


@given(parsers.parse("a mapping file {name} {form}"))
def mapping_file(ctx, name, form):
    (ctx["tmp"] / name).write_text(MAPPING_FILES[form], encoding="utf-8")


@given(parsers.re(r'(?P<count>\d+) lines? (?:is|are) drawn on layer "(?P<layer>[^"]+)"'))
def lines_on_layer(drawing, count, layer):
    drawing.add_layer(layer)
    for i in range(int(count)):
        drawing.wall((20, i), (24, i), layer=layer)


# ---------------------------------------------------------------- then


@then(parsers.parse('the layer "{layer}" is read as {role}'))
def layer_read_as(ctx, layer, role):
    roles = {name: found for name, found, _ in report(ctx).layers}
    assert layer in roles, f"{layer} not among the layers read: {roles}"
    in_plan = handles_in_plan(ctx).get(ctx["handle"], set())
    if role == "no role":
        assert roles[layer] is None, roles
        assert layer in dict(report(ctx).unmapped_layers)
        assert not in_plan, f"the element on {layer} became {in_plan}"
        return
    assert roles[layer] == role, roles
    assert in_plan == {role}, f"the element on {layer} is among {in_plan or 'nothing'}, not {role}"
    element = next(e for e in getattr(storey(ctx), COLLECTIONS[role]) if e.source.handle == ctx["handle"])
    assert element.source.layer == layer


@then(parsers.parse("the plan has {count:d} walls"))
def plan_has_walls(ctx, count):
    assert len(storey(ctx).walls) == count, storey(ctx).counts()


@then(parsers.parse("the plan holds only the house's {walls:d} walls, {doors:d} door and {windows:d} window"))
def only_the_house(ctx, walls, doors, windows):
    # The house also has its light by the door and the street in front.
    expected = {role: 0 for role in COLLECTIONS} | {
        "walls": walls,
        "doors": doors,
        "windows": windows,
        "lights": 1,
        "public": 1,
    }
    assert storey(ctx).counts() == expected


@then(parsers.parse('nothing from layer "{layer}" is in the plan'))
def nothing_from_layer(ctx, layer):
    assert ctx["handle"] not in handles_in_plan(ctx)
    assert layer not in {name for name, _, _ in report(ctx).layers}


@then(parsers.parse('the layer "{layer}" is reported hidden with {count:d} entities'))
def reported_hidden(ctx, layer, count):
    assert dict(report(ctx).hidden_layers).get(layer) == count, report(ctx).hidden_layers


@then(parsers.parse("the unmapped layers are {listing}"))
def unmapped_are(ctx, listing):
    expected = tuple((name.strip(), int(n)) for name, n in re.findall(r"([^,(]+?) \((\d+)\)", listing))
    assert report(ctx).unmapped_layers == expected


@then(parsers.parse('the preflight lists {count:d} {role} on "{layers}"'))
def preflight_lists(ctx, count, role, layers):
    line = rf"^\s+{re.escape(role)}\s+{count}\s+on {re.escape(layers)}$"
    assert re.search(line, ctx["run"].stdout, re.MULTILINE), ctx["run"].stdout
