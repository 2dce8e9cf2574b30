"""Steps for plan_frame.feature."""

from __future__ import annotations

import re

import numpy
from pytest_bdd import given, parsers, scenarios, then, when

from checker.report.annex import annex_html
from checker.report.drawing import plan_frame, spread_markers, storey_drawing
from checker.report.parameters import parameter_words
from checker.results import Status

from checker.engine import run_rules
from checker.reading.load import load_plan

from .conftest import REPO, ruleset_named

scenarios("plan_frame.feature")

SHOWN = (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR)
MARKER = re.compile(r'data-finding="(\d+)"><circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"')
LEADER = re.compile(r'data-leader="(\d+)" d="M([-\d.]+) ([-\d.]+) L([-\d.]+) ([-\d.]+)"')


def boxes_overlap(centres: numpy.ndarray, radius: float) -> list[tuple[int, int]]:
    """Pairs of markers whose square boxes (side 2r) overlap; a direct all-pairs test for a handful."""
    close = numpy.abs(centres[:, None, :] - centres[None, :, :]).max(axis=2) < 2 * radius
    numpy.fill_diagonal(close, False)
    return [tuple(map(int, pair)) for pair in numpy.argwhere(numpy.triu(close))]


@given(parsers.parse('the bundled example checked under "{ruleset}"'))
def example_checked(ctx, ruleset):
    ctx["plan"] = load_plan(REPO / "examples" / "house" / "project.toml")
    ctx["results"] = run_rules(ctx["plan"], ruleset_named(ruleset))


@when("each storey is drawn in the plan's frame with the failing and unjudged findings numbered")
def drawn_in_frame(ctx):
    shown = [f for f in ctx["results"].findings if f.status in SHOWN]
    ctx["numbered"] = list(enumerate(shown, start=1))
    ctx["frame"] = plan_frame(ctx["plan"].storeys)
    ctx["drawings"] = {s.name: storey_drawing(s, ctx["numbered"], frame=ctx["frame"]) for s in ctx["plan"].storeys}


@then("every storey's drawing has the same view box")
def same_view_box(ctx):
    boxes = {re.search(r'viewBox="([^"]+)"', d.svg).group(1) for d in ctx["drawings"].values()}
    assert len(ctx["drawings"]) >= 2 and len(boxes) == 1, boxes


@then("the view box is the building's, not the whole site's, which is given as the site view")
def building_view_box(ctx):
    frame = ctx["frame"]
    assert frame.site is not None, "the example's site is much larger than its house"
    site_width = frame.site[2] - frame.site[0]
    assert frame.width < 0.7 * site_width, (frame.width, site_width)
    for drawing in ctx["drawings"].values():
        view = [float(v) for v in re.search(r'data-site-view="([^"]+)"', drawing.svg).group(1).split()]
        assert abs(view[2] - site_width) < 1e-2


@then("no two markers' bounding boxes on a storey overlap")
def no_overlap(ctx):
    for name, drawing in ctx["drawings"].items():
        found = MARKER.findall(drawing.svg)
        assert found, name
        centres = numpy.array([(float(x), float(y)) for _, x, y, _ in found])
        assert not boxes_overlap(centres, float(found[0][3])), name


@then("every marker away from its element has one leader line ending at the marker's centre")
def leaders(ctx):
    moved = 0
    for drawing in ctx["drawings"].values():
        centres = {n: (float(x), float(y)) for n, x, y, _ in MARKER.findall(drawing.svg)}
        for number, _ax, _ay, x, y in LEADER.findall(drawing.svg):
            moved += 1
            assert abs(centres[number][0] - float(x)) < 1e-3 and abs(centres[number][1] - float(y)) < 1e-3
        numbers = [n for n, *_ in LEADER.findall(drawing.svg)]
        assert len(numbers) == len(set(numbers))
    assert moved, "the example has findings on one wall, so some markers must move"


@given(parsers.parse("{count:d} markers anchored at one point of a {width:d} m by {height:d} m drawing"))
def crowded(ctx, count, width, height):
    ctx["anchors"] = numpy.full((count, 2), (3.0, 2.0))
    ctx["size"] = (float(width), float(height))


@when("they are spread")
def spread(ctx):
    ctx["radius"] = 0.35
    ctx["centres"] = spread_markers(ctx["anchors"], ctx["radius"], *ctx["size"])


@then("no two of the spread markers' bounding boxes overlap")
def spread_apart(ctx):
    assert not boxes_overlap(ctx["centres"], ctx["radius"])


@then("every spread marker lies inside the drawing")
def inside(ctx):
    width, height = ctx["size"]
    r = ctx["radius"]
    assert (ctx["centres"] >= r - 1e-9).all()
    assert (ctx["centres"][:, 0] <= width - r + 1e-9).all() and (ctx["centres"][:, 1] <= height - r + 1e-9).all()


@when("the annex HTML is made in English and in Persian")
def annex_in_both(ctx):
    ctx["annexes"] = {language: annex_html(ctx["plan"], ctx["results"], language=language) for language in ("en", "fa")}


@then(
    parsers.parse(
        'each lists the provisional figures in the catalogue\'s words, with no parameter name such as "{name}"'
    )
)
def provisional_in_words(ctx, name):
    for language, html in ctx["annexes"].items():
        figures = re.findall(r'<div class="provisional-figures">(.*?)</div>', html, re.S)
        assert figures, language
        assert not any(re.search(r"\b[a-z]+_[a-z_]+\b|reach\.", text) for text in figures), (language, figures[:3])
        words = parameter_words("OPEN-01", name, language)
        assert words != name and any(words in text for text in figures), (language, words)


@then("every plan page holds an inset of the whole site whose outlined rectangle is the plans' frame")
def site_inset_shown(ctx):
    frame = plan_frame(ctx["plan"].storeys)
    for language, html in ctx["annexes"].items():
        pages = re.findall(r'<section class="plan-page".*?</section>', html, re.S)
        assert len(pages) == len(ctx["plan"].storeys), language
        for page in pages:
            rect = re.search(
                r'<svg [^>]*class="site-inset".*?<rect class="frame" [^>]*width="([\d.]+)" height="([\d.]+)"',
                page,
                re.S,
            )
            assert rect, language
            assert abs(float(rect.group(1)) - frame.width) < 1e-2 and abs(float(rect.group(2)) - frame.height) < 1e-2
