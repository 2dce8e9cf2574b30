"""PLAN-03: the layers the ruleset needs are present.

What it checks
    For every layer role an enabled rule needs (walls, doors, windows, spaces,
    access surfaces, site boundary, public realm, fences, lights), at least one
    element of that role was found on some storey.

Why
    A rule with nothing to look at cannot tell a compliant plan from an incomplete
    one. A missing role usually means the layers carry other names: map them with a
    ``[layers]`` table.

Parameters
    None. What is needed comes from the other rules the ruleset enables.

Example
    A ruleset that checks entrance doors needs the doors role; a plan whose doors
    sit on a layer named "Doors" without a mapping fails: "no doors found".

Source
    The plan convention (docs/plan-convention.md), layer roles.
"""

from __future__ import annotations

from ..dxf.layers import DEFAULT_PATTERNS, Role
from ..results import Quantity, failed, not_applicable, passed
from .base import Context, Rule

ID = "PLAN-03"


def check(context: Context):
    needed: dict[str, list[str]] = {}
    for rule in context.enabled:
        if rule.id != ID:
            for role in rule.needs.roles:
                needed.setdefault(role, []).append(rule.id)
    if not needed:
        yield not_applicable(ID, "The ruleset's rules need no particular layers.")
        return
    counts = context.plan.counts()
    for role_name, rule_ids in needed.items():
        role = Role(role_name)
        found = counts.get(role_name, 0)
        layers = sorted({name for load in context.plan.loads for name in load.layers_by_role().get(role_name, [])})
        required = Quantity(f"at least one ({', '.join(DEFAULT_PATTERNS[role])})", None)
        if found:
            yield passed(
                ID, f"{role.label.capitalize()}: {found} found on {', '.join(layers)}.",
                measured=Quantity(found, None), required=required,
            )
        else:
            yield failed(
                ID,
                f"No {role.label} found (needed by {', '.join(rule_ids)}); draw them on a layer named like "
                f"{DEFAULT_PATTERNS[role][0]} or map your layer to {role.value} in [layers].",
                measured=Quantity(0, None), required=required,
            )


RULE = Rule(
    id=ID,
    title="Layers the ruleset needs are present",
    criterion="Each layer role an enabled rule needs holds at least one element.",
    source="Plan convention: layer roles",
    applies_to="the layer roles the enabled rules need",
    check=check,
)
