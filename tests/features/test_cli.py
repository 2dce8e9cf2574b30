"""Steps for cli.feature."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import shlex
import subprocess
import sys

import ezdxf
from pytest_bdd import given, parsers, scenarios, then, when

from checker.reading.layers import Role
from checker.reading.dxf.starter import ROLE_LAYERS
from checker.plan import ATTRIBUTE_TAGS

from .conftest import REPO, draw_house, plan_path, save_all

scenarios("cli.feature")

FRONT_DOOR = "front door"


@given("the plan shows a house whose front door is RC1")
def house_rc1(ctx, drawing):
    draw_house(drawing, ROLE="ENTRANCE", RC="RC1", GLAZING="NONE", VIEWER="YES")


@given("the plan shows a house whose front door has no class")
def house_no_class(ctx, drawing):
    draw_house(drawing, ROLE="ENTRANCE", GLAZING="NONE", VIEWER="YES")


@given(parsers.parse('the plan has lines on a layer named "{layer}"'))
def lines_on_layer(drawing, layer):
    drawing.add_layer(layer)
    drawing.doc.modelspace().add_line((1000, 1000), (2000, 1000), dxfattribs={"layer": layer})


def _front_door(ctx):
    doc = ezdxf.readfile(plan_path(ctx))
    (door,) = doc.modelspace().query(f'INSERT[layer=="{ROLE_LAYERS[Role.DOORS]}"]')
    return door


@then(parsers.parse('the JSON names the ruleset "{name}" and the input\'s SHA-256'))
def json_names(ctx, name):
    data = ctx["json"]
    assert data["ruleset"]["name"] == name and data["ruleset"]["version"]
    digest = hashlib.sha256(plan_path(ctx).read_bytes()).hexdigest()
    assert [i["sha256"] for i in data["inputs"]] == [digest]


@then("the JSON's failing OPEN-02 finding points at the front door's handle, layer and storey")
def json_failing_finding(ctx):
    door = _front_door(ctx)
    failing = [f for f in ctx["json"]["findings"] if f["rule"] == "OPEN-02" and f["status"] == "fail"]
    assert len(failing) == 1, ctx["json"]["findings"]
    finding = failing[0]
    (element,) = finding["elements"]
    assert {k: element[k] for k in ("handle", "layer", "storey")} == {
        "handle": door.dxf.handle,
        "layer": "A-DOOR",
        "storey": "Storey 1",
    }
    # A convention door states what it is: its block attributes, not a guess.
    assert element["recognised_by"] == "block-attributes" and element["inferred"] is False
    assert finding["measured"]["value"] == "RC1" and "RC2" in finding["required"]["value"]
    assert finding["geometry"] and finding["geometry"][0]["type"] == "LineString"


@then(parsers.parse('standard output is one JSON document with verdict "{verdict}"'))
def stdout_json(ctx, verdict):
    data = json.loads(ctx["run"].stdout)
    assert data["verdict"] == verdict


@then(parsers.parse('the preflight JSON lists the front door as missing "{tag}"'))
def preflight_json_missing(ctx, tag):
    report = json.loads((ctx["tmp"] / "preflight.json").read_text(encoding="utf-8"))
    door = _front_door(ctx)
    (gap,) = report["missing_attributes"]
    assert gap["handle"] == door.dxf.handle
    assert [m["tag"] for m in gap["missing"]] == [tag]
    assert report["ready"] is False
    assert report["counts"]["doors"] == 1


@then("the template has a layer for every role")
def template_layers(ctx):
    doc = ezdxf.readfile(ctx["tmp"] / "start.dxf")
    names = {layer.dxf.name for layer in doc.layers}
    assert set(ROLE_LAYERS.values()) <= names
    assert doc.header["$INSUNITS"] == 4


@then("the template's DOOR and WINDOW blocks define every convention attribute")
def template_blocks(ctx):
    doc = ezdxf.readfile(ctx["tmp"] / "start.dxf")
    for name in ("DOOR", "WINDOW"):
        tags = {a.dxf.tag for a in doc.blocks[name].query("ATTDEF")}
        assert tags == set(ATTRIBUTE_TAGS), (name, tags)
    assert "LIGHT" in doc.blocks


@when(parsers.parse('I run "annex {arguments}" with a terminal for errors'))
def run_with_terminal(ctx, arguments):
    """stderr on a pseudo-terminal, as when a person runs the command."""
    controller, terminal = pty.openpty()
    try:
        words = [w.replace("{plan}", str(plan_path(ctx))) for w in shlex.split(arguments)]
        save_all(ctx)
        run = subprocess.run(
            [sys.executable, "-m", "checker.cli", *words],
            stdout=subprocess.PIPE,
            stderr=terminal,
            cwd=ctx["tmp"],
            timeout=120,
        )
        os.close(terminal)
        terminal = None
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            chunks.append(chunk)
        ctx["terminal"] = b"".join(chunks).decode("utf-8", "replace")
        assert run.returncode == 0, ctx["terminal"]
    finally:
        if terminal is not None:
            os.close(terminal)
        os.close(controller)


@then(parsers.parse('the terminal showed "{first}" and "{second}"'))
def terminal_showed(ctx, first, second):
    assert first in ctx["terminal"] and second in ctx["terminal"], ctx["terminal"]


@then("standard error is empty")
def stderr_empty(ctx):
    assert ctx["run"].stderr == ""


@then(parsers.parse("the output equals docs/{name}"))
def output_equals_doc(ctx, name):
    assert ctx["run"].stdout == (REPO / "docs" / name).read_text(encoding="utf-8"), (
        f"docs/{name} is stale: run `make docs`"
    )
