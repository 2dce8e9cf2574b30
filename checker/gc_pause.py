"""Pause Python's cyclic garbage collector while a plan is read or checked.

Reading a DXF leaves millions of live objects (ezdxf's tags and entities, then the
plan model), and every full cycle collection walks all of them again. While a storey
is loaded or the rules run, almost nothing that is allocated becomes cyclic garbage
before the step ends, so those walks only cost time: on the 30k-entity benchmark plan
they were a third of the load and half of the check. Reference counting still frees
everything that is not in a cycle; the cycles left (ezdxf's document refers to itself)
are collected once, when the step ends, so memory stays bounded between storeys.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused(collect_after: bool = True) -> Iterator[None]:
    """Run the block with the cycle collector off; restore it (and collect once) after.

    Nested use is safe: only the outermost pause switches the collector back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            if collect_after:
                gc.collect()
