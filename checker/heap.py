"""Give the memory a phase of a check has freed back to the operating system.

A check goes through phases that each build large short-lived structures (a storey's
extraction, the wall gaps, the footprint's union, the rules' spatial indexes) and free
them when the phase ends. glibc's allocator keeps freed small blocks in its arenas for
reuse, and a process's resident memory only grows: on the 500k-entity benchmark plan
1.18 GB were resident when the rules began, of which 0.65 GB were alive, each phase's
garbage lying under the next one's peak. ``release_freed_memory`` asks glibc to
hand the free pages back (``malloc_trim``) where a phase ends, so the next phase starts
from what is really alive. Handing back 600 MB takes about 40 ms; it is only called
between phases.

Elsewhere than glibc (macOS, musl) it does nothing: their allocators return memory
their own way, and nothing depends on the call.
"""

from __future__ import annotations

import ctypes
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        # The process's own symbols, the C library's among them: find_library would start
        # ldconfig or gcc in a child process to learn the library's file name.
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_freed_memory() -> bool:
    """Return the heap's free pages to the operating system; whether it could be asked."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
