"""Steps shared by the rule features: drawing named doors, and judging one rule's findings.

Step modules re-export these with ``from .rule_steps import *``. A Then step that
picks a finding stores it in ``ctx["finding"]``; the "its ..." steps read it.
"""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from checker.reading.dxf.starter import ROLE_LAYERS
from checker.reading.layers import Role
from checker.plan import Source
from checker.results import Quantity, Status

from .conftest import HOUSE, draw_house_around_doors

DOOR_LAYER = ROLE_LAYERS[Role.DOORS]


def parse_attributes(text: str) -> dict[str, str]:
    """ "ROLE=ENTRANCE, CERT=PAS 24:2022" -> {"ROLE": "ENTRANCE", "CERT": "PAS 24:2022"}; "no attributes" -> {}."""
    if text.strip() == "no attributes":
        return {}
    pairs = (part.split("=", 1) for part in text.split(","))
    return {key.strip(): value.strip() for key, value in pairs}


def add_door(ctx, drawing, name: str, attributes: str, layer: str = DOOR_LAYER) -> str:
    """A door in the south wall of the house; each new door one bay further east."""
    handles = ctx.setdefault("handles", {})
    x = 1.0 + 2.0 * len(handles)
    if layer != DOOR_LAYER:
        drawing.add_layer(layer)
    handles[name] = drawing.door((x, 0.0), (x + 1.0, 0.0), layer=layer, **parse_attributes(attributes))
    return handles[name]


# ---------------------------------------------------------------- given


@given("the plan shows the walls of a 10 m by 8 m house")
def house_walls(drawing):
    drawing.walls_loop(HOUSE, thickness=0.3)


@given("the plan shows the complying 10 m by 8 m house around its doors")
def complying_house(drawing):
    draw_house_around_doors(drawing)


@given(parsers.re(r'the plan has a door "(?P<name>[^"]+)" with (?P<attributes>.+)'))
def door_with(ctx, drawing, name, attributes):
    add_door(ctx, drawing, name, attributes)


@given(parsers.re(r'the plan has a door "(?P<name>[^"]+)" on layer "(?P<layer>[^"]+)" with (?P<attributes>.+)'))
def door_on_layer_with(ctx, drawing, name, layer, attributes):
    add_door(ctx, drawing, name, attributes, layer)


# ---------------------------------------------------------------- then


def findings_of(ctx, rule: str) -> list:
    return [f for f in ctx["results"].findings if f.rule == rule]


def _show(findings) -> str:
    return "\n".join(f"{f.rule} {f.status.value}: {f.message} {[e.handle for e in f.elements]}" for f in findings)


def _pick(ctx, rule: str, status: str, chosen: list, what: str):
    assert len(chosen) == 1, f"expected one {rule} finding {what}, got:\n{_show(findings_of(ctx, rule))}"
    finding = chosen[0]
    assert finding.status is Status(status), f"{rule} {what}: {finding.status.value}, not {status}: {finding.message}"
    ctx["finding"] = finding
    return finding


@then(parsers.parse('the {rule} finding for door "{name}" is {status}'))
def finding_for_door(ctx, rule, name, status):
    handle = ctx["handles"][name]
    chosen = [f for f in findings_of(ctx, rule) if handle in {e.handle for e in f.elements}]
    _pick(ctx, rule, status, chosen, f"for door {name} ({handle})")


@then(parsers.parse('the {rule} finding for storey "{storey}" is {status}'))
def finding_for_storey(ctx, rule, storey, status):
    chosen = [f for f in findings_of(ctx, rule) if f.message.startswith(f"{storey}:")]
    _pick(ctx, rule, status, chosen, f"for storey {storey}")


@then(parsers.parse("the only {rule} finding is {status}"))
def only_finding(ctx, rule, status):
    _pick(ctx, rule, status, findings_of(ctx, rule), "")


@then(parsers.parse('there is no {rule} finding for door "{name}"'))
def no_finding_for_door(ctx, rule, name):
    handle = ctx["handles"][name]
    chosen = [f for f in findings_of(ctx, rule) if handle in {e.handle for e in f.elements}]
    assert not chosen, _show(chosen)


@then(parsers.parse("its severity is {severity}"))
def its_severity(ctx, severity):
    assert ctx["finding"].severity.value == severity, ctx["finding"]


@then(parsers.parse('its message says "{text}"'))
def its_message_says(ctx, text):
    assert text in ctx["finding"].message, ctx["finding"].message


@then(parsers.parse('its message does not say "{text}"'))
def its_message_does_not_say(ctx, text):
    assert text not in ctx["finding"].message, ctx["finding"].message


@then(parsers.parse('it points at door "{name}" on layer "{layer}" in storey "{storey}"'))
def it_points_at(ctx, name, layer, storey):
    assert ctx["finding"].elements == (Source(ctx["handles"][name], layer, storey),), ctx["finding"].elements


@then("it points at no element")
def it_points_at_nothing(ctx):
    assert ctx["finding"].elements == (), ctx["finding"].elements


def shown(quantity: Quantity | None) -> str:
    """A quantity as the features write it: "3.99 m", "RC2", "0", or "none"."""
    if quantity is None:
        return "none"
    value = f"{quantity.value:g}" if isinstance(quantity.value, (int, float)) else str(quantity.value)
    return f"{value} {quantity.unit}" if quantity.unit else value


@then(parsers.re(r'it measured "(?P<measured>[^"]*)" against "(?P<required>[^"]*)"'))
def it_measured(ctx, measured, required):
    finding = ctx["finding"]
    assert (shown(finding.measured), shown(finding.required)) == (measured, required), (
        finding.measured,
        finding.required,
    )


@then(parsers.re(r'it measured "(?P<measured>[^"]*)"'))
def it_measured_only(ctx, measured):
    assert shown(ctx["finding"].measured) == measured, ctx["finding"].measured


@then(parsers.parse("the verdict is {verdict}"))
def the_verdict_is(ctx, verdict):
    results = ctx["results"]
    assert results.verdict.value == verdict, _show(results.findings)


@then(parsers.parse("there are {count:d} {rule} findings"))
def there_are_findings(ctx, count, rule):
    assert len(findings_of(ctx, rule)) == count, _show(findings_of(ctx, rule))
