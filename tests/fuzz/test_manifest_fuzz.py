"""Any project.toml ends in a result or in one sentence, never in a traceback.

Manifests are drawn near the schema ([project], [[storeys]], [layers], schedule)
with right and wrong values of every TOML type, and as byte mutations of a valid
manifest; each goes through ``annex preflight project.toml`` in this process. The
storeys' files are real small plans written by ezdxf, so a valid manifest is read
to the end, schedule included.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from checker.errors import ManifestError
from checker.reading.manifest import load_project_spec

from .conftest import cases
from .harness import assert_ends_well, run_in_process
from .plans import house
from .strategies import FLOATS, INTEGERS, JUNK, LONG_TEXT, TEXT, maybe_junk, mutated_bytes, one_in, toml_text

VALID = """\
[project]
name = "Two storeys"
permit = "P-42"
dwellings = 1
units = "mm"
schedule = "openings.csv"

[[storeys]]
name = "Ground"
file = "ground.dxf"
elevation = 0.0
region = [-25000, -15000, 35000, 12000]

[[storeys]]
name = "First"
file = "first.dxf"
elevation = 2.8
units = "m"

[layers]
walls = ["A-WALL*", "Wand (neu)"]
none = ["A-ANNO*"]
"""
FILES = [
    "ground.dxf",
    "first.dxf",
    "missing.dxf",
    "empty.dxf",
    "notes.txt",
    "sub",
    "sub/",
    ".",
    "",
    "..",
    "project.toml",
    "openings.csv",
    "GROUND.DXF",
    "/dev/null",
    "ground.dxf\x00x",
]
UNITS = ["mm", "cm", "m", "in", "ft", "millimetres", "Metres", " mm ", "furlong", "", "MM", "yd", "0"]


@pytest.fixture(scope="module")
def project_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("manifest-fuzz")
    house("mm").save(folder / "ground.dxf")
    house("m").save(folder / "first.dxf")
    (folder / "empty.dxf").write_bytes(b"")
    (folder / "notes.txt").write_text("not a drawing\n")
    (folder / "sub").mkdir()
    # The schedule of the valid manifest's own storeys, as `annex schedule` writes it.
    (folder / "base.toml").write_text(VALID.replace('schedule = "openings.csv"\n', ""), encoding="utf-8")
    assert run_in_process(["schedule", folder / "base.toml", "-o", folder / "openings.csv", "--quiet"]).status == 0
    return folder


def region_values():
    number = st.one_of(st.integers(-40000, 40000), FLOATS)
    return st.one_of(
        st.lists(number, min_size=4, max_size=4),
        st.lists(number, max_size=6),
        st.just([-25000, -15000, 35000, 12000]),
        st.just([0, 0, 1, 1]),
    )


@st.composite
def table(draw, required: dict, optional: dict, drop_required: int = 10, unknown: int = 10) -> dict:
    """A table with the required keys (each left out once in ``drop_required``), some of
    the optional ones, and once in ``unknown`` a key the schema does not have."""
    result = {key: draw(value) for key, value in required.items() if not draw(one_in(drop_required))}
    result |= draw(st.fixed_dictionaries({}, optional=optional))
    if draw(one_in(unknown)):
        result[draw(TEXT)] = draw(JUNK)
    return result


def storey_tables():
    return table(
        required={
            "name": maybe_junk(st.sampled_from(["Ground", "First", "ground", "طبقه"]) | TEXT),
            "file": maybe_junk(st.sampled_from(FILES[:2]) | st.sampled_from(FILES) | LONG_TEXT),
        },
        optional={
            "elevation": maybe_junk(FLOATS | INTEGERS | st.sampled_from([0, 2.8, -3.0, 1000, 1001])),
            "units": maybe_junk(st.sampled_from(UNITS)),
            "region": maybe_junk(region_values()),
        },
    )


def project_tables():
    return table(
        required={"name": maybe_junk(st.sampled_from(["House", "بنا", "Two storeys"]) | TEXT)},
        optional={
            "address": maybe_junk(TEXT),
            "permit": maybe_junk(TEXT),
            "municipality": maybe_junk(TEXT),
            "architect": maybe_junk(TEXT),
            "ruleset": maybe_junk(
                st.sampled_from(["ir-police-annex", "uk-adq-sbd", "nl-bouwbesluit", "nowhere", "../x"]) | TEXT
            ),
            "dwellings": maybe_junk(st.integers(0, 4) | INTEGERS),
            "units": maybe_junk(st.sampled_from(UNITS)),
            "schedule": maybe_junk(
                st.sampled_from(["openings.csv", "missing.csv", "ground.dxf", "notes.txt", "x.xlsx", "sub", ""])
            ),
        },
    )


def layer_tables():
    roles = st.sampled_from(
        [
            "walls",
            "doors",
            "windows",
            "spaces",
            "access",
            "site",
            "public",
            "fences",
            "lights",
            "none",
            "Walls",
            "NONE",
            "roof",
            "",
        ]
    )
    patterns = st.one_of(TEXT, st.lists(TEXT, max_size=3), JUNK)
    return maybe_junk(st.dictionaries(roles, patterns, max_size=4))


def manifests():
    return table(
        required={
            "project": maybe_junk(project_tables(), junk_share=30),
            "storeys": maybe_junk(st.lists(storey_tables(), min_size=1, max_size=3), junk_share=30),
        },
        optional={
            "layers": layer_tables(),
            "schedule": maybe_junk(st.sampled_from(["openings.csv", "missing.csv"])),
        },
    )


def check_manifest(folder: Path, data: bytes) -> None:
    path = folder / "project.toml"
    path.write_bytes(data)
    # The parser alone: a ManifestError or a spec, never anything else.
    try:
        load_project_spec(path)
    except ManifestError as exc:
        assert "\n" not in exc.message, exc.message
    outcome = run_in_process(["preflight", path, "--quiet"])
    event(f"exit {outcome.status}")  # --hypothesis-show-statistics: how deep the cases reach
    assert_ends_well(outcome)


@cases(150)
@given(table=manifests())
@example(table={"project": {"name": "House"}, "storeys": [{"name": "G", "file": "ground.dxf\x00x"}]})
@example(table={"project": {"name": "House"}, "storeys": [{"name": "G", "file": "ground.dxf", "elevation": 10**400}]})
@example(table={"project": {"name": "House"}, "storeys": [{"name": "G", "file": "x" * 300 + ".dxf"}]})
@example(table={"project": {"name": "House"}, "storeys": [{"name": "G", "file": "/dev/null"}]})
def test_every_manifest_ends_in_a_result_or_one_sentence(project_folder, table):
    check_manifest(project_folder, toml_text(table).encode("utf-8"))


@cases(60)
@given(data=mutated_bytes(VALID.encode("utf-8"), max_mutations=6))
def test_every_damaged_manifest_ends_in_a_result_or_one_sentence(project_folder, data):
    check_manifest(project_folder, data)


def test_the_valid_manifest_is_read_to_the_end(project_folder):
    """The seed of the mutations reads, so that its mutations start from a manifest that works."""
    path = project_folder / "project.toml"
    path.write_text(VALID, encoding="utf-8")
    outcome = run_in_process(["preflight", path, "--quiet"])
    assert outcome.status == 0, outcome.stderr
    assert_ends_well(outcome)
