"""Drawing units: what the header declares, what the user says, what is plausible.

Coordinates stay in drawing units while a file is read and are converted to metres
once, when the plan model is built. This module decides the factor and says how sure
it is, so that PLAN-01 and preflight can report it. The user's unit wins; then the
header's, unless the drawing's own sizes (``recognition.units``: door swings, wall
thicknesses, room areas...) clearly say another unit; a drawing with no usable
header is read in the unit its sizes say ("inferred"), or failing clear evidence in
the unit its extents make plausible ("assumed").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UnitsError
from ..messages import Arg, Listing, Message, Number, Term, msg, render

if TYPE_CHECKING:  # recognition.units imports this module
    from .recognition.units import Inference, Support


@dataclass(frozen=True)
class Unit:
    code: int  # the $INSUNITS code
    name: str  # short name used in messages and on the CLI
    long_name: str
    metres: float  # one drawing unit in metres


# The units a building drawing is plausibly in, with their $INSUNITS codes. Others
# (miles, microns, light years...) are refused rather than guessed at.
UNITS: tuple[Unit, ...] = (
    Unit(1, "in", "inches", 0.0254),
    Unit(2, "ft", "feet", 0.3048),
    Unit(4, "mm", "millimetres", 0.001),
    Unit(5, "cm", "centimetres", 0.01),
    Unit(6, "m", "metres", 1.0),
    Unit(10, "yd", "yards", 0.9144),
    Unit(14, "dm", "decimetres", 0.1),
)
_BY_CODE = {u.code: u for u in UNITS}
_ALIASES = {
    "in": "in",
    "inch": "in",
    "inches": "in",
    '"': "in",
    "ft": "ft",
    "foot": "ft",
    "feet": "ft",
    "'": "ft",
    "mm": "mm",
    "millimetre": "mm",
    "millimetres": "mm",
    "millimeter": "mm",
    "millimeters": "mm",
    "cm": "cm",
    "centimetre": "cm",
    "centimetres": "cm",
    "centimeter": "cm",
    "centimeters": "cm",
    "m": "m",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "yd": "yd",
    "yard": "yd",
    "yards": "yd",
    "dm": "dm",
    "decimetre": "dm",
    "decimetres": "dm",
    "decimeter": "dm",
    "decimeters": "dm",
}
_BY_NAME = {u.name: u for u in UNITS}

# The order in which plausible units are suggested when the declared one is not:
# metric first, as most building drawings are metric and a wrong inch header is
# usually a template default.
SUGGESTION_ORDER = ("m", "mm", "cm", "ft", "in", "dm", "yd")

# A building plan's longest side, in metres, that we accept without comment. A
# 3 cm or 300 m building means the declared unit is wrong.
PLAUSIBLE_BUILDING_LENGTH = (4.0, 250.0)
# A door or window opening width, in metres (median over the plan).
PLAUSIBLE_OPENING_WIDTH = (0.3, 6.0)


def unit_by_name(text: str) -> Unit:
    """The unit a user typed (``mm``, ``metres``...); UnitsError if unknown."""
    key = _ALIASES.get(text.strip().lower())
    if key is None:
        known = ", ".join(u.name for u in UNITS)
        raise UnitsError(f"Unknown unit {text!r}: use one of {known}.")
    return _BY_NAME[key]


def unit_by_code(code: int | None) -> Unit | None:
    """The unit for an $INSUNITS code, or None for unitless/unsupported codes."""
    if code is None:
        return None
    return _BY_CODE.get(int(code))


@dataclass(frozen=True)
class UnitsReport:
    """How a file's coordinates were converted to metres, and how sure we are.

    ``source`` is ``header`` (declared by $INSUNITS), ``user`` (given in the
    manifest or on the command line), ``inferred`` (the header is missing, unitless
    or contradicted, and the drawing's sizes clearly say this unit; ``evidence``
    says which) or ``assumed`` (no usable declaration and no clear evidence; guessed
    from the extents).
    """

    declared: str | None  # unit name from $INSUNITS, None when unitless
    declared_code: int | None
    used: str
    metres_per_unit: float
    source: str
    plausible: bool
    building_length_m: float | None  # longest side of the building's extents
    median_opening_width_m: float | None
    suggestions: tuple[str, ...]  # plausible units, most likely first
    judgement: Message  # what was decided and how sure, said in any language
    evidence: tuple[Support, ...] = ()  # the drawing's sizes that agree with the unit used

    @property
    def message(self) -> str:
        """The judgement in English, as the terminal and the JSON say it."""
        return render(self.judgement)

    def to_json(self) -> dict:
        return {
            "declared": self.declared,
            "declared_code": self.declared_code,
            "used": self.used,
            "metres_per_unit": self.metres_per_unit,
            "source": self.source,
            "plausible": self.plausible,
            "building_length_m": _round(self.building_length_m),
            "median_opening_width_m": _round(self.median_opening_width_m),
            "suggestions": list(self.suggestions),
            "evidence": [e.to_json() for e in self.evidence],
            "message": self.message,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _within(value: float, bounds: tuple[float, float]) -> bool:
    # A hair of tolerance: 4 m drawn in feet reads back as 3.99999999998 m.
    return bounds[0] * (1 - 1e-9) <= value <= bounds[1] * (1 + 1e-9)


def _is_plausible(length_units: float | None, opening_units: float | None, unit: Unit) -> bool:
    if length_units is not None and not _within(length_units * unit.metres, PLAUSIBLE_BUILDING_LENGTH):
        return False
    if opening_units is not None and not _within(opening_units * unit.metres, PLAUSIBLE_OPENING_WIDTH):
        return False
    return True


def plausible_units(length_units: float | None, opening_units: float | None) -> tuple[str, ...]:
    """Units under which the measured sizes look like a building, most likely first."""
    if length_units is None and opening_units is None:
        return ()
    return tuple(name for name in SUGGESTION_ORDER if _is_plausible(length_units, opening_units, _BY_NAME[name]))


def _describe(length_units: float | None, unit: Unit, opening_units: float | None = None) -> Message | Term:
    """The unit with the sizes it gives, e.g. "inches (2.9 m long)"."""
    sizes = []
    if length_units is not None:
        sizes.append(msg("units.long", length=_length(length_units * unit.metres)))
    if opening_units is not None and not _within(opening_units * unit.metres, PLAUSIBLE_OPENING_WIDTH):
        sizes.append(msg("units.openings-wide", width=_length(opening_units * unit.metres)))
    name = Term(f"unit.{unit.long_name}")
    return msg("units.sized", unit=name, sizes=Listing(sizes, "comma")) if sizes else name


def _length(metres: float) -> Message:
    if metres >= 10:
        return msg("units.length-m", length=Number(metres, ",.1f"))
    if metres >= 1:  # near the 4 m limit one decimal would round 3.999 m up to 4.0
        return msg("units.length-m", length=Number(metres, ".2f"))
    if metres >= 0.01:
        return msg("units.length-cm", length=Number(metres * 100, ".1f"))
    return msg("units.length-mm", length=Number(metres * 1000, ".2g"))


def decide_units(
    insunits: int | None,
    override: str | None,
    length_units: float | None,
    opening_units: float | None,
    inference: Inference | None = None,
) -> UnitsReport:
    """Choose the drawing unit and judge it against the drawing's own sizes.

    ``length_units`` is the longest side of the building's extents and
    ``opening_units`` the median opening width, both in drawing units (None when
    the drawing has none). ``inference`` is what the drawing's sizes say about its
    unit (``recognition.units.infer``); without it the header or the extents decide.
    """
    declared = unit_by_code(insunits)
    declared_code = int(insunits) if insunits is not None else None
    suggestions = plausible_units(length_units, opening_units)

    def report(unit: Unit, source: str, plausible: bool, judgement: Message) -> UnitsReport:
        return UnitsReport(
            declared=declared.name if declared else None,
            declared_code=declared_code,
            used=unit.name,
            metres_per_unit=unit.metres,
            source=source,
            plausible=plausible,
            suggestions=suggestions,
            judgement=judgement,
            building_length_m=None if length_units is None else length_units * unit.metres,
            median_opening_width_m=None if opening_units is None else opening_units * unit.metres,
            evidence=inference.supports(unit) if inference is not None else (),
        )

    if override:
        unit = unit_by_name(override)
        plausible = _is_plausible(length_units, opening_units, unit)
        given = _describe(length_units, unit, opening_units)
        notes = []
        if declared and declared is not unit:
            notes.append(msg("units.header-differs", unit=Term(f"unit.{declared.long_name}")))
        if not plausible:
            notes.append(msg("units.user-implausible"))
        if notes:
            return report(
                unit, "user", plausible, msg("units.user-with-notes", unit=given, notes=Listing(notes, "sentences"))
            )
        return report(unit, "user", plausible, msg("units.user", unit=given))

    inferred = inference.best if inference is not None and inference.conclusive else None
    if (inference is not None and inferred is not None) and (
        declared is None or (declared is not inferred and not inference.is_supported(declared))
    ):
        # No usable header, or one the drawing contradicts: the evidence decides.
        described = _describe(length_units, inferred)
        said = evidence_listing(inference.supports(inferred))
        if declared is not None:
            judgement = msg(
                "units.inferred-over-header",
                declared=Term(f"unit.{declared.long_name}"),
                unit=described,
                evidence=said,
                only=Term(f"unit.{inferred.long_name}"),
                name=inferred.name,
            )
        elif not insunits:
            judgement = msg("units.inferred-no-units", unit=described, evidence=said, name=inferred.name)
        else:
            judgement = msg(
                "units.inferred-odd-code", code=int(insunits), unit=described, evidence=said, name=inferred.name
            )
        return report(inferred, "inferred", _is_plausible(length_units, opening_units, inferred), judgement)

    if declared is not None:
        plausible = _is_plausible(length_units, opening_units, declared)
        if plausible:
            return report(declared, "header", True, msg("units.header", unit=_describe(length_units, declared)))
        stated = _describe(length_units, declared, opening_units)
        if not suggestions:
            return report(declared, "header", False, msg("units.header-implausible", unit=stated))
        likely = [_describe(length_units, _BY_NAME[s]) for s in suggestions[:3]]
        return report(
            declared,
            "header",
            False,
            msg("units.header-implausible-likely", unit=stated, likely=Listing(likely, "or-each"), name=suggestions[0]),
        )

    # Unitless (or an unusual unit such as miles): assume the most likely one.
    if suggestions:
        unit = _BY_NAME[suggestions[0]]
        assumed = _describe(length_units, unit)
        if not insunits:
            return report(unit, "assumed", True, msg("units.assumed-no-units", unit=assumed))
        return report(unit, "assumed", True, msg("units.assumed-odd-code", code=int(insunits), unit=assumed))
    unit = _BY_NAME["m"]
    if not insunits:
        return report(unit, "assumed", False, msg("units.no-units-implausible"))
    return report(unit, "assumed", False, msg("units.odd-code-implausible", code=int(insunits)))


def evidence_listing(supports: tuple[Support, ...]) -> Listing:
    """The evidence as words: "5 door swings 0.80-1.00 m wide, walls 0.12-0.30 m thick"."""
    items = []
    for support in supports:
        if support.kind == "extent":
            continue  # the unit's description already says how long the building is
        low, high = support.low_m, support.high_m
        if low is None or high is None:  # Inference.supports always gives both
            continue
        if support.kind == "rooms":
            items.append(
                msg(
                    "units.evidence-rooms",
                    count=support.plausible,
                    low=Number(low, ".1f"),
                    high=Number(high, ".1f"),
                )
            )
        else:
            sizes: dict[str, Arg] = dict(count=support.plausible, low=Number(low, ".2f"), high=Number(high, ".2f"))
            if support.kind == "doors":
                items.append(msg("units.evidence-doors", **sizes))
            elif support.kind == "openings":
                items.append(msg("units.evidence-openings", **sizes))
            elif support.kind == "walls":
                items.append(msg("units.evidence-walls", **sizes))
            else:
                items.append(msg("units.evidence-texts", **sizes))
    return Listing(items, "and")


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def longest_side(bounds: tuple[float, float, float, float] | None) -> float | None:
    if bounds is None or any(math.isnan(b) for b in bounds):
        return None
    minx, miny, maxx, maxy = bounds
    return max(maxx - minx, maxy - miny)
