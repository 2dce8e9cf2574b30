"""ENTR-05: a flat's front door lies behind an access-controlled door.

What it checks
    Every route from outside to a dwelling entrance door that opens off shared parts
    (a communal hall, corridor, landing or stair) passes through at least one
    access-controlled door besides the dwelling's own: a door whose ACCESS is at
    least ``controlled_level``. Routes are followed through the rooms and doors
    drawn; circulation spaces that overlap between storeys are a stair and join them.

    The doors judged are those with ROLE ENTRANCE whose outer side is not outside: a
    house whose front door opens to the street is not judged. The outer side is the
    side reached from outside without passing a dwelling entrance door; where both
    sides are (a flat with a garden door), it is the side that is a circulation or
    communal space. Routes never pass through a dwelling entrance door (a way through
    somebody's flat is not a way through the shared parts); every other door counts
    by its ACCESS.

    A door whose outer side is reached through doors that are not access-controlled
    fails, naming the doors that let the route in from outside. If that depends only
    on doors without a readable ACCESS (counted once as not controlled, once as
    controlled), it is not assessable, naming them. Otherwise it passes, naming the
    access-controlled doors around its shared parts. An entrance door neither of
    whose sides can be reached from outside at all (shared spaces not drawn, a stair
    whose spaces do not overlap), or whose sides cannot be told apart, is not
    assessable. With no dwelling entrance door off shared parts the rule is not
    applicable.

Why
    A flat's own front door is out of sight of the street; if anyone can walk in off
    the street to reach it, a burglar can work on it unseen. An access-controlled
    communal entrance (an "airlock" lobby where mail is delivered) keeps strangers
    out of the shared parts.

Parameters
    controlled_level (access, default FOB): the lowest ACCESS that counts as access
    control (NONE < KEY < FOB < VIDEO < AUDIT).

Example
    A block of flats whose communal entrance has ACCESS=FOB passes for every flat
    off its hall; with ACCESS=NONE each flat fails; with no ACCESS they are not
    assessable; a second, unprotected back door into the hall fails them, because
    the route goes round the controlled entrance.

Source
    Secured by Design, Homes guide: access-controlled communal entrance, "airlock"
    entrance lobby (secondary source, provisional).
"""

from __future__ import annotations

from ..graph import OUTSIDE, DoorEdge, Node, door_graph
from ..messages import Listing, Message, Term, msg
from ..plan import AccessLevel, OpeningRole
from ..results import Mark, Quantity, failed, not_applicable, not_assessable, passed
from .base import AttributeNeed, Context, Needs, Parameter, Rule
from ._within_reach import opening_handle

ID = "ENTR-05"
SHARED_USES = ("circulation", "communal")
NAMED_AT_MOST = 4  # doors named in one message; the rest are counted


def _is_entrance(edge: DoorEdge) -> bool:
    return edge.door.attributes.role is OpeningRole.ENTRANCE


class _Components:
    """Union-find over the nodes joined by ``passable`` doors and by stairs, outside left out."""

    def __init__(self, graph, passable):
        self.parent: dict = {}
        for edge in graph.edges:
            a, b = edge.sides
            if passable(edge) and OUTSIDE not in (a, b):
                self.join(a, b)
        for a, b in graph.stairs:
            self.join(a, b)

    def find(self, node):
        root = node
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while node != root:  # path compression
            self.parent[node], node = root, self.parent.get(node, node)
        return root

    def join(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _name(edge: DoorEdge) -> Message:
    return msg("name.door", handle=opening_handle(edge.door.source), storey=edge.storey)


def _names(edges: list[DoorEdge]) -> Message | Listing:
    """ "door 4 on Ground floor, door 5 on Ground floor and 2 more"."""
    if not edges:
        return msg("ENTR-05.a-door")
    names = [_name(e) for e in edges[:NAMED_AT_MOST]]
    if len(edges) > NAMED_AT_MOST:
        names.append(msg("ENTR-05.more", count=len(edges) - NAMED_AT_MOST))
    return Listing(names, "and")


def _levels(edges: list[DoorEdge]) -> str | Term:
    levels = sorted({e.door.attributes.access for e in edges if e.door.attributes.access}, key=lambda a: a.rank)
    return "/".join(a.value for a in levels) or Term("nothing")


def check(context: Context):
    level = AccessLevel(str(context.params["controlled_level"]))
    graph = door_graph(context.plan)
    entrances = [e for e in graph.edges if _is_entrance(e)]
    behind_any = graph.reachable(OUTSIDE, lambda e: not _is_entrance(e))
    anywhere = graph.reachable(OUTSIDE, lambda e: True)

    def access(edge):
        return edge.door.attributes.access

    def controlled(edge) -> bool:
        return access(edge) is not None and access(edge).rank >= level.rank

    def open_pessimistic(edge) -> bool:  # missing ACCESS counted as not controlled
        return not _is_entrance(edge) and not controlled(edge)

    def open_optimistic(edge) -> bool:  # missing ACCESS counted as controlled
        return not _is_entrance(edge) and access(edge) is not None and not controlled(edge)

    reached_pessimistic = graph.reachable(OUTSIDE, open_pessimistic)
    reached_optimistic = graph.reachable(OUTSIDE, open_optimistic)
    # Which doors to name, by the region of shared parts they border: built once, on first use.
    lazy: dict = {}

    def optimistic():
        if "optimistic" not in lazy:
            regions = _Components(graph, open_optimistic)
            entries: dict[Node, list[DoorEdge]] = {}
            unknown: dict[Node, list[DoorEdge]] = {}
            for e in graph.edges:
                if OUTSIDE in e.sides and open_optimistic(e):
                    entries.setdefault(regions.find(_other(e.sides, OUTSIDE)), []).append(e)
                if not _is_entrance(e) and access(e) is None:
                    for region in {regions.find(side) for side in e.sides}:
                        unknown.setdefault(region, []).append(e)
            lazy["optimistic"] = (regions, entries, unknown)
        return lazy["optimistic"]

    def pessimistic():
        if "pessimistic" not in lazy:
            regions = _Components(graph, open_pessimistic)
            guards: dict[Node, list[DoorEdge]] = {}
            for e in graph.edges:
                if not _is_entrance(e) and controlled(e):
                    ends = {regions.find(side) for side in e.sides}
                    if len(ends) == 2:
                        for region in ends:
                            guards.setdefault(region, []).append(e)
            lazy["pessimistic"] = (regions, guards)
        return lazy["pessimistic"]

    required = Quantity(msg("ENTR-05.level-or-higher", level=level.value), None)
    judged = 0

    for edge in entrances:
        a, b = edge.sides
        if OUTSIDE in edge.sides:
            continue  # a house's front door: it opens to the outside
        name = msg("ENTR-05.door", handle=opening_handle(edge.door.source), storey=edge.storey)
        marks = (Mark(edge.storey, edge.door.span),)
        if a == b:
            judged += 1
            yield not_assessable(
                ID,
                msg("ENTR-05.same-space", door=name),
                elements=(edge.door.source,),
                marks=marks,
                required=required,
            )
            continue
        outer = _outer_side(graph, a, b, behind_any)
        if outer is None and (a in anywhere or b in anywhere) and not (a in behind_any and b in behind_any):
            continue  # reached only through another entrance door: an inner door of a dwelling
        judged += 1
        if outer is None:
            why = "ENTR-05.sides-cannot-be-told" if a in behind_any else "ENTR-05.sides-not-reached"
            yield not_assessable(ID, msg(why, door=name), elements=(edge.door.source,), marks=marks, required=required)
            continue
        if outer in reached_optimistic:
            regions, entries_by_region, _ = optimistic()
            entries = entries_by_region.get(regions.find(outer), [])
            yield failed(
                ID,
                msg("ENTR-05.not-controlled", door=name, level=level.value, doors=_names(entries)),
                elements=(edge.door.source, *(e.door.source for e in entries)),
                marks=marks + tuple(Mark(e.storey, e.door.span) for e in entries),
                measured=Quantity(_levels(entries), None),
                required=required,
            )
        elif outer in reached_pessimistic:
            regions, _, unknown_by_region = optimistic()
            unknown = unknown_by_region.get(regions.find(outer), [])
            yield not_assessable(
                ID,
                msg(
                    "ENTR-05.depends-on-one" if len(unknown) == 1 else "ENTR-05.depends-on-several",
                    door=name,
                    doors=_names(unknown),
                ),
                elements=(edge.door.source, *(e.door.source for e in unknown)),
                marks=marks + tuple(Mark(e.storey, e.door.span) for e in unknown),
                measured=Quantity(Term("nothing"), None),
                required=required,
            )
        else:
            regions, guards_by_region = pessimistic()
            guards = guards_by_region.get(regions.find(outer), [])
            said = (
                msg("ENTR-05.controlled-by", door=name, doors=_names(guards))
                if guards
                else msg("ENTR-05.controlled", door=name)
            )
            yield passed(
                ID,
                said,
                elements=(edge.door.source, *(e.door.source for e in guards)),
                marks=marks + tuple(Mark(e.storey, e.door.span) for e in guards),
                measured=Quantity(_levels(guards) if guards else Term("controlled"), None),
                required=required,
            )
    if not judged:
        yield not_applicable(ID, msg("ENTR-05.no-entrance-off-shared-parts"))


def _other(sides, node):
    return sides[1] if sides[0] == node else sides[0]


def _outer_side(graph, a, b, behind_any):
    """The side of a dwelling entrance door towards the shared parts, or None if it cannot be told."""
    in_a, in_b = a in behind_any, b in behind_any
    if in_a != in_b:
        return a if in_a else b
    if not in_a:
        return None
    shared_a, shared_b = graph.space_use.get(a) in SHARED_USES, graph.space_use.get(b) in SHARED_USES
    if shared_a != shared_b:
        return a if shared_a else b
    return None


RULE = Rule(
    id=ID,
    check=check,
    parameters=(Parameter("controlled_level", "access", "FOB", "Lowest ACCESS that counts as access control."),),
    needs=Needs(
        roles=("walls", "doors", "spaces"),
        attributes=(AttributeNeed("door", "ROLE"), AttributeNeed("door", "ACCESS", ("COMMUNAL",))),
    ),
)
