"""Steps for decisions.feature: decisions keyed by what was found, through the real pages.

The reviewer decides through the real routes (CSRF and all) on the Persian and the
English page; the signed-off annex is written by the real sign-off and read with
pdftotext; the catalogue re-wording is simulated by serving changed English texts for
two message ids, as a new release of findings.po would; the migration runs through
Alembic against the scenario's database (SQLite and PostgreSQL).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path
from types import MappingProxyType

from alembic import command
from pytest_bdd import given, parsers, scenarios, then, when

from checker import messages
from web.store import db
from web.store.models import Decision, User

from .test_review import (  # noqa: F401 (the fixtures are used by name)
    _on_both_databases,
    client_of,
    failing,
    findings,
    page,
    post_decision,
    post_final,
    review,
    submission_path,
    submit,
    token_of,
)

scenarios("web/decisions.feature")

MIGRATION = Path(__file__).resolve().parents[3] / "web" / "migrations" / "versions" / "0005_decision_keys.py"
REWORDED = "Re-worded by a catalogue change: "


def walls_count(review) -> tuple[int, dict]:
    """The PLAN-03 finding that counts the walls: a finding about no drawing element."""
    for index, finding in enumerate(findings(review)):
        arguments = finding.get("message_args", {})
        if finding["message_id"] == "PLAN-03.found" and arguments["what"] == {
            "capitalised": {"term": "layer-role.walls"}
        }:
            assert not finding["elements"]
            return index, finding
    raise AssertionError("the example's results have no walls count")


def row_of(html: str, index: int) -> str:
    return re.search(rf'<tr id="finding-{index}".*?</tr>', html, re.S).group(0)


def key_on_page(html: str, index: int) -> str:
    return (
        re.search(r'data-key="([^"]*)"', row_of(html, index))
        .group(1)
        .replace("&#34;", '"')
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )


def persian_page(review) -> str:
    client = client_of(review, "reviewer")
    response = client.post(
        "/language", data={"language": "fa", "next": "/review/", "csrf_token": token_of(review, "reviewer")}
    )
    assert response.status_code in (302, 303), response.status_code
    html = page(review, "reviewer", submission_path(review))
    assert '<html lang="fa" dir="rtl">' in html
    return html


def english_page(review) -> str:
    client = client_of(review, "reviewer")
    client.post("/language", data={"language": "en", "next": "/review/", "csrf_token": token_of(review, "reviewer")})
    html = page(review, "reviewer", submission_path(review))
    assert '<html lang="en" dir="ltr">' in html
    return html


def decide_on_page(review, html: str, index: int, verdict: str, justification: str = "") -> None:
    response = post_decision(review, "reviewer", key_on_page(html, index), verdict, justification)
    assert response.status_code == 302, response.get_data(as_text=True)[:400]


def annex_text(review, tmp_path) -> str:
    response = client_of(review, "reviewer").get(f"{submission_path(review)}/signed-annex.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf", response.status_code
    path = tmp_path / "signed.pdf"
    path.write_bytes(response.get_data())
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    return " ".join(text.split())


def old_keys():
    spec = importlib.util.spec_from_file_location("decision_keys_0005", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.old_key


# ----------------------------------------------------------------- given


@given(parsers.parse('the example project is submitted to "{municipality}" and checked for review'))
def example_checked(review, municipality):
    submit(review, "Example house", "1 Example Lane, Example", "EX-2026-001", municipality, check=True)


@given("the reviewer has accepted the walls count that names no drawing element")
def accepted_walls(review):
    index, _finding = walls_count(review)
    decide_on_page(review, english_page(review), index, "accepted")


@given(parsers.parse('the reviewer has rejected failing finding {n:d} with "{justification}"'))
def rejected_failing(review, n, justification):
    index, _finding = failing(review, n)
    decide_on_page(review, english_page(review), index, "rejected", justification)


@given("decisions were recorded under the old keys on the walls count and on failing finding 1")
def decisions_under_old_keys(review):
    old_key = old_keys()
    walls = walls_count(review)[1]
    door = failing(review, 1)[1]
    assert "Walls" in old_key(walls)  # the old key held the English sentence
    app = review["app"]
    with app.app_context():
        session = db.sessions(app)()
        try:
            reviewer = session.get(User, review["accounts"]["reviewer"].id)
            submission_id = review["submissions"]["Example house"]
            session.add(
                Decision(
                    submission_id=submission_id,
                    finding_key=old_key(walls),
                    verdict="accepted",
                    justification="",
                    reviewer_id=reviewer.id,
                )
            )
            session.add(
                Decision(
                    submission_id=submission_id,
                    finding_key=old_key(door),
                    verdict="rejected",
                    justification="Recorded under the old key.",
                    reviewer_id=reviewer.id,
                )
            )
            session.commit()
        finally:
            session.close()


# ----------------------------------------------------------------- when


@when(parsers.parse('the reviewer, on the Persian page, rejects failing finding {n:d} with "{justification}"'))
def persian_rejects(review, n, justification):
    index, _finding = failing(review, n)
    decide_on_page(review, persian_page(review), index, "rejected", justification)


@when("the reviewer, on the Persian page, accepts the walls count that names no drawing element")
def persian_accepts_walls(review):
    index, _finding = walls_count(review)
    decide_on_page(review, persian_page(review), index, "accepted")


@when(parsers.re(r'the reviewer requests changes with the note "(?P<notes>[^"]*)"'))
def requests_changes(review, notes):
    response = post_final(review, "reviewer", "changes_requested", notes)
    assert response.status_code in (200, 302), response.status_code


@when("the catalogue re-words the English sentences of the walls count and of failing finding 1")
def catalogue_reworded(review, monkeypatch):
    reworded_ids = {walls_count(review)[1]["message_id"], failing(review, 1)[1]["message_id"]}
    original = messages.catalogue

    def catalogue(language: str):
        texts = original(language)
        if language != messages.SOURCE_LANGUAGE:
            return texts
        changed = dict(texts)
        for message_id in reworded_ids:
            changed[message_id] = REWORDED + texts[message_id]
        return MappingProxyType(changed)

    monkeypatch.setattr(messages, "catalogue", catalogue)
    review["reworded"] = reworded_ids


@when("the database is migrated down to 0004 and up again")
def migrated_down_and_up(review, database_url):
    config = db.alembic_config(database_url)
    command.downgrade(config, "0004")
    command.upgrade(config, "head")


# ----------------------------------------------------------------- then


@then(parsers.parse('the English page shows failing finding {n:d} as "{verdict}" with "{justification}"'))
def english_shows_failing(review, n, verdict, justification):
    index, _finding = failing(review, n)
    row = row_of(english_page(review), index)
    assert f'data-decision="{verdict}"' in row, row[:2000]
    assert justification in row


@then(parsers.parse('the English page shows the walls count as "{verdict}"'))
def english_shows_walls(review, verdict):
    index, _finding = walls_count(review)
    row = row_of(english_page(review), index)
    assert f'data-decision="{verdict}"' in row, row[:2000]


@then(parsers.parse('the English page shows the re-worded walls count as "{verdict}"'))
def english_shows_reworded_walls(review, verdict):
    index, _finding = walls_count(review)
    row = row_of(english_page(review), index)
    assert REWORDED in row and "13 found on" in row, row[:2000]
    assert f'data-decision="{verdict}"' in row, row[:2000]


@then(parsers.parse('the signed-off annex\'s text says "{sentence}"'))
def annex_says(review, tmp_path, sentence):
    assert sentence in annex_text(review, tmp_path)


@then("the signed-off annex's text says the re-worded sentence of failing finding 1")
def annex_says_reworded(review, tmp_path):
    failing_sentence = messages.text_of(failing(review, 1)[1]["message_id"], "en")
    assert failing_sentence.startswith(REWORDED)
    assert REWORDED in annex_text(review, tmp_path)


@then("the signed-off annex's text lists the re-worded walls count among the decisions")
def annex_lists_reworded_walls(review, tmp_path):
    # A pass is listed in the annex (its decisions table) only when a decision is found
    # under the key of the finding as it now reads.
    assert "PLAN-03 passes accepted" in annex_text(review, tmp_path)
