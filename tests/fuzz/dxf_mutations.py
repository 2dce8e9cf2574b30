"""Mutations of DXF files, drawn by hypothesis so that a failure shrinks to a few edits.

An ASCII DXF is a list of (group code, value) line pairs. The mutations work on
those pairs where they can (a number made extreme, a group code changed, pairs
dropped, repeated, swapped or spliced in from another seed, a header variable
changed, an entity with extreme geometry inserted, the file cut short) and on raw
bytes otherwise (binary DXF, and a byte flip now and then). Positions are drawn as
indices into the seed's own pairs, so every mutation lands somewhere that matters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

BINARY_SENTINEL = b"AutoCAD Binary DXF"
# Values that have broken readers: extremes, non-numbers, empties, long and odd text.
NUMBERS = [
    b"0",
    b"-0",
    b"1",
    b"-1",
    b"1e300",
    b"-1e300",
    b"1e-300",
    b"nan",
    b"inf",
    b"-inf",
    b"1e308",
    b"4294967296",
    b"-2147483649",
    b"99999999999999999999999",
    b"0.0000001",
    b"1E+05",
    b"1,5",
    b"",
    b" ",
]
TEXTS = [
    b"",
    b" ",
    b"A-WALL",
    b"A-DOOR",
    b"0",
    b"*Model_Space",
    b"DOOR",
    b"\xd8\xaf\xdb\x8c\xd9\x88\xd8\xa7\xd8\xb1",
    b"\xff\xfe",
    b"\\U+0645",
    b"\\U+D800",
    b"\\U+",
    b"%%c",
    b"{\\fArial|b1;x}",
    b"x" * 3000,
    b"\x00",
    b"EOF",
    b"SECTION",
]
CODES = [
    b"0",
    b"2",
    b"5",
    b"8",
    b"9",
    b"10",
    b"20",
    b"30",
    b"39",
    b"40",
    b"41",
    b"42",
    b"50",
    b"51",
    b"62",
    b"66",
    b"70",
    b"71",
    b"72",
    b"73",
    b"90",
    b"100",
    b"330",
    b"999",
    b"1001",
    b"-1",
    b"x",
    b"",
]
HEADER_VARIABLES = {
    b"$INSUNITS": [b"0", b"1", b"4", b"6", b"21", b"99", b"-4", b"x"],
    b"$ACADVER": [b"AC1009", b"AC1015", b"AC1032", b"AC9999", b"AC", b""],
    b"$DWGCODEPAGE": [b"ANSI_1252", b"ANSI_1256", b"DOS720", b"UTF8", b"BIG5", b"ANSI_9999", b""],
    b"$EXTMIN": [b"1e300", b"nan", b"-1e300"],
    b"$EXTMAX": [b"1e300", b"nan", b"0"],
}
# Entities with geometry at the edges of what floats hold; the layer gives them a role.
ENTITIES = [
    b"0\nLINE\n8\nA-WALL\n10\n{x}\n20\n{y}\n30\n0\n11\n{x2}\n21\n{y}\n31\n0\n",
    b"0\nCIRCLE\n8\nA-WALL\n10\n{x}\n20\n{y}\n30\n0\n40\n{r}\n",
    b"0\nARC\n8\nA-DOOR\n10\n{x}\n20\n{y}\n30\n0\n40\n{r}\n50\n0\n51\n{a}\n",
    b"0\nLWPOLYLINE\n100\nAcDbEntity\n8\nA-AREA\n100\nAcDbPolyline\n90\n3\n70\n1\n10\n{x}\n20\n{y}\n10\n{x2}\n20\n{y}\n42\n{b}\n10\n{x}\n20\n{x2}\n",
    b"0\nTEXT\n8\nA-AREA\n10\n{x}\n20\n{y}\n30\n0\n40\n{r}\n1\n{t}\n",
    b"0\nELLIPSE\n100\nAcDbEntity\n8\nA-WALL\n100\nAcDbEllipse\n10\n{x}\n20\n{y}\n30\n0\n11\n{r}\n21\n0\n31\n0\n40\n{b}\n41\n0\n42\n{a}\n",
    b"0\nINSERT\n8\nA-DOOR\n2\n{block}\n10\n{x}\n20\n{y}\n30\n0\n41\n{r}\n42\n{r}\n50\n{a}\n",
]
FILLERS = {
    "x": NUMBERS,
    "y": NUMBERS,
    "x2": NUMBERS,
    "r": NUMBERS,
    "a": NUMBERS,
    "b": NUMBERS,
    "t": TEXTS,
    "block": [b"DOOR", b"WINDOW", b"*Model_Space", b"NOSUCH", b""],
}
_NUMBER = re.compile(rb"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")


@dataclass(frozen=True)
class Seed:
    name: str  # a failure report shows only the name: the rest is megabytes
    data: bytes = field(repr=False)
    binary: bool = field(repr=False)
    lines: tuple[bytes, ...] = field(repr=False)  # without line ends; () for binary
    numeric: tuple[int, ...] = field(repr=False)  # indices of value lines that hold numbers
    headers: dict[bytes, int] = field(repr=False)  # header variable -> index of its value line
    entities: tuple[int, ...] = field(repr=False)  # indices of "0" code lines in ENTITIES (where to insert one)


@cache
def load_seed(path: Path) -> Seed:
    data = Path(path).read_bytes()
    if data.startswith(BINARY_SENTINEL):
        return Seed(path.name, data, True, (), (), {}, ())
    lines = tuple(data.replace(b"\r\n", b"\n").split(b"\n"))
    numeric, headers, entities = [], {}, []
    in_entities = False
    for i in range(0, len(lines) - 1, 2):
        code, value = lines[i].strip(), lines[i + 1].strip()
        if code in (
            b"10",
            b"20",
            b"11",
            b"21",
            b"40",
            b"41",
            b"42",
            b"43",
            b"44",
            b"45",
            b"50",
            b"51",
            b"70",
            b"71",
            b"90",
            b"38",
            b"39",
        ) and _NUMBER.match(value):
            numeric.append(i + 1)
        if code == b"9" and value in HEADER_VARIABLES:
            headers[value] = i + 3
        if code == b"2":
            in_entities = value == b"ENTITIES" or (in_entities and value != b"OBJECTS")
        if code == b"0" and value == b"ENDSEC":
            in_entities = False
        if in_entities and code == b"0":
            entities.append(i)
    return Seed(path.name, data, False, lines, tuple(numeric), headers, tuple(entities))


def _index(n: int):
    return st.integers(0, max(n - 1, 0))


@st.composite
def mutation(draw, seed: Seed, others: list[Seed]):
    """One edit, as a tuple that reads in a failure report: ("numeric", 1234, b"1e300")."""
    if seed.binary:
        return ("bytes", draw(_index(len(seed.data))), draw(st.binary(min_size=1, max_size=4)))
    kinds = ["numeric", "value", "code", "drop", "repeat", "swap", "splice", "cut", "bytes", "header", "entity"]
    kind = draw(st.sampled_from(kinds))
    pairs = len(seed.lines) // 2
    if kind == "numeric" and seed.numeric:
        return (kind, draw(st.sampled_from(seed.numeric)), draw(st.sampled_from(NUMBERS)))
    if kind == "header" and seed.headers:
        variable = draw(st.sampled_from(sorted(seed.headers)))
        return (kind, variable, draw(st.sampled_from(HEADER_VARIABLES[variable])))
    if kind == "entity" and seed.entities:
        template = draw(st.sampled_from(ENTITIES))
        fields = {name: draw(st.sampled_from(values)) for name, values in FILLERS.items()}
        return (kind, draw(st.sampled_from(seed.entities)), _fill(template, fields))
    if kind == "value":
        return (kind, 2 * draw(_index(pairs)) + 1, draw(st.sampled_from(NUMBERS + TEXTS)))
    if kind == "code":
        return (kind, 2 * draw(_index(pairs)), draw(st.sampled_from(CODES)))
    if kind in ("drop", "repeat"):
        return (kind, 2 * draw(_index(pairs)), draw(st.integers(1, 12)), draw(st.integers(1, 3)))
    if kind == "swap":
        return (kind, 2 * draw(_index(pairs)), 2 * draw(_index(pairs)))
    if kind == "splice" and others:
        other = draw(st.sampled_from(others))
        start = 2 * draw(_index(len(other.lines) // 2))
        return (kind, 2 * draw(_index(pairs)), other.lines[start : start + 2 * draw(st.integers(1, 40))])
    if kind == "cut":
        return (kind, draw(_index(len(seed.lines))))
    return ("bytes", draw(_index(len(seed.data))), draw(st.binary(min_size=1, max_size=4)))


def _fill(template: bytes, fields: dict[str, bytes]) -> bytes:
    for name, value in fields.items():
        template = template.replace(b"{" + name.encode() + b"}", value)
    return template


def apply(seed: Seed, mutations: list[tuple]) -> bytes:
    """The seed's bytes with ``mutations`` applied in order (line edits first, then bytes)."""
    lines = list(seed.lines)
    byte_edits = []
    for edit in mutations:
        kind = edit[0]
        if kind == "bytes":
            byte_edits.append(edit)
        elif kind in ("numeric", "value", "code"):
            if edit[1] < len(lines):
                lines[edit[1]] = edit[2]
        elif kind == "header":
            at = seed.headers[edit[1]]
            if at < len(lines):
                lines[at] = edit[2]
        elif kind == "entity":
            lines[edit[1] : edit[1]] = edit[2].rstrip(b"\n").split(b"\n")
        elif kind == "drop":
            del lines[edit[1] : edit[1] + 2 * edit[2]]
        elif kind == "repeat":
            chunk = lines[edit[1] : edit[1] + 2 * edit[2]]
            lines[edit[1] : edit[1]] = chunk * edit[3]
        elif kind == "swap":
            a, b = edit[1], edit[2]
            if b + 1 < len(lines) and a + 1 < len(lines):
                lines[a : a + 2], lines[b : b + 2] = lines[b : b + 2], lines[a : a + 2]
        elif kind == "splice":
            lines[edit[1] : edit[1]] = list(edit[2])
        elif kind == "cut":
            del lines[edit[1] :]
    data = b"\n".join(lines) if not seed.binary else seed.data
    if byte_edits:
        data = bytearray(data)
        for _, at, replacement in byte_edits:
            if data:
                at = min(at, len(data) - 1)
                data[at : at + len(replacement)] = replacement
        data = bytes(data)
    return data
