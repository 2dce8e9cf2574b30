"""A reviewer's sign-off, as the annex shows it: the final decision and one per finding.

The web app records decisions; the annex only renders them. ``Review`` is passed to
``annex_html`` / ``annex_pdf`` as ``review=``; without it the annex keeps its empty
sign-off block for a handwritten signature.

A finding is identified for decisions by :func:`finding_key` (message id and
arguments, never the sentence) and across versions by :func:`version_key`, both
computed from its JSON form, so the web app (which holds results JSON) and the annex
(which holds ``Finding`` objects) name a finding the same way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from types import MappingProxyType
from collections.abc import Mapping

from ..results import Finding

FINDING_VERDICTS = ("accepted", "rejected", "deviation")
FINAL_DECISIONS = ("approved", "changes_requested")
MAX_KEY = 500  # the web app's Decision.finding_key column


def finding_key(finding: dict | Finding) -> str:
    """A finding's identity for decisions: rule, message id, arguments and elements.

    Made of what the check said (the message id and its arguments as canonical JSON),
    never of a rendered sentence, so a decision made on the Persian page holds on the
    English page and in the annex, and survives a re-wording of the catalogue. The DXF
    handles (with their storey) name the elements. A key longer than the column keeps
    the rule and message id readable and hashes the rest, so it never collides by
    truncation.
    """
    if isinstance(finding, Finding):
        finding = finding.to_json()
    message_id = finding.get("message_id")
    if message_id is None:  # results stored before messages had ids
        return f"{finding['rule']}|{finding.get('message', '')}"[:MAX_KEY]
    arguments = json.dumps(finding.get("message_args") or {}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    head = f"{finding['rule']}|{message_id}|"
    rest = f"{arguments}|{_elements(finding)}"
    if len(head) + len(rest) > MAX_KEY:
        rest = "sha256:" + hashlib.sha256(rest.encode("utf-8")).hexdigest()
    return (head + rest)[:MAX_KEY]


def version_key(finding: dict | Finding) -> str:
    """A finding's identity across versions of a submission: its rule and the elements it is about.

    DXF handles usually survive an edit of the drawing, so a key made of them lets a
    resubmission say which findings were resolved even when a measurement changed. A
    finding about no element (e.g. "no entrance door is marked") is keyed as for decisions.
    """
    if isinstance(finding, Finding):
        finding = finding.to_json()
    elements = _elements(finding)
    if elements:
        return f"{finding['rule']}|{elements}"[:MAX_KEY]
    return finding_key(finding)


def _elements(finding: dict) -> str:
    return ",".join(sorted(f"{e.get('storey')}:{e.get('handle')}" for e in finding.get("elements", [])))


@dataclass(frozen=True)
class FindingDecision:
    """The decision that counts on one finding (the latest the reviewer recorded)."""

    verdict: str  # one of FINDING_VERDICTS
    justification: str
    reviewer: str
    decided_at: str  # ISO 8601 in UTC, e.g. 2026-03-01T09:30:00Z

    def __post_init__(self) -> None:
        if self.verdict not in FINDING_VERDICTS:
            raise ValueError(f"unknown finding decision {self.verdict!r}")


@dataclass(frozen=True)
class Review:
    """A reviewer's final decision on one version, with the decisions per finding key."""

    reviewer: str
    municipality: str
    decision: str  # one of FINAL_DECISIONS
    decided_at: str  # ISO 8601 in UTC
    notes: str = ""
    decisions: Mapping[str, FindingDecision] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.decision not in FINAL_DECISIONS:
            raise ValueError(f"unknown final decision {self.decision!r}")
        # read-only, so the frozen dataclass cannot be changed through its mapping either
        object.__setattr__(self, "decisions", MappingProxyType(dict(self.decisions)))

    def decision_on(self, finding: Finding) -> FindingDecision | None:
        return self.decisions.get(finding_key(finding))

    @property
    def date(self) -> str:
        return self.decided_at[:10]

    @property
    def time(self) -> str:
        return self.decided_at[11:16] if len(self.decided_at) >= 16 else ""
