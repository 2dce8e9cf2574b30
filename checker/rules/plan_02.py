"""PLAN-02: openings carry the attributes the ruleset needs.

What it checks
    Every door and window that an enabled rule will judge carries the block
    attributes that rule needs (for example ROLE on every door, and RC or CERT on
    entrance doors), with values the plan convention allows.

Why
    A rule cannot judge an opening whose class or role is not stated; it reports it
    as not assessable. This rule gathers those gaps per opening, so the architect
    fixes them in one pass instead of reading every rule's findings.

Parameters
    None. What is needed comes from the other rules the ruleset enables.

Example
    A front door with ROLE=ENTRANCE but neither RC nor CERT fails: "needs RC or
    CERT (for OPEN-02)".

Source
    The plan convention (docs/plan-convention.md), block attributes.
"""

from __future__ import annotations

from ..results import Mark, Quantity, failed, not_applicable, passed
from .base import Context, Rule, opening_gaps

ID = "PLAN-02"


def check(context: Context):
    others = [rule for rule in context.enabled if rule.id != ID]
    if not any(rule.needs.attributes for rule in others):
        yield not_applicable(ID, "The ruleset's rules need no opening attributes.")
        return
    gaps = opening_gaps(context.plan, others)
    if not gaps:
        yield not_applicable(ID, "No door or window in the plan is one the ruleset's rules judge.")
        return
    for gap in gaps:
        opening = gap.opening
        name = f"{opening.kind.value} {opening.source.handle} on {gap.storey}"
        common = dict(
            elements=(opening.source,),
            marks=(Mark(gap.storey, opening.span),),
            required=Quantity(", ".join(gap.wanted), None),
            measured=Quantity(", ".join(t for t, _ in opening.attributes.raw) or "no attributes", None),
        )
        if gap.complete:
            yield passed(ID, f"The {name} carries {', '.join(gap.wanted)}.", **common)
            continue
        parts = [f"needs {tag} (for {', '.join(ids)})" for tag, ids in gap.missing]
        parts += [f"has an unusable {tag}: {reason}" for tag, reason in gap.invalid]
        yield failed(ID, f"The {name} " + "; ".join(parts) + ".", **common)


RULE = Rule(
    id=ID,
    title="Openings carry the attributes the ruleset needs",
    criterion="Every opening an enabled rule judges carries that rule's attributes with valid values.",
    source="Plan convention: block attributes",
    applies_to="doors and windows that an enabled rule judges",
    check=check,
)
