"""Steps for files.feature: devices, named pipes, folders, files past the size limit or
growing while read, and links to ordinary plans, each met by a real ``annex`` process."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pytest_bdd import given, parsers, scenarios, then

from checker.reading.dxf.starter import PlanDrawing

from .conftest import draw_house

# The shared process steps: pytest-bdd registers a step as a fixture in the module that
# defines it, so they come over with a star import.
from .limited_process import *  # noqa: F401,F403

scenarios("files.feature")

MANIFEST = """[project]
name = "Limits"

[[storeys]]
name = "First floor"
file = "first.dxf"
elevation = 0.0
"""


def _project(ctx) -> Path:
    folder = ctx["tmp"] / "project"
    folder.mkdir(exist_ok=True)
    (folder / "project.toml").write_text(MANIFEST, encoding="utf-8")
    return folder


def _complying_plan(path: Path) -> None:
    drawing = PlanDrawing("mm")
    draw_house(drawing, ROLE="ENTRANCE", RC="RC2", CERT="PAS 24:2022", GLAZING="NONE", VIEWER="YES")
    drawing.save(path)


def _make(path: Path, what: str) -> None:
    """``what``: 'a named pipe', 'a folder' or 'a link to "<target>"'."""
    if what == "a named pipe":
        os.mkfifo(path)
    elif what == "a folder":
        path.mkdir()
    elif what.startswith("a link to "):
        path.symlink_to(what.removeprefix("a link to ").strip('"'))
    else:
        raise ValueError(what)


@given(parsers.parse('a project whose storey file first.dxf is a link to "{device}"'))
def storey_links_to_device(ctx, device):
    (_project(ctx) / "first.dxf").symlink_to(device)


@given("a project whose storey file first.dxf is a named pipe")
def storey_is_fifo(ctx):
    os.mkfifo(_project(ctx) / "first.dxf")


@given(parsers.parse("the file {name} in the folder is {what}"))
def file_in_folder_is(ctx, name, what):
    _make(ctx["tmp"] / name, what)


@given("a project whose storey file first.dxf is an ordinary plan padded to 3 MB")
def storey_padded(ctx):
    plan = ctx["tmp"] / "plain.dxf"
    _complying_plan(plan)
    data = plan.read_bytes()
    # DXF comments (group 999) before the first section: the plan itself is unchanged.
    line = b"999\n" + b"padding " * 30 + b"\n"
    room = 3_000_000 - len(data)
    padding = line * (room // len(line))
    padding += b"999\n" + b"x" * (room - len(padding) - 5) + b"\n"
    (_project(ctx) / "first.dxf").write_bytes(padding + data)
    assert (_project(ctx) / "first.dxf").stat().st_size == 3_000_000


@given(parsers.parse("a project whose storey file first.dxf holds {megabytes:d} MB"))
def storey_of_size(ctx, megabytes):
    path = _project(ctx) / "first.dxf"
    with open(path, "wb") as handle:
        handle.write(b"  0\nSECTION\n")
        handle.truncate(megabytes * 1_000_000)  # sparse: zeros that take no disk
    ctx.setdefault("grow", {})["first.dxf"] = path


@given("a project whose storey file first.dxf is a link to a complying plan in a sibling folder")
def storey_links_to_plan(ctx):
    drawings = ctx["tmp"] / "drawings"
    drawings.mkdir()
    target = drawings / "real-plan-v7.dxf"
    _complying_plan(target)
    (_project(ctx) / "first.dxf").symlink_to(Path("..") / "drawings" / target.name)
    ctx["linked"] = target


@then("the JSON names the storey's file as the manifest does, with the linked plan's SHA-256")
def json_names_link(ctx):
    data = json.loads((ctx["tmp"] / "results.json").read_text(encoding="utf-8"))
    (entry,) = data["inputs"]
    assert Path(entry["file"]).name == "first.dxf", entry["file"]
    assert "real-plan" not in json.dumps(data) and "drawings" not in entry["file"], entry["file"]
    assert entry["sha256"] == hashlib.sha256(ctx["linked"].read_bytes()).hexdigest()
