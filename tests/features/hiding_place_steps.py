"""Steps for ENTR-06.feature: communal doors, spaces under stairs and recesses near
them, internal walls that hide them, and findings picked by the space judged."""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from .reach_steps import *  # noqa: F401,F403  (shared steps)
from .rule_steps import _pick, findings_of


@given(
    parsers.re(
        r'the plan has a communal door "(?P<name>[^"]+)" in the (?P<side>south|north) wall at x (?P<a>[\d.]+) to (?P<b>[\d.]+)'
    )
)
def communal_door(ctx, drawing, name, side, a, b):
    y = 0.0 if side == "south" else 8.0
    ctx.setdefault("handles", {})[name] = drawing.door(
        (float(a), y), (float(b), y), ROLE="COMMUNAL", RC="RC2", ACCESS="VIDEO"
    )


@given(
    parsers.re(
        r'the plan has an internal communal door "(?P<name>[^"]+)" at x (?P<a>[\d.]+) to (?P<b>[\d.]+), y (?P<y>[\d.]+)'
    )
)
def internal_communal_door(ctx, drawing, name, a, b, y):
    ctx.setdefault("handles", {})[name] = drawing.door(
        (float(a), float(y)), (float(b), float(y)), ROLE="COMMUNAL", RC="RC2"
    )


@given(
    parsers.re(
        r'the plan has a space "(?P<label>[^"]+)" over x (?P<x0>[\d.-]+) to (?P<x1>[\d.-]+), y (?P<y0>[\d.-]+) to (?P<y1>[\d.-]+)'
    )
)
def space_over(ctx, drawing, label, x0, x1, y0, y1):
    x0, x1, y0, y1 = float(x0), float(x1), float(y0), float(y1)
    ctx.setdefault("spaces", {})[label] = drawing.space([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], label)


@given(
    parsers.re(
        r"the plan has an? internal wall from x (?P<x0>[\d.-]+), y (?P<y0>[\d.-]+) to x (?P<x1>[\d.-]+), y (?P<y1>[\d.-]+)"
    )
)
def internal_wall(drawing, x0, y0, x1, y1):
    drawing.wall((float(x0), float(y0)), (float(x1), float(y1)), thickness=0.1)


@then(parsers.parse('the {rule} finding for space "{label}" is {status}'))
def finding_for_space(ctx, rule, label, status):
    handle = ctx["spaces"][label]
    chosen = [f for f in findings_of(ctx, rule) if f.elements and f.elements[0].handle == handle]
    _pick(ctx, rule, status, chosen, f"for space {label} ({handle})")


@then(parsers.parse('it points at the space "{label}" and the door "{door}"'))
def points_at_space_and_door(ctx, label, door):
    assert [e.handle for e in ctx["finding"].elements] == [ctx["spaces"][label], ctx["handles"][door]], ctx[
        "finding"
    ].elements


@given(
    "the plan shows the walls of a 10 m by 8 m house with a recess 1.5 m wide and 1.5 m deep in its south wall at x 6 to 7.5"
)
def house_with_recess(drawing):
    drawing.walls_loop([(0, 0), (6, 0), (6, 1.5), (7.5, 1.5), (7.5, 0), (10, 0), (10, 8), (0, 8)], thickness=0.3)


@given("the street runs 6 m in front of the house")
def street_in_front(drawing):
    from .conftest import STREET

    drawing.public_realm(STREET)


@then(parsers.parse('the only {rule} finding points at the door "{door}" only and is {status}'))
def only_finding_at_door(ctx, rule, door, status):
    chosen = findings_of(ctx, rule)
    _pick(ctx, rule, status, chosen, "")
    assert [e.handle for e in ctx["finding"].elements] == [ctx["handles"][door]], ctx["finding"].elements


@given("the plan shows no street")
def no_street():
    """Nothing is drawn: the recess can be seen from the door or not at all."""


@given(
    parsers.re(
        r"the plan has a porch wall from x (?P<x0>[\d.-]+), y (?P<y0>[\d.-]+) to x (?P<x1>[\d.-]+), y (?P<y1>[\d.-]+)"
    )
)
def porch_wall(drawing, x0, y0, x1, y1):
    """A free-standing wall outside the house, on the walls layer, beside the door."""
    drawing.wall((float(x0), float(y0)), (float(x1), float(y1)), thickness=0.1)


@then(parsers.parse('the storey keeps the space "{label}" apart from its rooms, outside its footprint'))
def kept_outside(ctx, label):
    storey = ctx["plan"].storeys[0]
    handle = ctx["spaces"][label]
    assert [s.source.handle for s in storey.outside_recesses] == [handle], storey.outside_recesses
    assert handle not in [s.source.handle for s in storey.spaces], storey.spaces
    recess = storey.outside_recesses[0]
    assert not storey.footprint.intersects(recess.polygon.representative_point())


@then(parsers.parse('the door "{door}" still opens onto the outside'))
def door_opens_outside(ctx, door):
    from checker.graph import OUTSIDE, door_graph

    graph = door_graph(ctx["plan"])
    edge = next(e for e in graph.edges if e.door.source.handle == ctx["handles"][door])
    assert OUTSIDE in edge.sides, edge.sides
