"""Any [layers] mapping ends in a result or in one sentence, and any layer name gets a role or none.

A mapping is a ``{role: [pattern, ...]}`` table (in project.toml, or a file given with
``--layers``). Tables are drawn with right and wrong roles and patterns of every
TOML type (fnmatch's own characters among them); mapping files go through
``annex preflight house.dxf --layers FILE`` in this process, so a mapping that sends
the house's walls to doors is read to the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from checker.errors import ManifestError
from checker.reading.layers import LayerMapping, LayerRole, Role

from .conftest import cases
from .harness import assert_ends_well, run_in_process
from .plans import house
from .strategies import JUNK, TEXT, maybe_junk, mutated_bytes, one_in, toml_text

ROLE_KEYS = [r.value for r in Role] + ["none", "Walls", "NONE", "DOORS", "roof", "", "wall"]
# The house's own layers, patterns that catch them, and fnmatch's special characters.
PATTERNS = [
    "A-WALL",
    "A-WALL*",
    "A-DOOR",
    "A-GLAZ*",
    "C-ROAD*",
    "E-LITE",
    "A.Wall_Internal",
    "*",
    "?",
    "[",
    "[!A]*",
    "[a-",
    "[z-a]",
    "**",
    "A-*-*",
    "\\",
    "0",
    "Defpoints",
    "دیوار",
    " ",
    "A WALL",
]
LAYER_NAMES = st.one_of(st.sampled_from(PATTERNS), TEXT, st.text(alphabet="AWDLOR-_. *?[]!0123", max_size=20))


def mapping_tables():
    patterns = st.one_of(st.sampled_from(PATTERNS), st.lists(st.sampled_from(PATTERNS) | TEXT, min_size=1, max_size=3))
    return st.dictionaries(st.sampled_from(ROLE_KEYS) | TEXT, maybe_junk(patterns), max_size=5)


@pytest.fixture(scope="module")
def house_plan(tmp_path_factory) -> Path:
    return house("mm").save(tmp_path_factory.mktemp("layers-fuzz") / "house.dxf")


@cases(100)
@given(table=maybe_junk(mapping_tables(), junk_share=10), names=st.lists(LAYER_NAMES, max_size=6))
def test_every_mapping_table_is_read_or_refused_and_every_layer_name_gets_a_role_or_none(table, names):
    try:
        mapping = LayerMapping.from_table(table, "project.toml [layers]")
    except ManifestError as exc:
        assert "\n" not in exc.message, exc.message
        mapping = LayerMapping()
    for name in names:
        explained = mapping.explain(name)
        assert isinstance(explained, LayerRole)
        assert explained.role is None or isinstance(explained.role, Role)


@cases(60)
@given(table=maybe_junk(mapping_tables(), junk_share=10), nested=st.booleans(), extra=one_in(8), junk=JUNK)
def test_every_mapping_file_ends_in_a_result_or_one_sentence(house_plan, table, nested, extra, junk):
    # Role keys at the top of the file, or in a [layers] table (junk can only be the latter).
    document = dict(table) if isinstance(table, dict) and not nested else {"layers": table}
    if extra:
        document["other"] = junk
    check_mapping_file(house_plan, toml_text(document).encode("utf-8"))


@cases(30)
@given(data=mutated_bytes(b'[layers]\nwalls = ["A-WALL*", "Wand (neu)"]\ndoors = "A-DOOR"\nnone = ["A-ANNO*"]\n'))
def test_every_damaged_mapping_file_ends_in_a_result_or_one_sentence(house_plan, data):
    check_mapping_file(house_plan, data)


def check_mapping_file(house_plan: Path, data: bytes) -> None:
    path = house_plan.parent / "layers.toml"
    path.write_bytes(data)
    outcome = run_in_process(["preflight", house_plan, "--layers", path, "--quiet"])
    event(f"exit {outcome.status}")
    assert_ends_well(outcome)
