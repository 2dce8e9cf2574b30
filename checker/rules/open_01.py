"""OPEN-01: doors and windows a burglar can reach have the required resistance.

What it checks
    Every door and window on the building's envelope is first placed against the
    ruleset's [reach] definition: it is within reach when its sill (the storey's
    elevation plus SILL; a door without SILL stands on its floor) is at most
    ``vertical`` above a standing surface that lies at most ``lateral`` beside it.
    Standing surfaces are the ground outside the building, and the roofs, balconies
    and climbing aids drawn on the access layers; a roof or balcony counts only up to
    ``max_surface_height`` above ground and up to ``max_slope`` (a climbing aid
    always counts), and a surface above the opening's head does not.

    An opening out of reach passes: the finding gives its sill's height above the
    nearest standing surface (measured) against "more than ``vertical``", and names
    any nearby surface the ruleset does not count, with why. An opening within reach
    is judged as OPEN-02 judges entrance doors: an EN 1627 class (RC) at least
    ``required_class``, or a certificate the ruleset accepts (CERT), passes; a lower
    class or another certificate fails; neither is not assessable. RC1N and RC2N
    count as RC1 and RC2 only without glazing.

    Where ``grilles_accepted`` is true, a reachable window without the class but
    with a GRILLE (other than NONE) passes here; OPEN-06 judges the grille.

    An opening without SILL is judged from its floor: if even that is out of reach
    it passes, and if it meets the class it passes either way; otherwise it is not
    assessable, and the finding says how low a sill would be within reach. A storey
    with openings but no walls has no envelope and is not assessable; a plan without
    any opening on the envelope gives one not-applicable finding.

Why
    Burglars come in through the doors and windows they can reach from the ground, a
    flat roof, a balcony or something they can climb on; the ones out of reach need
    no special resistance.

Parameters
    required_class (class, default RC2): the lowest EN 1627 class accepted.
    accepted_certificates (list, default none): certificate names that also count,
    matched word by word ("PAS 24" is met by "PAS 24:2022").
    grilles_accepted (bool, default false): whether a window with a grille passes
    without the class (the grille is then judged by OPEN-06).
    The reach figures come from the ruleset's [reach] table: vertical, lateral,
    max_slope, max_slope_inclusive, max_surface_height.

Example
    A ground-floor window with its sill 2.1 m above ground and RC=NONE fails under
    nl-bouwbesluit (within 2.4 m) and passes under uk-adq-sbd (more than 2.0 m). A
    first-floor window 1.0 m above a flat garage roof 2.7 m high fails with RC=NONE
    and passes with RC=RC2 or, under uk-adq-sbd, CERT="PAS 24:2022".

Source
    England: Approved Document Q (2015) 2.0 (easily accessible: within 2 m
    vertically of an accessible level surface, or of a roof pitched under 30 degrees
    within 3.5 m of ground) and 2.1 (PAS 24, LPS 1175 SR2 or STS 202 BR2); the
    lateral 0.5 m is ours (provisional). Netherlands: Bouwbesluit 2012 art. 2.130,
    reach per NEN 5087 (2.4 m up, 1.0 m beside, slopes up to 40 degrees, balconies
    under 3.5 m; figures from secondary sources), resistance NEN 5096 class 2. Iran:
    police protective-security appendix; figures provisional, grilles per Iranian
    practice.
"""

from __future__ import annotations

from ..geometry import Reach, opening_levels
from ..plan import OpeningKind
from ..results import Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import (
    ClassState, Reachability, class_state, grille_text, has_grille, opening_name, reach_elements, reach_marks,
    reach_phrase, stated_class, surface_name, unplaced_findings, unreadable,
)
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "OPEN-01"


def check(context: Context):
    reachability = Reachability.of(context.reach)
    required_class = str(context.params["required_class"])
    accepted = list(context.params["accepted_certificates"])
    grilles = bool(context.params["grilles_accepted"])
    judged = 0
    unplaced = unplaced_findings(ID, context.plan)
    judged += len(unplaced)
    yield from unplaced
    for storey, opening in context.plan.openings():
        if not opening.on_envelope:
            continue
        judged += 1
        yield _judge(reachability, storey, opening, required_class, accepted, grilles)
    if not judged:
        yield not_applicable(ID, "No door or window lies on the building's envelope.")


def _judge(reachability: Reachability, storey, opening, required_class: str, accepted: list[str], grilles: bool):
    attrs = opening.attributes
    label = f"The {opening_name(opening, storey)}"
    reach = reachability.reach(storey, opening)
    if reach is None:
        return _out_of_reach(reachability, storey, opening, label)

    grille_counts = grilles and opening.kind is OpeningKind.WINDOW
    wanted = required_class + (f" or {', '.join(accepted)}" if accepted else "") + (" or a grille" if grille_counts else "")
    stated = stated_class(attrs)
    if grille_counts and has_grille(attrs):
        stated = f"{stated} / GRILLE {grille_text(attrs.grille)}" if stated != "nothing" else f"GRILLE {grille_text(attrs.grille)}"
    reached = reach if isinstance(reach, Reach) else None
    common = dict(
        elements=reach_elements(opening, reached),
        marks=reach_marks(storey, opening, reached),
        measured=Quantity(stated, None),
        required=Quantity(wanted, None),
    )
    where = f"is {reach_phrase(reached, storey)}" if reached else "has no SILL"
    state = class_state(attrs, required_class, accepted)

    if state is ClassState.MEETS:
        tail = "" if reached else ", so it passes whether or not it is within reach"
        return passed(ID, f"{label} {where} and is {attrs.rc}, at least {required_class}{tail}.", **common)
    if state is ClassState.CERTIFIED:
        tail = "" if reached else ", so it passes whether or not it is within reach"
        return passed(ID, f"{label} {where} and is certified {attrs.cert}, which the ruleset accepts{tail}.", **common)
    if grille_counts and has_grille(attrs):
        return passed(
            ID, f"{label} {where} and has no {required_class} but a grille ({grille_text(attrs.grille)}); "
            f"OPEN-06 judges the grille.", **common,
        )
    if not reached:
        return not_assessable(
            ID, f"{label} cannot be judged: {reach}. It states {stated}; within reach it needs {wanted}.", **common
        )
    if grille_counts and unreadable(attrs, "GRILLE"):
        return not_assessable(
            ID, f"{label} {where}, states {stated}, and its GRILLE cannot be read ({unreadable(attrs, 'GRILLE')}).",
            **common,
        )
    if state is ClassState.UNKNOWN:
        return not_assessable(
            ID, f"{label} {where}; it is {attrs.rc}, which meets {required_class} only without glazing, "
            f"and its GLAZING value cannot be read.", **common,
        )
    if state is ClassState.UNSTATED:
        reason = unreadable(attrs, "RC")
        why = f"its RC cannot be read (RC {reason})" if reason else "it states neither RC nor CERT"
        return not_assessable(ID, f"{label} {where} and cannot be judged: {why}.", **common)
    return failed(ID, f"{label} {where} and states {stated}; it needs {wanted}.", **common)


def _out_of_reach(reachability: Reachability, storey, opening, label: str):
    nearest = reachability.nearest(storey, opening)
    sill, _ = opening_levels(storey, opening)
    what = "its sill" if sill is not None else "its floor (it has no SILL, and no sill is lower)"
    vertical = reachability.vertical_m
    if nearest is None:
        height = storey.elevation_m if sill is None else sill
        message = (
            f"{label} is out of reach: no standing surface the ruleset counts lies within "
            f"{reachability.lateral_m:g} m beside it ({what} is {height:.2f} m above ground level)."
        )
    else:
        height = nearest.vertical_m
        message = (
            f"{label} is out of reach: {what} is {height:.2f} m above {surface_name(nearest.surface, storey)}, "
            f"more than {vertical:g} m."
        )
    message += reachability.excluded_sentence(storey, opening)
    return passed(
        ID, message,
        elements=reach_elements(opening, nearest),
        marks=reach_marks(storey, opening, nearest),
        measured=Quantity(round(height, 3), "m"),
        required=Quantity(f"more than {vertical:g}", "m"),
    )


RULE = Rule(
    id=ID,
    title="Reachable doors and windows resist burglary",
    criterion="Doors and windows within reach of the ground or an access surface have the required class or an accepted certificate.",
    source="Approved Document Q (2015) 2.0, 2.1; Bouwbesluit 2012 art. 2.130 with NEN 5087 and NEN 5096; Iranian police appendix (provisional)",
    applies_to="every door and window on the building's envelope",
    check=check,
    parameters=(
        Parameter("required_class", "class", "RC2", "Lowest EN 1627 resistance class accepted."),
        Parameter("accepted_certificates", "list", [], "Certificates that count instead of a class."),
        Parameter("grilles_accepted", "bool", False, "Whether a reachable window with a grille passes without the class (OPEN-06 judges the grille)."),
    ),
    needs=Needs(
        roles=("walls", "doors", "windows"),
        attributes=(
            AttributeNeed("window", "RC|CERT"),
            AttributeNeed("window", "SILL"),
            AttributeNeed("door", "RC|CERT", ("ENTRANCE", "COMMUNAL", "SECONDARY")),
        ),
    ),
    uses_reach=True,
)
