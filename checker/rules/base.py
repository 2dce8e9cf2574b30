"""What a rule is: a permanent id, its documentation, its parameters, and a check.

A rule module defines ``RULE = Rule(...)``; its module docstring is the rule's
documentation (what it checks, why, parameters, example, source) and goes into
docs/rules.md as written. A rule keeps no state: ``check`` gets everything it needs
in a ``Context`` and returns findings, so one rule object can serve concurrent
requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from ..messages import Message, msg, render
from ..geometry import ReachModel
from ..plan import Opening, Plan
from ..results import Finding

RULE_ID = re.compile(r"^[A-Z]{2,5}-\d{2,3}$")

# Parameter kinds and the units a ruleset may write them in, with the factor to the
# rule's own unit (metres for lengths, degrees for angles).
UNITS_BY_KIND: dict[str, dict[str, float]] = {
    "length": {"m": 1.0, "mm": 0.001, "cm": 0.01},
    "angle": {"deg": 1.0, "degrees": 1.0},
    "area": {"m2": 1.0},
}


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # length, angle, area, count, number, text, list, class, bool
    default: object
    description: str

    @property
    def unit(self) -> str | None:
        return {"length": "m", "angle": "deg", "area": "m2"}.get(self.kind)


@dataclass(frozen=True)
class AttributeNeed:
    """An attribute a rule needs on some openings.

    ``tag`` may name alternatives: ``"RC|CERT"`` is met by either. ``roles`` limits
    the need to openings with those ROLE values (empty: every opening of ``kind``).
    """

    kind: str  # "door" or "window"
    tag: str
    roles: tuple[str, ...] = ()

    def applies(self, opening) -> bool:
        if opening.kind.value != self.kind:
            return False
        if not self.roles:
            return True
        return opening.attributes.role is not None and opening.attributes.role.value in self.roles

    def met_by(self, opening) -> bool:
        return any(opening.attributes.has(t) for t in self.tag.split("|"))


@dataclass(frozen=True)
class Needs:
    """What a rule needs from the plan to judge anything: layer roles and attributes."""

    roles: tuple[str, ...] = ()
    attributes: tuple[AttributeNeed, ...] = ()


@dataclass(frozen=True)
class Context:
    plan: Plan
    # A value's type follows its parameter's kind (rulesets.parse_value checked it), which
    # no annotation can say per name: each rule converts what it reads (float(), str()).
    params: Mapping[str, Any]
    enabled: tuple[Rule, ...] = ()  # every rule the ruleset enables, this one included
    reach: ReachModel | None = None  # for rules with uses_reach, built once per run

    @property
    def reach_model(self) -> ReachModel:
        """The ruleset's reach; the engine builds it for every rule with ``uses_reach``."""
        if self.reach is None:
            raise ValueError("the reach model is built only for rules with uses_reach")
        return self.reach


# What the findings catalogue says of every rule, by the part of its id: "OPEN-02.title".
RULE_TEXTS = ("title", "criterion", "source", "applies-to")


@dataclass(frozen=True)
class Rule:
    """A rule: its id and check. Its title, criterion (in one sentence), source (where
    the criterion comes from) and what it applies to are in the findings catalogue, as
    ``<id>.title``, ``<id>.criterion``, ``<id>.source`` and ``<id>.applies-to``."""

    id: str
    check: Callable[[Context], Iterable[Finding]]
    parameters: tuple[Parameter, ...] = ()
    needs: Needs = field(default_factory=Needs)
    uses_reach: bool = False  # judged with the ruleset's [reach] definition
    doc: str = ""

    def text(self, part: str, language: str = "en") -> str:
        """One of RULE_TEXTS, in ``language``."""
        if part not in RULE_TEXTS:
            raise ValueError(f"a rule has no text {part!r}")
        return render(msg(f"{self.id}.{part}"), language)

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def criterion(self) -> str:
        return self.text("criterion")

    @property
    def source(self) -> str:
        return self.text("source")

    @property
    def applies_to(self) -> str:
        return self.text("applies-to")

    def defaults(self) -> dict[str, object]:
        return {p.name: p.default for p in self.parameters}

    def parameter(self, name: str) -> Parameter | None:
        for p in self.parameters:
            if p.name == name:
                return p
        return None


@dataclass(frozen=True)
class OpeningGap:
    """What one opening lacks for the rules that judge it."""

    storey: str
    opening: Opening
    wanted: tuple[str, ...]  # every tag the rules want, "RC or CERT" style
    missing: tuple[tuple[str, tuple[str, ...]], ...]  # (tag, rule ids needing it)
    invalid: tuple[tuple[str, Message], ...]  # (tag, reason)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.invalid


def opening_gaps(plan: Plan, rules: Iterable[Rule]) -> Iterator[OpeningGap]:
    """For each opening some rule judges: what it needs and what it lacks, one at a time
    (a plan's 200k openings' gaps held in a list sat beside the findings made of them)."""
    needs = [(rule.id, need) for rule in rules for need in rule.needs.attributes]
    if not needs:
        return
    # What an opening wants and lacks depends only on its kind and its attributes, and
    # openings of one type share one attributes object (plan.parse_attributes): work
    # each pair out once, not once per opening.
    known: dict[tuple[object, int], tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] | None] = {}
    for storey, opening in plan.openings():
        key = (opening.kind, id(opening.attributes))
        if key not in known:
            known[key] = _wanted_and_missing(opening, needs)
        found = known[key]
        if found is None:
            continue
        wanted, missing = found
        yield OpeningGap(
            storey=storey.name,
            opening=opening,
            wanted=wanted,
            missing=missing,
            invalid=opening.attributes.invalid,
        )


def _wanted_and_missing(opening, needs: list) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]] | None:
    """The tags the rules want of ``opening`` and those it lacks; None when no rule wants any."""
    wanted = [(rule_id, need) for rule_id, need in needs if need.applies(opening)]
    if not wanted:
        return None
    missing: dict[str, set[str]] = {}
    for rule_id, need in wanted:
        if not need.met_by(opening):
            missing.setdefault(need.tag.replace("|", " or "), set()).add(rule_id)
    return (
        tuple(sorted({need.tag.replace("|", " or ") for _, need in wanted})),
        tuple((tag, tuple(sorted(ids))) for tag, ids in sorted(missing.items())),
    )
