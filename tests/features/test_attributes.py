"""Steps for attributes.feature: ATTRIB tags and values of door and window blocks."""

from __future__ import annotations

import re
from enum import Enum

import pytest
from pytest_bdd import given, parsers, scenarios, then

from checker.reading.dxf.starter import PlanDrawing
from checker.plan import Opening

scenarios("attributes.feature")

FIELDS = ("rc", "cert", "glazing", "role", "sill_m", "head_m", "access", "viewer", "width_m")


def storey(ctx):
    assert ctx["error"] is None, f"the plan did not load: {ctx['error']}"
    return ctx["plan"].storeys[0]


def opening(ctx, which: str) -> Opening:
    """``door``: the door this scenario drew; ``window``: the house's one window."""
    if which == "window":
        (window,) = storey(ctx).windows
        return window
    (door,) = [d for d in storey(ctx).doors if d.source.handle == ctx["handle"]]
    return door


def shown(value) -> str:
    """An attribute value as the feature writes it."""
    if value is None:
        return "unset"
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def assert_field(door: Opening, field: str, expected: str):
    actual = getattr(door.attributes, field)
    if isinstance(actual, float):
        assert actual == pytest.approx(float(expected), abs=1e-9), (field, actual)
    else:
        assert shown(actual) == expected, (field, actual, door.attributes)


def door_with_attribs(ctx, drawing: PlanDrawing, pairs: list[tuple[str, str]]):
    """A door from (6, 0) to (7, 0) whose ATTRIBs keep the tags' case as written."""
    ctx["handle"] = drawing.door((6, 0), (7, 0))
    insert = drawing.doc.entitydb[ctx["handle"]]
    for tag, value in pairs:
        insert.add_attrib(tag, value, insert.dxf.insert)


# ---------------------------------------------------------------- given


@given(parsers.parse("a door from (6, 0) to (7, 0) carries {attributes}"))
def door_carries(ctx, drawing, attributes):
    door_with_attribs(ctx, drawing, [tuple(pair.split("=", 1)) for pair in attributes.split(" and ")])


@given("a door from (6, 0) to (7, 0) with no attributes")
def door_without_attributes(ctx, drawing):
    door_with_attribs(ctx, drawing, [])


@given(
    parsers.re(
        r'a door block "(?P<name>[^"]+)" whose definition holds (?P<tag>\w+)=(?P<value>\S+) as an? (?P<kind>constant|non-constant) attribute'
    )
)
def door_block_with_attdef(drawing: PlanDrawing, name, tag, value, kind):
    drawing.block(name, lambda d: d.wall((0, 0), (0.9, 0), layer="0"))
    flags = 2 if kind == "constant" else 0  # 2: constant, the value lives in the block definition
    drawing.doc.blocks.get(name).add_attdef(tag, (0, -drawing.u(0.2)), text=value, dxfattribs={"flags": flags})


@given(parsers.parse('the block "{name}" is inserted as a door from ({x:g}, {y:g})'))
def insert_as_door(ctx, drawing: PlanDrawing, name, x, y):
    ctx["handle"] = drawing.insert(name, (x, y), "A-DOOR")


# ---------------------------------------------------------------- then


@then(parsers.re(r"the (?P<which>door|window)'s (?P<field>\w+) is (?P<expected>(?!listed ).+)"))
def field_is(ctx, which, field, expected):
    assert_field(opening(ctx, which), field, expected)


@then(parsers.re(r"the door's (?P<fields>[\w, ]+) are unset"))
def fields_unset(ctx, fields):
    for field in re.split(r",\s*|\s+and\s+", fields):
        assert_field(opening(ctx, "door"), field, "unset")


@then("every attribute of the door is unset")
def all_unset(ctx):
    door = opening(ctx, "door")
    for field in FIELDS:
        assert_field(door, field, "unset")
    assert door.attributes.raw == ()


@then("the door's attributes have no invalid values")
def no_invalid(ctx):
    assert opening(ctx, "door").attributes.invalid == ()


@then(parsers.parse('the door\'s {tag} is listed as invalid because "{reason}"'))
def listed_invalid(ctx, tag, reason):
    invalid = opening(ctx, "door").attributes.invalid
    assert [t for t, _ in invalid] == [tag], invalid
    assert reason in str(invalid[0][1]), invalid  # the reason is a Message; its English


@then(parsers.parse('the door\'s raw {tag} is "{value}"'))
def raw_value(ctx, tag, value):
    assert opening(ctx, "door").attributes.raw_value(tag) == value


@then(
    parsers.re(
        r"the door is (?P<width>[\d.]+) m wide from its (?P<source>\w+), running from \((?P<x1>[\d.]+), 0\) to \((?P<x2>[\d.]+), 0\)"
    )
)
def door_width(ctx, width, source, x1, x2):
    door = opening(ctx, "door")
    assert door.width_from == source
    assert door.width_m == pytest.approx(float(width), abs=1e-6)
    coordinates = [c for point in door.span.coords for c in point]
    assert coordinates == pytest.approx([float(x1), 0, float(x2), 0], abs=1e-6)
