"""The security annex: HTML from Jinja2 templates, and PDF/A-3b from that by weasyprint.

``annex_html`` and ``annex_pdf`` are what the CLI (``annex check --pdf``) and the web
app call. The annex renders the plan model and the one ``Results``; nothing here
changes a finding.

Safety. Every string that comes from a DXF file (room labels, attribute values, layer
and block names, handles) reaches the page through Jinja2 autoescaping and the
``cap`` filter, never as markup. weasyprint fetches through :class:`AssetFetcher`,
which serves the files under ``assets/`` and refuses every other URL (http, https,
data:, and file: outside the folder), so a document cannot reach the network or the
file system even if markup slipped through.

Determinism. The PDF's dates come from ``results.generated`` (the moment the caller
handed to the check); the PDF /ID is a hash of the content; the embedded font subsets
carry the same date (see :func:`_font_dates`). The same plan and results give
byte-identical files. Rendering reads and sets no environment, so annexes may be
rendered concurrently in threads.
"""

from __future__ import annotations

import base64
import hashlib
import io
import mimetypes
import re
import struct
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, UTC
from functools import cache
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator
from typing import cast
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname
from xml.sax.saxutils import escape as xml_escape

from fontTools.misc import timeTools
from fontTools.ttLib.tables import _h_e_a_d as _fonttools_head
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
import weasyprint
from weasyprint.images import RasterImage
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .. import __version__
from ..errors import AnnexError
from ..messages import Message, Number, message_from_json, msg, render
from ..plan import Opening, OpeningKind, Plan, Source
from ..results import Finding, Quantity, Results, Severity, Status, verdict_sentence
from ..rules import catalogue
from . import i18n
from .drawing import STATUS_COLOURS, needs_picture, plan_frame, site_inset, storey_drawing, storey_picture
from .parameters import parameter_words
from .review import FindingDecision, Review

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
ASSETS = HERE / "assets"
STYLESHEET = "annex.css"

MAX_TEXT = 120  # characters of one DXF-derived string shown in the annex
MAX_LABEL = 40  # characters of a room label set on the drawing
MAX_MESSAGE = 1000  # a finding message (rule code, but it quotes DXF values)
ELLIPSIS = "…"

# Where a plan drawing may go on an A4 page with the margins of annex.css.
PLAN_MAX_WIDTH_MM = 170.0
PLAN_MAX_HEIGHT_MM = 195.0

MIN_LABEL_SCALE = 2.0  # mm on the page per metre of plan below which room names are left out

SHOWN = (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR)

# Large plans. weasyprint sets a page of table rows in 0.2-0.45 s, so an annex that
# gave each of thousands of findings and openings its own row would run to hundreds of
# pages nobody reads. Past these sizes alike findings (one rule, status, requirement)
# share a row, and openings with the same attributes and assumptions share a row.
GROUP_FINDINGS_FROM = 100  # findings listed in the annex
GROUP_MIN_ALIKE = 5  # smaller sets of alike findings keep one row each
GROUP_OPENINGS_FROM = 50  # openings on one storey (a house has a few dozen)
HANDLES_SHOWN = 10  # handles a shared row names; results.json (attached) has them all

# How an element was recognised (checker.plan.RECOGNISED_BY), as catalogue ids: the
# annex and the web page say it in their language.
RECOGNISED_BY_MESSAGES = {
    "block-attributes": "recognised.by.block-attributes",
    "mapping": "recognised.by.mapping",
    "layer-name": "recognised.by.layer-name",
    "block-shape": "recognised.by.block-shape",
    "geometry": "recognised.by.geometry",
}
# Marks set after a value or an element, explained by a legend under the table. Both
# annex fonts (Noto Sans, and Noto Naskh Arabic with Noto Sans behind it) have them.
INFERRED_MARK = "†"  # the element was recognised from its shape, not stated
SCHEDULE_MARK = "*"  # the value came from the openings schedule
GUESS_MARK = "?"  # the value is a guess nobody stated
VALUE_MARKS = {"schedule": SCHEDULE_MARK, "guess": GUESS_MARK}


def recognition(recognised_by: str, confidence: float) -> Message:
    """How an element was recognised and how sure the reading is: "geometry, 0.9"."""
    return msg("recognised.how", how=_how(recognised_by), confidence=_confidence(confidence))


def inferred_note(recognised_by: str, confidence: float) -> Message:
    """What a finding on an inferred element says about it."""
    return msg("recognised.inferred", how=_how(recognised_by), confidence=_confidence(confidence))


def _how(recognised_by: str) -> Message:
    # An unknown value (a newer results file) reads as the least certain way.
    return msg(RECOGNISED_BY_MESSAGES.get(recognised_by, "recognised.by.geometry"))


def _confidence(confidence: float) -> Number:
    return Number(round(float(confidence), 2), "g")


def value_mark(attributes, tag: str) -> str:
    """The mark after an opening's attribute value: from the schedule, a guess, or none."""
    return VALUE_MARKS.get(attributes.source_of(tag) or "", "")


def N_(message: str) -> str:
    """Mark a msgid for extraction (babel.cfg) where it is translated later, at run time."""
    return message


XMP_NAMESPACE = "urn:security-annex:xmp:annex:1.0#"


# ------------------------------------------------------------------ public API


def annex_html(
    plan: Plan, results: Results, *, language: str = "en", show_passes: bool = False, review: Review | None = None
) -> str:
    """The annex as one HTML document (its stylesheet is ``assets/annex.css``).

    With ``review`` the sign-off block is filled in and a section lists the reviewer's
    decision on each finding; without it the sign-off is left blank to be signed by hand.
    """
    return _render(plan, results, language, show_passes, results.dumps(), review)[0]


def _render(
    plan: Plan, results: Results, language: str, show_passes: bool, results_json: str, review: Review | None = None
) -> tuple[str, dict[str, bytes]]:
    """The HTML, and the PNG of each plan drawn as a picture by its data: URL.

    ``results_json`` is ``results.dumps()``, made once by the caller: on a large plan
    it takes a second or more (indented JSON is encoded in Python).
    """
    language = i18n.check_language(language)
    template = _environment(language).get_template("annex.html.j2")
    context = _context(plan, results, language, show_passes, results_json)
    context.update(_review_context(results, review, show_passes))
    return template.render(**context), context["pictures"]


def annex_pdf(
    plan: Plan,
    results: Results,
    *,
    language: str = "en",
    show_passes: bool = False,
    url_fetcher: AssetFetcher | None = None,
    review: Review | None = None,
    results_json: str | None = None,
) -> bytes:
    """The annex as PDF/A-3b, with ``results.dumps()`` attached as results.json.

    ``url_fetcher`` is for tests that want to see what was fetched and refused; by
    default a fresh :class:`AssetFetcher` is used. ``results_json`` is ``results.dumps()``
    when the caller has it already (seconds on a large plan).
    """
    language = i18n.check_language(language)
    _require_fonts(language)
    results_json = results_json if results_json is not None else results.dumps()
    html, pictures = _render(plan, results, language, show_passes, results_json, review)
    fetcher = url_fetcher or AssetFetcher()
    fetcher.pictures.update(pictures)
    moment = _moment(results.generated)
    attachment = weasyprint.Attachment(
        string=results_json,
        name="results.json",
        description="Check results (security-annex JSON results contract)",
        created=moment,
        modified=moment,
        relationship="Data",
        url_fetcher=fetcher,
    )
    document = weasyprint.HTML(string=html, base_url=ASSETS.as_uri() + "/", url_fetcher=fetcher)
    with _font_dates(moment), _own_pictures(pictures.values()):
        return document.write_pdf(
            pdf_variant="pdf/a-3b",
            attachments=[attachment],
            finisher=_xmp_finisher(results),
        )


# ------------------------------------------------------------------ the URL fetcher


def asset_path(url: str) -> Path | None:
    """The file under ``assets/`` that ``url`` names, or None if it names anything else."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(url2pathname(unquote(parts.path))).resolve()
    except (OSError, ValueError):
        return None
    root = ASSETS.resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


class AssetFetcher(URLFetcher):
    """weasyprint's URL fetcher for the annex: the package's own assets and nothing else.

    Every URL asked for is recorded in ``served`` or ``refused``. A refusal raises,
    which weasyprint reports as a missing resource and leaves out of the document.
    data: URLs are refused too, except the exact ones of the plan pictures the annex
    drew itself for a large plan (``pictures``, filled by :func:`annex_pdf`).
    """

    def __init__(self) -> None:
        super().__init__(fail_on_errors=False, allowed_protocols=("file",))
        self.served: list[str] = []
        self.refused: list[str] = []
        self.pictures: dict[str, bytes] = {}  # data: URL -> PNG, for plans the annex drew itself
        self._lock = threading.Lock()

    def fetch(self, url, headers=None):
        picture = self.pictures.get(url)
        if picture is not None:
            with self._lock:
                self.served.append(url[:40] + ELLIPSIS)
            return URLFetcherResponse(url, body=picture, headers={"Content-Type": "image/png"})
        path = asset_path(url)
        with self._lock:
            (self.refused if path is None else self.served).append(url)
        if path is None:
            raise ValueError(f"the annex fetches only its own assets; refused {url[:200]!r}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})


# ------------------------------------------------------------------ fonts


# The faces annex.css sets, as (family, style, Debian package): each family with its
# real bold, so that weasyprint never fakes one.
REQUIRED_FACES = {
    "en": (
        ("Noto Sans", "Regular", "fonts-noto-core"),
        ("Noto Sans", "Bold", "fonts-noto-core"),
        ("DejaVu Sans Mono", "Book", "fonts-dejavu-core"),
    ),
    "fa": (
        ("Noto Naskh Arabic", "Regular", "fonts-noto-core"),
        ("Noto Naskh Arabic", "Bold", "fonts-noto-core"),
        ("Noto Sans", "Regular", "fonts-noto-core"),
        ("Noto Sans", "Bold", "fonts-noto-core"),
        ("DejaVu Sans Mono", "Book", "fonts-dejavu-core"),
    ),
}


def _require_fonts(language: str) -> None:
    """Refuse, in one sentence, to set an annex whose fonts are not installed."""
    missing = [
        (f"{family} {style}", package)
        for family, style, package in REQUIRED_FACES[language]
        if not _face_installed(family, style)
    ]
    if missing:
        faces = ", ".join(face for face, _ in missing)
        packages = " ".join(sorted({package for _, package in missing}))
        raise AnnexError(
            f"The annex needs the font{'s' if len(missing) > 1 else ''} {faces}, which "
            f"{'are' if len(missing) > 1 else 'is'} not installed; run `make system-packages` "
            f"(Debian packages: {packages})."
        )


@cache
def _face_installed(family: str, style: str) -> bool:
    """Whether fontconfig has this face itself, not a substitute (asked through weasyprint's binding)."""
    return _face_file(family, style) is not None


@cache
def _face_file(family: str, style: str) -> str | None:
    """The font file of this face when fontconfig has it itself, else None."""
    try:
        from weasyprint.text.ffi import ffi, fontconfig
    except Exception:  # pragma: no cover - weasyprint could not set any page either
        return None

    def strings(pattern, key: bytes) -> list[str]:
        found, value, index = [], ffi.new("FcChar8 **"), 0
        while fontconfig.FcPatternGetString(pattern, key, index, value) == fontconfig.FcResultMatch:
            found.append(ffi.string(ffi.cast("char *", value[0])).decode("utf-8", "replace"))
            index += 1
        return found

    config = fontconfig.FcInitLoadConfigAndFonts()
    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcPatternAddString(pattern, b"style", style.encode())
        fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(config, pattern, result)
        if match == ffi.NULL:
            return None
        try:
            families = [name.casefold() for name in strings(match, b"family")]
            styles = [name.casefold() for name in strings(match, b"style")]
            if family.casefold() in families and style.casefold() in styles:
                return next(iter(strings(match, b"file")), None) or None
            return None
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)
        fontconfig.FcConfigDestroy(config)


# The moment the font subsets of the PDF being written in this thread (or task) carry.
_FONT_MOMENT: ContextVar[datetime | None] = ContextVar("annex_font_moment", default=None)


def _font_timestamp() -> int:
    """fontTools' "now" for a font's head.modified: the annex's moment while one renders.

    fontTools stamps every font it saves (weasyprint's fontTools subsetting, variable
    font instancing, emoji stripping) with ``timestampNow()``, which reads the clock or
    SOURCE_DATE_EPOCH. Only the name ``_h_e_a_d`` imported is replaced, and it reads a
    context variable set per render, so annexes rendered at once in threads each get
    their own moment and nothing touches the environment.
    """
    moment = _FONT_MOMENT.get()
    if moment is None:
        return _fonttools_timestamp_now()
    return timeTools.timestampSinceEpoch(moment.replace(tzinfo=UTC).timestamp())


_fonttools_timestamp_now = timeTools.timestampNow
_fonttools_head.timestampNow = _font_timestamp


@contextmanager
def _font_dates(moment: datetime) -> Iterator[None]:
    """Give the embedded font subsets the annex's own date (see :func:`_font_timestamp`),
    so that re-rendering stored results gives the same bytes."""
    token = _FONT_MOMENT.set(moment)
    try:
        yield
    finally:
        _FONT_MOMENT.reset(token)


# weasyprint puts a PNG into the PDF by decoding it and encoding it again as PNG, to take
# its compressed pixel data (IDAT), which a PDF image holds as it is. For the 10k plan's
# picture (2008 x 1513 pixels) that costs 0.7 s of the annex's ~3. The plan pictures the
# annex drew itself are 8-bit RGB PNGs written by Pillow, whose IDAT is already what the PDF
# needs: for those (and only those, recognised by their exact bytes) it is taken as it is.
_OWN_PICTURES: ContextVar[frozenset[bytes]] = ContextVar("annex_own_pictures", default=frozenset())
# A weasyprint internal: looked up, not assumed, so that a weasyprint without it still makes
# the annex (its pictures then go in the slow way) instead of failing at import.
_weasyprint_png_data = getattr(RasterImage, "_get_png_data", None)


def _png_data(pillow_image) -> bytes:
    source = getattr(pillow_image, "fp", None)
    if isinstance(source, io.BytesIO) and pillow_image.format == "PNG" and pillow_image.mode == "RGB":
        data = source.getvalue()
        if data in _OWN_PICTURES.get():
            return _idat(data)
    return cast(Callable[[object], bytes], _weasyprint_png_data)(pillow_image)


def _idat(png: bytes) -> bytes:
    """The compressed pixel data of a PNG: its IDAT chunks joined."""
    chunks, at = [], 8  # after the signature
    while at + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        if kind == b"IDAT":
            chunks.append(png[at + 8 : at + 8 + length])
        at += 12 + length  # length, type, data, CRC
    return b"".join(chunks)


if _weasyprint_png_data is not None:
    RasterImage._get_png_data = staticmethod(_png_data)  # see _OWN_PICTURES


@contextmanager
def _own_pictures(pictures: Iterable[bytes]) -> Iterator[None]:
    """Let the plan pictures the annex drew go into the PDF as they are (see :data:`_OWN_PICTURES`)."""
    token = _OWN_PICTURES.set(frozenset(pictures))
    try:
        yield
    finally:
        _OWN_PICTURES.reset(token)


def _moment(generated: str) -> datetime:
    """``results.generated`` as a naive UTC datetime (what weasyprint's attachments expect)."""
    try:
        moment = datetime.fromisoformat(generated.replace("Z", "+00:00"))
    except ValueError:
        moment = datetime(1970, 1, 1, tzinfo=UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


# ------------------------------------------------------------------ XMP


def _xmp_finisher(results: Results):
    """Tidy the PDF before weasyprint writes it out.

    The XMP packet gets the permit number, project, ruleset and verdict as properties of
    our own namespace, declared by a PDF/A extension schema as PDF/A requires (the
    title, description and keywords come from the HTML <title> and <meta> elements).
    """

    def finish(document, pdf) -> None:
        # weasyprint lists each attachment twice in the catalogue's /AF; once is right.
        if "AF" in pdf.catalog:
            unique = []
            for entry in pdf.catalog["AF"]:
                if entry not in unique:
                    unique.append(entry)
            pdf.catalog["AF"][:] = unique
        reference = pdf.catalog.get("Metadata")
        if not reference:
            return
        if isinstance(reference, bytes):
            reference = reference.decode("ascii")
        stream = pdf.objects[int(str(reference).split()[0])]
        content = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream.stream)
        closing = b"</rdf:RDF>"
        if closing not in content:
            return
        stream.stream = [content.replace(closing, _xmp_properties(results).encode("utf-8") + closing, 1)]

    return finish


XMP_PROPERTIES = (
    ("permit", "The building permit reference the annex belongs to"),
    ("project", "The project name"),
    ("ruleset", "The ruleset's name"),
    ("rulesetVersion", "The ruleset's version"),
    ("rulesetStatus", "The ruleset's status: provisional or final"),
    ("verdict", "The verdict: complies, fails or incomplete"),
)


def _xmp_properties(results: Results) -> str:
    values = {
        "permit": results.project.get("permit") or "",
        "project": results.project.get("name") or "",
        "ruleset": results.ruleset.name,
        "rulesetVersion": results.ruleset.version,
        "rulesetStatus": results.ruleset.status,
        "verdict": results.verdict.value,
    }
    schema = "".join(
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaProperty:name>{name}</pdfaProperty:name>"
        "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{xml_escape(description)}</pdfaProperty:description>"
        "</rdf:li>"
        for name, description in XMP_PROPERTIES
    )
    extension = (
        '<rdf:Description rdf:about="" '
        'xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
        'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" '
        'xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
        "<pdfaSchema:schema>security-annex permit annex</pdfaSchema:schema>"
        f"<pdfaSchema:namespaceURI>{XMP_NAMESPACE}</pdfaSchema:namespaceURI>"
        "<pdfaSchema:prefix>annex</pdfaSchema:prefix>"
        f"<pdfaSchema:property><rdf:Seq>{schema}</rdf:Seq></pdfaSchema:property>"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
    )
    properties = "".join(
        f"<annex:{name}>{xml_escape(_capped(values[name]))}</annex:{name}>" for name, _ in XMP_PROPERTIES
    )
    return extension + f'<rdf:Description rdf:about="" xmlns:annex="{XMP_NAMESPACE}">{properties}</rdf:Description>'


# ------------------------------------------------------------------ the template's environment


@cache
def _environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The i18n extension adds this method when the environment is made; the stubs cannot know.
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["cap"] = _cap
    env.filters["num"] = lambda value, decimals=None, group=False: _number(value, language, decimals, group)
    env.filters["digits"] = (lambda text: i18n.persian_digits(text)) if language == "fa" else (lambda text: str(text))
    env.filters["iso"] = _isolate("\u2068")  # FIRST STRONG ISOLATE: text in any script
    env.filters["ltr"] = _isolate("\u2066") if i18n.is_rtl(language) else _isolate("")  # LEFT-TO-RIGHT ISOLATE
    env.filters["css_string"] = _css_string
    env.filters["page_counter"] = lambda text: _page_counter(text, "persian" if language == "fa" else "decimal")
    env.filters["filename"] = lambda path: Path(str(path)).name
    env.filters["said"] = lambda said: _said(said, language)
    env.globals["said_id"] = lambda message_id, **args: render(msg(message_id, **args), language, isolate=True)
    env.globals["recognised"] = lambda e: render(recognition(e.recognised_by, e.confidence), language)
    env.globals["inferred_note"] = lambda e: render(inferred_note(e.recognised_by, e.confidence), language)
    env.globals["value_mark"] = value_mark
    env.globals["parameter_words"] = lambda rule_id, name: parameter_words(rule_id, name, language)
    env.globals["INFERRED_MARK"] = INFERRED_MARK
    env.globals["STATUS_COLOURS"] = {status.value: colour for status, colour in STATUS_COLOURS.items()}
    return env


def _capped(text: object, limit: int = MAX_TEXT) -> str:
    text = " ".join(str(text).split())  # no line breaks or runs of blanks from a DXF
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def _cap(value: object, limit: int = MAX_TEXT) -> str:
    """Jinja2 filter: a DXF-derived string, on one line, at most ``limit`` characters.

    Returns plain ``str`` (never Markup), so autoescaping still applies after it.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):  # never trust markup into here: show it as text
        value = str(value.unescape())
    return _capped(value, limit)


def _isolate(opening: str):
    """A filter that escapes a value and isolates it from the text around it.

    weasyprint does not implement CSS ``unicode-bidi: isolate``, but Pango honours the
    Unicode isolate controls: a handle, layer or date inside Persian text keeps its own
    order (``A-DOOR، Ground floor``, ``2026-01-01``), and a Persian room or storey name
    inside English text its own. The controls have no glyph and are not in the PDF text.
    """
    closing = "\u2069" if opening else ""  # POP DIRECTIONAL ISOLATE

    def isolate(value: object) -> Markup:
        if value is None:
            return Markup("")
        return Markup(opening) + escape(value) + Markup(closing)

    return isolate


def _number(value: object, language: str, decimals: int | None = None, group: bool = False) -> str:
    """Jinja2 filter ``num``: a count or measurement in the annex language's digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, int):
        text = f"{value:,}" if group else str(value)
    elif isinstance(value, float):
        if decimals is None:
            decimals = 0 if value == int(value) and abs(value) >= 100 else 2
        text = f"{value:.{decimals}f}"
    else:
        return _capped(value)
    return i18n.localise_number(text, language)


def _css_string(text: object) -> Markup:
    """A CSS string literal, quoted and escaped (for the @page rules the template sets)."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " -_.,:;()/«»" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in str(text)
    )
    return Markup(f'"{escaped}"')


def _page_counter(text: str, style: str) -> Markup:
    """CSS ``content`` for a translated "page {page} of {pages}": strings and counters."""
    tokens = []
    for index, part in enumerate(re.split(r"\{(pages?)\}", str(text))):
        if index % 2:
            tokens.append(f"counter({part}, {style})")
        elif part:
            tokens.append(str(_css_string(part)))
    return Markup(" ".join(tokens) or '""')


# ------------------------------------------------------------------ what the template shows


@dataclass(frozen=True)
class Numbered:
    number: int
    finding: Finding

    @property
    def storeys(self) -> tuple[str, ...]:
        seen: list[str] = []
        for mark in self.finding.marks:
            if mark.storey not in seen:
                seen.append(mark.storey)
        for element in self.finding.elements:
            if element.storey not in seen:
                seen.append(element.storey)
        return tuple(seen)


@dataclass(frozen=True)
class FindingRow:
    """One row of the findings table: one finding, or alike findings of one rule together.

    Alike findings have the same rule, status, severity, required value, kind of
    measured value and provisional figures; their numbers run consecutively.
    """

    items: tuple[Numbered, ...]

    @property
    def first(self) -> Numbered:
        return self.items[0]

    @property
    def shared(self) -> bool:
        return len(self.items) > 1

    @property
    def ranges(self) -> tuple[tuple[int, int], ...]:
        return _runs([item.number for item in self.items])

    @property
    def elements(self) -> tuple[Source, ...]:
        seen: dict[tuple[str, str], Source] = {}
        for item in self.items:
            for element in item.finding.elements:
                seen.setdefault((element.storey, element.handle), element)
        return tuple(seen.values())

    @property
    def handles_shown(self) -> tuple[str, ...]:
        return tuple(e.handle for e in self.elements[:HANDLES_SHOWN])

    @property
    def handles_left_out(self) -> int:
        return max(0, len(self.elements) - HANDLES_SHOWN)

    @property
    def inferred_count(self) -> int:
        """How many of the row's entities were recognised from their shape."""
        return sum(1 for e in self.elements if e.inferred)

    @property
    def layers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.layer for e in self.elements))

    @property
    def storeys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.storey for e in self.elements))

    @property
    def measured_range(self) -> tuple[Quantity, Quantity] | None:
        """The smallest and largest measured value when they are numbers (the same unit by grouping)."""
        values = [i.finding.measured for i in self.items if i.finding.measured is not None]
        numbers = [q for q in values if _is_number(q.value)]
        if not numbers or len(numbers) != len(values):
            return None
        return min(numbers, key=_number_of), max(numbers, key=_number_of)

    @property
    def measured_texts(self) -> tuple[Quantity, ...]:
        """The distinct measured values when they are words (such as "RC, ROLE"), each once."""
        distinct: dict[str, Quantity] = {}
        for item in self.items:
            measured = item.finding.measured
            if measured is not None and not _is_number(measured.value):
                distinct.setdefault(f"{measured.value}|{measured.unit}", measured)
        return tuple(distinct.values())


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number_of(quantity: Quantity) -> float:
    """The value of a quantity _is_number said is a number."""
    return cast(float, quantity.value)


@dataclass
class RuleGroup:
    rule: str
    title: str
    criterion: str
    source: str
    severity: str
    rows: list[FindingRow] = field(default_factory=list)


@dataclass(frozen=True)
class SummaryRow:
    rule: str
    title: str
    severity: str
    passed: int
    failed: int
    not_assessable: int
    errors: int

    @property
    def nothing_to_check(self) -> bool:
        return not (self.passed or self.failed or self.not_assessable or self.errors)


@dataclass(frozen=True)
class PlanView:
    storey: str
    svg: Markup  # empty when the plan is a picture
    picture: str  # the PNG's data: URL when the plan is too large for SVG, else ""
    labels: tuple  # room names to set over the drawing; empty when the scale is too small for them
    labels_left_out: int
    width_mm: float
    height_mm: float
    numbers: tuple[int, ...]  # findings drawn on this plan
    ranges: tuple[tuple[int, int], ...]  # the same, as runs: (1, 4), (7, 7)
    undrawn: int  # findings of this storey without geometry
    inset: Markup = Markup("")  # the whole site, when the plan is framed on the building


@dataclass(frozen=True)
class OpeningRow:
    """One row of the openings table: one opening, or on a large storey every opening
    with the same kind, side, attributes, width and assumptions."""

    openings: tuple[Opening, ...]
    notes: tuple[tuple[str, tuple[str, ...]], ...]  # (note code, its arguments)

    @property
    def opening(self) -> Opening:
        return self.openings[0]

    @property
    def handles_shown(self) -> tuple[str, ...]:
        return tuple(o.source.handle for o in self.openings[:HANDLES_SHOWN])

    @property
    def handles_left_out(self) -> int:
        return max(0, len(self.openings) - HANDLES_SHOWN)


def numbered_findings(results: Results, show_passes: bool = False) -> list[Numbered]:
    """The findings the annex shows, numbered from 1 as its table lists them.

    That is the order of ``results.findings``, except that an annex of more than
    GROUP_FINDINGS_FROM findings takes each rule's alike findings together (in the
    order each set first appears), so that a shared row's numbers run without gaps.
    """
    return [item for row in _finding_rows(results, show_passes) for item in row.items]


def _finding_rows(results: Results, show_passes: bool) -> list[FindingRow]:
    shown = SHOWN + ((Status.PASS,) if show_passes else ())
    findings = [f for f in results.findings if f.status in shown]
    if len(findings) <= GROUP_FINDINGS_FROM:
        return [FindingRow((Numbered(n, f),)) for n, f in enumerate(findings, start=1)]
    by_rule: dict[str, dict[tuple, list[Finding]]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, {}).setdefault(_alike(finding), []).append(finding)
    rows: list[FindingRow] = []
    number = 0
    for alike_sets in by_rule.values():
        for alike in alike_sets.values():
            items = tuple(Numbered(number + k, f) for k, f in enumerate(alike, start=1))
            number += len(alike)
            if len(items) >= GROUP_MIN_ALIKE:
                rows.append(FindingRow(items))
            else:
                rows.extend(FindingRow((item,)) for item in items)
    return rows


def _alike(finding: Finding) -> tuple:
    """What findings of one rule must share to be listed in one row."""
    measured = finding.measured
    measured_kind = None if measured is None else ("text" if isinstance(measured.value, str) else measured.unit)
    required = None if finding.required is None else (finding.required.value, finding.required.unit)
    return (finding.status, finding.severity, required, measured_kind, finding.provisional)


def _context(plan: Plan, results: Results, language: str, show_passes: bool, results_json: str) -> dict:
    rows = _finding_rows(results, show_passes)
    numbered = [item for row in rows for item in row.items]
    # The table row each number is listed in: the plans link their numbers to it.
    row_of = {item.number: row.first.number for row in rows for item in row.items}
    rules = catalogue()
    digits = i18n.persian_digits if language == "fa" else str

    summary = []
    severities: dict[str, str] = {}
    for finding in results.findings:
        severities.setdefault(finding.rule, finding.severity.value)
    for rule_id, row in results.counts_by_rule().items():
        summary.append(
            SummaryRow(
                rule=rule_id,
                title=_rule_text(rules, results, rule_id, "title", language),
                severity=severities.get(rule_id, Severity.ERROR.value),
                passed=row["pass"],
                failed=row["fail"],
                not_assessable=row["not_assessable"],
                errors=row["error"],
            )
        )

    groups: list[RuleGroup] = []
    for finding_row in rows:
        rule_id = finding_row.first.finding.rule
        if not groups or groups[-1].rule != rule_id:
            rule = rules.get(rule_id)
            groups.append(
                RuleGroup(
                    rule=rule_id,
                    title=_rule_text(rules, results, rule_id, "title", language),
                    criterion=rule.text("criterion", language) if rule else "",
                    source=rule.text("source", language) if rule else "",
                    severity=finding_row.first.finding.severity.value,
                )
            )
        groups[-1].rows.append(finding_row)

    plans = []
    pairs = [(item.number, item.finding) for item in numbered]
    pictures: dict[str, bytes] = {}
    frame = plan_frame(plan.storeys)  # one scale for every storey
    inset = Markup(site_inset(plan.storeys, frame))  # our own SVG: geometry only
    for storey in plan.storeys:
        picture = ""
        if needs_picture(storey, pairs):
            drawing, png = storey_picture(storey, pairs, PLAN_MAX_WIDTH_MM, _marker_font(language), digits, frame=frame)
            width = min(PLAN_MAX_WIDTH_MM, PLAN_MAX_HEIGHT_MM * drawing.width_m / max(drawing.height_m, 1e-9))
            picture = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            pictures[picture] = png
        else:
            drawing = storey_drawing(storey, pairs, digits, frame=frame)
            width = min(PLAN_MAX_WIDTH_MM, PLAN_MAX_HEIGHT_MM * drawing.width_m / max(drawing.height_m, 1e-9))
        svg = drawing.svg
        # Room names are set at a fixed size: on a plan drawn smaller than this they
        # would cover each other and the markers, so they are left out (and counted).
        labels = tuple(drawing.labels) if width / max(drawing.width_m, 1e-9) >= MIN_LABEL_SCALE else ()
        on_storey = [i for i in numbered if any(m.storey == storey.name for m in i.finding.marks)]
        undrawn = [
            i for i in numbered if not i.finding.marks and any(e.storey == storey.name for e in i.finding.elements)
        ]
        plans.append(
            PlanView(
                storey=storey.name,
                svg=Markup(svg),  # our own SVG: geometry and marker numbers only, no DXF text
                picture=picture,
                labels=labels,
                labels_left_out=len(drawing.labels) - len(labels),
                width_mm=round(width, 2),
                height_mm=round(width * drawing.height_m / max(drawing.width_m, 1e-9), 2),
                numbers=tuple(i.number for i in on_storey),
                ranges=_runs([i.number for i in on_storey]),
                undrawn=len(undrawn),
                inset=inset,
            )
        )

    openings = [(storey, _opening_rows(storey.openings)) for storey in plan.storeys]
    every_opening = [o for storey in plan.storeys for o in storey.openings]
    value_sources = {where for o in every_opening for _tag, where in o.attributes.sources}
    surfaces = [(storey, list(storey.access_surfaces)) for storey in plan.storeys if storey.access_surfaces]

    generated = results.generated
    return {
        "lang": language,
        "stylesheet": STYLESHEET,
        "sep": "، " if language == "fa" else ", ",  # list separators as the language writes them
        "semi": "؛ " if language == "fa" else "; ",
        "dir": "rtl" if i18n.is_rtl(language) else "ltr",
        "rtl": i18n.is_rtl(language),
        "project": results.project,
        "ruleset": results.ruleset,
        "provisional": results.ruleset.status == "provisional",
        "verdict": results.verdict.value,
        "verdict_sentence": verdict_sentence(results.verdict, language),
        "counts": results.counts(),
        "summary": summary,
        "groups": groups,
        "row_of": row_of,
        "findings_shared": any(row.shared for row in rows),
        "openings_shared": any(row.handles_left_out or len(row.openings) > 1 for _, rows in openings for row in rows),
        "numbered": numbered,
        "shown_total": len(numbered),
        "show_passes": show_passes,
        "plans": plans,
        "pictures": pictures,
        "openings": openings,
        "surfaces": surfaces,
        # Legends are printed only for the marks the annex uses: a convention plan gets none.
        "inferred_findings": any(e.inferred for item in numbered for e in item.finding.elements),
        "inferred_openings": any(o.source.inferred for o in every_opening),
        "schedule_values": "schedule" in value_sources,
        "guessed_values": "guess" in value_sources,
        "inputs": results.inputs,
        "generated": generated,
        "generated_date": generated[:10],
        "generated_time": generated[11:16] if len(generated) >= 16 else "",
        "solar_date": _solar_date(generated) if language == "fa" else "",
        "version": __version__,
        "results_sha256": hashlib.sha256(results_json.encode("utf-8")).hexdigest(),
        "storey_names": [s.name for s in plan.storeys],
        "max_label": MAX_LABEL,
        "max_message": MAX_MESSAGE,
    }


def _rule_text(rules: dict, results: Results, rule_id: str, part: str, language: str) -> str:
    """A rule's title (or other text) in the annex's language; the results' own English
    title for a rule the catalogue does not know."""
    rule = rules.get(rule_id)
    return rule.text(part, language) if rule else results.rule_titles.get(rule_id, "")


def _said(said: dict, language: str) -> str:
    """A message kept in the results JSON ({"message", "message_id", "message_args"}) in the annex's language."""
    if not said.get("message_id"):
        return said.get("message", "")
    return render(message_from_json(said["message_id"], said.get("message_args", {})), language, isolate=True)


def _solar_date(generated: str) -> str:
    """The check's (UTC) date in the Solar Hijri calendar, as a Persian reader writes it."""
    try:
        return i18n.persian_date(date.fromisoformat(generated[:10]))
    except ValueError:
        return ""


def _marker_font(language: str) -> str:
    """The bold face a plan picture sets its marker numbers in (Persian digits are in Naskh)."""
    family = "Noto Naskh Arabic" if language == "fa" else "Noto Sans"
    path = _face_file(family, "Bold")
    if path is None:
        raise AnnexError(f"The annex needs the font {family} Bold, which is not installed; run `make system-packages`.")
    return path


@dataclass(frozen=True)
class ReviewRow:
    number: int | None  # the finding's marker number; None for a decided finding the annex does not list
    finding: Finding
    decision: FindingDecision | None


def _review_context(results: Results, review: Review | None, show_passes: bool) -> dict:
    """The reviewer's sign-off and decisions, as the template's ``review`` and ``review_rows``.

    Every decision shows: one on a finding the annex does not list (a pass, when
    passes are left out) gets a row without a marker number.
    """
    if review is None:
        return {"review": None, "review_rows": []}
    numbered = numbered_findings(results, show_passes)
    listed = {id(item.finding) for item in numbered}
    rows = [ReviewRow(item.number, item.finding, review.decision_on(item.finding)) for item in numbered]
    for finding in results.findings:
        if id(finding) not in listed and (decision := review.decision_on(finding)) is not None:
            rows.append(ReviewRow(None, finding, decision))
    return {"review": review, "review_rows": rows}


def _runs(numbers: list[int]) -> tuple[tuple[int, int], ...]:
    """Ascending numbers as runs of consecutive ones: [1, 2, 3, 7] -> ((1, 3), (7, 7))."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return tuple((a, b) for a, b in runs)


def _opening_rows(openings: tuple[Opening, ...]) -> list[OpeningRow]:
    """One row per opening; on a storey of more than GROUP_OPENINGS_FROM, one per alike set."""
    if len(openings) <= GROUP_OPENINGS_FROM:
        return [OpeningRow((o,), _opening_notes(o)) for o in openings]
    alike: dict[tuple, list[Opening]] = {}
    for opening in openings:
        a = opening.attributes
        key = (
            opening.kind,
            opening.on_envelope,
            a.role,
            a.rc,
            a.cert,
            a.glazing,
            a.sill_m,
            a.head_m,
            round(opening.width_m, 2),
            opening.width_from,
            opening.source.type_mark,
            opening.source.recognised_by,
            round(opening.source.confidence, 2),
            a.sources,
            _opening_notes(opening),
        )
        alike.setdefault(key, []).append(opening)
    return [OpeningRow(tuple(group), key[-1]) for key, group in alike.items()]


def _opening_notes(opening: Opening) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What the rules assume or cannot use about one opening, as (code, arguments)."""
    attrs = opening.attributes
    notes: list[tuple[str, tuple[str, ...]]] = []
    if attrs.sill_m is None:
        notes.append(("door_no_sill" if opening.kind is OpeningKind.DOOR else "window_no_sill", ()))
    if attrs.head_m is None:
        notes.append(("no_head", ()))
    if opening.kind is OpeningKind.DOOR and attrs.role is None and "ROLE" not in {t for t, _ in attrs.invalid}:
        notes.append(("no_role", ()))
    for tag, _reason in attrs.invalid:
        notes.append(("invalid", (tag, attrs.raw_value(tag) or "")))
    return tuple(notes)
