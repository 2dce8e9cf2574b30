"""The annex with a reviewer's sign-off (checker.report.review), as HTML: fast, no database.

The PDF itself is read back with pdftotext in review.feature; here the annex's HTML
shows what the review adds, in English and Persian, and that a reviewer's words
reach it as text, never as markup.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.engine import run_rules
from checker.reading.load import load_plan
from checker.report.annex import annex_html
from checker.report.review import FindingDecision, Review, finding_key
from checker.results import Status
from checker.rulesets import load_ruleset

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "house" / "project.toml"
JUSTIFICATION = "A concierge guards the door <b>day</b> and night."


@pytest.fixture(scope="module")
def example():
    plan = load_plan(EXAMPLE)
    return plan, run_rules(plan, load_ruleset("ir-police-annex"))


def review_of(results, decision: str = "approved") -> Review:
    failing = [f for f in results.findings if f.status is Status.FAIL]
    passing = next(f for f in results.findings if f.status is Status.PASS)
    return Review(
        reviewer="Rana Reviewer",
        municipality="Example",
        decision=decision,
        decided_at="2026-03-01T10:00:00Z",
        notes="Lights before occupation.",
        decisions={
            finding_key(failing[0]): FindingDecision(
                "deviation", JUSTIFICATION, "Rana Reviewer", "2026-03-01T09:30:00Z"
            ),
            finding_key(passing): FindingDecision("accepted", "", "Rana Reviewer", "2026-03-01T09:31:00Z"),
        },
    )


def section(html: str, ident: str) -> str:
    return re.search(rf'<section class="[^"]*" id="{ident}">.*?</section>', html, re.S).group(0)


def test_without_a_review_the_sign_off_is_left_blank_for_a_handwritten_signature(example):
    plan, results = example
    html = annex_html(plan, results)
    assert 'id="review"' not in html and "Review decisions" not in html
    assert section(html, "signoff").count('class="blank') >= 4


def test_a_signed_off_annex_lists_every_decision_and_fills_in_the_sign_off(example):
    plan, results = example
    html = annex_html(plan, results, review=review_of(results))
    decisions = section(html, "review")
    rows = re.findall(r'<tr class="review-row[^"]*">.*?</tr>', decisions, re.S)
    shown = sum(f.status in (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR) for f in results.findings)
    assert len(rows) == shown + 1  # every listed finding, and the decided pass the annex does not list
    assert (
        "deviation accepted" in rows[0] and "A concierge guards the door &lt;b&gt;day&lt;/b&gt; and night." in rows[0]
    )
    assert "no decision" in rows[1]
    assert rows[-1].count("—") >= 1 and "accepted" in rows[-1]
    signoff = section(html, "signoff")
    assert 'class="blank' not in signoff
    for text in ("Rana Reviewer", "Example", "approved", "Lights before occupation.", "2026-03-01", "10:00"):
        assert text in signoff, text
    assert "<b>day</b>" not in html  # what a reviewer typed is text, never markup


def test_a_request_for_changes_is_named_as_such(example):
    plan, results = example
    signoff = section(annex_html(plan, results, review=review_of(results, "changes_requested")), "signoff")
    assert "changes requested" in signoff and ">approved<" not in signoff


def test_the_persian_annex_says_it_in_persian(example):
    plan, results = example
    html = annex_html(plan, results, language="fa", review=review_of(results))
    assert "تصمیم‌های بررسی" in html and "مغایرت پذیرفته" in html and "بدون تصمیم" in html
    assert "Rana Reviewer" in section(html, "signoff")


def test_a_finding_has_the_same_key_as_an_object_and_as_json(example):
    _plan, results = example
    assert all(finding_key(f) == finding_key(f.to_json()) for f in results.findings)


@pytest.mark.parametrize(
    "make",
    [
        lambda: FindingDecision("maybe", "", "R", "2026-03-01T10:00:00Z"),
        lambda: Review("R", "Example", "rejected", "2026-03-01T10:00:00Z"),
    ],
    ids=["unknown finding decision", "unknown final decision"],
)
def test_unknown_decisions_are_refused(make):
    with pytest.raises(ValueError):
        make()


def test_a_review_cannot_be_changed_after_it_is_made(example):
    _plan, results = example
    review = review_of(results)
    with pytest.raises(TypeError):
        review.decisions["x"] = FindingDecision("accepted", "", "R", "2026-03-01T10:00:00Z")
