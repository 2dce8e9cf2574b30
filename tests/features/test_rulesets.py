"""Steps for rulesets.feature: listing, loading, validating and extending rulesets."""

from __future__ import annotations

import shutil
import tomllib

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from checker.errors import RulesetError
from checker.rules import catalogue
from checker.rulesets import RULESET_DIR, load_ruleset, parse_value
from checker.rules.base import Parameter

from .rule_steps import *  # noqa: F401,F403  (shared steps)


scenarios("rulesets.feature")


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _directory(ctx):
    directory = ctx["tmp"] / "rulesets"
    directory.mkdir(exist_ok=True)
    return directory


def _write_ruleset(ctx, name: str, body: str, extends: str | None = None) -> None:
    header = [
        "[ruleset]",
        f'name = "{name}"',
        f'title = "Test ruleset {name}"',
        'jurisdiction = "XX"',
        'version = "0.1"',
        'status = "provisional"',
        f'sources = ["{name} source"]',
    ]
    if extends:
        header.append(f'extends = "{extends}"')
    (_directory(ctx) / f"{name}.toml").write_text("\n".join(header) + "\n\n" + body + "\n", encoding="utf-8")


# ---------------------------------------------------------------- given


@given(parsers.re(r'a ruleset "(?P<name>[^"]+)" with the rule (?P<rule>\S+) set to (?P<setting>.+)'))
def ruleset_with_setting(ctx, name, rule, setting):
    _write_ruleset(ctx, name, f"[rules.{rule}]\n{setting}")


@given(parsers.parse('a ruleset "{name}" extending "{parent}" with:'))
def ruleset_extending(ctx, name, parent, docstring):
    _write_ruleset(ctx, name, docstring, extends=parent)


@given(parsers.parse('the shipped ruleset "{name}" is in the temporary directory'))
def shipped_copied(ctx, name):
    shutil.copy(RULESET_DIR / f"{name}.toml", _directory(ctx) / f"{name}.toml")


# ---------------------------------------------------------------- when


def _load(ctx, name, **kwargs) -> None:
    try:
        ctx["ruleset"], ctx["ruleset_error"] = load_ruleset(name, **kwargs), None
    except RulesetError as exc:
        ctx["ruleset"], ctx["ruleset_error"] = None, exc


@when(parsers.parse('the shipped ruleset "{name}" is loaded'))
def shipped_loaded(ctx, name):
    _load(ctx, name)


@when(parsers.parse('the ruleset "{name}" is loaded from the temporary directory'))
def loaded_from_tmp(ctx, name):
    _load(ctx, name, directory=_directory(ctx))


@when(
    parsers.re(r'the value (?P<value>.+) is parsed for the length parameter "(?P<param>[^"]+)" at "(?P<where>[^"]+)"')
)
def value_parsed(ctx, value, param, where):
    parameter = Parameter(param, "length", 0.6, "Deepest recess accepted.")
    literal = tomllib.loads(f"v = {value}")["v"]
    try:
        ctx["value"], ctx["value_error"] = parse_value(parameter, literal, where), None
    except RulesetError as exc:
        ctx["value"], ctx["value_error"] = None, exc


# ---------------------------------------------------------------- then


@then(parsers.parse('the output lists the rulesets "{names}"'))
def lists_rulesets(ctx, names):
    listed = [line.split()[0] for line in ctx["run"].stdout.splitlines() if line.strip() and not line.startswith(" ")]
    assert listed == _ids(names), ctx["run"].stdout


@then(parsers.parse('only the line for "{name}" is marked "{mark}"'))
def only_default_marked(ctx, name, mark):
    marked = [line.split()[0] for line in ctx["run"].stdout.splitlines() if mark in line]
    assert marked == [name], ctx["run"].stdout


@then("the output lists every rule id in the catalogue")
def lists_catalogue(ctx):
    listed = [line.split()[0] for line in ctx["run"].stdout.splitlines() if line.strip() and not line.startswith(" ")]
    assert listed == list(catalogue()), ctx["run"].stdout


@then(parsers.parse('the output lists the rules "{ids}"'))
def lists_rules(ctx, ids):
    listed = {line.split()[0] for line in ctx["run"].stdout.splitlines() if line.strip() and not line.startswith(" ")}
    assert set(_ids(ids)) <= listed, ctx["run"].stdout


@then(parsers.parse('the ruleset is refused with "{text}"'))
def ruleset_refused(ctx, text):
    assert ctx["ruleset"] is None, "the ruleset loaded, but should have been refused"
    assert text in str(ctx["ruleset_error"]), str(ctx["ruleset_error"])


@then(parsers.parse('the ruleset loads with status "{status}"'))
def ruleset_loads(ctx, status):
    assert ctx["ruleset_error"] is None, str(ctx["ruleset_error"])
    assert ctx["ruleset"].info.status == status


@then(parsers.parse('it enables the rules "{ids}"'))
def enables(ctx, ids):
    assert [e.rule.id for e in ctx["ruleset"].rules] == _ids(ids)


@then(parsers.re(r'it enables every rule in the catalogue except "(?P<ids>[^"]*)"'))
def enables_catalogue_except(ctx, ids):
    expected = [rule_id for rule_id in catalogue() if rule_id not in _ids(ids)]
    assert [e.rule.id for e in ctx["ruleset"].rules] == expected


@then(parsers.parse('it enables the rules of "{name}" except "{ids}"'))
def enables_rules_of_except(ctx, name, ids):
    expected = [e.rule.id for e in load_ruleset(name).rules if e.rule.id not in _ids(ids)]
    assert [e.rule.id for e in ctx["ruleset"].rules] == expected


def _entry(ctx, rule_id):
    (entry,) = [e for e in ctx["ruleset"].rules if e.rule.id == rule_id]
    return entry


@then(parsers.parse('its {rule_id} parameter "{key}" is "{value}"'))
def parameter_is(ctx, rule_id, key, value):
    actual = _entry(ctx, rule_id).params[key]
    assert (", ".join(actual) if isinstance(actual, list) else str(actual)) == value, actual


@then(parsers.parse("its {rule_id} severity is {severity}"))
def severity_is(ctx, rule_id, severity):
    assert _entry(ctx, rule_id).severity.value == severity


@then(parsers.parse('its sources start with those of "{parent}"'))
def sources_inherited(ctx, parent):
    inherited = load_ruleset(parent).sources
    sources = ctx["ruleset"].sources
    assert inherited and sources[: len(inherited)] == inherited and len(sources) > len(inherited), sources


@then(parsers.parse('the value is refused with "{text}"'))
def value_refused(ctx, text):
    assert ctx["value_error"] is not None, f"accepted as {ctx['value']!r}"
    assert text in str(ctx["value_error"]), str(ctx["value_error"])


@then(parsers.parse("the value is {metres:g} m"))
def value_is(ctx, metres):
    assert ctx["value_error"] is None, str(ctx["value_error"])
    assert ctx["value"] == pytest.approx(metres, abs=1e-12)
