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
    min_area (area, default 0 m2): an opening of at most this area (WIDTH x (HEAD -
    SILL), a door from its floor, when HEAD is stated) is too small to pass through
    and passes as out of scope (Iran: 600 cm2, BHRC).
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
    police protective-security appendix (not yet read); a BHRC faculty member quoted
    by IRNA (Donya-e-Eqtesad): every external opening over 600 cm2 and lower than
    4.5 m needs a lock (reach 4.5 m above any standing surface, min_area 600 cm2);
    grilles per Iranian practice; all provisional.
"""

from __future__ import annotations

from ..geometry import Reach, opening_levels
from ..messages import Arg, Listing, Message, Number, Term, msg
from ..plan import OpeningKind
from ..results import Quantity, failed, not_applicable, not_assessable, passed
from ._within_reach import (
    ClassState,
    Reachability,
    class_state,
    grille_text,
    has_grille,
    opening_area,
    opening_name,
    reach_elements,
    reach_marks,
    reach_clause,
    stated_class,
    surface_name,
    unplaced_findings,
    unreadable,
    wanted_class,
)
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "OPEN-01"


def check(context: Context):
    reachability = Reachability.of(context.reach_model)
    required_class = str(context.params["required_class"])
    accepted = list(context.params["accepted_certificates"])
    grilles = bool(context.params["grilles_accepted"])
    min_area = float(context.params.get("min_area", 0.0))
    judged = 0
    unplaced = unplaced_findings(ID, context.plan)
    judged += len(unplaced)
    yield from unplaced
    for storey, opening in context.plan.openings():
        if not opening.on_envelope:
            continue
        judged += 1
        area = opening_area(opening) if min_area > 0 else None
        if area is not None and area <= min_area + 1e-6:  # too small to pass through: out of scope
            yield passed(
                ID,
                msg(
                    "OPEN-01.too-small",
                    opening=opening_name(opening, storey),
                    area=Number(area, ".3f"),
                    limit=Number(min_area, "g"),
                ),
                elements=(opening.source,),
                marks=reach_marks(storey, opening, None),
                measured=Quantity(area, "m2"),
                required=Quantity(msg("OPEN-08.over", limit=Number(min_area, "g")), None),
            )
            continue
        yield _judge(reachability, storey, opening, required_class, accepted, grilles)
    if not judged:
        yield not_applicable(ID, msg("OPEN-01.no-opening-on-envelope"))


def _judge(reachability: Reachability, storey, opening, required_class: str, accepted: list[str], grilles: bool):
    attrs = opening.attributes
    label = opening_name(opening, storey)
    reach = reachability.reach(storey, opening)
    if reach is None:
        return _out_of_reach(reachability, storey, opening, label)

    grille_counts = grilles and opening.kind is OpeningKind.WINDOW
    wanted = wanted_class(required_class, accepted, grille_counts)
    stated: str | Term | Message = stated_class(attrs)
    if grille_counts and has_grille(attrs):
        grille = grille_text(attrs.grille)
        stated = (
            msg("OPEN-01.class-and-grille", stated=stated, grille=grille)
            if isinstance(stated, str)
            else (msg("OPEN-01.grille-only", grille=grille))
        )
    reached = reach if isinstance(reach, Reach) else None
    common = dict(
        elements=reach_elements(opening, reached),
        marks=reach_marks(storey, opening, reached),
        measured=Quantity(stated, None),
        required=Quantity(wanted, None),
    )
    where = reach_clause(reached, storey)
    said: dict[str, Arg] = dict(opening=label, where=where, required=required_class)
    state = class_state(attrs, required_class, accepted)

    if state is ClassState.MEETS:
        if reached:
            return passed(ID, msg("OPEN-01.meets", rc=attrs.rc, **said), **common)
        return passed(
            ID, msg("OPEN-01.meets-without-sill", opening=label, rc=attrs.rc, required=required_class), **common
        )
    if state is ClassState.CERTIFIED:
        if reached:
            return passed(ID, msg("OPEN-01.certified", cert=attrs.cert, **said), **common)
        return passed(ID, msg("OPEN-01.certified-without-sill", opening=label, cert=attrs.cert), **common)
    if grille_counts and has_grille(attrs):
        return passed(ID, msg("OPEN-01.grille-instead", grille=grille_text(attrs.grille), **said), **common)
    if not isinstance(reach, Reach):  # not reached: the reason why not
        return not_assessable(
            ID, msg("OPEN-01.sill-unknown", opening=label, reason=reach, stated=stated, wanted=wanted), **common
        )
    if grille_counts and (grille_unreadable := unreadable(attrs, "GRILLE")):
        return not_assessable(
            ID,
            msg(
                "OPEN-01.grille-unreadable",
                opening=label,
                where=where,
                stated=stated,
                reason=grille_unreadable,
            ),
            **common,
        )
    if state is ClassState.UNKNOWN:
        return not_assessable(ID, msg("OPEN-01.glazing-unreadable", rc=attrs.rc, **said), **common)
    if state is ClassState.UNSTATED:
        reason = unreadable(attrs, "RC")
        if reason:
            return not_assessable(ID, msg("OPEN-01.rc-unreadable", opening=label, where=where, reason=reason), **common)
        return not_assessable(ID, msg("OPEN-01.unstated", opening=label, where=where), **common)
    return failed(ID, msg("OPEN-01.below", opening=label, where=where, stated=stated, wanted=wanted), **common)


def _out_of_reach(reachability: Reachability, storey, opening, label: Message):
    nearest = reachability.nearest(storey, opening)
    sill, _ = opening_levels(storey, opening)
    what = msg("OPEN-01.its-sill") if sill is not None else msg("OPEN-01.its-floor")
    vertical = reachability.vertical_m
    if nearest is None:
        height = storey.elevation_m if sill is None else sill
        message = msg(
            "OPEN-01.out-of-reach-of-any-surface",
            opening=label,
            lateral=Number(reachability.lateral_m, "g"),
            what=what,
            height=Number(height, ".2f"),
        )
    else:
        height = nearest.vertical_m
        message = msg(
            "OPEN-01.out-of-reach-above-surface",
            opening=label,
            what=what,
            height=Number(height, ".2f"),
            surface=surface_name(nearest.surface, storey),
            vertical=Number(vertical, "g"),
        )
    excluded = reachability.excluded_sentences(storey, opening)
    if excluded:
        message = msg("OPEN-01.with-surfaces-not-counted", finding=message, surfaces=Listing(excluded, "sentences"))
    return passed(
        ID,
        message,
        elements=reach_elements(opening, nearest),
        marks=reach_marks(storey, opening, nearest),
        measured=Quantity(round(height, 3), "m"),
        required=Quantity(msg("OPEN-01.more-than", limit=Number(vertical, "g")), "m"),
    )


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("required_class", "class", "RC2", "Lowest EN 1627 resistance class accepted."),
        Parameter("accepted_certificates", "list", [], "Certificates that count instead of a class."),
        Parameter(
            "grilles_accepted",
            "bool",
            False,
            "Whether a reachable window with a grille passes without the class (OPEN-06 judges the grille).",
        ),
        Parameter(
            "min_area",
            "area",
            0.0,
            "Openings of at most this area (WIDTH x (HEAD - SILL)) are too small to pass through and out of scope.",
        ),
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
