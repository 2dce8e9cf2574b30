"""Rulesets: which rules a jurisdiction enables, with what parameters and severity.

A ruleset is a TOML file in ``rulesets/``::

    [ruleset]
    name = "uk-adq-sbd"              # must match the file name
    title = "England: Approved Document Q with Secured by Design"
    jurisdiction = "GB-ENG"
    version = "0.1"
    status = "provisional"           # or "final"
    sources = ["Approved Document Q (2015)"]
    extends = "other-ruleset"        # optional: start from another ruleset

    [rules.ENTR-01]
    severity = "error"               # or "warning"; a warning never blocks
    max_depth = "600 mm"             # lengths and angles carry their unit
    provisional = ["max_depth"]      # figures not yet checked against the primary text

Errors name the file and the key. Unknown rule ids, unknown parameters, and values
of the wrong kind or unit are errors.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RulesetError
from .plan import GLAZING_CLASSES, RESISTANCE_CLASSES, AccessLevel
from .results import RulesetInfo, Severity
from .rules import RETIRED, Rule, catalogue
from .rules.base import UNITS_BY_KIND, Parameter

RULESET_DIR = Path(__file__).resolve().parent.parent / "rulesets"
DEFAULT_RULESET = "ir-police-annex"
STATUSES = ("provisional", "final")
HEADER_KEYS = {"name", "title", "jurisdiction", "version", "status", "sources", "extends"}
_QUANTITY = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z°][A-Za-z0-9]*)\s*$")
# The largest value of a kind any criterion can mean (in metres, degrees, square metres):
# past it a figure is a slip (a missing decimal point), and a rule buffering or sampling
# by it would work without end.
LARGEST = {"length": 1000.0, "angle": 360.0, "area": 10000.0}
# Parameters that are sampling steps (a sight line's points along the street): below
# this a rule's work grows without bound, and 0 would divide by zero. Metres.
SMALLEST_STEP = {"spacing": 0.05}


@dataclass(frozen=True)
class EnabledRule:
    rule: Rule
    severity: Severity
    params: dict
    provisional: tuple[str, ...] = ()  # parameters whose figures are not yet confirmed


# What counts as "reachable" in a jurisdiction: one [reach] table per ruleset, used by
# every rule that asks whether a burglar can reach an opening.
REACH_PARAMETERS = (
    Parameter("vertical", "length", 2.0, "How high above a standing surface an opening is within reach."),
    Parameter("lateral", "length", 0.5, "How far beside a standing surface an opening is within reach."),
    Parameter("max_slope", "angle", 30.0, "Steepest roof that still counts as a standing surface."),
    Parameter("max_slope_inclusive", "bool", False, "Whether a roof exactly at max_slope counts."),
    Parameter("max_surface_height", "length", 3.5, "Highest roof or balcony (above ground) that counts."),
)


@dataclass(frozen=True)
class Ruleset:
    info: RulesetInfo
    sources: tuple[str, ...]
    rules: tuple[EnabledRule, ...]
    path: Path
    reach: dict = field(default_factory=lambda: {p.name: p.default for p in REACH_PARAMETERS})
    reach_provisional: tuple[str, ...] = ()

    @property
    def provisional(self) -> bool:
        return self.info.status == "provisional"


def available(directory: Path = RULESET_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.toml"))


def load_ruleset(name_or_path: str | Path, directory: Path = RULESET_DIR) -> Ruleset:
    path = _locate(name_or_path, directory)
    return _load(path, directory, seen=())


def _locate(name_or_path: str | Path, directory: Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" and candidate.exists():
        return candidate
    path = directory / f"{name_or_path}.toml"
    if not path.exists():
        raise RulesetError(
            f"There is no ruleset {str(name_or_path)!r}; the rulesets are {', '.join(available(directory)) or 'none'}."
        )
    return path


def _load(path: Path, directory: Path, seen: tuple[str, ...]) -> Ruleset:
    from .reading.source import read_plan_file  # here: checker.reading imports this module

    where = path.name
    try:
        # The safe read (issue 15): an ordinary file within the size limit, read once.
        data = tomllib.loads(read_plan_file(path, str(path)).decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError(f"{where} is not valid TOML: {exc}.") from None
    except UnicodeDecodeError:
        raise RulesetError(f"{where} is not UTF-8 text; save it as UTF-8.") from None
    except OSError as exc:  # a folder named like a ruleset, no permission
        raise RulesetError(f"{where} cannot be read ({exc.strerror or exc}).") from None
    header = data.get("ruleset")
    if not isinstance(header, dict):
        raise RulesetError(f"{where}: a [ruleset] table is required.")
    unknown = sorted(set(header) - HEADER_KEYS)
    if unknown:
        raise RulesetError(f"{where} [ruleset]: unknown key {unknown[0]!r}.")
    for key in ("name", "title", "jurisdiction", "version", "status"):
        if not isinstance(header.get(key), str) or not header[key].strip():
            raise RulesetError(f"{where} [ruleset] {key} is required and must be text.")
    if header["name"] != path.stem:
        raise RulesetError(f"{where} [ruleset] name must be {path.stem!r}, the file's name.")
    if header["status"] not in STATUSES:
        raise RulesetError(f"{where} [ruleset] status must be one of {', '.join(STATUSES)}.")
    sources = header.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise RulesetError(f"{where} [ruleset] sources must be a list of text.")
    unknown_top = sorted(set(data) - {"ruleset", "rules", "reach"})
    if unknown_top:
        raise RulesetError(
            f"{where}: unknown table {unknown_top[0]!r}; a ruleset has [ruleset], [reach] and [rules.ID]."
        )

    enabled: dict[str, EnabledRule] = {}
    inherited_sources: tuple[str, ...] = ()
    if "extends" in header:
        parent_name = header["extends"]
        if not isinstance(parent_name, str) or not parent_name.strip():
            raise RulesetError(
                f"{where} [ruleset] extends must name a ruleset, one of {', '.join(available(directory))}."
            )
        if parent_name in seen or parent_name == path.stem:
            raise RulesetError(f"{where} [ruleset] extends {parent_name!r}, which extends it back.")
        parent = _load(_locate(parent_name, directory), directory, seen + (path.stem,))
        enabled = {e.rule.id: e for e in parent.rules}
        inherited_sources = parent.sources
        reach, reach_provisional = dict(parent.reach), list(parent.reach_provisional)
    else:
        reach, reach_provisional = {p.name: p.default for p in REACH_PARAMETERS}, []
    if "reach" in data:
        reach_table = data["reach"]
        if not isinstance(reach_table, dict):
            raise RulesetError(f"{where}: reach must be a table, [reach].")
        reach_table = dict(reach_table)
        reach_provisional = reach_table.pop("provisional", reach_provisional)
        known_reach = {p.name: p for p in REACH_PARAMETERS}
        if not isinstance(reach_provisional, list) or any(
            not isinstance(p, str) or p not in known_reach for p in reach_provisional
        ):
            raise RulesetError(f"{where} [reach] provisional must list [reach] parameters ({', '.join(known_reach)}).")
        for key, value in reach_table.items():
            if key not in known_reach:
                raise RulesetError(
                    f"{where} [reach]: there is no parameter {key!r} (the parameters: {', '.join(known_reach)})."
                )
            reach[key] = parse_value(known_reach[key], value, f"{where} [reach] {key}")

    rules_table = data.get("rules", {})
    if not isinstance(rules_table, dict):
        raise RulesetError(f"{where}: rules must be tables, [rules.ID].")
    known = catalogue()
    for rule_id, settings in rules_table.items():
        here = f"{where} [rules.{rule_id}]"
        if rule_id in RETIRED:
            raise RulesetError(f"{here}: {rule_id} is retired and cannot be enabled.")
        rule = known.get(rule_id)
        if rule is None:
            raise RulesetError(f"{here}: there is no rule {rule_id}; see `annex rules`.")
        if not isinstance(settings, dict):
            raise RulesetError(f"{here} must be a table.")
        settings = dict(settings)
        if settings.pop("enabled", True) is False:
            enabled.pop(rule_id, None)
            continue
        base = enabled.get(rule_id)
        severity_text = settings.pop("severity", base.severity.value if base else "error")
        try:
            severity = Severity(severity_text)
        except ValueError:
            raise RulesetError(f"{here} severity must be error or warning.") from None
        params = dict(base.params) if base else rule.defaults()
        provisional = settings.pop("provisional", list(base.provisional) if base else [])
        if not isinstance(provisional, list) or any(
            not isinstance(p, str) or rule.parameter(p) is None for p in provisional
        ):
            names = ", ".join(p.name for p in rule.parameters) or "none"
            raise RulesetError(f"{here} provisional must list parameters of {rule_id} (its parameters: {names}).")
        for key, value in settings.items():
            parameter = rule.parameter(key)
            if parameter is None:
                names = ", ".join(p.name for p in rule.parameters) or "none"
                raise RulesetError(f"{here}: {rule_id} has no parameter {key!r} (its parameters: {names}).")
            params[key] = parse_value(parameter, value, f"{here} {key}")
        enabled[rule_id] = EnabledRule(rule, severity, params, tuple(provisional))

    info = RulesetInfo(
        name=header["name"],
        title=header["title"],
        jurisdiction=header["jurisdiction"],
        version=header["version"],
        status=header["status"],
        sources=inherited_sources + tuple(sources),
    )
    ordered = tuple(enabled[k] for k in sorted(enabled))
    return Ruleset(
        info=info,
        sources=inherited_sources + tuple(sources),
        rules=ordered,
        path=path,
        reach=reach,
        reach_provisional=tuple(reach_provisional),
    )


def parse_value(parameter: Parameter, value: object, where: str) -> object:
    """Check ``value`` against the parameter's kind; lengths and angles need a unit."""
    kind = parameter.kind
    if kind in UNITS_BY_KIND:
        units = UNITS_BY_KIND[kind]
        match = _QUANTITY.match(value) if isinstance(value, str) else None
        if not match or not isinstance(value, str):  # the second only tells mypy what the first implies
            raise RulesetError(f'{where} must be a {kind} with its unit, e.g. "{parameter.default} {parameter.unit}".')
        number, unit = float(match.group(1)), match.group(2).lower().replace("°", "deg")
        if unit not in units:
            raise RulesetError(f"{where}: {unit!r} is not a unit of {kind}; use {', '.join(units)}.")
        if number < 0:
            raise RulesetError(f"{where} must not be negative.")
        amount = number * units[unit]
        if not amount <= LARGEST[kind]:  # also 99...9 digits, which make an infinite float
            raise RulesetError(
                f"{where} is {value.strip()}, more than any criterion means; "
                f"the most is {LARGEST[kind]:g} {parameter.unit}."
            )
        smallest = SMALLEST_STEP.get(parameter.name)
        if smallest is not None and amount < smallest:
            raise RulesetError(
                f"{where} must be at least {smallest:g} {parameter.unit}: it is the step between points tried."
            )
        return amount
    if kind in ("count",):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RulesetError(f"{where} must be a whole number.")
        return value
    if kind == "number":
        # TOML allows nan and inf, and integers too large for a float.
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
            raise RulesetError(f"{where} must be a number.")
        return float(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise RulesetError(f"{where} must be true or false.")
        return value
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RulesetError(f"{where} must be a list of text.")
        return list(value)
    if kind == "glazing":
        classes = [g for g in GLAZING_CLASSES if g.startswith("P")]
        if not isinstance(value, str) or value.upper() not in classes:
            raise RulesetError(f"{where} must be an EN 356 class, one of {', '.join(classes)}.")
        return value.upper()
    if kind == "access":
        levels = [a.value for a in AccessLevel]
        if not isinstance(value, str) or value.upper() not in levels:
            raise RulesetError(f"{where} must be an access level, one of {', '.join(levels)}.")
        return value.upper()
    if kind == "class":
        if not isinstance(value, str) or value.upper() not in RESISTANCE_CLASSES[1:]:
            raise RulesetError(f"{where} must be one of {', '.join(RESISTANCE_CLASSES[1:])}.")
        return value.upper()
    if not isinstance(value, str):
        raise RulesetError(f"{where} must be text.")
    return value


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer beyond any float
        return False
