"""How big an input may be before reading refuses it: the reading limits.

A hostile or broken input must end in one sentence, not in a process that reads for
ever or fills the memory. Four limits, each settable with a CLI option and an
environment variable (the option wins):

- ``max_file_bytes``   any file the checker opens (``--max-file-size``, ``ANNEX_MAX_FILE_SIZE``),
  default 1 GB: five times a large real plan of 200 MB;
- ``max_block_depth``  levels of blocks inside blocks (``--max-block-depth``,
  ``ANNEX_MAX_BLOCK_DEPTH``), default 16, as deep as extraction ever went;
- ``max_block_copies`` placements of one block once nested blocks and MINSERT grids are
  expanded (``--max-block-copies``, ``ANNEX_MAX_BLOCK_COPIES``), default 1 million;
- ``max_entities``     entities of a storey once its blocks, grids and hatch boundaries are
  expanded, a long polyline or hatch in a block counting one per 16 vertices
  (``--max-entities``, ``ANNEX_MAX_ENTITIES``), default 5 million.

The defaults leave room for a real 200 MB plan (a million entities of its own at
about 200 bytes each, and as many again inside its blocks); the bombs this guards
against are past them by far (10^8 entities from blocks nested 8 deep, 4 x 10^8 cells
of a MINSERT). Every entity expanded costs kilobytes later on (shapely geometry,
recognition), so the entity limit is what bounds a check's memory; a worker's
memory limit stays the last resort. The limits in force are a context variable, not process-wide
state: the CLI sets them around a command (``using``), a worker around a job, and
code that sets nothing gets them from the environment.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from collections.abc import Iterator, Mapping

from ..errors import InputError

ENVIRONMENT = {
    "max_file_bytes": "ANNEX_MAX_FILE_SIZE",
    "max_block_depth": "ANNEX_MAX_BLOCK_DEPTH",
    "max_block_copies": "ANNEX_MAX_BLOCK_COPIES",
    "max_entities": "ANNEX_MAX_ENTITIES",
}
OPTIONS = {
    "max_file_bytes": "--max-file-size",
    "max_block_depth": "--max-block-depth",
    "max_block_copies": "--max-block-copies",
    "max_entities": "--max-entities",
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 1_000_000_000
    max_block_depth: int = 16
    max_block_copies: int = 1_000_000
    max_entities: int = 5_000_000

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Limits:
        environ = os.environ if environ is None else environ
        given = {name: environ[var] for name, var in ENVIRONMENT.items() if environ.get(var, "").strip()}
        return cls().with_values(given, source="environment")

    def with_values(self, values: dict, source: str = "option") -> Limits:
        """These limits with some replaced by ``values`` (text or numbers, by field name)."""
        parsed = {}
        for name, value in values.items():
            if value is None:
                continue
            where = ENVIRONMENT[name] if source == "environment" else OPTIONS[name]
            parsed[name] = parse_size(value, where) if name == "max_file_bytes" else parse_count(value, where)
        return replace(self, **parsed)


def parse_size(value, where: str) -> int:
    """``"500MB"``, ``"2 GB"``, ``"1.5G"`` or a number of bytes."""
    found = _SIZE.match(str(value))
    if not found or float(found.group(1)) <= 0:
        raise InputError(f"{where} must be a size such as 500MB or 2GB, not {value!r}.")
    return int(float(found.group(1)) * _FACTORS[found.group(2).lower()])


def parse_count(value, where: str) -> int:
    text = str(value).strip().replace("_", "").replace(",", "")
    if not text.isdigit() or int(text) < 1:
        raise InputError(f"{where} must be a whole number of at least 1, not {value!r}.")
    return int(text)


def size_text(n: int) -> str:
    """A byte count as people say it: 3.1 GB, 500 MB, 12 KB."""
    for unit, factor in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= factor:
            return f"{n / factor:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} bytes"


_current: ContextVar[Limits | None] = ContextVar("annex_reading_limits", default=None)


def current() -> Limits:
    """The limits in force: those set with ``using``, else the environment's."""
    return _current.get() or Limits.from_environment()


@contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)


FIELD_NAMES = tuple(f.name for f in fields(Limits))
