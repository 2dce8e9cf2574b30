"""Findings and results: the one data structure every output renders.

The JSON form (``Results.to_json``) is a public contract, described by
``checker/schema/results.schema.json``; ``SCHEMA_VERSION`` changes with it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from importlib import resources

from shapely.geometry import mapping as geojson
from shapely.geometry.base import BaseGeometry

from . import __version__
from .plan import Source

SCHEMA_VERSION = "1.0"


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    NOT_ASSESSABLE = "not_assessable"
    ERROR = "error"  # the rule itself crashed; see the message
    NOT_APPLICABLE = "not_applicable"  # the rule found nothing it applies to; says so once


class Severity(str, Enum):
    ERROR = "error"  # a failure blocks compliance
    WARNING = "warning"  # advice: shown, does not block


@dataclass(frozen=True)
class Quantity:
    value: float | str
    unit: str | None = None

    def to_json(self) -> dict:
        value = round(self.value, 3) if isinstance(self.value, float) else self.value
        return {"value": value, "unit": self.unit}


@dataclass(frozen=True)
class Mark:
    """Geometry to draw with a finding, in metres on one storey's plan.

    ``kind`` is ``element`` (the thing judged) or ``measure`` (the measured line or
    zone: a recess depth, a sight line, a reach zone).
    """

    storey: str
    geometry: BaseGeometry
    kind: str = "element"

    def to_json(self) -> dict:
        shape = geojson(self.geometry)
        return {"storey": self.storey, "kind": self.kind, "type": shape["type"], "coordinates": _rounded(shape["coordinates"])}


def _rounded(coordinates):
    if isinstance(coordinates, (int, float)):
        return round(float(coordinates), 4)
    return [_rounded(c) for c in coordinates]


@dataclass(frozen=True)
class Finding:
    rule: str
    status: Status
    message: str
    elements: tuple[Source, ...] = ()
    measured: Quantity | None = None
    required: Quantity | None = None
    marks: tuple[Mark, ...] = ()
    severity: Severity = Severity.ERROR
    provisional: tuple[str, ...] = ()  # the ruleset's provisional parameters this rule used

    def to_json(self, titles: dict[str, str] | None = None) -> dict:
        return {
            "rule": self.rule,
            "title": (titles or {}).get(self.rule),
            "status": self.status.value,
            "severity": self.severity.value,
            "message": self.message,
            "measured": self.measured.to_json() if self.measured else None,
            "required": self.required.to_json() if self.required else None,
            "elements": [e.to_json() for e in self.elements],
            "geometry": [m.to_json() for m in self.marks],
            "provisional": list(self.provisional),
        }


def passed(rule: str, message: str, **kwargs) -> Finding:
    return Finding(rule, Status.PASS, message, **kwargs)


def failed(rule: str, message: str, **kwargs) -> Finding:
    return Finding(rule, Status.FAIL, message, **kwargs)


def not_assessable(rule: str, message: str, **kwargs) -> Finding:
    return Finding(rule, Status.NOT_ASSESSABLE, message, **kwargs)


def not_applicable(rule: str, message: str) -> Finding:
    return Finding(rule, Status.NOT_APPLICABLE, message)


class Verdict(str, Enum):
    COMPLIES = "complies"
    FAILS = "fails"
    INCOMPLETE = "incomplete"  # nothing blocking failed, but not everything could be judged


VERDICT_SENTENCES = {
    Verdict.COMPLIES: "Every enabled rule was assessed and nothing blocking failed.",
    Verdict.FAILS: "At least one blocking criterion fails; see the failing findings.",
    Verdict.INCOMPLETE: "Nothing blocking failed, but some criteria could not be assessed; complete the plan and check again.",
}


@dataclass(frozen=True)
class RulesetInfo:
    name: str
    title: str
    jurisdiction: str
    version: str
    status: str

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "version": self.version,
            "status": self.status,
        }


@dataclass(frozen=True)
class Results:
    project: dict
    ruleset: RulesetInfo
    inputs: tuple[dict, ...]
    findings: tuple[Finding, ...]
    rule_titles: dict[str, str] = field(default_factory=dict)
    generated: str = ""

    @property
    def verdict(self) -> Verdict:
        blocking = [f for f in self.findings if f.severity is Severity.ERROR]
        if any(f.status is Status.FAIL for f in blocking):
            return Verdict.FAILS
        if any(f.status in (Status.NOT_ASSESSABLE, Status.ERROR) for f in blocking):
            return Verdict.INCOMPLETE
        return Verdict.COMPLIES

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for finding in self.findings:
            counts[finding.status.value] += 1
        return counts

    def counts_by_rule(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for finding in self.findings:
            row = table.setdefault(finding.rule, {s.value: 0 for s in Status})
            row[finding.status.value] += 1
        return table

    def to_json(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "security-annex", "version": __version__},
            "generated": self.generated,
            "project": self.project,
            "ruleset": self.ruleset.to_json(),
            "inputs": list(self.inputs),
            "verdict": self.verdict.value,
            "verdict_sentence": VERDICT_SENTENCES[self.verdict],
            "summary": self.counts(),
            "findings": [f.to_json(self.rule_titles) for f in self.findings],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def generated_timestamp() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set, so outputs can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit() else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def load_schema() -> dict:
    return json.loads(resources.files("checker").joinpath("schema/results.schema.json").read_text(encoding="utf-8"))
