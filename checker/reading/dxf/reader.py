"""Open a DXF file, or say in one sentence why it cannot be opened.

ASCII and binary DXF are read by ezdxf; a file that a strict read rejects as
structurally damaged goes through ezdxf's recover module, and the repairs it made
are reported. DWG files, empty files and files that are not DXF are refused before
ezdxf sees them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import ezdxf
from ezdxf import recover
from ezdxf.document import Drawing
from ezdxf.lldxf.const import DXFError, DXFStructureError

from ...errors import DwgFile, EmptyFile, NotADxf, UnreadableFile

BINARY_SENTINEL = b"AutoCAD Binary DXF"
# How many repair messages we keep; a badly damaged file can have thousands.
MAX_REPAIRS_LISTED = 20


@dataclass(frozen=True)
class ReadReport:
    path: str
    sha256: str
    size_bytes: int
    binary: bool
    dxf_version: str
    release: str
    recovered: bool
    repairs: tuple[str, ...]  # up to MAX_REPAIRS_LISTED messages
    repair_count: int
    unrepaired: tuple[str, ...]


def sniff(head: bytes, name: str) -> bool:
    """True for binary DXF; raise for anything that is not DXF. ``head`` is the start of the file."""
    if not head.strip():
        raise EmptyFile(f"{name} is empty.")
    if head.startswith(BINARY_SENTINEL):
        return True
    if head[:2] == b"AC" and head[2:6].isdigit():  # DWG files open with their version, e.g. AC1032
        raise DwgFile(f"{name} is a DWG drawing; export it as DXF from your CAD program and upload that.")
    text = head.decode("latin-1")
    tokens = text.lstrip("\ufeff\xef\xbb\xbf").split(None, 2)
    if len(tokens) >= 2 and tokens[0] == "0" and tokens[1].upper() == "SECTION":
        return False
    if tokens and tokens[0] == "999":  # a DXF comment line before the first section
        return False
    raise NotADxf(f"{name} is not a DXF drawing; export the floor plan as DXF from your CAD program.")


def read_dxf(path: Path, display_name: str | None = None) -> tuple[Drawing, ReadReport]:
    """Read ``path`` and report how; every failure is an InputError with one sentence."""
    path = Path(path)
    name = display_name or path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"{name} does not exist.") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{name} is a folder, not a DXF file.") from None
    except OSError as exc:
        raise UnreadableFile(f"{name} cannot be read ({exc.strerror or exc}).") from None
    binary = sniff(data[:4096], name)
    digest = hashlib.sha256(data).hexdigest()

    repairs: list[str] = []
    unrepaired: list[str] = []
    repair_count = 0
    recovered = False
    try:
        doc = ezdxf.readfile(str(path))
    except DXFStructureError:
        doc, auditor = _recover(path, name)
        recovered = True
        repair_count = len(auditor.fixes)
        repairs = [_entry_text(e) for e in auditor.fixes[:MAX_REPAIRS_LISTED]]
        unrepaired = [_entry_text(e) for e in auditor.errors[:MAX_REPAIRS_LISTED]]
    except (DXFError, UnicodeDecodeError, ValueError, EOFError, IndexError) as exc:
        # Anything else a strict read trips over: a recovering read may still cope.
        try:
            doc, auditor = _recover(path, name)
        except UnreadableFile:
            raise UnreadableFile(f"{name} is not a readable DXF drawing ({_short(exc)}).") from None
        recovered = True
        repair_count = len(auditor.fixes)
        repairs = [_entry_text(e) for e in auditor.fixes[:MAX_REPAIRS_LISTED]]
        unrepaired = [_entry_text(e) for e in auditor.errors[:MAX_REPAIRS_LISTED]]

    return doc, ReadReport(
        path=str(path),
        sha256=digest,
        size_bytes=len(data),
        binary=binary,
        dxf_version=doc.dxfversion,
        release=doc.acad_release,
        recovered=recovered,
        repairs=tuple(repairs),
        repair_count=repair_count,
        unrepaired=tuple(unrepaired),
    )


def _recover(path: Path, name: str):
    try:
        return recover.readfile(str(path))
    except Exception as exc:  # recover raises many kinds; all mean "beyond repair"
        raise UnreadableFile(f"{name} is damaged beyond repair ({_short(exc)}).") from None


def _entry_text(entry) -> str:
    return _short(entry.message, 200)


def _short(exc: object, limit: int = 160) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
