"""Resistance classes and certificates: shared by the rules that judge doorsets and windows."""

from __future__ import annotations

import re

from ..plan import RESISTANCE_CLASSES, OpeningAttributes

# RC1N and RC2N are the RC1/RC2 tests without the glazing: they meet the plain class
# only where the element has no glazing.
_WITHOUT_GLAZING = {"RC1N": "RC1", "RC2N": "RC2"}


def rank(rc: str) -> int:
    return RESISTANCE_CLASSES.index(rc)


def meets_class(attributes: OpeningAttributes, required: str) -> bool | None:
    """Whether the stated RC meets ``required``; None when that depends on an unreadable GLAZING."""
    given = attributes.rc
    if given is None or given == "NONE":
        return False
    if given in _WITHOUT_GLAZING:
        if any(tag == "GLAZING" for tag, _ in attributes.invalid):
            return None
        if attributes.glazing in (None, "NONE"):
            given = _WITHOUT_GLAZING[given]
    return rank(given) >= rank(required)


def _normalise(text: str) -> str:
    return re.sub(r"[\s:._-]+", " ", text.casefold()).strip()


def accepted_certificate(cert: str | None, accepted: list[str]) -> str | None:
    """The accepted certificate that ``cert`` states, or None.

    "PAS 24:2022" states "PAS 24"; "LPS 1175 Issue 8 SR2" does not state
    "LPS 1175 SR2" unless every word of it appears in order.
    """
    if not cert:
        return None
    words = _normalise(cert).split()
    for candidate in accepted:
        wanted = _normalise(candidate).split()
        position = 0
        for word in words:
            if position < len(wanted) and word == wanted[position]:
                position += 1
        if wanted and position == len(wanted):
            return candidate
    return None
