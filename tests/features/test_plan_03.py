"""Steps for PLAN-03.feature: layer roles present, mapped, or not needed."""

from __future__ import annotations

from dataclasses import replace

from pytest_bdd import given, parsers, scenarios, when

from checker.engine import run_rules
from checker.rulesets import load_ruleset

from .conftest import the_plan_is_loaded
from .rule_steps import *  # noqa: F401,F403  (shared steps)

scenarios("PLAN-03.feature")


@given(parsers.parse('the layer "{layer}" is mapped to {role}'))
def layer_mapped(ctx, layer, role):
    ctx.setdefault("mapping", {}).setdefault(role, []).append(layer)


@when(parsers.parse('the plan is checked under "{name}" with only {first} and {second} enabled'))
def checked_with_only(ctx, name, first, second):
    the_plan_is_loaded(ctx)
    assert ctx["error"] is None, ctx["error"]
    ruleset = load_ruleset(name)
    kept = tuple(e for e in ruleset.rules if e.rule.id in (first, second))
    assert [e.rule.id for e in kept] == sorted((first, second))
    ctx["results"] = run_rules(ctx["plan"], replace(ruleset, rules=kept))
