"""Screenshots compared with reviewed baselines: a layout regression fails, anti-aliasing noise does not.

A page is shot from its top, or from the part a scenario names (the version pages run to
30,000 px), at most ``MAX_HEIGHT`` tall, with animations and the caret off, once the fonts
the page asked for are loaded (the Debian fonts the Makefile installs: Noto Sans, Noto
Naskh Arabic, DejaVu). The shot is compared with its baseline,
``baselines/<journey>-<page>[-<part>]-<language>-<width>.png`` beside this file:

- a different size fails at once (a page that grew or shrank has moved something);
- otherwise a pixel differs when any of its channels differs by more than
  ``CHANNEL_THRESHOLD`` (of 255; anti-aliased edges and subpixel text move by less),
  and the shot fails when more than ``TOLERANCE`` of all its pixels differ (a moved
  button, a wrapped heading or a changed word each differ by thousands of pixels).

When a baseline is missing or differs, the shot and a diff image (the baseline greyed,
the differing pixels red) are written to ``out/screenshots/``. After looking at them,
``make screenshots`` (``UPDATE_BASELINES=1``) writes the shots as the new baselines;
they are reviewed like code before they are committed.

What the pages show that cannot be the same on every run is written over with a stand-in
(``STAND_INS``: SHA-256 digests); times come from the staged data's fixed clock
(staged.FIXED_CLOCK).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[4]
BASELINES = Path(__file__).resolve().parent / "baselines"
OUT = REPO / "out" / "screenshots"
UPDATING = os.environ.get("UPDATE_BASELINES", "") not in ("", "0")

# A shot is at most this tall: the version pages run to 30,000 px (every finding, every
# opening), so they are shot from the top and again from the part that matters further down.
MAX_HEIGHT = 3000

CHANNEL_THRESHOLD = 40  # of 255: a pixel whose channels all moved less than this is noise
TOLERANCE = 0.002  # share of the page's pixels that may differ beyond the threshold

# What differs from run to run is written over with a stand-in of the same length before the
# shot, so the layout stays the page's own: SHA-256 digests (64 hex digits: the signed-off
# annex's, whose PDF carries the moment it was written), on the review page and in the audit
# trail. Times come from the staged data's fixed clock instead; anything else that varied
# would make the shots of two runs differ, which the stability runs would show.
STAND_INS = """() => {
  const digest = /\\b[0-9a-f]{64}\\b/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (digest.test(node.nodeValue)) node.nodeValue = node.nodeValue.replace(digest, "0".repeat(64));
    digest.lastIndex = 0;
  }
}"""

WIDTHS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}


@dataclass(frozen=True)
class Comparison:
    differing: int  # pixels beyond the threshold
    total: int
    same_size: bool
    diff: Image.Image

    @property
    def share(self) -> float:
        return self.differing / self.total if self.total else 0.0

    @property
    def passes(self) -> bool:
        return self.same_size and self.share <= TOLERANCE


def compare(actual: Image.Image, baseline: Image.Image) -> Comparison:
    """Pixel by pixel over the larger of the two sizes (what one image lacks counts as differing)."""
    width, height = max(actual.width, baseline.width), max(actual.height, baseline.height)
    a = _on_canvas(actual, width, height)
    b = _on_canvas(baseline, width, height)
    differs = (np.abs(a.astype(np.int16) - b.astype(np.int16)) > CHANNEL_THRESHOLD).any(axis=2)
    grey = b.mean(axis=2, keepdims=True).astype(np.uint8) // 3 + 170  # the baseline, faint
    picture = np.repeat(grey, 3, axis=2)
    picture[differs] = (220, 0, 0)
    return Comparison(int(differs.sum()), width * height, actual.size == baseline.size, Image.fromarray(picture, "RGB"))


def _on_canvas(image: Image.Image, width: int, height: int) -> np.ndarray:
    canvas = np.zeros((height, width, 3), dtype=np.uint8)  # black, unlike any page's background
    canvas[: image.height, : image.width] = np.asarray(image.convert("RGB"))
    return canvas


def shoot(page, part: str | None = None) -> Image.Image:
    """MAX_HEIGHT pixels of the page from its top, or from the top of the element ``part`` selects.

    The window is made that tall, as a full-page shot in Chromium does (it lays the page out
    in a window as tall as the page), scrolled to the part, shot, then put back.
    """
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate(STAND_INS)
    window = page.viewport_size
    top_and_height = (
        "(selector) => { if (!selector) return [0, document.documentElement.scrollHeight];"
        " const box = document.querySelector(selector).getBoundingClientRect();"
        " return [Math.round(box.top + window.scrollY), Math.ceil(box.height)]; }"
    )
    _, height = page.evaluate(top_and_height, part)
    page.set_viewport_size({"width": window["width"], "height": max(window["height"], min(height, MAX_HEIGHT))})
    try:
        top, _ = page.evaluate(top_and_height, part)  # the taller window may have moved it
        page.evaluate("(top) => window.scrollTo(0, top)", top)
        png = page.screenshot(
            animations="disabled",
            caret="hide",
            scale="css",
        )
    finally:
        page.set_viewport_size(window)
        page.evaluate("window.scrollTo(0, 0)")
    return Image.open(io.BytesIO(png)).convert("RGB")


def stored(shot: Image.Image) -> Image.Image:
    """The shot as a baseline is kept: 256 colours, a third of the bytes. A page's flat colours and
    anti-aliased text lose far less than CHANNEL_THRESHOLD (about one pixel in a million more)."""
    return shot.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def check_against_baseline(page, name: str, part: str | None = None) -> str | None:
    """Shoot ``page`` (or its ``part``) and compare it with the baseline ``name``; None when it matches, else one sentence."""
    shot = shoot(page, part)
    baseline_path = BASELINES / f"{name}.png"
    if UPDATING:
        BASELINES.mkdir(parents=True, exist_ok=True)
        stored(shot).save(baseline_path, optimize=True)
        return None
    OUT.mkdir(parents=True, exist_ok=True)
    actual_path = OUT / f"{name}.actual.png"
    if not baseline_path.exists():
        shot.save(actual_path)
        return (
            f"{name}: there is no baseline {_shown(baseline_path)}; the page as shot is {_shown(actual_path)} "
            "(look at it, then `make screenshots` writes the baselines)."
        )
    with Image.open(baseline_path) as baseline:
        comparison = compare(shot, baseline)
        baseline_size = baseline.size
    if comparison.passes:
        return None
    shot.save(actual_path)
    diff_path = OUT / f"{name}.diff.png"
    comparison.diff.save(diff_path)
    size = "" if comparison.same_size else f"its size changed from {baseline_size} to {shot.size} and "
    return (
        f"{name}: {size}{comparison.share:.2%} of its pixels differ from {_shown(baseline_path)} "
        f"(tolerance {TOLERANCE:.2%}); see {_shown(actual_path)} and {_shown(diff_path)}."
    )


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)
