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


def _crashing_after_first(check):
    """The rule's check, crashing once it has given its first finding (which the run drops)."""

    def crashing(context):
        yield next(iter(check(context)))
        raise RuntimeError("simulated crash")

    return crashing


@when(parsers.parse('the plan is checked under "{name}" with {rule_id} crashing {when}'))
def checked_with_crashing_rule(ctx, name, rule_id, when):
    the_plan_is_loaded(ctx)
    assert ctx["error"] is None, ctx["error"]
    ruleset = ruleset_named(name)
    assert rule_id in {e.rule.id for e in ruleset.rules}
    crashing = {"at once": lambda check: _crash, "after its first finding": _crashing_after_first}[when]
    rules = tuple(
        EnabledRule(replace(e.rule, check=crashing(e.rule.check)), e.severity, e.params) if e.rule.id == rule_id else e
        for e in ruleset.rules
    )
    ctx["results"] = run_rules(ctx["plan"], replace(ruleset, rules=rules))
