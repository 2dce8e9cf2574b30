"""OPEN-06: reachable windows without the required class carry a secure grille.

What it checks
    Every window on the envelope that is within reach (the ruleset's [reach]
    definition, as in OPEN-01) and does not meet ``required_class`` (no EN 1627 class
    that high and no accepted certificate) carries a grille whose bars are at least
    ``grille_min_bar`` thick and at most ``grille_max_gap`` apart, stated in the
    GRILLE attribute as bar/gap in millimetres (e.g. 20/120). GRILLE=NONE fails, and
    so do bars too thin or too far apart. A window whose opening is smaller than
    ``max_pane_area`` (WIDTH x (HEAD - SILL), when both are stated) cannot be
    climbed through and passes without a grille.

    A window that states no GRILLE, or one that cannot be read, is not assessable. So
    is a window without SILL whose grille is not good enough (it might be out of
    reach), and an RC1N/RC2N window whose GLAZING cannot be read (it might meet the
    class). If no reachable window lacks the class, one not-applicable finding says
    so.

Why
    In Iranian practice a window grille is the usual protection where the window
    itself resists nothing; it keeps a burglar out only if its bars cannot be bent
    or squeezed through.

Parameters
    required_class (class, default RC2): the class that makes a grille unnecessary;
    keep it equal to OPEN-01's.
    accepted_certificates (list, default none): certificates that do the same.
    grille_min_bar (length, default 20 mm): the thinnest bar accepted.
    grille_max_gap (length, default 125 mm): the widest clear gap accepted.
    max_pane_area (area, default 0.05 m2): an opening smaller than this is
    impassable.
    min_area (area, default 0 m2): an opening of at most this area is out of scope,
    as in OPEN-01 (Iran: 600 cm2, BHRC; keep it equal to OPEN-01's).

Example
    A ground-floor kitchen window with RC=NONE and GRILLE=20/120 passes; with
    GRILLE=16/120 or 20/150 or NONE it fails; without GRILLE it is not assessable;
    a 0.25 m x 0.15 m toilet window passes without a grille.

Source
    Iranian practice (police protective-security appendix; clauses not yet read) and
    the Metric Handbook (secondary): bars at least 20 mm square at most 125 mm apart
    make an opening impassable; a pane smaller than 0.05 m2 is not passable. All
    figures provisional.
"""

from __future__ import annotations

from ..geometry import Reach
from ..messages import Listing, Message, Number, Term, msg
from ..plan import OpeningKind
from ..results import Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import (
    EPS,
    ClassState,
    Reachability,
    class_state,
    grille_text,
    opening_name,
    reach_elements,
    reach_marks,
    reach_phrase,
    stated_class,
    unplaced_findings,
    unreadable,
)
from .base import Context, Needs, Parameter, Rule

ID = "OPEN-06"


def check(context: Context):
    reachability = Reachability.of(context.reach_model)
    params = context.params
    required_class = str(params["required_class"])
    accepted = list(params["accepted_certificates"])
    selected = 0
    unplaced = unplaced_findings(ID, context.plan)
    selected += len(unplaced)
    yield from unplaced
    for storey, window in context.plan.openings():
        if window.kind is not OpeningKind.WINDOW or not window.on_envelope:
            continue
        state = class_state(window.attributes, required_class, accepted)
        if state in (ClassState.MEETS, ClassState.CERTIFIED):
            continue
        reach = reachability.reach(storey, window)
        if reach is None:
            continue
        selected += 1
        yield _judge(storey, window, reach, state, required_class, params)
    if not selected:
        yield not_applicable(ID, msg("OPEN-06.no-window-needs-grille", required=required_class))


def _judge(storey, window, reach, state, required_class, params):
    attrs = window.attributes
    min_bar = float(params["grille_min_bar"])
    max_gap = float(params["grille_max_gap"])
    max_area = float(params["max_pane_area"])
    min_area = float(params.get("min_area", 0.0))
    label = opening_name(window, storey)
    reached = reach if isinstance(reach, Reach) else None
    wanted = msg("OPEN-06.wanted", bar=Number(min_bar * 1000, "g"), gap=Number(max_gap * 1000, "g"))
    common = dict(elements=reach_elements(window, reached), marks=reach_marks(storey, window, reached))
    stated = stated_class(attrs)
    where = (
        msg(
            "OPEN-06.within-reach-and-below",
            reach=reach_phrase(reached, storey),
            stated=stated,
            required=required_class,
        )
        if reached
        else msg("OPEN-06.below", stated=stated, required=required_class)
    )

    if attrs.sill_m is not None and attrs.head_m is not None and attrs.head_m > attrs.sill_m:
        area = round(window.width_m * (attrs.head_m - attrs.sill_m), 6)
        if min_area > 0 and area <= min_area + EPS:  # out of scope, as in OPEN-01
            return passed(
                ID,
                msg(
                    "OPEN-06.not-over",
                    window=label,
                    where=where,
                    width=Number(window.width_m, ".2f"),
                    height=Number(attrs.head_m - attrs.sill_m, ".2f"),
                    area=Number(area, ".3f"),
                    limit=Number(min_area, "g"),
                ),
                measured=Quantity(area, "m2"),
                required=Quantity(msg("OPEN-08.over", limit=Number(min_area, "g")), None),
                **common,
            )
        if area < max_area - EPS:
            return passed(
                ID,
                msg(
                    "OPEN-06.too-small",
                    window=label,
                    where=where,
                    width=Number(window.width_m, ".2f"),
                    height=Number(attrs.head_m - attrs.sill_m, ".2f"),
                    area=Number(area, ".3f"),
                    limit=Number(max_area, "g"),
                ),
                measured=Quantity(area, "m2"),
                required=Quantity(msg("OPEN-06.under", limit=Number(max_area, "g")), "m2"),
                **common,
            )

    required = Quantity(wanted, None)
    said = dict(window=label, where=where)
    reason = unreadable(attrs, "GRILLE")
    if reason is not None:
        return not_assessable(
            ID,
            msg("OPEN-06.grille-unreadable", reason=reason, **said),
            measured=Quantity(attrs.raw_value("GRILLE") or Term("unreadable"), None),
            required=required,
            **common,
        )
    if attrs.grille is None:
        return not_assessable(
            ID,
            msg("OPEN-06.no-grille-stated", wanted=wanted, **said),
            measured=Quantity(Term("nothing"), None),
            required=required,
            **common,
        )
    bar, gap = attrs.grille
    problem: Message | Listing
    if attrs.grille == (0.0, 0.0):
        problem = msg("OPEN-06.no-grille")
        measured = Quantity("NONE", None)
    else:
        measured = Quantity(grille_text(attrs.grille), None)
        faults = []
        if bar < min_bar - EPS:
            faults.append(msg("OPEN-06.bars-too-thin", bar=Number(bar * 1000, "g"), limit=Number(min_bar * 1000, "g")))
        if gap > max_gap + EPS:
            faults.append(msg("OPEN-06.gaps-too-wide", gap=Number(gap * 1000, "g"), limit=Number(max_gap * 1000, "g")))
        if not faults:
            return passed(
                ID,
                msg("OPEN-06.grille-meets", grille=grille_text(attrs.grille), wanted=wanted, **said),
                measured=measured,
                required=required,
                **common,
            )
        problem = Listing(faults, "and-each")
    if not reached:
        return not_assessable(
            ID,
            msg("OPEN-06.sill-unknown", window=label, reason=reach, problem=problem),
            measured=measured,
            required=required,
            **common,
        )
    if state is ClassState.UNKNOWN:
        return not_assessable(
            ID,
            msg(
                "OPEN-06.glazing-unreadable",
                window=label,
                reach=reach_phrase(reached, storey),
                rc=attrs.rc,
                required=required_class,
                problem=problem,
            ),
            measured=measured,
            required=required,
            **common,
        )
    return failed(
        ID, msg("OPEN-06.grille-fails", problem=problem, **said), measured=measured, required=required, **common
    )


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter(
            "required_class", "class", "RC2", "The class that makes a grille unnecessary (keep equal to OPEN-01's)."
        ),
        Parameter("accepted_certificates", "list", [], "Certificates that make a grille unnecessary."),
        Parameter("grille_min_bar", "length", 0.020, "Thinnest grille bar accepted."),
        Parameter("grille_max_gap", "length", 0.125, "Widest clear gap between bars accepted."),
        Parameter("max_pane_area", "area", 0.05, "An opening smaller than this cannot be climbed through."),
        Parameter("min_area", "area", 0.0, "Openings of at most this area are out of scope, as in OPEN-01."),
    ),
    needs=Needs(roles=("walls", "windows")),
    uses_reach=True,
)
