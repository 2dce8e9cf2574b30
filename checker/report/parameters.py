"""A ruleset parameter in words, for readers who never saw the ruleset's TOML.

Findings list the figures a ruleset marks provisional by name (``required_class``,
``reach.vertical``); pages and the annex show the catalogue's words for them instead
(``OPEN-01.parameter.required_class``, ``reach.parameter.vertical`` in findings.po).
A parameter the catalogue has no words for keeps its name.
"""

from __future__ import annotations

from ..messages import catalogue, text_of


def parameter_words(rule_id: str, name: str, language: str = "en") -> str:
    """The words for ``name`` ("vertical", "reach.vertical") as ``rule_id`` uses it, in ``language``."""
    scope, _, bare = name.rpartition(".")  # "reach.vertical": the ruleset's [reach] table
    message_id = f"{scope or rule_id}.parameter.{bare}"
    if message_id not in catalogue("en"):
        return name
    return text_of(message_id, language)
