"""Steps for encodings.feature: old-format files with Persian text stored as escapes,
as code-page bytes (declared, declared wrongly, undeclared) and as UTF-8."""

from __future__ import annotations

import re

import ezdxf
from pytest_bdd import given, parsers, scenarios, then, when

from checker.reading import load_plan
from checker.reading.dxf.extract import extract
from checker.reading.dxf.reader import read_dxf
from checker.reading.layers import LayerMapping
from checker.reading.recognition.text import fold

scenarios("encodings.feature")

ESCAPE = re.compile(rb"\\U\+([0-9A-Fa-f]{4})")
WHOLE_CODEPAGE = re.compile(rb"\r?\n *9\r?\n\$DWGCODEPAGE\r?\n *3\r?\n[^\r\n]*")
CODEPAGE = re.compile(rb"(\$DWGCODEPAGE\r?\n\s*3\r?\n)([^\r\n]*)(\r?\n)")


def _write(path, version: str, layer: str, text: str) -> None:
    doc = ezdxf.new(version)
    doc.layers.add(layer)
    msp = doc.modelspace()
    for a, b in (((0, 0), (10, 0)), ((10, 0), (10, 8)), ((10, 8), (0, 8)), ((0, 8), (0, 0))):
        msp.add_line(a, b, dxfattribs={"layer": layer})
    msp.add_text(text, dxfattribs={"layer": layer, "height": 0.25, "insert": (2, 2)})
    doc.saveas(path)  # before R2007 ezdxf writes non-Latin characters as \U+XXXX escapes


def _restore(data: bytes, codec: str, page: str | None) -> bytes:
    """The escapes turned back into ``codec`` bytes, and $DWGCODEPAGE set to ``page`` (None removes it)."""
    data = ESCAPE.sub(lambda m: _as_stored(chr(int(m.group(1), 16)), codec).encode(codec), data)
    if page is None:
        return WHOLE_CODEPAGE.sub(b"", data)
    return CODEPAGE.sub(lambda m: m.group(1) + page.encode() + m.group(3), data)


def _as_stored(char: str, codec: str) -> str:
    """ANSI_1256 has no Persian yeh and kaf: Persian offices' files hold the Arabic letters."""
    return {"\u06cc": "\u064a", "\u06a9": "\u0643"}.get(char, char) if codec == "cp1256" else char


@given(parsers.parse('a {version} plan with a wall layer "{layer}" and a text "{text}" stored as {stored}'))
def old_plan(ctx, version, layer, text, stored):
    path = ctx["tmp"] / "plan.dxf"
    _write(path, version, layer, text)
    data = path.read_bytes()
    if stored == "ANSI_1256 bytes declared":
        data = _restore(data, "cp1256", "ANSI_1256")
    elif stored == "ANSI_1256 bytes declared ANSI_1252":
        data = _restore(data, "cp1256", "ANSI_1252")
    elif stored == "ANSI_1256 bytes undeclared":
        data = _restore(data, "cp1256", None)
        assert b"$DWGCODEPAGE" not in data
    elif stored == "UTF-8 bytes declared ANSI_1252":
        data = _restore(data, "utf-8", "ANSI_1252")
    elif stored == "ANSI_1252 bytes declared":
        data = _restore(data, "cp1252", "ANSI_1252")
    elif stored == "DOS866 bytes declared":
        data = _restore(data, "cp866", "DOS866")
    else:
        assert stored in ("escapes", "UTF-8"), stored
    path.write_bytes(data)
    ctx["path"] = path


@when(parsers.parse('the Persian plan is loaded with walls on "{layer}"'))
def load(ctx, layer):
    stored = {"\u06cc": "\u064a", "\u06a9": "\u0643"}
    mapping = LayerMapping.from_table({"walls": [layer, "".join(stored.get(c, c) for c in layer)]}, "test")
    ctx["plan"] = load_plan(ctx["path"], mapping=mapping, units="m")
    doc, _ = read_dxf(ctx["path"])
    ctx["texts"] = [t.text for t in extract(doc, mapping, 0.001).texts]


@then(parsers.parse('its layers include "{layer}"'))
def layers_include(ctx, layer):
    names = [name for name, _, _ in ctx["plan"].loads[0].layers]
    assert fold(layer) in [fold(n) for n in names], names  # ي and ی are one letter to a reader


@then(parsers.parse('its texts include "{text}"'))
def texts_include(ctx, text):
    assert fold(text) in [fold(t) for t in ctx["texts"]], ctx["texts"]


@then("its load problems say nothing about the encoding")
def no_note(ctx):
    problems = [str(m) for m, _ in ctx["plan"].loads[0].problems]
    assert not any("code page" in p for p in problems), problems


@then(parsers.parse('its load problems say "{text}"'))
def note(ctx, text):
    problems = [str(m) for m, _ in ctx["plan"].loads[0].problems]
    assert any(text in p and "code page" in p for p in problems), problems
