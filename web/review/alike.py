"""Alike open findings, for one decision on several: the annex's grouping of a rule's findings.

The annex lists a rule's findings together when they share status, severity,
requirement and kind of measurement (``checker.report.annex._alike``); the reviewer's
page offers one decision, with one reason, for each such set of open findings, using
the same key on the stored results so the page and the annex agree on what is alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import cast

from checker.report.annex import _alike as annex_alike_key
from checker.results import Finding, Severity

from ..architect.submissions import BLOCKING
from ..results_view import FindingRow, ResultsView

MIN_ALIKE = 2  # one finding alone is decided in its row


@dataclass(frozen=True)
class AlikeGroup:
    rule: str
    status: str
    status_name: str
    blocking: bool  # accepting these as they stand makes approval impossible
    rows: tuple[FindingRow, ...]


def _quantity(value: dict | None) -> SimpleNamespace | None:
    return None if value is None else SimpleNamespace(value=value.get("value"), unit=value.get("unit"))


def alike_key(finding: dict) -> tuple:
    """The annex's key for a finding of the stored results (JSON rather than a Finding)."""
    # _alike reads only these five attributes, which the stored JSON holds as plain values
    return annex_alike_key(
        cast(
            Finding,
            SimpleNamespace(
                status=finding["status"],
                severity=finding.get("severity"),
                required=_quantity(finding.get("required")),
                measured=_quantity(finding.get("measured")),
                provisional=tuple(finding.get("provisional", ())),
            ),
        )
    )


def alike_groups(view: ResultsView | None, findings: list[dict]) -> list[AlikeGroup]:
    """Each rule's sets of at least MIN_ALIKE alike open findings, in the results' order."""
    if view is None:
        return []
    sets: dict[tuple, list[FindingRow]] = {}
    for row in view.findings:
        if row.status not in BLOCKING:
            continue
        sets.setdefault((row.rule, alike_key(findings[row.index])), []).append(row)
    return [
        AlikeGroup(
            rule=rows[0].rule,
            status=rows[0].status,
            status_name=rows[0].status_name,
            blocking=rows[0].severity == Severity.ERROR.value,
            rows=tuple(rows),
        )
        for rows in sets.values()
        if len(rows) >= MIN_ALIKE
    ]
