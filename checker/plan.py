"""The plan model: everything a rule needs, immutable, in metres.

Records wrap shapely geometry (itself immutable) and keep the DXF handle and layer
each element came from, so that every finding can point at the entity in the user's
drawing. Nothing here imports ezdxf: the loader (``checker.reading``) builds these
records and nothing below it knows where they came from.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache
from collections.abc import Iterator

import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from .messages import Listing, Message, msg, render

# --------------------------------------------------------------------------- sources


# How an element was recognised, most explicit first. A finding on an element found
# any other way than by the drawing's own statement says so (JSON, annex, web page).
RECOGNISED_BY = (
    "block-attributes",  # a block on a role layer carrying our attributes (the plan convention)
    "mapping",  # on a layer the user's [layers] table gives this role
    "layer-name",  # on a layer whose name says the role (NCS code or a word in a known language)
    "block-shape",  # a block without attributes whose drawing looks like a door or window
    "geometry",  # plain geometry: a swing arc and leaf, lines in a wall gap, walls closed into rooms
)
# At or above this confidence an element counts as stated, not inferred.
STATED_CONFIDENCE = 0.95


# The records a plan holds one of per element (and a finding one of per judgement) have
# slots, not a dict each: a large plan has hundreds of thousands of them.
@dataclass(frozen=True, slots=True)
class Source:
    """Where an element came from: the modelspace entity a user can select in CAD.

    For geometry that came out of a block, ``handle`` is the top-level INSERT's; openings
    that would share one (a whole plan inserted as one block) are named by the path of
    handles to what they were found from, "<insert>/<entity in the block definition>".
    ``recognised_by`` (one of RECOGNISED_BY), ``confidence`` (0-1) and ``reason``
    say how the reader knew what the entity is; ``type_mark`` is the opening's tag
    (D1, W2, د۱) or None. They do not take part in equality: one entity is one
    element however it was found.
    """

    handle: str
    layer: str
    storey: str
    recognised_by: str = field(default="layer-name", compare=False)
    confidence: float = field(default=1.0, compare=False)
    reason: Message | None = field(default=None, compare=False)
    type_mark: str | None = field(default=None, compare=False)

    @property
    def inferred(self) -> bool:
        """True when the element was guessed from its shape rather than stated."""
        return self.recognised_by in ("block-shape", "geometry") or self.confidence < STATED_CONFIDENCE

    def to_json(self) -> dict:
        # Made afresh at each call, not kept per element: a large plan's results name
        # hundreds of thousands of elements, and a dict kept for each was a fifth of the
        # memory a check ends with. What costs (the reason's words) is shared instead.
        return {
            "handle": self.handle,
            "layer": self.layer,
            "storey": self.storey,
            "recognised_by": self.recognised_by,
            "confidence": round(self.confidence, 2),
            "inferred": self.inferred,
            "reason": _english(self.reason) if self.reason is not None else None,
            "type_mark": self.type_mark,
        }


@lru_cache(maxsize=4096)
def _english(message: Message) -> str:
    """The English text of a reason: a few reasons are given to thousands of elements."""
    return render(message)


# --------------------------------------------------------------------------- attributes


class OpeningRole(str, Enum):
    ENTRANCE = "ENTRANCE"  # a dwelling's own entrance door
    COMMUNAL = "COMMUNAL"  # entrance to shared parts
    GARAGE = "GARAGE"  # between an integral garage and the dwelling
    SECONDARY = "SECONDARY"
    INTERNAL = "INTERNAL"


class AccessLevel(str, Enum):
    """Access control on a door, in rising order."""

    NONE = "NONE"
    KEY = "KEY"
    FOB = "FOB"
    VIDEO = "VIDEO"  # audio-visual entry panel with remote release
    AUDIT = "AUDIT"  # electronic access control with an audit trail

    @property
    def rank(self) -> int:
        return list(AccessLevel).index(self)


RESISTANCE_CLASSES = ("NONE", "RC1N", "RC1", "RC2N", "RC2", "RC3", "RC4", "RC5", "RC6")
GLAZING_CLASSES = (
    "NONE",
    "FLOAT",
    "TOUGHENED",
    "P1A",
    "P2A",
    "P3A",
    "P4A",
    "P5A",
    "P6B",
    "P7B",
    "P8B",
)
ATTRIBUTE_TAGS = ("RC", "CERT", "GLAZING", "ROLE", "SILL", "HEAD", "ACCESS", "VIEWER", "WIDTH", "GRILLE")


@dataclass(frozen=True)
class OpeningAttributes:
    """The block attributes of a door or window, parsed; ``None`` where absent.

    A value that is present but not understood is kept in ``raw`` and listed in
    ``invalid`` with the reason, so a rule can say why it cannot judge it.
    """

    rc: str | None = None
    cert: str | None = None
    glazing: str | None = None
    role: OpeningRole | None = None
    sill_m: float | None = None  # above the storey's finished floor
    head_m: float | None = None
    access: AccessLevel | None = None
    viewer: bool | None = None
    width_m: float | None = None
    grille: tuple[float, float] | None = None  # (bar size, clear gap) in metres; (0, 0) for NONE
    raw: tuple[tuple[str, str], ...] = ()
    invalid: tuple[tuple[str, Message], ...] = ()  # (tag, reason), e.g. ("RC", "'R9' is not one of ...")
    # Where each given value came from: (tag, "block" | "schedule" | "guess").
    sources: tuple[tuple[str, str], ...] = ()

    def source_of(self, tag: str) -> str | None:
        for key, where in self.sources:
            if key == tag.upper():
                return where
        return None

    def has(self, tag: str) -> bool:
        """True when ``tag`` was given with a usable value."""
        value = {
            "RC": self.rc,
            "CERT": self.cert,
            "GLAZING": self.glazing,
            "ROLE": self.role,
            "SILL": self.sill_m,
            "HEAD": self.head_m,
            "ACCESS": self.access,
            "VIEWER": self.viewer,
            "WIDTH": self.width_m,
            "GRILLE": self.grille,
        }[tag.upper()]
        return value is not None

    def raw_value(self, tag: str) -> str | None:
        for key, value in self.raw:
            if key == tag.upper():
                return value
        return None

    def to_json(self) -> dict:
        return {
            "rc": self.rc,
            "cert": self.cert,
            "glazing": self.glazing,
            "role": self.role.value if self.role else None,
            "sill_m": self.sill_m,
            "head_m": self.head_m,
            "access": self.access.value if self.access else None,
            "viewer": self.viewer,
            "width_m": self.width_m,
            "grille_m": list(self.grille) if self.grille else None,
            "invalid": [{"tag": t, "reason": render(r)} for t, r in self.invalid],  # English, as ever
            "sources": {tag: where for tag, where in self.sources},
        }


def parse_attributes(raw: dict[str, str]) -> OpeningAttributes:
    """Parse the ATTRIB values of an opening block (tags already upper-case).

    SILL, HEAD and WIDTH are in millimetres whatever the drawing unit.
    """
    # A plan repeats a few attribute sets over thousands of openings (ROLE=INTERNAL,
    # one window type): each set is parsed once. The result is immutable, so sharing it is safe.
    try:
        key = tuple(sorted(raw.items()))
        hash(key)
    except TypeError:  # values that cannot be a key: parse them as they are
        return _parse_attributes(raw)
    return _parsed_attributes(key)


@lru_cache(maxsize=1024)
def _parsed_attributes(items: tuple[tuple[str, str], ...]) -> OpeningAttributes:
    return _parse_attributes(dict(items))


def _parse_attributes(raw: dict[str, str]) -> OpeningAttributes:
    values: dict[str, object] = {}
    invalid: list[tuple[str, Message]] = []

    def text(tag: str) -> str | None:
        value = raw.get(tag)
        if value is None:
            return None
        value = " ".join(value.split())
        return value or None

    def choice(tag: str, allowed: tuple[str, ...]) -> str | None:
        value = text(tag)
        if value is None:
            return None
        key = value.upper().replace(" ", "")
        if key in allowed:
            return key
        invalid.append((tag, msg("attribute.not-one-of", value=repr(value), allowed=Listing(allowed, "comma"))))
        return None

    def millimetres(tag: str) -> float | None:
        value = text(tag)
        if value is None:
            return None
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            invalid.append((tag, msg("attribute.not-millimetres", value=repr(value))))
            return None
        if not math.isfinite(number) or number < 0 or number > 100_000:
            invalid.append((tag, msg("attribute.implausible-millimetres", value=repr(value))))
            return None
        return number / 1000.0

    values["rc"] = choice("RC", RESISTANCE_CLASSES)
    values["cert"] = text("CERT")
    values["glazing"] = choice("GLAZING", GLAZING_CLASSES)
    role = choice("ROLE", tuple(r.value for r in OpeningRole))
    values["role"] = OpeningRole(role) if role else None
    values["sill_m"] = millimetres("SILL")
    values["head_m"] = millimetres("HEAD")
    access = choice("ACCESS", tuple(a.value for a in AccessLevel))
    values["access"] = AccessLevel(access) if access else None
    viewer = text("VIEWER")
    if viewer is None:
        values["viewer"] = None
    elif viewer.upper() in ("YES", "Y", "TRUE", "1"):
        values["viewer"] = True
    elif viewer.upper() in ("NO", "N", "FALSE", "0", "NONE"):
        values["viewer"] = False
    else:
        values["viewer"] = None
        invalid.append(("VIEWER", msg("attribute.not-yes-no", value=repr(viewer))))
    grille = text("GRILLE")
    values["grille"] = None
    if grille is not None:
        match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*[/x×]\s*(\d+(?:[.,]\d+)?)", grille, re.IGNORECASE)
        if grille.upper() == "NONE":
            values["grille"] = (0.0, 0.0)
        elif match:
            bar, gap = (float(g.replace(",", ".")) / 1000.0 for g in match.groups())
            values["grille"] = (bar, gap)
        else:
            invalid.append(("GRILLE", msg("attribute.not-grille", value=repr(grille))))
    values["width_m"] = millimetres("WIDTH")
    if values["width_m"] == 0:
        invalid.append(("WIDTH", msg("attribute.zero-width")))
        values["width_m"] = None
    return OpeningAttributes(
        raw=tuple(sorted(raw.items())),
        invalid=tuple(invalid),
        **values,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- elements


@dataclass(frozen=True, slots=True)
class Wall:
    source: Source
    geometry: BaseGeometry  # LineString, or Polygon for a closed outline


class OpeningKind(str, Enum):
    DOOR = "door"
    WINDOW = "window"


@dataclass(frozen=True, slots=True)
class Opening:
    """A door or window: a block reference on a door or window layer.

    ``span`` runs along the wall from jamb to jamb; ``along`` is its unit direction.
    ``outward`` is the unit normal pointing out of the building where the opening is
    on the envelope, and None for internal openings.
    """

    source: Source
    kind: OpeningKind
    block: str
    span: LineString
    along: tuple[float, float]
    width_m: float
    width_from: str  # "attribute" or "geometry"
    host_wall: str | None  # handle of the wall it sits in
    outward: tuple[float, float] | None
    attributes: OpeningAttributes

    @property
    def position(self) -> Point:
        return self.span.interpolate(0.5, normalized=True)

    @property
    def on_envelope(self) -> bool:
        return self.outward is not None


@dataclass(frozen=True, slots=True)
class Space:
    source: Source
    name: str | None
    use: str  # habitable, circulation, garage, wet, storage, other, unknown
    polygon: Polygon


class AccessKind(str, Enum):
    ROOF = "roof"
    BALCONY = "balcony"
    CLIMBING_AID = "climbing_aid"


@dataclass(frozen=True, slots=True)
class AccessSurface:
    """A surface a burglar can stand on: flat roof, balcony, bin store, low wall."""

    source: Source
    kind: AccessKind
    polygon: Polygon
    height_m: float  # above ground level
    slope_deg: float | None  # None when not stated; see the plan convention


@dataclass(frozen=True, slots=True)
class SiteBoundary:
    source: Source
    polygon: Polygon


@dataclass(frozen=True, slots=True)
class PublicRealm:
    source: Source
    geometry: BaseGeometry  # Polygon (street, footpath) or LineString (kerb line)


@dataclass(frozen=True, slots=True)
class Fence:
    source: Source
    line: LineString
    height_m: float | None  # None when the entity has no thickness


@dataclass(frozen=True, slots=True)
class Light:
    source: Source
    position: Point
    block: str


# --------------------------------------------------------------------------- storeys


@dataclass(frozen=True)
class Storey:
    name: str
    file: str
    elevation_m: float  # finished floor above ground level
    walls: tuple[Wall, ...] = ()
    openings: tuple[Opening, ...] = ()
    spaces: tuple[Space, ...] = ()
    # Recesses and niches drawn as spaces outside the footprint (a porch niche beside an
    # entrance): kept apart from ``spaces``, which rules and the door graph take as inside.
    outside_recesses: tuple[Space, ...] = ()
    access_surfaces: tuple[AccessSurface, ...] = ()
    site_boundaries: tuple[SiteBoundary, ...] = ()
    public_realm: tuple[PublicRealm, ...] = ()
    fences: tuple[Fence, ...] = ()
    lights: tuple[Light, ...] = ()
    footprint: BaseGeometry | None = None  # Polygon or MultiPolygon; None without walls

    @property
    def doors(self) -> tuple[Opening, ...]:
        return tuple(o for o in self.openings if o.kind is OpeningKind.DOOR)

    @property
    def windows(self) -> tuple[Opening, ...]:
        return tuple(o for o in self.openings if o.kind is OpeningKind.WINDOW)

    @cached_property
    def opening_index(self) -> shapely.STRtree:
        """STRtree over ``openings`` (query results index that tuple)."""
        return shapely.STRtree([o.span for o in self.openings])

    @cached_property
    def wall_index(self) -> shapely.STRtree:
        return shapely.STRtree([w.geometry for w in self.walls])

    def counts(self) -> dict[str, int]:
        return {
            "walls": len(self.walls),
            "doors": len(self.doors),
            "windows": len(self.windows),
            "spaces": len(self.spaces),
            "access": len(self.access_surfaces),
            "site": len(self.site_boundaries),
            "public": len(self.public_realm),
            "fences": len(self.fences),
            "lights": len(self.lights),
        }


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    address: str | None = None
    permit: str | None = None
    municipality: str | None = None
    architect: str | None = None
    ruleset: str | None = None
    dwellings: int | None = None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "address": self.address,
            "permit": self.permit,
            "municipality": self.municipality,
            "architect": self.architect,
            "dwellings": self.dwellings,
        }


@dataclass(frozen=True)
class Plan:
    project: ProjectInfo
    storeys: tuple[Storey, ...]
    loads: tuple = field(default=(), compare=False)  # one LoadReport per storey file

    def storey(self, name: str) -> Storey:
        for storey in self.storeys:
            if storey.name == name:
                return storey
        raise KeyError(name)

    def openings(self) -> Iterator[tuple[Storey, Opening]]:
        for storey in self.storeys:
            for opening in storey.openings:
                yield storey, opening

    def counts(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for storey in self.storeys:
            for key, value in storey.counts().items():
                total[key] = total.get(key, 0) + value
        return total
