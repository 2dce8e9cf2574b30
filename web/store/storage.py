"""Uploaded and generated files on local disk, under names we choose.

A user's file name is kept in the database only to be shown; on disk every file is
``<random hex>.<dxf|pdf>``, so no user input ever reaches a path.
"""

from __future__ import annotations

import errno
import hashlib
import io
import lzma
import re
import secrets
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask import current_app

from checker.errors import DwgFile, EmptyFile, NotADxf
from checker.reading.dxf.reader import sniff as sniff_dxf

from ..i18n import UserError

# The first bytes of what we accept; the extension alone is not trusted.
SNIFF_BYTES = 64  # the start of a file the checker's DXF sniffing looks at
ZIP_MAGIC = b"PK\x03\x04"
# A zip inside the zip (an empty zip starts with its end record).
NESTED_ZIP_MAGIC = (ZIP_MAGIC, b"PK\x05\x06", b"PK\x07\x08")

MAX_ZIP_ENTRIES = 200  # files and folders alike
# A central directory this large lists far more entries than MAX_ZIP_ENTRIES could need.
MAX_ZIP_DIRECTORY_BYTES = 1024 * 1024
ZIP_READ_CHUNK = 1024 * 1024
# Errors a disk that is full (or over quota) raises while we write.
NO_ROOM = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class UploadRefused(UserError):
    """Why an uploaded file is refused, in one sentence for the user.

    ``status`` is the HTTP status that fits, when it is not the form's or the API's usual one.
    """

    def __init__(self, message: str, *, status: int | None = None, **values):
        super().__init__(message, **values)
        self.status = status


@dataclass(frozen=True)
class Stored:
    name: str  # on disk
    sha256: str
    size: int


def upload_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def annex_folder() -> Path:
    return Path(current_app.config["ANNEX_FOLDER"])


def looks_like_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def store_bytes(data: bytes, suffix: str, folder: Path | None = None) -> Stored:
    """Write ``data`` under a new name; a write that fails leaves no partial file, and a
    full disk is ``UploadRefused`` with a sentence (status 507)."""
    folder = folder or upload_folder()
    name = f"{secrets.token_hex(16)}{suffix}"
    path = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as exc:
        path.unlink(missing_ok=True)
        if exc.errno in NO_ROOM:
            raise no_room() from None
        raise
    return Stored(name, hashlib.sha256(data).hexdigest(), len(data))


def no_room() -> UploadRefused:
    """The refusal when the disk is full: nothing of the upload is kept."""
    return UploadRefused(
        "The server has no room to keep your files just now, so nothing was kept; try again later.", status=507
    )


def remove_stored(names: list[str], folder: Path | None = None) -> None:
    """Remove files ``store_bytes`` wrote for an upload that was not kept after all."""
    folder = folder or upload_folder()
    for name in names:
        _inside(folder, name).unlink(missing_ok=True)


def refuse_unless_dxf(data: bytes, shown_name: str) -> None:
    # The checker's own sniffing (what the check will read), with the web's sentences.
    try:
        sniff_dxf(data[:SNIFF_BYTES], shown_name)
    except EmptyFile:
        raise UploadRefused("%(file)s is empty.", file=shown_name) from None
    except DwgFile:
        raise UploadRefused(
            "%(file)s is a DWG drawing; export it as DXF from your CAD program and upload that.", file=shown_name
        ) from None
    except NotADxf:
        raise UploadRefused(
            "%(file)s is not a DXF drawing; export the plan as DXF and upload that.", file=shown_name
        ) from None


def store_dxf(data: bytes, shown_name: str) -> Stored:
    refuse_unless_dxf(data, shown_name)
    return store_bytes(data, ".dxf")


# ----------------------------------------------------------------- zips


def unpacked_limit_bytes() -> int:
    """How much a zip may unpack to: ``MAX_UNPACKED_MB``, by default the upload limit."""
    config = current_app.config
    return int(float(config.get("MAX_UNPACKED_MB") or config["MAX_UPLOAD_MB"]) * 1024 * 1024)


def unpack_zip(data: bytes, limit_bytes: int) -> dict[str, bytes]:
    """Every file in the zip ``data`` by its path in the zip, read into memory, nothing
    written to disk.

    The sizes the zip states are not trusted: the bytes actually unpacked are counted
    over all entries and reading stops as soon as they pass ``limit_bytes``; an entry
    whose unpacked size differs from what its header says is damaged. Refused, each
    with a sentence: too many entries, names that leave the zip (absolute, ``..``, a
    drive), symbolic links, encrypted entries, compression we cannot read, a zip inside
    the zip, and a zip that cannot be read.
    """
    # zipfile reads the central directory whole, an object per entry: one far larger
    # than MAX_ZIP_ENTRIES could need is refused unread (the count the end record gives
    # is not trusted; zipfile reads by the directory's size).
    directory_bytes = _central_directory_size(data)
    if directory_bytes is None:
        raise UploadRefused("The zip file cannot be opened; it may be damaged.")
    if directory_bytes > MAX_ZIP_DIRECTORY_BYTES:
        raise UploadRefused(
            "The zip's list of contents is over 1 MB, far more than a project needs; "
            "send only project.toml and the DXF files."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        struct.error,
        UnicodeDecodeError,
        OverflowError,
        NotImplementedError,
    ):
        raise UploadRefused("The zip file cannot be opened; it may be damaged.") from None
    unpacked: dict[str, bytes] = {}
    total = 0
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_ENTRIES:
            raise UploadRefused("The zip holds more than %(count)s files.", count=MAX_ZIP_ENTRIES)
        for member in members:
            name = _entry_name(member)
            if member.is_dir():
                continue
            if name in unpacked:
                raise UploadRefused("The zip holds “%(name)s” twice; keep one of them.", name=member.filename)
            content, total = _unpack_entry(archive, member, total, limit_bytes)
            if PurePosixPath(name).suffix.lower() == ".zip" or content.startswith(NESTED_ZIP_MAGIC):
                raise UploadRefused(
                    "The zip holds another zip, “%(name)s”; put project.toml and the DXF files straight into one zip.",
                    name=member.filename,
                )
            unpacked[name] = content
    return unpacked


def _central_directory_size(data: bytes) -> int | None:
    """The size the zip's end record gives its central directory; None without an end record."""
    try:
        # the stdlib's own reader of the end record (and its zip64 form); typeshed leaves out private names
        end = zipfile._EndRecData(io.BytesIO(data))  # type: ignore[attr-defined]
    except (OSError, ValueError, EOFError, struct.error, zipfile.BadZipFile):
        return None
    if not end:
        return None
    return int(end[zipfile._ECD_SIZE])  # type: ignore[attr-defined]


def _entry_name(member: zipfile.ZipInfo) -> str:
    """The entry's path in the zip; a name that would leave a folder it is unpacked into,
    or a symbolic link, is refused."""
    name = member.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if not name or "\x00" in name or path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", name):
        raise UploadRefused("The zip entry “%(name)s” points outside the zip.", name=member.filename)
    if stat.S_ISLNK(member.external_attr >> 16):
        raise UploadRefused(
            "The zip entry “%(name)s” is a symbolic link; put the file itself in the zip.", name=member.filename
        )
    return str(path)


def _unpack_entry(archive: zipfile.ZipFile, member: zipfile.ZipInfo, total: int, limit_bytes: int) -> tuple[bytes, int]:
    """The entry's bytes, counted into ``total`` as they are unpacked."""
    if member.flag_bits & 0x1:
        raise UploadRefused(
            "The zip entry “%(name)s” is encrypted; send a zip without a password.", name=member.filename
        )
    chunks = []
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(ZIP_READ_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if total > limit_bytes:
                    raise UploadRefused(
                        "The zip unpacks to more than %(limit)s MB; send smaller drawings.",
                        limit=_megabytes(limit_bytes),
                    )
                chunks.append(chunk)
            if _compressed_size_wrong(stream, member):
                raise UploadRefused(
                    "The zip entry “%(name)s” cannot be unpacked: the zip is damaged or states wrong sizes.",
                    name=member.filename,
                )
    except UploadRefused:
        raise
    except NotImplementedError:
        raise UploadRefused(
            "The zip entry “%(name)s” is compressed in a way we cannot read; make the zip again "
            "with ordinary compression.",
            name=member.filename,
        ) from None
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError, RuntimeError, struct.error):
        raise UploadRefused(
            "The zip entry “%(name)s” cannot be unpacked: the zip is damaged or states wrong sizes.",
            name=member.filename,
        ) from None
    if size != member.file_size:
        raise UploadRefused(
            "The zip entry “%(name)s” cannot be unpacked: the zip is damaged or states wrong sizes.",
            name=member.filename,
        )
    return b"".join(chunks), total


def _compressed_size_wrong(stream, member: zipfile.ZipInfo) -> bool:
    """Whether the entry's compressed data ended before the size its header states
    (zipfile stops at the end of the compressed stream and does not tell)."""
    if member.compress_type == zipfile.ZIP_STORED:
        return member.compress_size != member.file_size
    left = getattr(stream, "_compress_left", 0)  # zipfile's own count of compressed bytes not read
    beyond = getattr(getattr(stream, "_decompressor", None), "unused_data", b"")  # read, but after the stream's end
    return bool(left or beyond)


def _megabytes(limit_bytes: int) -> str:
    return f"{limit_bytes / (1024 * 1024):g}"


# ----------------------------------------------------------------- paths


def upload_path(stored_name: str) -> Path:
    return _inside(upload_folder(), stored_name)


def annex_path(stored_name: str) -> Path:
    return _inside(annex_folder(), stored_name)


def _inside(folder: Path, stored_name: str) -> Path:
    path = (folder / stored_name).resolve()
    if path.parent != folder.resolve():  # names are ours, but never trust a path
        raise UploadRefused("Unknown file.")
    return path
