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

from ..results import Mark, Quantity, failed, not_assessable, passed
from ._classes import accepted_certificate, meets_class
from .base import AttributeNeed, Context, Needs, Parameter, Rule

ID = "OPEN-02"
DEFAULT_ROLES = ("ENTRANCE", "COMMUNAL", "GARAGE")


def check(context: Context):
    required_class = str(context.params["required_class"])
    accepted = list(context.params["accepted_certificates"])
    roles = set(context.params["roles"])
    wanted = required_class + (f" or {', '.join(accepted)}" if accepted else "")
    required = Quantity(wanted, None)
    judged = 0
    for storey, door in context.plan.openings():
        if door.kind.value != "door":
            continue
        attrs = door.attributes
        name = f"door {door.source.handle} on {storey.name}"
        common = dict(elements=(door.source,), marks=(Mark(storey.name, door.span),), required=required)
        if attrs.role is None:
            judged += 1
            yield not_assessable(ID, f"The {name} has no ROLE, so it cannot be told whether it is an entrance door.", **common)
            continue
        if attrs.role.value not in roles:
            continue
        judged += 1
        label = f"The {attrs.role.value.lower()} {name}"
        certificate = accepted_certificate(attrs.cert, accepted)
        stated = " / ".join(v for v in (attrs.rc, attrs.cert) if v) or "nothing"
        measured = Quantity(stated, None)
        meets = meets_class(attrs, required_class)
        if meets is None:
            yield not_assessable(
                ID, f"{label} is {attrs.rc}, which meets {required_class} only without glazing, "
                f"and its GLAZING value cannot be read.", measured=measured, **common,
            )
        elif meets:
            yield passed(ID, f"{label} is {attrs.rc}, at least {required_class}.", measured=measured, **common)
        elif certificate:
            yield passed(ID, f"{label} is certified {attrs.cert}, which the ruleset accepts.", measured=measured, **common)
        elif attrs.rc is None and attrs.cert is None:
            unreadable = [f"{tag} {reason}" for tag, reason in attrs.invalid if tag == "RC"]
            reason = f"its RC cannot be read ({unreadable[0]})" if unreadable else "it states neither RC nor CERT"
            yield not_assessable(ID, f"{label} cannot be judged: {reason}.", measured=measured, **common)
        else:
            yield failed(ID, f"{label} states {stated}; it needs {wanted}.", measured=measured, **common)
    if not judged:
        yield not_assessable(
            ID, f"No door is marked with ROLE {', '.join(sorted(roles))}; mark the dwelling's entrance door."
        )


RULE = Rule(
    id=ID,
    title="Entrance, communal and garage doors resist burglary",
    criterion="Dwelling entrance, communal entrance and garage-to-dwelling doors have the required class or an accepted certificate, whatever their height.",
    source="Approved Document Q (2015) 1.1, 2.1; Bouwbesluit 2012 art. 2.130 with NEN 5096; Iranian police appendix (provisional)",
    applies_to="doors whose ROLE is one of the listed roles",
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
