"""Steps for OPEN-02.feature: door classes and certificates, and a crashing rule."""

from __future__ import annotations

from dataclasses import replace

from pytest_bdd import parsers, scenarios, when

from checker.engine import run_rules
from checker.rulesets import EnabledRule

from .conftest import ruleset_named, the_plan_is_loaded
from .rule_steps import *  # noqa: F401,F403  (shared steps)


scenarios("OPEN-02.feature")


def _crash(context):
    raise RuntimeError("simulated crash")


@when(parsers.parse('the plan is checked under "{name}" with {rule_id} crashing'))
def checked_with_crashing_rule(ctx, name, rule_id):
    the_plan_is_loaded(ctx)
    assert ctx["error"] is None, ctx["error"]
    ruleset = ruleset_named(name)
    assert rule_id in {e.rule.id for e in ruleset.rules}
    rules = tuple(
        EnabledRule(replace(e.rule, check=_crash), e.severity, e.params) if e.rule.id == rule_id else e
        for e in ruleset.rules
    )
    ctx["results"] = run_rules(ctx["plan"], replace(ruleset, rules=rules))
