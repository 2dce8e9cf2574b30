"""Turn a decoded ASCII DXF text into ezdxf's compiled tags, faster than ezdxf does.

ezdxf reads a text stream line by line (``ascii_tags_loader``: one ``readline`` and one
raw tag object per line pair) and then compiles the raw tags (``tag_compiler``). On a
plan of 100k entities that pipeline was a third of the reading. Here the text is split
into lines a megabyte at a time by ``str.split`` and each tag is built once, already
compiled; nothing else changes, the tags go to ezdxf's own ``Drawing.from_tags``.

``compiled_tags(text)`` yields exactly what
``tag_compiler(ascii_tags_loader(io.StringIO(text, newline=None)))`` yields for a
readable file (the same tag types and values; comments skipped, nothing read after
``0/EOF``). On a file it cannot read it raises; the reader then reads the file ezdxf's
own way, so a broken file fails (or is recovered) exactly as before.
``raw_tags_of_lines(streamed_lines(pieces))`` gives the same pairs from the text decoded a
chunk at a time (big files are never held whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ezdxf.lldxf.const import DXFStructureError
from ezdxf.lldxf.types import BINARY_DATA, POINT_CODES, TYPE_TABLE, DXFBinaryTag, DXFTag, DXFVertex

CHUNK = 1 << 20  # characters split into lines at once: fast, without a list of every line


def _lines(text: str) -> Iterator[str]:
    """The text's lines without line ends, as ``StringIO(text, newline=None).readline``
    gives them (universal newlines: \\r\\n and a lone \\r end a line too)."""
    start, size = 0, len(text)
    while start < size:
        # Chunks end just after a \n, so a \r\n pair is never cut in two.
        end = text.find("\n", min(start + CHUNK, size))
        end = size if end < 0 else end + 1
        yield from _chunk_lines(text[start:end])
        start = end


def _chunk_lines(chunk: str) -> list[str]:
    """The lines of a piece of text that ends just after a \\n (or is the text's end)."""
    if "\r" in chunk:
        chunk = chunk.replace("\r\n", "\n").replace("\r", "\n")
    lines = chunk.split("\n")
    if chunk.endswith("\n"):
        lines.pop()  # the empty piece after the last line end
    return lines


# No DXF line is this long (values stop at a few thousand characters); a file that has
# one is no drawing or a damaged one, and is read whole so that it fails as before.
LONGEST_STREAMED_LINE = 4 << 20


class LineTooLong(Exception):
    """A streamed text holds a line past LONGEST_STREAMED_LINE; the caller reads it whole."""


def streamed_lines(pieces: Iterable[str], whole_lines: Callable[[str], str] | None = None) -> Iterator[str]:
    """The lines of the text made of ``pieces`` (decoded a chunk at a time), exactly as
    ``_lines`` gives the lines of the whole text: each piece is cut after its last \\n and
    the rest carried to the next, so neither a line nor a \\r\\n pair is cut in two.
    ``whole_lines`` is applied to each run of whole lines before it is split (to decode
    what a line holds, e.g. ``\\U+`` escapes, never cut by a chunk's end)."""
    edit = whole_lines or (lambda text: text)
    carry = ""
    for piece in pieces:
        if carry:
            piece = carry + piece
        end = piece.rfind("\n") + 1
        if end == 0:
            if len(piece) > LONGEST_STREAMED_LINE:
                raise LineTooLong(f"a line of more than {LONGEST_STREAMED_LINE} characters")
            carry = piece  # a line longer than the piece: wait for its end
            continue
        carry = piece[end:]
        yield from _chunk_lines(edit(piece[:end]))
    if carry:
        yield from _chunk_lines(edit(carry))


def raw_tags(text: str) -> Iterator[tuple[int, str]]:
    """(group code, value text) pairs, as ``ascii_tags_loader`` reads them."""
    return raw_tags_of_lines(_lines(text))


def raw_tags_of_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """``raw_tags`` of the text whose lines are ``lines``."""
    lines = iter(lines)
    for code_line in lines:
        try:
            code = int(code_line)
        except ValueError:
            raise DXFStructureError(f'Invalid group code "{code_line}".') from None
        value = next(lines, None)
        if value is None:  # a group code with no value: the file ends here
            return
        if code == 0 and value == "EOF":
            yield code, value
            return  # nothing after EOF is read
        if code != 999:  # comments are skipped
            yield code, value


def compiled_tags(text: str) -> Iterator[DXFTag]:
    """The tags of a decoded ASCII DXF, compiled as ``ezdxf.lldxf.tagger.tag_compiler`` does."""
    return compile_tags(raw_tags(text))


def compile_tags(pairs: Iterable[tuple[int, str]]) -> Iterator[DXFTag]:
    """``raw_tags`` pairs compiled as ``ezdxf.lldxf.tagger.tag_compiler`` compiles raw tags."""
    tags = iter(pairs)
    undo: tuple[int, str] | None = None
    type_of = TYPE_TABLE.get
    while True:
        try:
            if undo is not None:
                code, value = undo
                undo = None
            else:
                code, value = next(tags)
            if code in POINT_CODES:
                y_code, y_value = next(tags)  # the y coordinate is mandatory
                if y_code != code + 10:
                    raise DXFStructureError("Missing required y coordinate.")
                z = next(tags)  # the z coordinate only for 3D points
                try:
                    if z[0] == code + 20:
                        point: tuple[float, ...] = (float(value), float(y_value), float(z[1]))
                    else:
                        point = (float(value), float(y_value))
                        undo = z
                except ValueError:
                    raise DXFStructureError("Invalid floating point values.") from None
                yield DXFVertex(code, point)
            elif code in BINARY_DATA:
                try:
                    binary = DXFBinaryTag.from_string(code, value)
                except ValueError:
                    raise DXFStructureError("Invalid binary data.") from None
                yield binary
            else:
                cast = type_of(code, str)
                try:
                    compiled = DXFTag(code, cast(value.strip() if code == 0 else value))
                except ValueError:
                    if cast is not int:  # ProE writes integers as floats
                        raise DXFStructureError(f'Invalid tag (code={code}, value="{value}").') from None
                    try:
                        compiled = DXFTag(code, int(float(value)))
                    except ValueError:
                        raise DXFStructureError(f'Invalid tag (code={code}, value="{value}").') from None
                yield compiled
        except StopIteration:
            return
