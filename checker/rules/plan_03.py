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

from ..reading.layers import DEFAULT_PATTERNS, Role
from ..messages import Capitalised, Listing, Term, msg
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
        yield not_applicable(ID, msg("PLAN-03.no-layers-needed"))
        return
    counts = context.plan.counts()
    for role_name, rule_ids in needed.items():
        role = Role(role_name)
        found = counts.get(role_name, 0)
        layers = sorted({name for load in context.plan.loads for name in load.layers_by_role().get(role_name, [])})
        required = Quantity(msg("PLAN-03.required", patterns=Listing(DEFAULT_PATTERNS[role], "comma")), None)
        what = Term(f"layer-role.{role.value}")
        if found:
            yield passed(
                ID,
                msg("PLAN-03.found", what=Capitalised(what), count=found, layers=Listing(layers, "comma")),
                measured=Quantity(found, None),
                required=required,
            )
        else:
            yield failed(
                ID,
                msg(
                    "PLAN-03.missing",
                    what=what,
                    rules=Listing(rule_ids, "comma"),
                    pattern=DEFAULT_PATTERNS[role][0],
                    role=role.value,
                ),
                measured=Quantity(0, None),
                required=required,
            )


RULE = Rule(
    id=ID,
    check=check,
)
