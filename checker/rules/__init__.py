"""The rule catalogue: one module per rule, found by its ``RULE`` attribute.

Ids are permanent: a retired rule keeps its id out of use forever (see RETIRED).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from .base import RULE_ID, AttributeNeed, Context, Needs, Parameter, Rule

# Ids that once named a rule and must never be reused.
RETIRED: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Rule]:
    """Every rule, by id, in id order."""
    rules: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            continue
        if not RULE_ID.match(rule.id) or rule.id in RETIRED or rule.id in rules:
            raise RuntimeError(f"rule module {info.name} has a bad or duplicate id {rule.id!r}")
        rules[rule.id] = rule if rule.doc else _with_doc(rule, module.__doc__ or "")
    return dict(sorted(rules.items()))


def _with_doc(rule: Rule, doc: str) -> Rule:
    from dataclasses import replace

    return replace(rule, doc=doc.strip())


__all__ = ["AttributeNeed", "Context", "Needs", "Parameter", "Rule", "catalogue", "RETIRED"]
