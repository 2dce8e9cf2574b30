"""Open a DXF file, or say in one sentence why it cannot be opened.

ASCII and binary DXF are read by ezdxf; a file that a strict read rejects as
structurally damaged goes through ezdxf's recover module, and the repairs it made
are reported. DWG files, empty files and files that are not DXF are refused before
ezdxf sees them.

Text encodings: files before R2007 store text in the code page named by
``$DWGCODEPAGE`` (ANSI_1256 for Persian and Arabic, ANSI_1252, ANSI_936, DOS pages
...); later files are UTF-8. We decode the bytes ourselves, so that code pages ezdxf
maps to cp1252 (DOS and ISO pages) read right, ``\\U+XXXX`` escapes become the
characters they name (ezdxf's strict reader leaves them as they are), and a file
whose header declares a Western page, or none, while its text is plainly Persian or
Arabic in ANSI_1256 (or UTF-8) is read in that encoding and the load report says so:
Iranian offices often save old-format files from a Western-configured CAD.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from collections.abc import Callable, Iterator

import ezdxf
from ezdxf import recover
from ezdxf.document import Drawing
from ezdxf.lldxf.const import DXFError, DXFStructureError
from ezdxf.lldxf.encoding import decode_dxf_unicode
from ezdxf.lldxf.tagger import binary_tags_loader
from ezdxf.tools.codepage import toencoding

from .light import read_light, read_light_pairs
from .tags import compile_tags, compiled_tags, raw_tags_of_lines, streamed_lines
from ..source import PlanFile, open_plan_file
from ...errors import DwgFile, EmptyFile, InputError, NotADxf, UnreadableFile
from ...messages import Message, msg

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
    encoding: str = "utf-8"  # the Python codec the text was decoded with
    declared_encoding: str | None = None  # what $DWGCODEPAGE (or the version) says
    problems: tuple[Message, ...] = field(default=())  # e.g. text in another code page than declared


# $DWGCODEPAGE values ezdxf's own table does not know (it reads them as cp1252).
_CODEPAGES = {
    **{
        f"DOS{n}": f"cp{n}"
        for n in (437, 737, 775, 850, 852, 855, 857, 860, 861, 862, 863, 864, 865, 866, 869, 874, 932, 936, 949, 950)
    },
    **{f"ISO8859_{n}": f"iso8859_{n}" for n in range(1, 16)},
    "MAC-ROMAN": "mac_roman",
    "MACINTOSH": "mac_roman",
    "BIG5": "big5",
    "GB2312": "gb2312",
    "KSC5601": "euc_kr",
    "JOHAB": "johab",
    "ANSI_1361": "johab",
    "UTF8": "utf-8",
    "UTF-8": "utf-8",
}
_CODEPAGE_VALUE = re.compile(rb"\$DWGCODEPAGE[ \t]*\r?\n[ \t]*3[ \t]*\r?\n([^\r\n]*)")
_ACADVER_VALUE = re.compile(rb"\$ACADVER[ \t]*\r?\n[ \t]*1[ \t]*\r?\n[ \t]*(AC\d{4})")
_HEADER_START = re.compile(rb"\n[ \t]*2[ \t]*\r?\nHEADER[ \t]*\r?\n")
# Runs of two or more non-ASCII bytes: how Persian and Arabic words look in a
# single-byte code page (Western words have a lone accented letter among ASCII ones).
_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Pages whose text would be mojibake if the bytes were really ANSI_1256.
_WESTERN = {"cp1252", "cp1250", "cp1254", "cp1257", "cp1258", "cp437", "cp850", "iso8859_1", "iso8859_15", "mac_roman"}
# Share of non-ASCII bytes that must sit in multi-byte runs, and of the decoded
# runs' characters that must be Arabic-script letters, to call the text ANSI_1256.
_RUN_SHARE = 0.8
_ARABIC_SHARE = 0.95


def _is_arabic_letter(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or code in (0x200C, 0x200D) or 0xFB50 <= code <= 0xFEFF


def _declared_encoding(data: bytes) -> tuple[str, str | None]:
    """(encoding the header implies, the $DWGCODEPAGE value or None)."""
    head = data[:1_000_000]
    version = _ACADVER_VALUE.search(head)
    if version and version.group(1).decode("ascii") >= "AC1021":
        return "utf-8", None  # R2007 and later are always UTF-8
    found = _CODEPAGE_VALUE.search(head)
    if not found:
        return "cp1252", None  # what AutoCAD and ezdxf assume
    page = found.group(1).decode("ascii", "replace").strip()
    return _CODEPAGES.get(page.upper()) or toencoding(page.upper()), page


def choose_encoding(data: bytes) -> tuple[str, str, Message | None]:
    """(encoding to decode with, the declared one, a note when they differ).

    The declared encoding wins unless a Western page (or none) is declared and the
    text plainly is UTF-8, or ANSI_1256 Persian or Arabic: decoding as declared would
    give mojibake (``ÏíæÇÑ`` for ``دیوار``) where the other page gives words. An
    R2007+ file (UTF-8 by definition) whose bytes are not UTF-8 is sniffed the same way.
    """
    declared, page = _declared_encoding(data)
    if data.isascii():
        return declared, declared, None
    if declared == "utf-8":
        try:
            data.decode("utf-8")
            return declared, declared, None
        except UnicodeDecodeError:
            pass  # an R2007+ file written in a code page
    elif declared not in _WESTERN:
        return declared, declared, None  # a declared Arabic, Cyrillic, CJK... page is believed
    else:
        try:
            data.decode("utf-8")
            return "utf-8", declared, _encoding_note(page, declared, "utf-8")
        except UnicodeDecodeError:
            pass
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    runs = _HIGH_RUN.findall(data)
    decoded = "".join(run.decode("cp1256", "replace") for run in runs)
    letters = sum(1 for char in decoded if _is_arabic_letter(char))
    if decoded and sum(map(len, runs)) >= _RUN_SHARE * high and letters >= _ARABIC_SHARE * len(decoded):
        return "cp1256", declared, _encoding_note(page, declared, "cp1256")
    return declared, declared, None


# The bytes whose cp1256 character is an Arabic-script letter (``_is_arabic_letter``).
_ARABIC_BYTES = bytes(b for b in range(0x80, 0x100) if _is_arabic_letter(bytes([b]).decode("cp1256", "replace")))


class EncodingSniffer:
    """``choose_encoding`` of a file fed to it a chunk at a time: the same answer as for the
    whole bytes, from counts (ASCII or not, valid UTF-8 or not, non-ASCII bytes, bytes in
    runs of two or more and the Arabic letters among them) and the first megabyte."""

    HEAD = 1_000_000

    def __init__(self) -> None:
        self.head = bytearray()
        self.ascii = True
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.utf8_valid = True
        self.high = 0
        self.run_bytes = 0
        self.run_letters = 0
        self.open_run = 0  # the run of non-ASCII bytes the last chunk ended in, still open
        self.open_letters = 0

    def feed(self, chunk: bytes) -> None:
        if len(self.head) < self.HEAD:
            self.head += chunk[: self.HEAD - len(self.head)]
        if self.utf8_valid:
            try:
                self.utf8.decode(chunk)
            except UnicodeDecodeError:
                self.utf8_valid = False
        if chunk.isascii():
            self._close_run()
            return
        self.ascii = False
        self.high += len(chunk) - len(chunk.translate(None, _HIGH_BYTES))
        start = len(chunk) - len(chunk.lstrip(_HIGH_BYTES))  # the open run goes on here
        if start == len(chunk):
            self._grow_run(chunk)
            return
        self._grow_run(chunk[:start])
        self._close_run()
        end = len(chunk.rstrip(_HIGH_BYTES))
        for run in _HIGH_RUN.findall(chunk, start, end):
            self.run_bytes += len(run)
            self.run_letters += len(run) - len(run.translate(None, _ARABIC_BYTES))
        self._grow_run(chunk[end:])

    def _grow_run(self, run: bytes) -> None:
        self.open_run += len(run)
        self.open_letters += len(run) - len(run.translate(None, _ARABIC_BYTES))

    def _close_run(self) -> None:
        if self.open_run >= 2:
            self.run_bytes += self.open_run
            self.run_letters += self.open_letters
        self.open_run = self.open_letters = 0

    def result(self) -> tuple[str, str, Message | None]:
        """What ``choose_encoding`` answers for all the bytes fed."""
        self._close_run()
        if self.utf8_valid:
            try:
                self.utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                self.utf8_valid = False
        declared, page = _declared_encoding(bytes(self.head))
        if self.ascii:
            return declared, declared, None
        if declared == "utf-8":
            if self.utf8_valid:
                return declared, declared, None
        elif declared not in _WESTERN:
            return declared, declared, None
        elif self.utf8_valid:
            return "utf-8", declared, _encoding_note(page, declared, "utf-8")
        # cp1256 decodes every byte to one character: the runs' text is as long as the runs.
        if (
            self.run_bytes
            and self.run_bytes >= _RUN_SHARE * self.high
            and self.run_letters >= _ARABIC_SHARE * self.run_bytes
        ):
            return "cp1256", declared, _encoding_note(page, declared, "cp1256")
        return declared, declared, None


def _encoding_note(page: str | None, declared: str, used: str) -> Message:
    shown = {"cp1256": "ANSI_1256 (Arabic script)", "utf-8": "UTF-8"}[used]
    if page is None and declared != "utf-8":
        return msg("load.text-encoding-undeclared", used=shown)
    return msg("load.text-encoding-differs", declared=page or "UTF-8", used=shown)


def _read_text(data: bytes, encoding: str, claim_insert: Callable[[str], bool] | None = None) -> Drawing:
    """An ASCII DXF read from its decoded text through ``tags.compiled_tags`` (ezdxf's
    tags, built faster); a file that trips that is read ezdxf's own way, so that it
    fails, or is recovered, exactly as before. With ``claim_insert`` the modelspace's
    common entities become light records (``light.read_light``) where that reads the same."""
    text = data.decode(encoding, errors="surrogateescape")
    if "\\U+" in text:
        text = decode_dxf_unicode(text)
    if claim_insert is not None:
        try:
            return read_light(text, claim_insert)  # type: ignore[return-value]
        except Exception:  # noqa: BLE001 - LightUnavailable or a broken file: the paths below decide
            pass
    try:
        return Drawing.from_tags(compiled_tags(text))
    except Exception:  # noqa: BLE001 - the strict read below raises what it raises
        return ezdxf.read(io.StringIO(text, newline=None))  # universal newlines, as ezdxf.readfile opens files


def _recovery_bytes(data: bytes, encoding: str, declared: str | None) -> bytes:
    """The file with $DWGCODEPAGE naming ``encoding``, for ezdxf's recover, which decodes by the header."""
    if encoding == declared or encoding != "cp1256":
        return data
    found = _CODEPAGE_VALUE.search(data[:1_000_000])
    if found:
        return data[: found.start(1)] + b"ANSI_1256" + data[found.end(1) :]
    start = _HEADER_START.search(data[:1_000_000])
    if start:
        return data[: start.end()] + b"  9\n$DWGCODEPAGE\n  3\nANSI_1256\n" + data[start.end() :]
    return data


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


# ASCII files from this size on are streamed (``_read_streamed``): never held whole.
STREAM_FROM_BYTES = 16 << 20


class _Streamed:
    """What a streamed read found: the drawing, the bytes' digest and count, the encoding."""

    def __init__(self, doc, digest: str, size: int, encoding: str, declared: str, note: Message | None):
        self.doc, self.digest, self.size = doc, digest, size
        self.encoding, self.declared, self.note = encoding, declared, note


def _read_streamed(plan: PlanFile, name: str, claim_insert: Callable[[str], bool] | None) -> _Streamed | None:
    """An ASCII DXF read without ever holding its bytes or its text whole, and read from disk
    once: its first chunk names the encoding to decode with (``choose_encoding`` of those
    bytes), then the chunks are decoded incrementally into lines, tags and light records as
    they go by, hashed and sniffed on the way (``EncodingSniffer``). Only when the whole
    file points to another encoding than its first chunk did (Persian text under a Western
    code page that starts past the first chunk) is it read a second time, in that encoding,
    and the two passes' digests compared. None for a binary file or one the streamed read
    trips over: the whole-bytes read then decides (and fails, or recovers, as before)."""
    passed = _decode_streamed(plan, name, claim_insert, None)
    if passed is None:
        return None
    doc, digest, size, sniffer, guess = passed
    encoding, declared, note = sniffer.result()
    if encoding != guess:
        again = _decode_streamed(plan, name, claim_insert, encoding)
        if again is None:
            return None
        doc, second_digest, size, _, _ = again
        if second_digest != digest:
            raise UnreadableFile(f"{name} changed while it was being read; save it again and retry.")
    return _Streamed(doc, digest, size, encoding, declared, note)


def _decode_streamed(plan: PlanFile, name: str, claim_insert: Callable[[str], bool] | None, encoding: str | None):
    """One pass over the file's chunks: (drawing, SHA-256, size, the sniffer fed every byte,
    the encoding decoded with), or None as ``_read_streamed`` says. ``encoding`` None: the
    one the first chunk (4 KB at least) points to: the header, with $ACADVER and
    $DWGCODEPAGE, opens the file."""
    chunks = plan.chunks()
    first = b""
    for chunk in chunks:  # at least the 4 KB the sniffing looks at, however small the chunks
        first += chunk
        if len(first) >= 4096:
            break
    if sniff(first[:4096], name):
        return None
    if encoding is None:
        guess = EncodingSniffer()
        guess.feed(first)
        encoding = guess.result()[0]
    sniffer = EncodingSniffer()
    digest = hashlib.sha256()
    size = 0

    def pieces() -> Iterator[str]:
        nonlocal size, first
        decoder = codecs.getincrementaldecoder(encoding)(errors="surrogateescape")
        for chunk in chain((first,) if first else (), chunks):
            first = b""
            sniffer.feed(chunk)
            digest.update(chunk)
            size += len(chunk)
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)

    text = pieces()
    try:
        pairs = raw_tags_of_lines(streamed_lines(text, _unicode_escapes))
        doc = (
            read_light_pairs(pairs, claim_insert)
            if claim_insert is not None
            else Drawing.from_tags(compile_tags(pairs))
        )
    except InputError:
        raise  # the file itself refused while read: past the size limit, unreadable
    except Exception:  # noqa: BLE001 - the whole-bytes read decides what it was
        return None
    for _ in text:  # what follows 0/EOF: hashed and sniffed as the whole read does
        pass
    return doc, digest.hexdigest(), size, sniffer, encoding


def _unicode_escapes(text: str) -> str:
    """``\\U+XXXX`` escapes decoded in a piece of whole lines, as ``_read_text`` decodes the whole text."""
    return decode_dxf_unicode(text) if "\\U+" in text else text


def read_dxf(
    path: Path,
    display_name: str | None = None,
    claim_insert: Callable[[str], bool] | None = None,
    stream: bool | None = None,
) -> tuple[Drawing, ReadReport]:
    """Read ``path`` and report how; every failure is an InputError with one sentence.

    ``claim_insert(layer)``: read the modelspace's lines, straight polylines, texts and the
    block references on the layers it accepts as light records (see ``light``); the
    drawing returned is then a ``light.ReadDrawing``. Binary and recovered files never are.
    ``stream``: read the file in chunks, never whole (``_read_streamed``); by default
    files from STREAM_FROM_BYTES on are. The result is the same either way."""
    path = Path(path)
    name = display_name or path.name
    # The file's one opening (issue 15): refuses devices, named pipes and files past the size
    # limit, and stops at the limit if the file grows; sniffing, hashing and parsing all
    # use these bytes, never the path again (a streamed read checks that its two passes
    # saw the same bytes).
    with open_plan_file(path, name) as plan:
        streamed = (
            _read_streamed(plan, name, claim_insert)
            if (plan.size >= STREAM_FROM_BYTES if stream is None else stream)
            else None
        )
        data = b"" if streamed is not None else plan.read_all()
    if streamed is not None:
        doc = streamed.doc
        return doc, ReadReport(
            path=str(path),
            sha256=streamed.digest,
            size_bytes=streamed.size,
            binary=False,
            dxf_version=doc.dxfversion,
            release=doc.acad_release,
            recovered=False,
            repairs=(),
            repair_count=0,
            unrepaired=(),
            encoding=streamed.encoding,
            declared_encoding=streamed.declared,
            problems=(streamed.note,) if streamed.note else (),
        )
    binary = sniff(data[:4096], name)
    digest = hashlib.sha256(data).hexdigest()

    repairs: list[str] = []
    unrepaired: list[str] = []
    repair_count = 0
    recovered = False
    encoding, declared, note = ("utf-8", None, None) if binary else choose_encoding(data)
    try:
        doc = Drawing.load(binary_tags_loader(data)) if binary else _read_text(data, encoding, claim_insert)
    except DXFStructureError:
        doc, auditor = _recover(path, name, _recovery_bytes(data, encoding, declared))  # binary: data as read
        recovered = True
        repair_count = len(auditor.fixes)
        repairs = [_entry_text(e) for e in auditor.fixes[:MAX_REPAIRS_LISTED]]
        unrepaired = [_entry_text(e) for e in auditor.errors[:MAX_REPAIRS_LISTED]]
    except (DXFError, UnicodeDecodeError, ValueError, OverflowError, EOFError, IndexError) as exc:
        # Anything else a strict read trips over: a recovering read may still cope.
        try:
            doc, auditor = _recover(path, name, _recovery_bytes(data, encoding, declared))
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
        encoding=encoding,
        declared_encoding=declared,
        problems=(note,) if note else (),
    )


def _recover(path: Path, name: str, data: bytes | None = None):
    try:
        if data is not None:
            return recover.read(io.BytesIO(data))
        return recover.readfile(str(path))
    except Exception as exc:  # recover raises many kinds; all mean "beyond repair"
        raise UnreadableFile(f"{name} is damaged beyond repair ({_short(exc)}).") from None


def _entry_text(entry) -> str:
    return _short(entry.message, 200)


def _short(exc: object, limit: int = 160) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
