"""Steps for ux_details.feature: the version diff's markers, the queue position, the new
token, the audit trail's calendar and the recognition preview's frame (issue 11).

Pages are fetched from the real app as a browser without JavaScript gets them; checks
are the real checker's (inline, as the web tests run them), and a check that waits is a
real job row that no worker has taken yet.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from checker.numerals import persian_digits
from checker.report.i18n import persian_date
from web.jobs.dispatch import InlineDispatcher
from web.store import db
from web.store.models import AuditEvent, Job, JobState

from .conftest import csrf_token, sign_in
from .seeded import seed
from .test_architect import EXAMPLE, create_project, page, sentences_of, upload

scenarios("web/ux_details.feature")

PERSIAN_DIGIT = re.compile(r"[۰-۹]")
LATIN_DIGIT = re.compile(r"[0-9]")


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Naming ``app`` here runs every scenario on SQLite and on PostgreSQL."""


@pytest.fixture
def story() -> dict:
    return {}


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def in_persian(client, path: str) -> str:
    """The page as a Persian reader gets it (the language chosen with the page's switch), then back to English."""
    choose_language(client, "fa")
    try:
        html = page(client, path)
    finally:
        choose_language(client, "en")
    assert '<html lang="fa" dir="rtl">' in html
    return html


def choose_language(client, language: str) -> None:
    response = client.post(
        "/language", data={"language": language, "next": "/", "csrf_token": csrf_token(client, "/account/tokens/")}
    )
    assert response.status_code in (302, 303), response.status_code


def version_path(story: dict, number: int) -> str:
    return f"/projects/{story['project_id']}/versions/{number}"


def diff_items(html: str) -> dict[str, list[str]]:
    """Each list of the version diff (resolved, new, still-failing): its items' markup."""
    return {
        kind: re.findall(r"<li[ >].*?</li>", items, re.S)
        for kind, items in re.findall(r'<ul class="change-list[^"]*" data-changes="([^"]+)">(.*?)</ul>', html, re.S)
    }


def marker_link(item: str) -> tuple[str, str, str] | None:
    """(shown number, href, data-change-marker) of a diff item's marker link, or None."""
    link = re.search(
        r'<a class="change-marker" href="([^"]+)"[^>]*><span class="marker-number[^"]*">([^<]+)</span>', item
    )
    if link is None:
        return None
    return link.group(2), unescape(link.group(1)), re.search(r'data-change-marker="(\d+)"', item).group(1)


def row_marker(html: str, row_id: str) -> int | None:
    row = re.search(rf'<tr id="{row_id}"[^>]*>', html)
    assert row, f"no row {row_id}"
    number = re.search(r'data-marker="(\d+)"', row.group(0))
    return int(number.group(1)) if number else None


def plan_markers(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'<g class="marker" data-finding="(\d+)"', html)}


# ----------------------------------------------------------------- given / when shared by the scenarios


@given("the app with its accounts")
def _app_with_accounts(accounts):
    return accounts


@given("the architect is signed in")
def _architect_signed_in(client, accounts):
    sign_in(client, accounts["architect"])


@when(parsers.re(r'the architect creates the project "(?P<name>[^"]*)" with permit number "(?P<permit>[^"]*)"'))
def _creates_project(client, story, name, permit):
    response = create_project(client, name, permit)
    assert response.status_code == 302, sentences_of(response.get_data(as_text=True))
    story["project_id"] = int(re.search(r"/projects/(\d+)/upload", response.location).group(1))


@when(
    parsers.parse(
        'uploads "{first_file}" as "{first_name}" at {first_elevation} m and "{second_file}" as "{second_name}" at {second_elevation} m'
    )
)
def _uploads_two(client, story, first_file, first_name, first_elevation, second_file, second_name, second_elevation):
    response = upload(
        client,
        story["project_id"],
        [
            (first_name, first_elevation, first_file, (EXAMPLE / first_file).read_bytes()),
            (second_name, second_elevation, second_file, (EXAMPLE / second_file).read_bytes()),
        ],
    )
    assert response.status_code == 302, sentences_of(response.get_data(as_text=True))


@when(parsers.parse('uploads a new version with only "{filename}" as "{name}" at {elevation} m'))
def _uploads_one(client, story, filename, name, elevation):
    response = upload(client, story["project_id"], [(name, elevation, filename, (EXAMPLE / filename).read_bytes())])
    assert response.status_code == 302, sentences_of(response.get_data(as_text=True))


# ----------------------------------------------------------------- the version diff


@then(
    "each new or still failing finding of version 2's diff with a place on the plan shows its marker number "
    "and links to its row, whose marker is on the plan"
)
def _diff_markers_here(client, story):
    html = page(client, version_path(story, 2))
    story["v2"] = html
    items = diff_items(html)
    linked = 0
    for kind in ("new", "still-failing"):
        for item in items.get(kind, []):
            link = marker_link(item)
            if link is None:
                continue
            shown, href, number = link
            assert shown == number and href.startswith("#finding-"), item
            assert row_marker(html, href[1:]) == int(number), item
            assert int(number) in plan_markers(html), f"marker {number} is not drawn on the plan"
            assert f'data-show-marker="{number}"' in item
            linked += 1
    assert linked >= 3, f"only {linked} changed findings link to the plan"
    assert len(items.get("still-failing", [])) >= 3


@then(
    "each resolved finding with a place on the plan links to its row on version 1's page, with version 1's marker number"
)
def _diff_markers_resolved(client, story):
    version_one = page(client, version_path(story, 1))
    resolved = diff_items(story["v2"])["resolved"]
    linked = 0
    for item in resolved:
        link = marker_link(item)
        if link is None:
            continue
        shown, href, number = link
        path, anchor = href.split("#")
        assert path == version_path(story, 1), href
        assert row_marker(version_one, anchor) == int(number) == int(shown)
        assert int(number) in plan_markers(version_one)
        assert "on the plan of version 1" in text_of(item)
        linked += 1
    assert linked >= 3, f"only {linked} resolved findings link to version 1's plan"


@then("on the Persian page the diff's marker numbers are written in Persian digits, as the plan's markers are")
def _diff_markers_persian(client, story):
    html = in_persian(client, version_path(story, 2))
    shown = 0
    for items in diff_items(html).values():
        for item in items:
            link = marker_link(item)
            if link is None:
                continue
            number_text, _href, number = link
            assert number_text == persian_digits(number), (number_text, number)
            assert not LATIN_DIGIT.search(number_text)
            shown += 1
    assert shown >= 6
    plan_texts = re.findall(r'<g class="marker" data-finding="\d+"><circle [^>]*/><text [^>]*>([^<]+)</text>', html)
    assert plan_texts and all(PERSIAN_DIGIT.search(t) and not LATIN_DIGIT.search(t) for t in plan_texts)


# ----------------------------------------------------------------- the queue position


@given("no worker is free to take a check")
def _no_worker(app):
    """Jobs are recorded and handed to a queue no worker takes from, as when every worker is busy."""

    class BusyWorkers:
        def send(self, token: str) -> None:
            """Queued: the job row stays waiting until a worker takes it."""

    app.extensions["annex_jobs"] = BusyWorkers()


@when("a worker takes the oldest waiting check and finishes it")
def _worker_runs_first(app):
    with app.app_context():
        session = db.sessions(app)()
        try:
            first = session.scalars(
                select(Job.token).where(Job.state == JobState.QUEUED.value).order_by(Job.id).limit(1)
            ).one()
        finally:
            session.close()
    InlineDispatcher(app).send(first)  # the job function a worker runs, limits included


def queue_sentence(html: str) -> str | None:
    match = re.search(r'<p class="queue-position" data-queue-position role="status"( hidden)?>([^<]*)</p>', html)
    assert match, "the progress section has no queue position"
    return None if match.group(1) else match.group(2).strip()


@then(parsers.parse('version {number:d}\'s page says "{sentence}" and reloads itself without JavaScript'))
def _queue_on_page(client, story, number, sentence):
    html = page(client, version_path(story, number))
    assert queue_sentence(html) == sentence
    assert re.search(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>', html)


@then(parsers.parse('version {number:d}\'s status says "{sentence}"'))
def _queue_in_status(client, story, number, sentence):
    status = json.loads(page(client, version_path(story, number) + "/status"))
    assert status["state"] == "queued" and not status["done"]
    assert status["queue_position"] == sentence


@then(parsers.parse("on the Persian page version {number:d}'s queue position is written in Persian digits"))
def _queue_persian(client, story, number):
    html = in_persian(client, version_path(story, number))
    sentence = queue_sentence(html)
    assert sentence and sentence.startswith(persian_digits(2)) and not LATIN_DIGIT.search(sentence), sentence


@then(parsers.parse("version {number:d}'s page no longer shows a queue position"))
def _no_queue_position(client, story, number):
    html = page(client, version_path(story, number))
    assert "data-queue-position" not in html  # checked: no progress section at all
    assert json.loads(page(client, version_path(story, number) + "/status"))["queue_position"] == ""


# ----------------------------------------------------------------- the new token


@when(parsers.parse('the architect creates a token named "{label}" on the tokens page'))
def _creates_token(client, story, label):
    response = client.post("/account/tokens/", data={"label": label, "csrf_token": _token_form_csrf(client)})
    assert response.status_code == 200
    story["tokens_page"] = response.get_data(as_text=True)
    story["token"] = re.search(r"<code class=\"token\" dir=\"ltr\" data-token>([^<]+)</code>", story["tokens_page"])
    assert story["token"], "the new token is not shown"
    story["token"] = story["token"].group(1)


def _token_form_csrf(client) -> str:
    html = page(client, "/account/tokens/")
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@then("the new token is the only text of a monospaced block that selects as a whole")
def _token_block(story, client):
    html = story["tokens_page"]
    assert re.search(r'<p class="token-line"><code class="token" dir="ltr" data-token>[^<]+</code></p>', html)
    css = page(client, "/static/app.css")  # the stylesheet the page links
    rule = re.search(r"\.new-token code\.token \{([^}]*)\}", css)
    assert rule, "app.css has no rule for the new token"
    assert "monospace" in rule.group(1) and "user-select: all" in rule.group(1)
    size = re.search(r"font-size: ([\d.]+)rem", rule.group(1))
    assert size and float(size.group(1)) >= 1.25


@then("the copy button is there but hidden until JavaScript shows it")
def _copy_button(story):
    button = re.search(r'<button type="button" data-copy="\[data-token\]"[^>]*>', story["tokens_page"])
    assert button and " hidden" in button.group(0)


@then(parsers.parse('the page says "{sentence}"'))
def _page_says(story, sentence):
    assert sentence in text_of(story["tokens_page"])


@then("the tokens page shown again has neither the token nor the copy button")
def _shown_once(client, story):
    html = page(client, "/account/tokens/")
    assert story["token"] not in html and "data-copy=" not in html and "Permit portal" in html


# ----------------------------------------------------------------- the audit trail


@given("the example is checked and signed off")
def _example_signed_off(app, accounts, story):
    story["seeded"] = seed(app, accounts)


@given("the reviewer is signed in")
def _reviewer_signed_in(client, accounts):
    sign_in(client, accounts["reviewer"])


def audit_times(html: str) -> list[str]:
    section = re.search(r'<section class="audit-trail".*?</section>', html, re.S).group(0)
    return re.findall(r'<td class="when">(.*?)</td>', section, re.S)


def stored_audit_times(app, submission_id: int) -> list:
    with app.app_context():
        session = db.sessions(app)()
        try:
            return list(
                session.scalars(
                    select(AuditEvent.at)
                    .where(AuditEvent.submission_id == submission_id)
                    .order_by(AuditEvent.at, AuditEvent.id)
                )
            )
        finally:
            session.close()


@then('on the English submission page every audit time is written "YYYY-MM-DD HH:MM:SS UTC"')
def _audit_english(app, client, story):
    path = f"/review/submissions/{story['seeded'].submission_id}"
    cells = audit_times(page(client, path))
    stored = stored_audit_times(app, story["seeded"].submission_id)
    assert len(cells) == len(stored) >= 3
    expected = sorted(at.strftime("%Y-%m-%d %H:%M:%S") + " UTC" for at in stored)
    assert sorted(text_of(c) for c in cells) == expected


@then(
    "on the Persian submission page every audit time is its Solar Hijri date and time in Persian digits, "
    "with the Gregorian date beside it"
)
def _audit_persian(app, client, story):
    path = f"/review/submissions/{story['seeded'].submission_id}"
    cells = audit_times(in_persian(client, path))
    stored = stored_audit_times(app, story["seeded"].submission_id)
    assert len(cells) == len(stored) >= 3
    for cell in cells:
        stamp = re.search(r'<bdi><time datetime="([^"]+)">', cell)
        assert stamp, cell
        text = text_of(cell)
        at = next(a for a in stored if stamp.group(1).startswith(a.isoformat()))
        assert text.startswith(persian_date(at.date())), text
        assert persian_digits(at.strftime("%H:%M:%S")) in text
        assert f"({persian_digits(at.day)} " in text and f" {persian_digits(at.year)})" in text
        assert not LATIN_DIGIT.search(text), text


# ----------------------------------------------------------------- the recognition preview


def preview_of(html: str) -> str:
    match = re.search(r'<svg [^>]*class="recognition-preview".*?</svg>', html, re.S)
    assert match, "no recognition preview on the page"
    return match.group(0)


@then("the version page's preview draws every storey over the same extent, which holds the findings plans' frame")
def _preview_frame(client, story):
    html = page(client, version_path(story, 1))
    preview = preview_of(html)
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', preview).group(1))
    titles = re.findall(r'<text class="title" x="([\d.]+)" y="[\d.]+" font-size="([\d.]+)"', preview)
    assert len(titles) == 2, titles
    unit = float(titles[0][1]) / 16  # preview.py: a storey's title is 16 units high
    margin, gap = 24 * unit, 48 * unit  # preview.py's MARGIN_U and GAP_U
    lefts = [float(x) - margin for x, _size in titles]
    extents = [lefts[1] - lefts[0] - gap - 2 * margin, width - lefts[1] - 2 * margin]
    assert abs(extents[0] - extents[1]) < 0.01, extents
    plan_width = max(float(w) for w in re.findall(r'class="plan" role="group" data-metres-wide="([\d.]+)"', html))
    assert extents[0] >= plan_width - 0.01, (extents, plan_width)


@then("the preview sits in a plan viewport with the plans' zoom controls")
def _preview_viewport(client, story):
    html = page(client, version_path(story, 1))
    figure = re.search(r'<figure class="preview-figure" data-preview>(.*?)</figure>', html, re.S)
    assert figure, "the preview is not in a plan figure"
    inner = figure.group(1)
    assert re.search(r'<div class="plan-controls" data-plan-controls hidden>', inner)
    for action in ("zoom-in", "zoom-out", "zoom-reset"):
        assert f'data-plan-action="{action}"' in inner
    viewport = re.search(
        r'<div class="plan-viewport" data-preview-viewport tabindex="0" role="group" aria-label="([^"]+)">', inner
    )
    assert viewport and "zoom" in viewport.group(1)
    assert re.search(r'<div class="plan-canvas" data-plan><svg [^>]*class="recognition-preview"', inner)
