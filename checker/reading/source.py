"""Open a file the checker reads (a storey's DXF, a manifest, a ruleset, a schedule)
safely: only an ordinary file, only up to the size limit, never waiting.

A path is followed through links to what it names; a device (``/dev/zero``), a named
pipe, a socket or a folder is refused with one sentence before a byte is read. The
file is opened without blocking, so a named pipe with no writer is refused at once
instead of waiting for ever. Its size is checked against the limit first, and the
reading itself stops one byte past the limit whatever the size said before, so a
file that grows while it is read is refused too. The bytes come back whole: the
caller sniffs, hashes and parses these same bytes, so each file is read from disk once.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import LimitExceeded, NotAFile, UnreadableFile
from ..messages import msg
from . import limits as reading_limits
from .limits import ENVIRONMENT, OPTIONS, size_text

# Reads past the size the file had when it was opened (it is growing) go this many
# bytes at a time, so that a file growing without end costs at most the limit.
GROWTH_CHUNK = 1 << 20
# The largest single read the kernel serves (Linux: 2 GiB less a page).
MAX_READ = 0x7FFFF000

_KINDS = (
    (stat.S_ISCHR, "file.device"),
    (stat.S_ISBLK, "file.device"),
    (stat.S_ISFIFO, "file.named-pipe"),
    (stat.S_ISSOCK, "file.socket"),
    (stat.S_ISDIR, "file.folder"),
)


def read_plan_file(path: Path | str, name: str | None = None, cap: int | None = None) -> bytes:
    """The bytes of the ordinary file at ``path`` (links followed), at most ``cap`` of them
    (default: the limits in force); every refusal is one sentence naming the file as
    ``name`` (default: the path's last part)."""
    path = Path(path)
    name = name or path.name
    cap = reading_limits.current().max_file_bytes if cap is None else cap
    try:
        # O_NONBLOCK: opening a named pipe with no writer returns at once (it is then
        # refused below) instead of blocking until someone writes.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile(f"{name} does not exist.") from None
    except IsADirectoryError:
        raise NotAFile(msg("file.folder", file=name)) from None
    except OSError as exc:
        raise UnreadableFile(f"{name} cannot be read ({exc.strerror or exc}).") from None
    try:
        info = os.fstat(fd)  # of what was opened, not of the path: no swap between look and read
        for is_kind, message_id in _KINDS:
            if is_kind(info.st_mode):
                raise NotAFile(msg(message_id, file=name))
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(msg("file.not-ordinary", file=name))
        if info.st_size > cap:
            raise LimitExceeded(_over(name, info.st_size, cap))
        return _read_at_most(fd, info.st_size, cap, name)
    except OSError as exc:
        raise UnreadableFile(f"{name} cannot be read ({exc.strerror or exc}).") from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, expected: int, cap: int, name: str) -> bytes:
    """All of the file, in reads of at most the expected size + 1 (one read for an
    ordinary file: no copies) and then GROWTH_CHUNK; refused once past ``cap``."""
    parts: list[bytes] = []
    total = 0
    want = min(expected + 1, cap + 1)
    while True:
        part = os.read(fd, min(want, MAX_READ))
        if not part:
            break
        parts.append(part)
        total += len(part)
        if total > cap:
            raise LimitExceeded(_grew(name, cap))
        want = max(expected + 1 - total, GROWTH_CHUNK) if total <= expected else GROWTH_CHUNK
        want = min(want, cap + 1 - total)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _how_to_raise() -> tuple[str, str]:
    return OPTIONS["max_file_bytes"], ENVIRONMENT["max_file_bytes"]


def _over(name: str, size: int, cap: int):
    option, variable = _how_to_raise()
    return msg("file.over-limit", file=name, size=size_text(size), limit=size_text(cap), option=option, variable=variable)


def _grew(name: str, cap: int):
    option, variable = _how_to_raise()
    return msg("file.grew-past-limit", file=name, limit=size_text(cap), option=option, variable=variable)
