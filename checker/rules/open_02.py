"""OPEN-02: entrance doors have the required resistance, whatever their height.

What it checks
    Every door whose ROLE is one the ruleset lists (by default ENTRANCE, a
    dwelling's own entrance door; COMMUNAL, an entrance to shared parts; GARAGE, a
    door between an integral garage and the dwelling) states an EN 1627 resistance
    class at least the required one (RC attribute), or a certificate the ruleset
    accepts (CERT attribute). RC1N and RC2N count as RC1 and RC2 only for doors
    without glazing.

Why
    These doors are attacked whether or not they are "reachable": they face the
    street, a shared corridor or a garage that is itself easy to enter.

Parameters
    required_class (class, default RC2): the lowest EN 1627 class accepted.
    accepted_certificates (list, default none): certificate names that also count,
    matched word by word ("PAS 24" is met by "PAS 24:2022").
    roles (list, default ENTRANCE, COMMUNAL, GARAGE): the door roles judged.

Example
    A front door with ROLE=ENTRANCE and RC=RC1 fails (RC1 is below RC2); with
    CERT="PAS 24:2022" under a ruleset accepting PAS 24 it passes; with neither RC
    nor CERT it is not assessable.

Source
    England: Approved Document Q (2015) para. 1.1 and 2.1, communal and garage
    doorsets included; Netherlands: Bouwbesluit 2012 art. 2.130 with NEN 5096
    class 2; Iran: police protective-security appendix (provisional).
"""

from __future__ import annotations

from ..messages import Arg, Listing, msg
from ..results import Mark, Quantity, failed, not_assessable, passed
from ._classes import accepted_certificate, meets_class
from ._within_reach import opening_handle, role_term, stated_class, wanted_class
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "OPEN-02"
DEFAULT_ROLES = ("ENTRANCE", "COMMUNAL", "GARAGE")


def check(context: Context):
    required_class = str(context.params["required_class"])
    accepted = list(context.params["accepted_certificates"])
    roles = set(context.params["roles"])
    wanted = wanted_class(required_class, accepted)
    required = Quantity(wanted, None)
    judged = 0
    for storey, door in context.plan.openings():
        if door.kind.value != "door":
            continue
        attrs = door.attributes
        if attrs.role is not None and attrs.role.value not in roles:
            continue  # before any wording: most doors of a large plan are internal
        common = dict(elements=(door.source,), marks=(Mark(storey.name, door.span),), required=required)
        if attrs.role is None:
            judged += 1
            name = msg("name.door", handle=opening_handle(door.source), storey=storey.name)
            yield not_assessable(ID, msg("OPEN-02.no-role", door=name), **common)
            continue
        judged += 1
        label = msg(
            "name.door-with-role", role=role_term(attrs.role), handle=opening_handle(door.source), storey=storey.name
        )
        certificate = accepted_certificate(attrs.cert, accepted)
        stated = stated_class(attrs)
        measured = Quantity(stated, None)
        meets = meets_class(attrs, required_class)
        said: dict[str, Arg] = dict(door=label, rc=attrs.rc or "", required=required_class)
        if meets is None:
            yield not_assessable(ID, msg("OPEN-02.glazing-unreadable", **said), measured=measured, **common)
        elif meets:
            yield passed(ID, msg("OPEN-02.meets", **said), measured=measured, **common)
        elif certificate and attrs.cert:  # a certificate is found only in a stated one
            yield passed(ID, msg("OPEN-02.certified", door=label, cert=attrs.cert), measured=measured, **common)
        elif attrs.rc is None and attrs.cert is None:
            unreadable = [reason for tag, reason in attrs.invalid if tag == "RC"]
            why = (
                msg("OPEN-02.rc-unreadable", door=label, reason=unreadable[0])
                if unreadable
                else (msg("OPEN-02.unstated", door=label))
            )
            yield not_assessable(ID, why, measured=measured, **common)
        else:
            yield failed(
                ID, msg("OPEN-02.below", door=label, stated=stated, wanted=wanted), measured=measured, **common
            )
    if not judged:
        yield not_assessable(ID, msg("OPEN-02.no-door-with-role", roles=Listing(sorted(roles), "comma")))


RULE = Rule(
    id=ID,
    check=check,
    parameters=(
        Parameter("required_class", "class", "RC2", "Lowest EN 1627 resistance class accepted."),
        Parameter("accepted_certificates", "list", [], "Certificates that count instead of a class."),
        Parameter("roles", "list", list(DEFAULT_ROLES), "Door roles this rule judges."),
    ),
    needs=Needs(
        roles=("doors",),
        attributes=(
            AttributeNeed("door", "ROLE"),
            AttributeNeed("door", "RC|CERT", DEFAULT_ROLES),
        ),
    ),
)
