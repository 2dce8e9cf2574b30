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
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The collector is process-wide while checks may run in several threads (the web
# app's workers): the pauses are counted, and only the last one to end switches the
# collector back on, and only if it was on when the first began.
_lock = threading.Lock()
_pauses = 0
_was_enabled = True


@contextmanager
def cycle_collection_paused(collect_after: bool = True) -> Iterator[None]:
    """Run the block with the cycle collector off; restore it (and collect once) after.

    Nested and concurrent use is safe: the collector comes back on when the last
    pause ends, and stays off if something else had switched it off before.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            resume = _pauses == 0 and _was_enabled
            if resume:
                gc.enable()
        if resume and collect_after:
            gc.collect()
