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

from ..messages import Listing, Term, msg
from ..results import Mark, Quantity, failed, not_applicable, passed
from .base import Context, OpeningGap, Rule, opening_gaps
from ._within_reach import opening_handle

ID = "PLAN-02"


def check(context: Context):
    others = [rule for rule in context.enabled if rule.id != ID]
    if not any(rule.needs.attributes for rule in others):
        yield not_applicable(ID, msg("PLAN-02.no-attributes-needed"))
        return
    judged = False
    # The wanted tags, what is measured and what is missing depend on the opening's kind and
    # attributes only, which thousands of openings share: each worded once (immutable, shared).
    worded: dict[tuple, tuple[Listing, Quantity, Quantity, Listing | None]] = {}
    for gap in opening_gaps(context.plan, others):
        judged = True
        opening = gap.opening
        key = (gap.wanted, gap.missing, id(opening.attributes))
        if key not in worded:
            worded[key] = _wording(gap)
        wanted, required, measured, problems = worded[key]
        name = msg(f"name.{opening.kind.value}", handle=opening_handle(opening.source), storey=gap.storey)
        common = dict(
            elements=(opening.source,),
            marks=(Mark(gap.storey, opening.span),),
            required=required,
            measured=measured,
        )
        if problems is None:
            yield passed(ID, msg("PLAN-02.complete", opening=name, tags=wanted), **common)
            continue
        yield failed(ID, msg("PLAN-02.incomplete", opening=name, problems=problems), **common)
    if not judged:
        yield not_applicable(ID, msg("PLAN-02.no-opening-judged"))


def _wording(gap: OpeningGap) -> tuple[Listing, Quantity, Quantity, Listing | None]:
    """The tags the rules want, the same as a required quantity, what the opening
    carries (measured), and what it lacks (None when complete)."""
    wanted = Listing([_tag(tag) for tag in gap.wanted], "comma")
    raw = [t for t, _ in gap.opening.attributes.raw]
    measured = Quantity(Listing(raw, "comma") if raw else Term("no-attributes"), None)
    if gap.complete:
        return wanted, Quantity(wanted, None), measured, None
    parts = [msg("PLAN-02.needs", tag=_tag(tag), rules=Listing(ids, "comma")) for tag, ids in gap.missing]
    parts += [msg("PLAN-02.unusable", tag=tag, reason=reason) for tag, reason in gap.invalid]
    return wanted, Quantity(wanted, None), measured, Listing(parts, "semicolon")


def _tag(wanted: str) -> Listing:
    """ "RC or CERT" (base.opening_gaps' alternatives) as a list the language joins with its "or"."""
    return Listing(wanted.split(" or "), "or-each")


RULE = Rule(
    id=ID,
    check=check,
)
