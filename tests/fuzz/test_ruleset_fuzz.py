"""Any ruleset file ends in a result or in one sentence, never in a traceback or a crashed rule.

Rulesets are drawn near the schema: a [ruleset] header, a [reach] table and
[rules.ID] tables for the real rules with each parameter's value of its kind, with
and without its unit, out of range, or of another TOML type; an ``extends`` of a
shipped ruleset, of itself, or of junk. Each goes through
``annex check house.dxf --ruleset FILE``, so a ruleset that reads is run on a plan,
and in a forked process: a parameter such as a sight-line spacing of a micrometre
can make a rule a memory bomb.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from checker.errors import RulesetError
from checker.plan import GLAZING_CLASSES, RESISTANCE_CLASSES, AccessLevel
from checker.rules import catalogue
from checker.rulesets import REACH_PARAMETERS, RULESET_DIR, available, load_ruleset

from .conftest import cases
from .harness import assert_ends_well, run_forked
from .plans import house
from .strategies import FLOATS, INTEGERS, JUNK, NOT_TEXT, TEXT, maybe_junk, mutated_bytes, one_in, toml_text

RULES = catalogue()
NAME = "fuzzed"  # the header's name must be the file's


def numbers_as_text():
    return st.one_of(
        st.sampled_from(
            ["0", "1", "0.5", "600", "-1", "0.000001", "1" + "0" * 30, "9" * 400, "1.", ".5", "1e3", "nan", "inf"]
        ),
        st.integers(0, 5000).map(str),
        st.floats(0, 100, allow_nan=False).map(lambda f: f"{f:.3f}"),
    )


def quantity(kind: str):
    units = {
        "length": ["m", "mm", "cm", "M", "in", "deg"],
        "angle": ["deg", "degrees", "°", "m"],
        "area": ["m2", "mm2", "m"],
    }[kind]
    spaced = st.tuples(numbers_as_text(), st.sampled_from(["", " ", "  "]), st.sampled_from(units + [""]))
    return st.one_of(spaced.map("".join), FLOATS, INTEGERS)


def value_of(kind: str):
    if kind in ("length", "angle", "area"):
        return quantity(kind)
    return {
        "count": st.one_of(st.integers(0, 100), INTEGERS, FLOATS),
        "number": st.one_of(FLOATS, INTEGERS),
        "bool": st.booleans(),
        "list": st.lists(
            st.sampled_from(["ENTRANCE", "COMMUNAL", "GARAGE", "PAS 24:2022", "EN 1627"]) | TEXT, max_size=3
        ),
        "glazing": st.sampled_from(list(GLAZING_CLASSES) + ["p4a", "P9Z", ""]),
        "access": st.sampled_from([a.value for a in AccessLevel] + ["fob", "LASER", ""]),
        "class": st.sampled_from(list(RESISTANCE_CLASSES) + ["rc3", "RC7", ""]),
    }.get(kind, TEXT)


@st.composite
def rule_table(draw, rule_id: str) -> dict:
    rule = RULES[rule_id]
    table = {}
    if draw(one_in(3)):
        table["severity"] = draw(maybe_junk(st.sampled_from(["error", "warning", "ERROR", "info"])))
    if draw(one_in(8)):
        table["enabled"] = draw(maybe_junk(st.booleans()))
    for parameter in rule.parameters:
        if draw(st.booleans()):
            table[parameter.name] = draw(maybe_junk(value_of(parameter.kind)))
    if draw(one_in(5)):
        names = [p.name for p in rule.parameters]
        table["provisional"] = draw(
            maybe_junk(st.lists(st.sampled_from(names + ["nothing"]) | NOT_TEXT if names else TEXT, max_size=3))
        )
    if draw(one_in(12)):
        table[draw(TEXT)] = draw(JUNK)
    return table


@st.composite
def rulesets(draw) -> dict:
    header = {
        "name": NAME if not draw(one_in(12)) else draw(maybe_junk(TEXT)),
        "title": draw(maybe_junk(st.sampled_from(["Fuzzed rules"]) | TEXT)),
        "jurisdiction": draw(maybe_junk(st.sampled_from(["XX"]))),
        "version": draw(maybe_junk(st.sampled_from(["0.1"]))),
        "status": draw(maybe_junk(st.sampled_from(["provisional", "final", "draft"]))),
    }
    for key in list(header):
        if draw(one_in(15)):
            del header[key]
    if draw(st.booleans()):
        header["sources"] = draw(maybe_junk(st.lists(TEXT, max_size=2)))
    if draw(one_in(3)):
        header["extends"] = draw(
            maybe_junk(st.sampled_from(available() + [NAME, "nowhere", "../rulesets/uk-adq-sbd", ""]), junk_share=4)
        )
    document: dict = {"ruleset": draw(maybe_junk(st.just(header), junk_share=30))}
    if draw(st.booleans()):
        reach = {p.name: draw(maybe_junk(value_of(p.kind))) for p in REACH_PARAMETERS if draw(st.booleans())}
        if draw(one_in(4)):
            reach["provisional"] = draw(
                maybe_junk(st.lists(st.sampled_from([p.name for p in REACH_PARAMETERS] + ["x"]) | NOT_TEXT, max_size=3))
            )
        document["reach"] = draw(maybe_junk(st.just(reach), junk_share=20))
    ids = draw(st.lists(st.sampled_from(sorted(RULES) + ["XXX-99"]), unique=True, max_size=6))
    document["rules"] = {rule_id: draw(rule_table(rule_id)) if rule_id in RULES else draw(JUNK) for rule_id in ids}
    if draw(one_in(20)):
        document[draw(TEXT)] = draw(JUNK)
    return document


@pytest.fixture(scope="module")
def ruleset_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ruleset-fuzz")
    house("mm").save(folder / "house.dxf")
    return folder


def check_ruleset(folder: Path, data: bytes) -> None:
    path = folder / f"{NAME}.toml"
    path.write_bytes(data)
    try:  # the parser alone: a RulesetError or a ruleset, never anything else
        load_ruleset(path)
    except RulesetError as exc:
        assert "\n" not in exc.message, exc.message
    outcome = run_forked(["check", folder / "house.dxf", "--ruleset", path, "--quiet"], seconds=30)
    event(f"exit {outcome.status}")
    assert_ends_well(outcome)


HEADER = {"name": NAME, "title": "Fuzzed rules", "jurisdiction": "XX", "version": "0.1", "status": "provisional"}


@cases(70)
@given(document=rulesets())
# Crashes the fuzzer found, kept: a zero sampling step (ZeroDivisionError in ENTR-02), a
# number as the ruleset extended (TypeError), provisional lists holding lists or tables;
# beside them the refusals that came with the fixes: a micrometre step, an infinite length.
@example(document={"ruleset": HEADER, "rules": {"ENTR-02": {"spacing": "0m"}}})
@example(document={"ruleset": HEADER, "rules": {"ENTR-02": {"spacing": "0.000001 m"}}})
@example(document={"ruleset": {**HEADER, "extends": 0.0}, "rules": {}})
@example(document={"ruleset": HEADER, "reach": {"provisional": [[1]]}})
@example(document={"ruleset": HEADER, "rules": {"ENTR-01": {"provisional": [{"a": 1}]}}})
@example(document={"ruleset": HEADER, "rules": {"ENTR-02": {"max_distance": "9" * 400 + " m"}}})
def test_every_ruleset_ends_in_a_result_or_one_sentence(ruleset_folder, document):
    check_ruleset(ruleset_folder, toml_text(document).encode("utf-8"))


@cases(25)
@example(data=b"\x80 not UTF-8\n[ruleset]\n")  # UnicodeDecodeError, found by the fuzzer
@given(
    data=mutated_bytes(
        (RULESET_DIR / "uk-adq-sbd.toml").read_bytes().replace(b'name = "uk-adq-sbd"', f'name = "{NAME}"'.encode()),
        max_mutations=6,
    )
)
def test_every_damaged_ruleset_ends_in_a_result_or_one_sentence(ruleset_folder, data):
    check_ruleset(ruleset_folder, data)
