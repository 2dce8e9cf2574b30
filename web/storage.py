"""Uploaded and generated files on local disk, under names we choose.

A user's file name is kept in the database only to be shown; on disk every file is
``<random hex>.<dxf|pdf>``, so no user input ever reaches a path.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from .i18n import UserError

# The first bytes of what we accept; the extension alone is not trusted.
BINARY_DXF = b"AutoCAD Binary DXF"
ZIP_MAGIC = b"PK\x03\x04"


class UploadRefused(UserError):
    """Why an uploaded file is refused, in one sentence for the user."""


@dataclass(frozen=True)
class Stored:
    name: str  # on disk
    sha256: str
    size: int


def upload_folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def annex_folder() -> Path:
    return Path(current_app.config["ANNEX_FOLDER"])


def looks_like_dxf(head: bytes) -> bool:
    if head.startswith(BINARY_DXF):
        return True
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    # An ASCII DXF starts with group code 0 then SECTION (or a 999 comment first).
    lines = [line.strip() for line in text.splitlines()[:4]]
    return len(lines) >= 2 and ((lines[0] == b"0" and lines[1] == b"SECTION") or lines[0] == b"999")


def looks_like_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def store_bytes(data: bytes, suffix: str, folder: Path | None = None) -> Stored:
    folder = folder or upload_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}{suffix}"
    (folder / name).write_bytes(data)
    return Stored(name, hashlib.sha256(data).hexdigest(), len(data))


def refuse_unless_dxf(data: bytes, shown_name: str) -> None:
    if not data:
        raise UploadRefused("%(file)s is empty.", file=shown_name)
    if not looks_like_dxf(data[:64]):
        raise UploadRefused("%(file)s is not a DXF drawing; export the plan as DXF and upload that.", file=shown_name)


def store_dxf(data: bytes, shown_name: str) -> Stored:
    refuse_unless_dxf(data, shown_name)
    return store_bytes(data, ".dxf")


def upload_path(stored_name: str) -> Path:
    return _inside(upload_folder(), stored_name)


def annex_path(stored_name: str) -> Path:
    return _inside(annex_folder(), stored_name)


def _inside(folder: Path, stored_name: str) -> Path:
    path = (folder / stored_name).resolve()
    if path.parent != folder.resolve():  # names are ours, but never trust a path
        raise UploadRefused("Unknown file.")
    return path
