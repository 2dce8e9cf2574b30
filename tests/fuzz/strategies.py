"""Hypothesis strategies shared by the parser fuzz tests, and a small TOML writer.

Inputs are drawn near the schema (the right keys with values of every TOML type,
right or wrong), not as random bytes alone: that is how a parser's checks are
reached one after another. Byte mutations of a valid text reach the TOML and UTF-8
layers beneath them.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import strategies as st

# Text that is hard on parsers: control characters, NUL, bidi marks, Persian, path characters.
AWKWARD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\t",
        "\x00",
        "\n",
        "a\nb",
        "..",
        "/",
        "\\",
        "*",
        "[",
        "[!",
        "]",
        "?",
        "~",
        "%s",
        "{0}",
        "\u202e",
        "\ufeff",
        "دیوار",
        "Wand (neu)",
        "A-WALL",
        "e\u0301",
        "\U0001f600",
    ]
)
LONG_TEXT = st.integers(250, 5000).map(lambda n: "x" * n)  # past a file name's 255 bytes
TEXT = st.one_of(st.text(max_size=30), AWKWARD_TEXT, LONG_TEXT)
FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1e300, -1e300, 5e-324, 1e-9, 2.8, 1000.0, 1000.0000001]),
)
INTEGERS = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, 1, -1, 2**64, -(2**70)]),
    st.integers(300, 400).map(lambda n: -(10**n)),  # TOML integers have no size limit in tomllib
)
DATETIMES = st.one_of(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
    st.dates(),
    st.times().map(lambda t: t.replace(microsecond=0)),
)
SCALARS = st.one_of(TEXT, FLOATS, INTEGERS, st.booleans(), DATETIMES)
# Any TOML value: scalars, arrays and tables of them, a little nested.
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)


# A value of any type but text: where a parser expects a string, the type confusion it must refuse.
NOT_TEXT = st.one_of(
    FLOATS,
    INTEGERS,
    st.booleans(),
    DATETIMES,
    st.lists(SCALARS, min_size=1, max_size=3),
    st.lists(st.lists(TEXT, max_size=2), min_size=1, max_size=2),
    st.dictionaries(TEXT, SCALARS, min_size=1, max_size=2),
)


def one_in(n: int) -> st.SearchStrategy:
    """True about once in ``n`` draws. False is the simplest choice (index 0), which
    hypothesis falls back to when it fills long examples; True the last."""
    return st.sampled_from(range(n)).map(lambda i: i == n - 1)


def maybe_junk(strategy: st.SearchStrategy, junk_share: int = 14) -> st.SearchStrategy:
    """``strategy`` most of the time, once in ``junk_share + 1`` any TOML value (half the
    time one that is not text)."""
    return one_in(junk_share + 1).flatmap(lambda junk: st.one_of(JUNK, NOT_TEXT) if junk else strategy)


def toml_text(table: dict) -> str:
    """``table`` as a TOML document: every top-level key a ``key = value`` line (inline
    tables and arrays below it), which tomllib reads back as the same dict."""
    return "".join(f"{_key(key)} = {_value(value)}\n" for key, value in table.items())


def _key(key: str) -> str:
    return _string(key)


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters (DEL too) escaped."""
    escaped = "".join(
        "\\" + char if char in '"\\' else f"\\u{ord(char):04x}" if ord(char) < 0x20 or ord(char) == 0x7F else char
        for char in text
    )
    return f'"{escaped}"'


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no TOML for {value!r}")


@st.composite
def mutated_bytes(draw, data: bytes, max_mutations: int = 4) -> bytes:
    """``data`` with a few bytes flipped, dropped, inserted or the end cut off."""
    data = bytearray(data)
    for _ in range(draw(st.integers(1, max_mutations))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "drop", "insert", "cut", "duplicate"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "drop":
            del data[at : at + draw(st.integers(1, 16))]
        elif action == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=8)
                | st.sampled_from(
                    [b'"', b"'", b"[", b"]]", b"=", b"\n", b"\\", b"\x00", b"\xff", b"\xd8\xa7", b"#", b"{"]
                )
            )
        elif action == "cut":
            del data[at:]
        else:
            end = min(len(data), at + draw(st.integers(1, 64)))
            data[at:at] = data[at:end]
    return bytes(data)
