"""Type marks: the tag that names a door's or window's type (D1, W2, WD-03, د۱, پ۲).

Architects name every opening by its type in the plan, with a short tag next to it
(plain TEXT or MTEXT, or an attribute inside a circle or hexagon tag block), and
specify each type once in the door and window schedule. The type mark is what links
an opening in the drawing to its row in that schedule, so the checker reads it and
names openings by it in findings ("door D1 (handle 6B)").

Where the mark comes from, most explicit first:

1. an attribute of the opening's own block that names it (MARK, TYPE_MARK, TAG ...);
2. the nearest tag-like text within ``MAX_TAG_DISTANCE`` of the opening's centre;
   each text names one opening, the closest one, so two doors side by side with
   their own tags do not both take the nearer tag;
3. the opening's block name when it is a named block other than the generic
   ``DOOR``/``WINDOW`` (a block called ``D1`` or ``Door-Single-900``), never an
   anonymous ``*U12`` block.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Sequence

import numpy as np
import shapely

from ...plan import Opening, Storey
from ..dxf.extract import RawText
from ..layers import Role
from .text import fold

# A tag stands within this distance of the opening's centre (metres): past the leaf
# of a wide door, not as far as the next opening along a corridor.
MAX_TAG_DISTANCE = 1.2
# Taller text is a title or a room label, not a tag (metres).
MAX_TAG_HEIGHT = 0.6
MAX_MARK_LENGTH = 16

# Letters (Latin or Arabic script, at most four), an optional separator, a number of
# up to three digits and an optional letter: D1, W2, WD-03, DR 12a, د1, پ2 (after
# folding, Persian digits are ASCII).
_TAG = re.compile(r"^[a-z\u0621-\u06ff]{1,4}[ \-_.]?\d{1,3}[a-z]?$")
# Units and levels that look like tags but are not: m2, cm5, h1 (a height), ±0.
_NOT_TAGS = {"m", "mm", "cm", "dm", "km", "h", "l", "no", "n", "nr"}
# Block attributes that carry the opening's type mark.
MARK_ATTRIBUTES = ("MARK", "TYPE_MARK", "TYPEMARK", "TYPE-MARK", "TAG", "TYPE", "CODE", "NO", "NUMBER")
# Block names that say only the kind, so they are no type mark.
_GENERIC_BLOCKS = {"door", "doors", "window", "windows", "opening", "در", "پنجره"}
# Texts on these layers label areas (room names, roof slopes), not openings.
_AREA_ROLES = (Role.SPACES, Role.ACCESS, Role.SITE, Role.PUBLIC)


def mark_key(mark: str) -> str:
    """A type mark as compared: folded (case, script, Persian digits) and without
    spaces and separators, so "D 1", "d1" and "D-1" name one type, and د۱ is د1."""
    return re.sub(r"[\s\-_.]", "", fold(mark))


def is_tag(text: str) -> bool:
    """True when ``text`` reads as an opening's type tag."""
    folded = fold(text)
    if len(folded) > MAX_MARK_LENGTH or not _TAG.match(folded):
        return False
    letters = re.match(r"^[a-z\u0621-\u06ff]+", folded)
    return letters is not None and letters.group(0) not in _NOT_TAGS


def mark_openings(storey: Storey, texts: Sequence[RawText], metres_per_unit: float) -> Storey:
    """``storey`` with each opening's ``Source.type_mark`` set where a mark is found."""
    openings = storey.openings
    if not openings:
        return storey
    marks: list[str | None] = [_attribute_mark(o) for o in openings]
    from_texts = _nearest_tags(openings, texts, metres_per_unit)
    for index, opening in enumerate(openings):
        if marks[index] is None:
            marks[index] = from_texts.get(index) or _block_mark(opening)
    if not any(marks):
        return storey
    marked = tuple(
        replace(o, source=replace(o.source, type_mark=mark)) if mark and o.source.type_mark is None else o
        for o, mark in zip(openings, marks)
    )
    return replace(storey, openings=marked)


def _attribute_mark(opening: Opening) -> str | None:
    for tag in MARK_ATTRIBUTES:
        value = opening.attributes.raw_value(tag)
        if value is not None:
            value = " ".join(value.split())
            if value and len(value) <= MAX_MARK_LENGTH:
                return value
    return None


def _block_mark(opening: Opening) -> str | None:
    name = (opening.block or "").strip()
    if not name or name.startswith("*") or len(name) > 40:
        return None
    if fold(name) in _GENERIC_BLOCKS:
        return None
    return name


def _nearest_tags(openings: Sequence[Opening], texts: Sequence[RawText], metres_per_unit: float) -> dict[int, str]:
    """Opening index -> the tag text nearest its centre; each text goes to its closest opening."""
    tags = [
        t
        for t in texts
        if t.role not in _AREA_ROLES and t.height * metres_per_unit <= MAX_TAG_HEIGHT and is_tag(t.text)
    ]
    if not tags:
        return {}
    coordinates = np.array([t.point for t in tags], dtype=float) * metres_per_unit
    points = shapely.points(coordinates)
    centres = shapely.line_interpolate_point(np.array([o.span for o in openings], dtype=object), 0.5, normalized=True)
    tree = shapely.STRtree(centres)
    (text_idx, opening_idx), distances = tree.query_nearest(
        points, max_distance=MAX_TAG_DISTANCE, return_distance=True, all_matches=False
    )
    if len(text_idx) == 0:
        return {}
    # Per opening, the closest of the texts that chose it.
    order = np.lexsort((distances, opening_idx))
    opening_sorted = opening_idx[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = opening_sorted[1:] != opening_sorted[:-1]
    chosen = order[first]
    return {int(opening_idx[k]): " ".join(tags[int(text_idx[k])].text.split()) for k in chosen}
