"""Steps for example.feature."""

from __future__ import annotations

import subprocess
import sys

from pytest_bdd import parsers, scenarios, then, when

from checker.rulesets import load_ruleset

from .conftest import REPO

scenarios("example.feature")

EXAMPLE = REPO / "examples" / "house"


@when("the example generator writes a fresh copy")
def generate(ctx):
    out = ctx["tmp"] / "house"
    subprocess.run([sys.executable, str(REPO / "examples" / "make_example.py"), str(out)], check=True, timeout=120)
    ctx["fresh"] = out


@then("every file of the fresh copy equals the bundled one byte for byte")
def equal_bytes(ctx):
    fresh = sorted(p.name for p in ctx["fresh"].iterdir())
    bundled = sorted(p.name for p in EXAMPLE.iterdir())
    assert fresh == bundled
    for name in fresh:
        assert (ctx["fresh"] / name).read_bytes() == (EXAMPLE / name).read_bytes(), (
            f"{name} differs from its generator's output"
        )


@then("the JSON has findings of every enabled rule, at least one of them not passing")
def findings_of_every_rule(ctx):
    data = ctx["json"]
    enabled = {e.rule.id for e in load_ruleset(data["ruleset"]["name"]).rules}
    assert {f["rule"] for f in data["findings"]} == enabled
    assert any(f["status"] in ("fail", "not_assessable") for f in data["findings"])
    assert data["verdict"] in ("fails", "incomplete")


@then(
    parsers.parse(
        'the JSON\'s OPEN-08 findings on "{storey}" are a fail for the window without class or grille and a pass for the window with a grille'
    )
)
def light_well_findings(ctx, storey):
    findings = [f for f in ctx["json"]["findings"] if f["rule"] == "OPEN-08"]
    assert sorted(f["status"] for f in findings) == ["fail", "pass"], findings
    assert all(f["elements"][0]["storey"] == storey for f in findings), findings
    (failing,) = [f for f in findings if f["status"] == "fail"]
    (passing,) = [f for f in findings if f["status"] == "pass"]
    assert "states NONE; it needs RC2 or a grille." in failing["message"], failing["message"]
    assert "has a grille (20/120 mm) instead of the class." in passing["message"], passing["message"]
    assert "open to the roof" in failing["message"] and "نورگیر" in failing["message"], failing["message"]
