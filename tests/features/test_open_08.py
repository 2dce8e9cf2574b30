"""Steps for OPEN-08.feature: light wells, shafts and roof openings as entry routes."""

from __future__ import annotations

import json
import subprocess

from pytest_bdd import parsers, scenarios, then

from .shaft_steps import *  # noqa: F401,F403  (shared steps)

scenarios("OPEN-08.feature")


@then(parsers.parse('in the JSON, {rule} judges window "{name}" {status}, provisional in {first} and {second}'))
def json_finding(ctx, rule, name, status, first, second):
    handle, storey = ctx["openings"][name]
    data = json.loads((ctx["tmp"] / "results.json").read_text(encoding="utf-8"))
    chosen = [
        f
        for f in data["findings"]
        if f["rule"] == rule
        and f["elements"]
        and (f["elements"][0]["handle"], f["elements"][0]["storey"]) == (handle, storey)
    ]
    assert len(chosen) == 1, chosen
    assert chosen[0]["status"] == status, chosen[0]
    assert {first, second} <= set(chosen[0]["provisional"]), chosen[0]


@then(parsers.parse('the annex PDF text says "{text}"'))
def annex_pdf_says(ctx, text):
    if "pdf_text" not in ctx:
        ctx["pdf_text"] = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(ctx["tmp"] / "annex.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    # pdftotext wraps right-to-left runs in embedding marks and drops zero-width
    # non-joiners (ساختمان‌ها -> ساختمانها): both are taken out of both sides.
    invisible = dict.fromkeys(map(ord, "\u200c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
    flat = " ".join(ctx["pdf_text"].translate(invisible).split())
    wanted = " ".join(text.translate(invisible).split())
    assert wanted in flat, flat[:3000]


@then(parsers.parse('the Persian annex shows the OPEN-08 finding and the ruleset\'s sources under "{heading}"'))
def persian_annex(ctx, heading):
    import html as html_module
    import re

    from checker.report.annex import annex_html
    from checker.rules import catalogue

    text = annex_html(ctx["plan"], ctx["results"], language="fa")
    plain = html_module.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u2068", "").replace("\u2069", "")
    assert catalogue()["OPEN-08"].text("title", "fa") in plain
    assert "پنجره" in plain and "رو به داکت «نورگیر»" in plain, plain[:2000]
    assert heading in plain and "BHRC faculty member quoted by IRNA" in plain


@then(parsers.parse('the web page words the JSON\'s OPEN-08 finding for window "{name}" in Persian with "{text}"'))
def web_wording(ctx, name, text):
    from checker.messages import message_from_json, render

    handle, storey = ctx["openings"][name]
    data = json.loads((ctx["tmp"] / "results.json").read_text(encoding="utf-8"))
    (finding,) = [
        f
        for f in data["findings"]
        if f["rule"] == "OPEN-08" and (f["elements"][0]["handle"], f["elements"][0]["storey"]) == (handle, storey)
    ]
    # As web/results_view.said does: the message rebuilt from its id and arguments, bidi-isolated.
    words = render(message_from_json(finding["message_id"], finding.get("message_args", {})), "fa", isolate=True)
    assert text in words.replace("\u2068", "").replace("\u2069", ""), words
