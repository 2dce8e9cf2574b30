"""Run a ruleset's rules over a plan and gather one Results.

A rule that crashes becomes an ``error`` finding for that rule; the other rules and
every output still come out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import overload

from .gc_pause import cycle_collection_paused
from .heap import release_freed_memory
from .geometry import reach_model
from .messages import msg
from .plan import Plan
from .reading.schedule import opening_json
from .results import Finding, Results, Severity, Status, generated_timestamp
from .rules.base import Context
from .rulesets import Ruleset


def run_rules(plan: Plan, ruleset: Ruleset, *, moment: datetime | None = None) -> Results:
    """The findings of every enabled rule; ``moment`` (default: now) dates the results."""
    # The rules allocate many small objects over a large live plan; full cycle
    # collections walking that plan were half the check (checker.gc_pause).
    release_freed_memory()  # what loading freed, so the rules' peak starts from the plan alone
    with cycle_collection_paused(collect_after=False):
        return _run_rules(plan, ruleset, moment)


def _run_rules(plan: Plan, ruleset: Ruleset, moment: datetime | None) -> Results:
    enabled = tuple(e.rule for e in ruleset.rules)
    reach = None
    if any(rule.uses_reach for rule in enabled):
        r = ruleset.reach
        reach = reach_model(
            plan, r["vertical"], r["lateral"], r["max_slope"], r["max_surface_height"], r["max_slope_inclusive"]
        )
    reach_provisional = tuple(f"reach.{name}" for name in ruleset.reach_provisional)
    findings: list[Finding] = []
    for entry in ruleset.rules:
        context = Context(
            plan=plan, params=dict(entry.params), enabled=enabled, reach=reach if entry.rule.uses_reach else None
        )
        provisional = entry.provisional + (reach_provisional if entry.rule.uses_reach else ())
        # The ruleset sets a rule's severity; a rule may only lower one finding to a warning.
        # Each finding is judged as it comes: a rule's own findings are not all held beside
        # their judged copies (214k of them for PLAN-02 on the 500k-entity plan).
        before = len(findings)
        try:
            findings.extend(
                f.judged_as(Severity.WARNING if f.severity is Severity.WARNING else entry.severity, provisional)
                for f in entry.rule.check(context)
            )
        except Exception as exc:  # isolate the rule: report, never crash the run
            del findings[before:]  # what it found before it crashed is not a judgement
            crashed = Finding(
                entry.rule.id,
                Status.ERROR,
                msg("engine.rule-crashed", rule=entry.rule.id, error=f"{type(exc).__name__}: {exc}"),
            )
            findings.append(crashed.judged_as(entry.severity, provisional))
    return Results(
        project=plan.project.to_json(),
        ruleset=ruleset.info,
        inputs=tuple(load.to_json() for load in plan.loads),
        findings=tuple(findings),
        rule_titles={e.rule.id: e.rule.title for e in ruleset.rules},
        generated=generated_timestamp(moment),
        openings=OpeningRecords(plan),
    )


class OpeningRecords(Sequence[dict]):
    """The plan's doors and windows as the results list them (``schedule.opening_json``),
    each record made when it is read: a large plan has hundreds of thousands, and the
    results JSON is written one record at a time (``Results.write_json``)."""

    def __init__(self, plan: Plan):
        self._plan = plan
        self._count = sum(len(storey.openings) for storey in plan.storeys)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict]:
        return (opening_json(storey.name, opening) for storey, opening in self._plan.openings())

    @overload
    def __getitem__(self, index: int) -> dict: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[dict]: ...
    def __getitem__(self, index):
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal by value, like a list
