"""Steps for annex.feature: the PDF security annex.

The PDF is read the way a reviewer's tools read it: pypdf for its structure,
attachments and metadata, pdftotext for its text, pdftoppm for a picture of a page.
The example project's annexes are made once per language by the real CLI and shared
by the scenarios that only read them.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when

from checker.report.annex import ASSETS, AssetFetcher, annex_html, annex_pdf, numbered_findings
from checker.report.i18n import catalogue_path
from checker.results import Status, Verdict, verdict_sentence

from .conftest import REPO, draw_house, draw_house_around_doors, run_annex

scenarios("annex.feature")

EXAMPLE = REPO / "examples" / "house" / "project.toml"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
GREEN = "#2e7d32"

_EXAMPLE_ANNEXES: dict[str, dict] = {}


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True, timeout=120
    ).stdout


def normalised(text: str) -> str:
    """Persian text as compared: pdftotext's extraction and ours brought to one form.

    pdftotext adds bidi controls, drops the zero-width non-joiner, sets combining marks
    (the hamza of ``پروانهٔ``) apart, and may turn the lam-alef ligature around
    ("کلاس" comes out as "کالس"); so both sides lose format characters and marks, and
    every lam-alef is written alef-lam.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Cf"))
    text = text.replace("لا", "ال")
    return " ".join(text.split())


def no_blanks(text: str) -> str:
    return "".join(text.split())


def _read_pdf(ctx: dict, path: Path) -> None:
    ctx["pdf_path"] = path
    ctx["pdf_text"] = pdftotext(path)


# ---------------------------------------------------------------- given


@given(parsers.parse('the example project\'s annex in "{language}" with its JSON results'))
def example_annex(ctx, language, tmp_path_factory, monkeypatch):
    if language not in _EXAMPLE_ANNEXES:
        folder = tmp_path_factory.mktemp(f"annex-{language}")
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        run = run_annex(
            ctx, f"check {EXAMPLE} --language {language} --json {folder}/results.json --pdf {folder}/annex.pdf"
        )
        assert run.returncode == 1, run.stderr
        _EXAMPLE_ANNEXES[language] = {"folder": folder, "text": pdftotext(folder / "annex.pdf")}
    cached = _EXAMPLE_ANNEXES[language]
    ctx["pdf_path"] = cached["folder"] / "annex.pdf"
    ctx["pdf_text"] = cached["text"]
    ctx["json_path"] = cached["folder"] / "results.json"
    ctx["json"] = json.loads(ctx["json_path"].read_text(encoding="utf-8"))
    ctx["language"] = language


@given(parsers.parse('SOURCE_DATE_EPOCH is "{epoch}"'))
def source_date_epoch(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)


@given("the plan shows a house whose front door is RC1")
def house_rc1(drawing):
    draw_house(drawing, ROLE="ENTRANCE", RC="RC1", GLAZING="NONE", VIEWER="YES")


@given(parsers.re(r'the plan shows a house whose room is labelled "(?P<label>.*)"$'))
def house_with_room_label(ctx, drawing, label):
    draw_house_around_doors(drawing)
    drawing.space([(0.3, 0.3), (9.7, 0.3), (9.7, 7.7), (0.3, 7.7)], label)


@given(parsers.re(r'the front door\'s CERT is "(?P<cert>.*)"$'))
def front_door_cert(drawing, cert):
    drawing.door((4.0, 0.0), (5.0, 0.0), ROLE="ENTRANCE", RC="RC2", CERT=cert, GLAZING="NONE", VIEWER="YES")


@given(parsers.parse("a window's CERT is {count:d} letters long"))
def long_cert(ctx, drawing, count):
    ctx["long_cert"] = "Q" * count
    drawing.window((0.0, 3.0), (0.0, 4.2), SILL=900, HEAD=2100, RC="RC2", CERT=ctx["long_cert"], GLAZING="P4A")


# ---------------------------------------------------------------- when


@when(parsers.parse('the annex PDF is made in "{language}"'))
def make_pdf(ctx, language):
    path = ctx["tmp"] / f"annex-{language}.pdf"
    path.write_bytes(annex_pdf(ctx["plan"], ctx["results"], language=language))
    _read_pdf(ctx, path)


@when(parsers.parse('the annex PDF is made in "{language}" with a recording URL fetcher'))
def make_pdf_recording(ctx, language):
    fetcher = AssetFetcher()
    path = ctx["tmp"] / f"annex-{language}-recorded.pdf"
    path.write_bytes(annex_pdf(ctx["plan"], ctx["results"], language=language, url_fetcher=fetcher))
    ctx["fetcher"] = fetcher
    ctx["html"] = annex_html(ctx["plan"], ctx["results"], language=language)


@when(parsers.parse('the annex HTML is made in "{language}"'))
def make_html(ctx, language):
    ctx["html"] = annex_html(ctx["plan"], ctx["results"], language=language)
    ctx["show_passes"] = False


@when(parsers.parse('the annex HTML is made in "{language}" showing passes'))
def make_html_with_passes(ctx, language):
    ctx["html"] = annex_html(ctx["plan"], ctx["results"], language=language, show_passes=True)
    ctx["show_passes"] = True


@when("the first page is rendered to a greyscale picture")
def render_first_page(ctx):
    out = ctx["tmp"] / "page"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(ctx["pdf_path"]), str(out)],
        check=True, timeout=120,
    )
    (picture,) = ctx["tmp"].glob("page*.pgm")
    ctx["pgm"] = picture.read_bytes()


@when("the annex's messages are extracted from its templates and code")
def extract_messages(ctx):
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
    from babel.messages.frontend import parse_mapping_cfg

    with (REPO / "babel.cfg").open(encoding="utf-8") as handle:
        methods, options = parse_mapping_cfg(handle)
    from babel.util import pathmatch

    candidates = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "checker").rglob("*") if p.is_file())
    messages = []
    for pattern, method in methods:
        paths = [REPO / name for name in candidates if pathmatch(pattern, name)]
        assert paths, f"babel.cfg's {pattern} matches no file"
        for path in paths:
            for _line, message, _comments, _context in extract_from_file(
                method, str(path), keywords={**DEFAULT_KEYWORDS, "N_": None}, options=options.get(pattern, {})
            ):
                messages.append(message)
    ctx["messages"] = messages


@when(parsers.parse('the annex\'s URL fetcher is asked for "{url}"'))
def ask_fetcher(ctx, url):
    url = url.replace("{assets}", ASSETS.as_uri())
    fetcher = AssetFetcher()
    try:
        ctx["response"] = fetcher.fetch(url)
    except ValueError as exc:
        ctx["response"] = exc
    ctx["fetcher"] = fetcher
    ctx["url"] = url


# ---------------------------------------------------------------- then: the PDF


@then(parsers.parse("the PDF opens and has more than {pages:d} pages"))
def pdf_opens(ctx, pages):
    reader = PdfReader(ctx["pdf_path"])
    assert len(reader.pages) > pages
    assert ctx["pdf_text"].count("\f") >= len(reader.pages) - 1


@then(parsers.parse('the PDF text says the verdict "{word}" with its sentence'))
def pdf_verdict(ctx, word):
    text = " ".join(ctx["pdf_text"].split())
    assert word in text
    sentence = verdict_sentence(Verdict(word.lower()))
    assert sentence in text, sentence


@then("the PDF text names every rule that has a failing finding")
def pdf_failing_rules(ctx):
    failing = {f["rule"] for f in ctx["json"]["findings"] if f["status"] == "fail"}
    assert failing
    for rule in failing:
        assert rule in ctx["pdf_text"], rule


@then(parsers.parse('the PDF text holds the permit number "{permit}"'))
def pdf_permit(ctx, permit):
    assert ctx["json"]["project"]["permit"] == permit
    assert permit in ctx["pdf_text"]


@then("the PDF text holds the SHA-256 of every input file")
def pdf_hashes(ctx):
    for entry in ctx["json"]["inputs"]:
        digest = hashlib.sha256((REPO / entry["file"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"]
        assert digest in ctx["pdf_text"], entry["file"]


def _xmp(ctx) -> str:
    reader = PdfReader(ctx["pdf_path"])
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


@then("the PDF identifies itself as PDF/A-3B in its XMP metadata")
def pdf_a(ctx):
    xmp = _xmp(ctx)
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    reader = PdfReader(ctx["pdf_path"])
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root  # PDF/A needs a colour profile for device colours
    assert reader.trailer.get("/ID")  # and a file identifier


@then(parsers.parse('the PDF has one attachment "{name}" related to it as "{relationship}", equal to the JSON written by --json'))
def pdf_attachment(ctx, name, relationship):
    reader = PdfReader(ctx["pdf_path"])
    assert list(reader.attachments) == [name]
    (content,) = reader.attachments[name]
    assert content == ctx["json_path"].read_bytes()
    root = reader.trailer["/Root"]
    (filespec,) = [entry.get_object() for entry in root["/AF"]]
    assert filespec["/F"] == name and filespec["/AFRelationship"] == f"/{relationship}"
    embedded = filespec["/EF"]["/F"].get_object()
    assert embedded["/Subtype"] == "/application/json"


@then(parsers.parse('the XMP metadata holds the title, the permit number "{permit}" and the ruleset "{ruleset}"'))
def pdf_xmp(ctx, permit, ruleset):
    xmp = _xmp(ctx)
    reader = PdfReader(ctx["pdf_path"])
    assert reader.xmp_metadata.dc_title["x-default"] == reader.metadata.title
    assert permit in reader.metadata.title
    assert f"<annex:permit>{permit}</annex:permit>" in xmp
    assert f"<annex:ruleset>{ruleset}</annex:ruleset>" in xmp
    assert "<pdfaSchema:prefix>annex</pdfaSchema:prefix>" in xmp  # the extension schema PDF/A asks for
    assert reader.metadata["/CreationDate"] == "D:20260101000000Z"


@then(parsers.parse('the files "{first}" and "{second}" are byte for byte the same'))
def same_bytes(ctx, first, second):
    a, b = (ctx["tmp"] / first).read_bytes(), (ctx["tmp"] / second).read_bytes()
    assert a[:5] == b"%PDF-"
    assert a == b, "the two annexes differ"


@then(parsers.parse("at least {percent:d} percent of the picture's pixels are not white"))
def not_blank(ctx, percent):
    data = ctx["pgm"]
    # Binary PGM: "P5", width, height, maxval, then one byte per pixel.
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert match, data[:20]
    width, height = int(match[1]), int(match[2])
    pixels = data[match.end():]
    assert len(pixels) == width * height
    dark = sum(1 for value in pixels if value < 200)
    assert dark >= width * height * percent / 100, f"{dark} of {width * height} pixels are not white"


def _pages(ctx) -> list[str]:
    pages = ctx["pdf_text"].split("\f")
    return [page for page in pages if page.strip()]


@then(parsers.parse('every page of the PDF text says "{text}"'))
def every_page_says(ctx, text):
    pages = _pages(ctx)
    assert len(pages) == len(PdfReader(ctx["pdf_path"]).pages)
    for number, page in enumerate(pages, start=1):
        assert text in " ".join(page.split()), f"page {number} does not say {text!r}"


@then(parsers.parse('no page of the PDF text says "{text}"'))
def no_page_says(ctx, text):
    assert text not in ctx["pdf_text"]


@then(parsers.parse('the normalised PDF text holds "{text}"'))
def normalised_holds(ctx, text):
    assert normalised(text) in normalised(ctx["pdf_text"]), text


@then("the PDF text has Persian digits and numbers its pages in them")
def persian_digits(ctx):
    pages = _pages(ctx)
    total = "".join(PERSIAN_DIGITS[int(d)] for d in str(len(pages)))
    for number, page in enumerate(pages, start=1):
        digits = "".join(PERSIAN_DIGITS[int(d)] for d in str(number))
        footer = normalised(page)
        assert digits in footer and total in footer, f"page {number} is not numbered in Persian digits"
    counts = ctx["json"]["summary"]
    assert "".join(PERSIAN_DIGITS[int(d)] for d in str(counts["pass"])) in ctx["pdf_text"]


@then("the HTML of the annex is right to left in Persian")
def html_rtl(ctx):
    from checker.loader import load_plan
    from checker.engine import run_rules
    from checker.rulesets import load_ruleset

    plan = load_plan(EXAMPLE)
    html = annex_html(plan, run_rules(plan, load_ruleset(plan.project.ruleset)), language="fa")
    assert '<html lang="fa" dir="rtl">' in html
    assert re.search(r'class="plan-label" dir="rtl"', html)


# ---------------------------------------------------------------- then: translations


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)s|\{\w+\}", text))


@then("every message has a Persian translation with the same placeholders")
def every_message_translated(ctx):
    from babel.messages.pofile import read_po

    with catalogue_path("fa").open("rb") as handle:
        catalogue = read_po(handle, locale="fa")
    assert ctx["messages"]
    for message in ctx["messages"]:
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key)
        assert entry is not None, f"no Persian for {key!r}"
        assert not entry.fuzzy, f"the Persian for {key!r} is fuzzy"
        ids = message if isinstance(message, tuple) else (message,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        assert all(strings), f"the Persian for {key!r} is empty"
        for translated in strings:
            assert _placeholders(translated) == _placeholders(ids[0]), (key, translated)



# ---------------------------------------------------------------- then: numbers and markers


def _rows(html: str) -> list[tuple[int, str]]:
    return [(int(n), status) for status, n in re.findall(r'<tr class="finding status-(\w+)" id="finding-(\d+)">', html)]


def _markers_by_storey(html: str) -> dict[str, list[int]]:
    markers = {}
    for section in html.split('<section class="plan-page"')[1:]:
        section = section.split("</section>")[0]
        storey = re.search(r"<h2>[^<]*</h2>", section)[0]
        markers[storey] = [int(n) for n in re.findall(r'data-finding="(\d+)"', section)]
    return markers


@then("every finding that is not a pass has a row numbered from 1 in the results' order")
def rows_in_order(ctx):
    expected = [f.status.value for f in ctx["results"].findings if f.status in (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR)]
    rows = _rows(ctx["html"])
    assert expected, "the plan should have findings that do not pass"
    assert [n for n, _ in rows] == list(range(1, len(expected) + 1))
    assert [status for _, status in rows] == expected


@then("every marker on the plans has the number of a finding row about that storey")
def markers_match(ctx):
    numbered = {item.number: item.finding for item in numbered_findings(ctx["results"], ctx["show_passes"])}
    rows = dict(_rows(ctx["html"]))
    markers = _markers_by_storey(ctx["html"])
    drawn = [n for numbers in markers.values() for n in numbers]
    assert drawn, "no marker was drawn"
    for heading, numbers in markers.items():
        for n in numbers:
            assert n in rows
            assert any(m.storey in heading for m in numbered[n].marks), (n, heading)
    # every finding with geometry is drawn, once per storey it is on
    with_marks = {n for n, f in numbered.items() if f.marks}
    assert set(drawn) == with_marks


@then("every finding except the not applicable ones has a numbered row")
def all_rows(ctx):
    expected = [f for f in ctx["results"].findings if f.status is not Status.NOT_APPLICABLE]
    assert len(_rows(ctx["html"])) == len(expected)
    assert any(status == "pass" for _, status in _rows(ctx["html"]))


@then("the markers on the plans include a green one")
def green_marker(ctx):
    assert re.search(rf'data-finding="\d+"><circle [^>]*fill="{GREEN}"', ctx["html"])


# ---------------------------------------------------------------- then: hostile input


@then(parsers.re(r'the PDF text shows "(?P<text>.*)" literally$'))
def shows_literally(ctx, text):
    if "pdf_text" not in ctx:
        _read_pdf(ctx, ctx["tmp"] / "annex.pdf")
    assert no_blanks(text) in no_blanks(ctx["pdf_text"]), text


@then("the PDF text holds nothing of /etc/passwd")
def nothing_of_passwd(ctx):
    passwd = Path("/etc/passwd")
    lines = [line for line in passwd.read_text(encoding="utf-8", errors="replace").splitlines() if ":" in line]
    assert lines
    for line in lines[:5]:
        assert line not in ctx["pdf_text"]
    assert "root:x:" not in ctx["pdf_text"]


@then(parsers.parse("the PDF text shows the long CERT cut to {limit:d} characters with an ellipsis"))
def long_text_capped(ctx, limit):
    text = no_blanks(ctx["pdf_text"])
    assert "Q" * (limit - 1) + "…" in text
    assert "Q" * limit not in text


@then("the URL fetcher served only annex.css and refused nothing")
def fetched_only_css(ctx):
    fetcher = ctx["fetcher"]
    assert fetcher.refused == []
    assert fetcher.served == [(ASSETS / "annex.css").as_uri()]


@then("the annex HTML has no element made from the DXF text")
def no_dxf_markup(ctx):
    html = ctx["html"]
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html


@then(parsers.parse("it {answer}"))
def fetcher_answer(ctx, answer):
    fetcher, response = ctx["fetcher"], ctx["response"]
    if answer == "serves the stylesheet":
        assert not isinstance(response, Exception), response
        assert response.read() == (ASSETS / "annex.css").read_bytes()
        assert fetcher.served == [ctx["url"]] and fetcher.refused == []
    else:
        assert answer == "refuses"
        assert isinstance(response, ValueError)
        assert fetcher.refused == [ctx["url"]] and fetcher.served == []


@pytest.fixture(autouse=True, scope="module")
def _tools_present():
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run `make system-packages` (Debian package poppler-utils)")
