"""Step definitions for concurrency.feature: no process-wide state in a check or a render."""

from __future__ import annotations

import io
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, UTC

import pytest
from fontTools.misc.timeTools import epoch_diff
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when

from checker.engine import run_rules
from checker.reading.load import load_plan
from checker.report.annex import annex_pdf

from .conftest import REPO, ruleset_named

scenarios("concurrency.feature")

EXAMPLE = REPO / "examples" / "house" / "project.toml"
RULESET = "ir-police-annex"


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _pdf_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def _font_dates(pdf: bytes) -> set[datetime]:
    """head.modified of every embedded TrueType/OpenType font program."""
    dates = set()
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                continue
            program = descriptor.get_object().get("/FontFile2") or descriptor.get_object().get("/FontFile3")
            if program is None:
                continue
            head = TTFont(io.BytesIO(program.get_object().get_data()))["head"]
            dates.add(datetime.fromtimestamp(head.modified + epoch_diff, UTC))
    return dates


@pytest.fixture(scope="module")
def example_plan():
    return load_plan(EXAMPLE)


@given("the example plan")
def the_example_plan(ctx, example_plan):
    ctx["plan"] = example_plan


@given(parsers.parse('SOURCE_DATE_EPOCH is set to "{epoch}" in the environment'))
def epoch_in_environment(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)


@given("the fonts are subset by fontTools, as where HarfBuzz's subsetter is missing")
def fonttools_subsetting(monkeypatch):
    # weasyprint falls back to fontTools (which stamps each subset with "now") when
    # HarfBuzz-subset is missing; this machine has it, so take it away for the test.
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)


@when(parsers.parse('the plan is checked with the moment "{moment}"'))
def checked_with_moment(ctx, moment):
    ctx["results"] = run_rules(ctx["plan"], ruleset_named(RULESET), moment=_moment(moment))


@when(parsers.parse('the plan is checked with the moments "{first}" and "{second}"'))
def checked_with_moments(ctx, first, second):
    ruleset = ruleset_named(RULESET)
    ctx["moments"] = [_moment(first), _moment(second)]
    ctx["checked"] = [run_rules(ctx["plan"], ruleset, moment=moment) for moment in ctx["moments"]]


@when("both annexes are rendered at once in two threads, twice over")
def rendered_concurrently(ctx):
    seen_in_environment: list[str] = []
    rendering = threading.Event()

    def watch() -> None:
        while rendering.is_set():
            value = os.environ.get("SOURCE_DATE_EPOCH")
            if value is not None:
                seen_in_environment.append(value)
            time.sleep(0.001)

    start = threading.Barrier(2)

    def render(results):
        start.wait()  # both renders start together, so their font subsetting overlaps
        return annex_pdf(ctx["plan"], results, language="en")

    rendering.set()
    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            ctx["pdfs"] = list(pool.map(render, ctx["checked"]))
            ctx["again"] = list(pool.map(render, ctx["checked"]))
    finally:
        rendering.clear()
        watcher.join()
    ctx["seen_in_environment"] = seen_in_environment


@then(parsers.parse('the results are dated "{moment}"'))
def results_dated(ctx, moment):
    assert ctx["results"].generated == moment


@then("each PDF's creation date is its own check's moment")
def creation_dates(ctx):
    for pdf, moment in zip(ctx["pdfs"], ctx["moments"]):
        metadata = PdfReader(io.BytesIO(pdf)).metadata
        assert metadata["/CreationDate"] == _pdf_date(moment), (metadata["/CreationDate"], moment)
        assert metadata["/ModDate"] == _pdf_date(moment)


@then("each PDF's embedded font subsets are dated its own check's moment")
def font_subset_dates(ctx):
    for pdf, moment in zip(ctx["pdfs"], ctx["moments"]):
        dates = _font_dates(pdf)
        assert dates == {moment}, (sorted(dates), moment)


@then("each annex rendered again gives byte-identical PDFs")
def byte_identical(ctx):
    assert ctx["pdfs"][0] != ctx["pdfs"][1]
    for first, again in zip(ctx["pdfs"], ctx["again"]):
        assert first == again


@then("SOURCE_DATE_EPOCH was never set in the environment while they rendered")
def environment_untouched(ctx):
    assert ctx["seen_in_environment"] == []
    assert "SOURCE_DATE_EPOCH" not in os.environ
