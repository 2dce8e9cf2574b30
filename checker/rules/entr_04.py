"""ENTR-04: communal entrances have access control fitting the dwellings they serve.

What it checks
    Every communal door (ROLE COMMUNAL) states its access control (ACCESS: NONE,
    KEY, FOB, VIDEO, AUDIT, in rising order) at least the level the number of
    dwellings calls for. The number is the project's ``dwellings`` in project.toml:

    * fewer than ``video_from`` dwellings: at least ``minimum_level`` (a key);
    * from ``video_from`` up to fewer than ``audit_from``: at least VIDEO, an
      audio-visual entry panel with remote release;
    * from ``audit_from`` on: AUDIT, electronic access control with an audit trail.

    A communal door without a readable ACCESS, or a project that does not state its
    dwellings (a single DXF checked without project.toml), is not assessable. A plan
    with no communal door has nothing to judge (not applicable).

Why
    The more households share an entrance, the less anyone knows who belongs there:
    a key handed round many flats is soon copied, and a tailgating stranger goes
    unchallenged. A panel lets residents see who they let in; an audit trail tells
    which credential opened the door.

Parameters
    video_from (count, default 5): from this many dwellings VIDEO is required.
    audit_from (count, default 26): from this many dwellings AUDIT is required.
    minimum_level (access, default KEY): the level required below ``video_from``.

Example
    A block of 12 flats whose communal door has ACCESS=FOB fails: 12 dwellings need
    VIDEO. With ACCESS=VIDEO it passes; with 26 flats it needs AUDIT. 4 flats need a
    KEY, 5 need VIDEO.

Source
    Secured by Design, Homes guide: communal entrance access control by the number
    of dwellings served (5 to 25: fob entry, remote release, audio-visual panel;
    over 25: access control with an audit trail); secondary source, provisional.
"""

from __future__ import annotations

from ..messages import Listing, Term, msg
from ..plan import AccessLevel, OpeningKind, OpeningRole
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from .base import AttributeNeed, Context, Needs, Parameter, Rule
from ._within_reach import opening_handle

ID = "ENTR-04"


def required_level(dwellings: int, video_from: int, audit_from: int, minimum: AccessLevel) -> AccessLevel:
    if dwellings >= audit_from:
        return AccessLevel.AUDIT
    if dwellings >= video_from:
        return AccessLevel.VIDEO
    return minimum


def check(context: Context):
    plan = context.plan
    video_from = int(context.params["video_from"])
    audit_from = int(context.params["audit_from"])
    minimum = AccessLevel(str(context.params["minimum_level"]))
    doors = [
        (storey, door)
        for storey, door in plan.openings()
        if door.kind is OpeningKind.DOOR and door.attributes.role is OpeningRole.COMMUNAL
    ]
    if not doors:
        yield not_applicable(ID, msg("ENTR-04.no-communal-door"))
        return
    dwellings = plan.project.dwellings
    level = None if dwellings is None else required_level(dwellings, video_from, audit_from, minimum)
    one = dwellings == 1
    for storey, door in doors:
        access = door.attributes.access
        name = msg("ENTR-04.door", handle=opening_handle(door.source), storey=storey.name)
        common = dict(
            elements=(door.source,),
            marks=(Mark(storey.name, door.span),),
            measured=Quantity(access.value if access else Term("nothing"), None),
            required=Quantity(level.value if level else Term("unknown"), None),
        )
        reasons = []
        if access is None:
            unreadable = [reason for tag, reason in door.attributes.invalid if tag == "ACCESS"]
            reasons.append(
                msg("ENTR-04.access-unreadable", reason=unreadable[0]) if unreadable else msg("ENTR-04.no-access")
            )
        if level is None:
            reasons.append(msg("ENTR-04.dwellings-unknown"))
        if access is None or level is None or dwellings is None:  # as reasons says (level needs dwellings)
            yield not_assessable(
                ID, msg("ENTR-04.cannot-judge", door=name, reasons=Listing(reasons, "semicolon")), **common
            )
        elif access.rank >= level.rank:
            said = "ENTR-04.enough-for-one" if one else "ENTR-04.enough-for-many"
            yield passed(
                ID, msg(said, door=name, access=access.value, level=level.value, dwellings=dwellings), **common
            )
        else:
            said = "ENTR-04.too-little-for-one" if one else "ENTR-04.too-little-for-many"
            yield failed(
                ID, msg(said, door=name, access=access.value, level=level.value, dwellings=dwellings), **common
            )


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("video_from", "count", 5, "Number of dwellings from which VIDEO is required."),
        Parameter("audit_from", "count", 26, "Number of dwellings from which AUDIT is required."),
        Parameter("minimum_level", "access", "KEY", "Access control required below video_from dwellings."),
    ),
    needs=Needs(
        roles=("doors",),
        attributes=(AttributeNeed("door", "ROLE"), AttributeNeed("door", "ACCESS", ("COMMUNAL",))),
    ),
)
