"""Steps for streamed_reading.feature: big files read in chunks against the whole read."""

from __future__ import annotations

import sys
import tracemalloc

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from checker.errors import InputError
from checker.reading import source
from checker.reading.dxf.extract import extract
from checker.reading.dxf.reader import read_dxf
from checker.reading.dxf.tags import LineTooLong, streamed_lines
from checker.reading.layers import LayerMapping
from checker.reading.load import _kept_whole
from checker.reading.source import open_plan_file

from .conftest import CORPUS, REPO
from .test_encodings import _restore, _write
from .test_fast_reading import FLATTEN, _dump

scenarios("streamed_reading.feature")

PERSIAN = "اتاق خواب"


@given(parsers.parse('the corpus file "{name}"'))
def corpus_file(ctx, name):
    ctx["path"] = CORPUS / name
    assert ctx["path"].is_file(), ctx["path"]


@given(parsers.parse("a {version} Persian plan stored as {stored} with {ends} line ends"))
def persian_plan(ctx, version, stored, ends):
    path = ctx["tmp"] / "plan.dxf"
    _write(path, version, "دیوار", PERSIAN)
    data = path.read_bytes()
    if stored == "ANSI_1256 bytes declared ANSI_1252":
        data = _restore(data, "cp1256", "ANSI_1252")
    elif stored == "ANSI_1256 bytes undeclared":
        data = _restore(data, "cp1256", None)
    elif stored == "UTF-8 bytes declared ANSI_1252":
        data = _restore(data, "utf-8", "ANSI_1252")
    else:
        assert stored in ("escapes", "UTF-8"), stored
    data = data.replace(b"\r\n", b"\n")
    if ends == "CRLF":
        data = data.replace(b"\n", b"\r\n")
    path.write_bytes(data)
    ctx["path"] = path


@given(parsers.parse("the benchmark's block of flats {side:d} flats on a side"))
def block_of_flats(ctx, side):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_load import write_block_of_flats

    write_block_of_flats(ctx["tmp"] / "flats.dxf", side)
    ctx["path"] = ctx["tmp"] / "flats.dxf"


@given(parsers.parse("files are streamed {size:d} bytes at a time"))
def chunk_size(monkeypatch, size):
    monkeypatch.setattr(source, "STREAM_CHUNK", size)


def _outcome(path, light: bool, stream: bool):
    mapping = LayerMapping()
    try:
        doc, report = read_dxf(path, None, _kept_whole(mapping) if light else None, stream=stream)
    except InputError as exc:
        return ("refused", str(exc)), None
    raw = extract(doc, mapping, FLATTEN)
    return ("read", report, repr(_dump(raw))), raw


@when("it is read whole and streamed, plainly and with light records, and extracted")
def read_four_ways(ctx):
    ctx["outcomes"] = {
        (light, stream): _outcome(ctx["path"], light, stream) for light in (False, True) for stream in (False, True)
    }


@then("the streamed readings give the same reports and extractions as the whole ones")
def same_outcomes(ctx):
    outcomes = ctx["outcomes"]
    for light in (False, True):
        assert outcomes[(light, True)][0] == outcomes[(light, False)][0], f"light={light}"


@then("the streamed reading found the Persian text")
def persian_found(ctx):
    raw = ctx["outcomes"][(True, True)][1]
    assert PERSIAN.replace("ی", "ي") in {t.text.replace("ی", "ي") for t in raw.texts}
    assert "دیوار".replace("ی", "ي") in {name.replace("ی", "ي") for name in raw.layer_entities}


@when("it is read whole and streamed with light records, tracing memory")
def traced(ctx):
    reads: list[int] = []
    real_pread = source.os.pread

    got: list[tuple[int, int]] = []

    def counting_pread(fd, size, offset):
        reads.append(size)
        part = real_pread(fd, size, offset)
        got.append((offset, len(part)))
        return part

    peaks = {}
    for stream in (False, True):
        with pytest.MonkeyPatch.context() as patch:
            if stream:
                patch.setattr(source.os, "pread", counting_pread)
                patch.setattr(source.PlanFile, "read_all", _never_whole)
            tracemalloc.start()
            try:
                read_dxf(ctx["path"], None, _kept_whole(LayerMapping()), stream=stream)
                peaks[stream] = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    ctx["peaks"], ctx["reads"], ctx["got"] = peaks, reads, got


def _never_whole(self):
    pytest.fail("the streamed read read the file whole")


@then("the streamed reading's peak is below the whole reading's by at least the file's size")
def lower_peak(ctx):
    size = ctx["path"].stat().st_size
    whole, streamed = ctx["peaks"][False], ctx["peaks"][True]
    assert streamed <= whole - size, (whole, streamed, size)


@then("no read of the streamed file asked for more than a chunk")
def chunked_reads(ctx):
    assert ctx["reads"] and max(ctx["reads"]) <= source.STREAM_CHUNK
    assert len(ctx["reads"]) > 2  # several chunks


@then("the streamed read read each of the file's bytes from disk once")
def read_once(ctx):
    offsets = [offset for offset, length in ctx["got"] if length]
    assert len(offsets) == len(set(offsets)), "a part of the file was read twice"
    assert sum(length for _, length in ctx["got"]) == ctx["path"].stat().st_size


@given(parsers.parse("a file that opens a section and then holds {megabytes:d} MB on one line"))
def endless_line(ctx, megabytes):
    path = ctx["tmp"] / "endless.dxf"
    path.write_bytes(b"  0\nSECTION\n  2\nENTITIES\n  0\nLINE\n  8\n" + b"x" * (megabytes * 1_000_000))
    ctx["path"] = path


@then("the streamed reading left the long line to the whole read")
def long_line_left(ctx):
    with open_plan_file(ctx["path"]) as plan:
        with pytest.raises(LineTooLong):
            list(streamed_lines(chunk.decode("latin-1") for chunk in plan.chunks()))
