"""Pause Python's cyclic garbage collector while a plan is read, checked or written out.

Reading a DXF leaves millions of live objects (ezdxf's tags and entities, then the
plan model), and every full cycle collection walks all of them again. While a storey
is loaded, the rules run or the results are encoded, almost nothing that is allocated
becomes cyclic garbage before the step ends, so those walks only cost time: on the
30k-entity benchmark plan they were a third of the load and half of the check.
Reference counting still frees everything that is not in a cycle.

How a pause ends:
- ``collect_after=True`` (a storey's load): the cycles left (ezdxf's document refers
  to itself) are collected once, so memory stays bounded between storeys.
- ``collect_after=False`` (the rules, the JSON): what the step made is mostly its
  result, alive until written out. Left young, the first collection after the pause
  would walk all of it and move it on, and the collections it then counts towards
  would walk the whole plan again (on the 100k plan, 3.7 s of writing the JSON). It is
  moved straight to the oldest generation instead (``gc.freeze`` + ``gc.unfreeze``,
  which relink lists without walking them); the few cycles in it are collected with
  that generation's next collection.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The collector is process-wide while checks may run in several threads (the web
# app's workers): the pauses are counted, and only the last one to end switches the
# collector back on, and only if it was on when the first began. If any of the
# overlapping pauses wanted a collection, the last one collects.
_lock = threading.Lock()
_pauses = 0
_was_enabled = True
_collect_wanted = False


@contextmanager
def cycle_collection_paused(collect_after: bool = True) -> Iterator[None]:
    """Run the block with the cycle collector off; restore it after, and collect once
    (``collect_after``) or move what the block made to the oldest generation.

    Nested and concurrent use is safe: the collector comes back on when the last
    pause ends, and stays off if something else had switched it off before.
    """
    global _pauses, _was_enabled, _collect_wanted
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            _collect_wanted = False
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            _collect_wanted = _collect_wanted or collect_after
            resume = _pauses == 0 and _was_enabled
            collect = resume and _collect_wanted
            if resume and not collect:
                _age_young_objects()
            if resume:
                gc.enable()
        if collect:
            gc.collect()


def _age_young_objects() -> None:
    """Move every object in the young generations to the oldest, without walking them.

    Skipped when something else froze objects (a server that freezes its startup
    objects before forking workers): ``gc.unfreeze`` would release those too.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
