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
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when

from checker.report.annex import ASSETS, AssetFetcher, annex_html, annex_pdf, numbered_findings
from checker.report.i18n import SOLAR_HIJRI_MONTHS, catalogue_path, persian_date, solar_hijri
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


@given(
    parsers.parse("the plan shows a {length:d} m long house whose north wall has {count:d} windows that state nothing")
)
def house_with_bare_windows(drawing, length, count):
    """A long house, its front door complying, and a row of windows with no attributes:
    each window gets the same findings (PLAN-02 fails, OPEN-01/04/06 cannot be judged)."""
    assert count <= length - 1
    drawing.walls_loop([(0, 0), (length, 0), (length, 8), (0, 8)], thickness=0.3)
    drawing.door((4.0, 0.0), (5.0, 0.0), ROLE="ENTRANCE", RC="RC2", CERT="PAS 24:2022", GLAZING="NONE", VIEWER="YES")
    drawing.light((5.5, -0.6))
    drawing.public_realm([(-20, -6), (length + 20, -6), (length + 20, -14), (-20, -14)])
    for k in range(count):
        drawing.window((1.7 + k, 8.0), (1.0 + k, 8.0))


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
    _read_pdf(ctx, path)
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
        check=True,
        timeout=120,
    )
    (picture,) = ctx["tmp"].glob("page*.pgm")
    ctx["pgm"] = picture.read_bytes()


@when(parsers.parse("the Gregorian date {day} is converted to the Solar Hijri calendar"))
def convert_date(ctx, day):
    ctx["day"] = date.fromisoformat(day)
    ctx["solar"] = solar_hijri(ctx["day"])


@when(parsers.parse("every day from {first} to {last} is converted by both algorithms"))
def convert_every_day(ctx, first, last):
    start, end = date.fromisoformat(first).toordinal(), date.fromisoformat(last).toordinal()
    ctx["disagreements"] = [
        (day, solar_hijri(day), borkowski(day))
        for day in map(date.fromordinal, range(start, end + 1))
        if solar_hijri(day) != borkowski(day)
    ]
    ctx["days"] = end - start + 1


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


@then(
    parsers.parse(
        'the PDF has one attachment "{name}" related to it as "{relationship}", equal to the JSON written by --json'
    )
)
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
    pixels = data[match.end() :]
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
    from checker.reading.load import load_plan
    from checker.engine import run_rules
    from checker.rulesets import load_ruleset

    plan = load_plan(EXAMPLE)
    html = annex_html(plan, run_rules(plan, load_ruleset(plan.project.ruleset)), language="fa")
    assert '<html lang="fa" dir="rtl">' in html
    assert re.search(r'class="plan-label" dir="rtl"', html)


@then(parsers.parse('a line of the PDF text holds the Solar Hijri date "{written}"'))
def solar_date_in_pdf(ctx, written):
    """Day and month, and the year, on one line: pdftotext may put the year after the
    time beside it, as it orders runs of numbers in right-to-left text by itself."""
    day_and_month, year = written.rsplit(" ", 1)
    lines = [no_blanks(normalised(line)) for line in ctx["pdf_text"].splitlines()]
    assert any(no_blanks(normalised(day_and_month)) in line and year in line for line in lines), written


@then(parsers.parse('the PDF text holds the Gregorian date "{day}" too'))
def gregorian_date(ctx, day):
    assert day in ctx["pdf_text"]


@then("the PDF text names no Solar Hijri month")
def no_solar_month(ctx):
    for month in SOLAR_HIJRI_MONTHS:
        assert month not in ctx["pdf_text"], month


@then(parsers.parse('the Solar Hijri date is day {day:d} of month {month:d} of year {year:d}, written "{written}"'))
def solar_date_is(ctx, day, month, year, written):
    assert ctx["solar"] == (year, month, day)
    assert borkowski(ctx["day"]) == (year, month, day)  # the second, independent algorithm
    assert persian_date(ctx["day"]) == written


@then("they agree on every day")
def algorithms_agree(ctx):
    assert ctx["days"] > 100_000
    assert ctx["disagreements"] == []


# Borkowski's algorithm (as in jalaali-js, MIT): the Solar Hijri year from the table of
# "break" years at which the 33-year leap pattern shifts, then the day of Nowruz in
# March. Independent of the 33-year arithmetic in checker/report/i18n.py, which it checks.
BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178)


def _tmod(a: int, b: int) -> int:
    """JavaScript's % (the sign of the dividend), which the algorithm is written for."""
    return a - int(a / b) * b


def _year_facts(jy: int) -> tuple[int, int]:
    """(years since the last leap year, 0-4; the March day of Nowruz) for Solar Hijri year jy."""
    gy = jy + 621
    leap_j, jp, jump = -14, BREAKS[0], 0
    for jm in BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += jump // 33 * 8 + jump % 33 // 4
        jp = jm
    n = jy - jp
    leap_j += n // 33 * 8 + (n % 33 + 3) // 4
    if jump % 33 == 4 and jump - n == 4:
        leap_j += 1
    leap_g = gy // 4 - (gy // 100 + 1) * 3 // 4 - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + (jump + 4) // 33 * 33
    leap = _tmod(_tmod(n + 1, 33) - 1, 4)
    return (4 if leap == -1 else leap), march


def borkowski(day: date) -> tuple[int, int, int]:
    jy = day.year - 621
    leap, march = _year_facts(jy)
    k = (day - date(day.year, 3, march)).days
    if k >= 0:
        if k <= 185:
            return jy, 1 + k // 31, k % 31 + 1
        k -= 186
    else:
        jy -= 1
        k += 179
        if leap == 1:
            k += 1
    return jy, 7 + k // 30, k % 30 + 1


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


def _shared_rows(html: str) -> list[tuple[list[int], str, str]]:
    """Each shared row of the findings table: (its marker numbers, its status, its rule)."""
    rows = []
    for group in html.split('<tbody class="rule-group">')[1:]:
        rule = re.search(r'<span class="rule-id">\W*([\w-]+)', group)[1]
        for status, numbers in re.findall(
            r'<tr class="finding-row status-(\w+)" id="finding-\d+" data-numbers="([\d,-]+)">', group
        ):
            expanded = []
            for run in numbers.split(","):
                first, _, last = run.partition("-")
                expanded += range(int(first), int(last or first) + 1)
            rows.append((expanded, status, rule))
    return rows


def _row_numbers(html: str) -> dict[int, str]:
    """Every marker number the findings table lists, single or shared, with its status."""
    numbers = dict(_rows(html))
    for shared, status, _rule in _shared_rows(html):
        for n in shared:
            assert n not in numbers, f"{n} is listed twice"
            numbers[n] = status
    return numbers


def _markers_by_storey(html: str) -> dict[str, list[int]]:
    markers = {}
    for section in html.split('<section class="plan-page"')[1:]:
        section = section.split("</section>")[0]
        storey = re.search(r"<h2>[^<]*</h2>", section)[0]
        markers[storey] = [int(n) for n in re.findall(r'data-finding="(\d+)"', section)]
    return markers


@then("every finding that is not a pass has a row numbered from 1 in the results' order")
def rows_in_order(ctx):
    expected = [
        f.status.value
        for f in ctx["results"].findings
        if f.status in (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR)
    ]
    rows = _rows(ctx["html"])
    assert expected, "the plan should have findings that do not pass"
    assert [n for n, _ in rows] == list(range(1, len(expected) + 1))
    assert [status for _, status in rows] == expected


@then("every marker on the plans has the number of a finding row about that storey")
def markers_match(ctx):
    numbered = {item.number: item.finding for item in numbered_findings(ctx["results"], ctx["show_passes"])}
    rows = _row_numbers(ctx["html"])
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


@then("no row of the findings table is shared")
def no_shared_rows(ctx):
    assert _rows(ctx["html"])
    assert _shared_rows(ctx["html"]) == []
    assert 'class="finding-row' not in ctx["html"]


@then(parsers.parse('the findings table has a shared row of {count:d} findings for each of "{rules}"'))
def shared_rows(ctx, count, rules):
    shared = _shared_rows(ctx["html"])
    for rule in rules.split(", "):
        sizes = [len(numbers) for numbers, _status, shared_rule in shared if shared_rule == rule]
        assert count in sizes, (rule, sizes)
        # one run of markers each, e.g. "12-41", as the numbering keeps alike findings together
        assert any(
            len(numbers) == count and numbers == list(range(numbers[0], numbers[0] + count))
            for numbers, _status, shared_rule in shared
            if shared_rule == rule
        )


@then("the rows' marker numbers run from 1 without gaps and each finding that is not a pass has one")
def rows_cover_findings(ctx):
    numbers = _row_numbers(ctx["html"])
    shown = [f for f in ctx["results"].findings if f.status in (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR)]
    assert sorted(numbers) == list(range(1, len(shown) + 1))
    numbered = {item.number: item.finding for item in numbered_findings(ctx["results"])}
    assert sorted(map(id, numbered.values())) == sorted(map(id, shown))  # each finding exactly once
    for n, status in numbers.items():
        assert numbered[n].status.value == status


@then("the findings table names every rule that has a failing finding")
def table_names_failing_rules(ctx):
    findings_section = ctx["html"].split('<section class="findings"')[1].split("</section>")[0]
    failing = {f.rule for f in ctx["results"].findings if f.status is Status.FAIL}
    assert failing
    for rule in failing:
        assert rule in findings_section, rule


@then(parsers.parse("the openings table gives the {count:d} windows one shared row"))
def openings_shared(ctx, count):
    openings = ctx["html"].split('<section class="openings"')[1].split("</section>")[0]
    assert f"{count} openings" in openings
    assert openings.count("<tr>") < count  # not one row each


@then("the plan page holds a picture and no SVG markers")
def plan_is_picture(ctx):
    plan_page = ctx["html"].split('<section class="plan-page"')[1].split("</section>")[0]
    assert '<img class="plan" src="data:image/png;base64,' in plan_page
    assert "data-finding=" not in plan_page
    reader = PdfReader(ctx["pdf_path"])
    # weasyprint shares one resources dictionary among the pages: one image, listed on each
    images = {image.name: image for page in reader.pages for image in page.images}
    assert len(images) == 1
    assert next(iter(images.values())).image.width >= 1500  # 170 mm at 300 dpi


@then("the URL fetcher served annex.css and the plan picture and refused nothing")
def fetched_css_and_picture(ctx):
    fetcher = ctx["fetcher"]
    assert fetcher.refused == []
    assert fetcher.served[0] == (ASSETS / "annex.css").as_uri()
    assert [url.startswith("data:image/png;base64,") for url in fetcher.served[1:]] == [True]


@then("the PDF text names every rule that has a failing finding in the results")
def pdf_names_failing_rules(ctx):
    failing = {f.rule for f in ctx["results"].findings if f.status is Status.FAIL}
    assert failing
    for rule in failing:
        assert rule in ctx["pdf_text"], rule


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
