"""Open a file the checker reads (a storey's DXF, a manifest, a ruleset, a schedule)
safely: only an ordinary file, only up to the size limit, never waiting.

A path is followed through links to what it names; a device (``/dev/zero``), a named
pipe, a socket or a folder is refused with one sentence before a byte is read. The
file is opened without blocking, so a named pipe with no writer is refused at once
instead of waiting for ever. Its size is checked against the limit first, and the
reading itself stops one byte past the limit whatever the size said before, so a
file that grows while it is read is refused too. The bytes come back whole: the
caller sniffs, hashes and parses these same bytes, so each file is read from disk once.
``open_plan_file`` makes the same checks and hands the open file over for streamed
reads in chunks (big DXF files: never the whole byte string at once).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import LimitExceeded, NotAFile, UnreadableFile
from ..messages import msg
from . import limits as reading_limits
from .limits import ENVIRONMENT, OPTIONS, size_text

# Reads past the size the file had when it was opened (it is growing) go this many
# bytes at a time, so that a file growing without end costs at most the limit.
GROWTH_CHUNK = 1 << 20
# Streamed reads (``PlanFile.chunks``) go this many bytes at a time.
STREAM_CHUNK = 1 << 20  # as tags.CHUNK: a piece of text split into lines at once
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
    with open_plan_file(path, name, cap) as plan:
        return plan.read_all()


class PlanFile:
    """An ordinary file opened and checked by ``open_plan_file``: read whole, or streamed in
    chunks from its start (each pass refused once past the cap, as the whole read is)."""

    def __init__(self, fd: int, size: int, cap: int, name: str):
        self.fd, self.size, self.cap, self.name = fd, size, cap, name

    def read_all(self) -> bytes:
        try:
            os.lseek(self.fd, 0, os.SEEK_SET)
            return _read_at_most(self.fd, self.size, self.cap, self.name)
        except OSError as exc:
            raise UnreadableFile(f"{self.name} cannot be read ({exc.strerror or exc}).") from None

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The file from its start, ``chunk_size`` (default STREAM_CHUNK) bytes at a time
        (never the whole at once)."""
        chunk_size = chunk_size or STREAM_CHUNK
        offset = 0
        while True:
            try:
                part = os.pread(self.fd, min(chunk_size, self.cap + 1 - offset), offset)
            except OSError as exc:
                raise UnreadableFile(f"{self.name} cannot be read ({exc.strerror or exc}).") from None
            if not part:
                return
            offset += len(part)
            if offset > self.cap:
                raise LimitExceeded(_grew(self.name, self.cap))
            yield part


@contextmanager
def open_plan_file(path: Path | str, name: str | None = None, cap: int | None = None) -> Iterator[PlanFile]:
    """The ordinary file at ``path`` opened for ``PlanFile``'s reads, with the checks and
    refusals of ``read_plan_file``; closed on leaving the block."""
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
        try:
            info = os.fstat(fd)  # of what was opened, not of the path: no swap between look and read
        except OSError as exc:
            raise UnreadableFile(f"{name} cannot be read ({exc.strerror or exc}).") from None
        for is_kind, message_id in _KINDS:
            if is_kind(info.st_mode):
                raise NotAFile(msg(message_id, file=name))
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(msg("file.not-ordinary", file=name))
        if info.st_size > cap:
            raise LimitExceeded(_over(name, info.st_size, cap))
        yield PlanFile(fd, info.st_size, cap, name)
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
    return msg(
        "file.over-limit", file=name, size=size_text(size), limit=size_text(cap), option=option, variable=variable
    )


def _grew(name: str, cap: int):
    option, variable = _how_to_raise()
    return msg("file.grew-past-limit", file=name, limit=size_text(cap), option=option, variable=variable)
