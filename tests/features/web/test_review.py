"""Steps for review.feature: the reviewers' pages through the Flask test client, on both databases.

Submissions are made the way the pages make them (``submit_version``, then
``start_check``, which the test app runs inside the call) from the example project's
real DXF files; everything a reviewer does goes through the real routes with real
CSRF tokens. The signed-off annex is read with pdftotext, as a reviewer's tools would.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from flask import url_for
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from checker.report.review import finding_key
from web.architect.submissions import BLOCKING, StoreyUpload, create_project, submit_version
from web.jobs.checking import start_check
from web.store import db
from web.store.models import AuditEvent, Decision, Municipality, Submission, User

from .conftest import csrf_token, sign_in

scenarios("web/review.feature")

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "house"
EXPIRED_FORM = "This form has expired or did not come from this site"
UTC_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Naming ``app`` here runs every scenario on SQLite and on PostgreSQL."""


@pytest.fixture
def review(app, accounts) -> dict:
    """The scenario's state: submissions by project name, signed-in clients, the last answer."""
    return {"app": app, "accounts": accounts, "submissions": {}, "clients": {}, "response": None}


def token_of(review: dict, who: str) -> str:
    """The CSRF token of ``who``'s session, read once from a form of the review queue."""
    tokens = review.setdefault("tokens", {})
    if who not in tokens:
        tokens[who] = csrf_token(client_of(review, who), "/review/")
    return tokens[who]


def client_of(review: dict, who: str):
    """A browser of its own for each account, signed in on first use."""
    clients = review["clients"]
    if who not in clients:
        clients[who] = review["app"].test_client()
        sign_in(clients[who], review["accounts"][who])
    return clients[who]


def submit(review: dict, name: str, address: str, permit: str, municipality: str, *, check: bool) -> int:
    app, accounts = review["app"], review["accounts"]
    with app.test_request_context():
        session = db.session()
        architect = session.get(User, accounts["architect"].id)
        municipality_id = session.scalars(select(Municipality.id).where(Municipality.name == municipality)).one()
        project = create_project(
            session,
            architect,
            name=name,
            address=address,
            permit_number=permit,
            municipality_id=municipality_id,
            dwellings=1,
        )
        storeys = [
            StoreyUpload("Ground floor", 0.0, "ground.dxf", (EXAMPLE / "ground.dxf").read_bytes()),
            StoreyUpload("First floor", 2.8, "first.dxf", (EXAMPLE / "first.dxf").read_bytes()),
        ]
        submission = submit_version(session, project, storeys, ruleset="ir-police-annex", user=architect)
        if check:
            start_check(submission.id)
            session.expire_all()
            assert session.get(Submission, submission.id).check_state == "done"
        review["submissions"][name] = submission.id
        return submission.id


def load(review: dict, name: str = "Example house") -> Submission:
    with review["app"].app_context():
        session = db.sessions(review["app"])()
        try:
            submission = session.get(Submission, review["submissions"][name])
            _ = submission.project, submission.decisions, [d.reviewer.name for d in submission.decisions]
            return submission
        finally:
            session.close()


def findings(review: dict, name: str = "Example house") -> list[dict]:
    return json.loads(load(review, name).results_json)["findings"]


def failing(review: dict, n: int) -> tuple[int, dict]:
    """The n-th failing finding (from 1) and its index in the results."""
    found = [(i, f) for i, f in enumerate(findings(review)) if f["status"] == "fail"]
    return found[n - 1]


def page(review: dict, who: str, path: str) -> str:
    response = client_of(review, who).get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def submission_path(review: dict, name: str = "Example house") -> str:
    return f"/review/submissions/{review['submissions'][name]}"


def post_decision(
    review: dict, who: str, key: str, verdict: str, justification: str = "", *, token: bool = True, name="Example house"
):
    client = client_of(review, who)
    data = {"finding_key": key, "verdict": verdict, "justification": justification}
    if token:
        data["csrf_token"] = token_of(review, who)
    review["response"] = client.post(f"{submission_path(review, name)}/decisions", data=data)
    return review["response"]


def post_final(review: dict, who: str, decision: str, notes: str):
    client = client_of(review, who)
    data = {"decision": decision, "notes": notes, "language": "en", "csrf_token": token_of(review, who)}
    review["response"] = client.post(f"{submission_path(review)}/final", data=data)
    return review["response"]


def queue_names(html: str) -> list[str]:
    table = re.search(r"<table class=\"queue\".*?</table>", html, re.S)
    if not table:
        return []
    return [unescape(n) for n in re.findall(r'<a href="/review/submissions/\d+">([^<]*)</a>', table.group(0))]


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def audit_rows(html: str) -> list[str]:
    section = re.search(r'<section class="audit-trail".*?</section>', html, re.S).group(0)
    return [text_of(row) for row in re.findall(r"<tr class=\"audit-[^\"]*\">.*?</tr>", section, re.S)]


# ----------------------------------------------------------------- given


@given(parsers.parse('the architect has submitted "{name}" at "{address}" with permit "{permit}" to "{municipality}"'))
def architect_submitted(review, name, address, permit, municipality):
    submit(review, name, address, permit, municipality, check=False)


@given(parsers.parse('the example project is submitted to "{municipality}" and checked'))
def example_checked(review, municipality):
    submit(review, "Example house", "1 Example Lane, Example", "EX-2026-001", municipality, check=True)


# ----------------------------------------------------------------- when


@when("the reviewer opens the review queue", target_fixture="queue_html")
def reviewer_opens_queue(review):
    return page(review, "reviewer", "/review/")


@when("the other reviewer opens the review queue", target_fixture="queue_html")
def other_reviewer_opens_queue(review):
    return page(review, "other_reviewer", "/review/")


@when(parsers.parse('the reviewer searches the queue for "{query}"'), target_fixture="queue_html")
def reviewer_searches(review, query):
    client = client_of(review, "reviewer")
    response = client.get("/review/", query_string={"q": query})
    assert response.status_code == 200
    return response.get_data(as_text=True)


@when("the reviewer opens the example submission")
def reviewer_opens_submission(review):
    review["html"] = page(review, "reviewer", submission_path(review))


@when(
    parsers.re(r'the reviewer accepts a deviation on failing finding (?P<n>\d+) with "(?P<justification>[^"]*)"'),
    converters={"n": int},
)
def reviewer_deviation(review, n, justification):
    _index, finding = failing(review, n)
    post_decision(review, "reviewer", finding_key(finding), "deviation", justification)


@when(parsers.parse('the reviewer rejects failing finding {n:d} with "{justification}"'))
def reviewer_rejects(review, n, justification):
    _index, finding = failing(review, n)
    post_decision(review, "reviewer", finding_key(finding), "rejected", justification)


@when(parsers.parse("the reviewer accepts failing finding {n:d}"))
def reviewer_accepts(review, n):
    _index, finding = failing(review, n)
    post_decision(review, "reviewer", finding_key(finding), "accepted")


@when(parsers.parse('the reviewer rejects every other open finding with "{justification}"'))
def reviewer_rejects_the_rest(review, justification):
    decided = {d.finding_key for d in load(review).decisions}
    for finding in findings(review):
        key = finding_key(finding)
        if finding["status"] in BLOCKING and key not in decided:
            response = post_decision(review, "reviewer", key, "rejected", justification)
            assert response.status_code == 302, text_of(response.get_data(as_text=True))[:300]
            decided.add(key)


@when(parsers.re(r'the reviewer approves with the note "(?P<notes>[^"]*)"'))
def reviewer_approves(review, notes):
    post_final(review, "reviewer", "approved", notes)


@when(parsers.re(r'the reviewer requests changes with the note "(?P<notes>[^"]*)"'))
def reviewer_requests_changes(review, notes):
    post_final(review, "reviewer", "changes_requested", notes)


@when("the stored results no longer match what checking the drawings again gives")
def results_tampered(review):
    """As if the software had changed since the check: the reviewed findings differ from a new run's."""
    app = review["app"]
    with app.app_context():
        session = db.sessions(app)()
        submission = session.get(Submission, review["submissions"]["Example house"])
        results = json.loads(submission.results_json)
        # A figure, not a wording: re-worded sentences alone do not block a sign-off (decisions
        # are keyed by message id and arguments), a measurement that changed does.
        measured = next(f for f in results["findings"] if f.get("measured"))
        measured["measured"]["value"] += 0.01  # as an older version of the checker measured it
        submission.results_json = json.dumps(results, ensure_ascii=False)
        session.commit()
        session.close()


@when(parsers.parse('the reviewer posts a decision on "{name}" without a CSRF token'))
def decision_without_token(review, name):
    post_decision(review, "reviewer", "OPEN-01|Ground floor:78", "accepted", token=False, name=name)


@when(
    parsers.parse('the architect asks for the review queue, the submission "{name}", its annex and its decisions'),
    target_fixture="answers",
)
def architect_asks(review, name):
    client = client_of(review, "architect")
    path = submission_path(review, name)
    token = csrf_token(client, "/projects/")
    return [
        client.get("/review/").status_code,
        client.get(path).status_code,
        client.get(f"{path}/annex.pdf").status_code,
        client.get(f"{path}/signed-annex.pdf").status_code,
        client.post(
            f"{path}/decisions", data={"csrf_token": token, "finding_key": "x", "verdict": "accepted"}
        ).status_code,
        client.post(f"{path}/final", data={"csrf_token": token, "decision": "approved"}).status_code,
    ]


# ----------------------------------------------------------------- then


def names_of(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


@then(parsers.re(r'the queue lists "(?P<names>[^"]*)" in that order'))
def queue_lists(queue_html, names):
    assert queue_names(queue_html) == names_of(names)
    if not names_of(names):
        assert "There is nothing to review yet." in queue_html or "No submission matches this search." in queue_html


@then(parsers.parse('the queue shows "{state}", "{permit}", "{address}", the version and "{check}"'))
def queue_shows(queue_html, state, permit, address, check):
    row = re.search(r'<tr data-submission="\d+" data-review-state="[^"]*">.*?</tr>', queue_html, re.S).group(0)
    cells = [text_of(c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells == [state, "Late house", permit, address, "1", "", check, cells[-1]]
    assert UTC_TIME.fullmatch(cells[-1])


@then("the other reviewer gets 404 on the submission, its decisions, its final decision and its annexes")
def other_reviewer_404(review):
    client = client_of(review, "other_reviewer")
    path = submission_path(review)
    token = csrf_token(client, "/review/")
    key = finding_key(failing(review, 1)[1])
    answers = {
        "page": client.get(path).status_code,
        "decision": client.post(
            f"{path}/decisions", data={"csrf_token": token, "finding_key": key, "verdict": "accepted"}
        ).status_code,
        "final": client.post(
            f"{path}/final", data={"csrf_token": token, "decision": "changes_requested", "notes": "x"}
        ).status_code,
        "annex": client.get(f"{path}/annex.pdf").status_code,
        "signed annex": client.get(f"{path}/signed-annex.pdf").status_code,
    }
    assert set(answers.values()) == {404}, answers
    assert load(review).decisions == [] and load(review).review_state == "new"


@then(parsers.parse('the example submission is "{state}"'))
def submission_state(review, state):
    assert load(review).review_state == state


@then(parsers.re(r'the queue filtered by "(?P<state>[^"]*)" lists "(?P<names>[^"]*)"'))
def queue_filtered(review, state, names):
    client = client_of(review, "reviewer")
    html = client.get("/review/", query_string={"status": state}).get_data(as_text=True)
    assert queue_names(html) == names_of(names)


@then(parsers.parse('the audit trail shows "{action}" by "{who}"'))
def audit_shows(review, action, who):
    rows = audit_rows(page(review, "reviewer", submission_path(review)))
    assert any(who in row and action in row and UTC_TIME.search(row) for row in rows), rows


@then("the answer is a redirect back to the submission")
def redirected(review):
    response = review["response"]
    assert response.status_code == 302
    assert response.headers["Location"].startswith(submission_path(review))


@then(parsers.parse('the example submission has {count:d} decisions by "{who}", in the order they were made'))
def decisions_recorded(review, count, who):
    decisions = load(review).decisions
    assert len(decisions) == count
    assert all(d.reviewer.name == who for d in decisions)
    assert [d.decided_at for d in decisions] == sorted(d.decided_at for d in decisions)
    if count == 3:  # the scenario's three: appended, never edited
        assert [d.verdict for d in decisions] == ["deviation", "rejected", "accepted"]
        assert decisions[1].justification == "The light is on the facade, outside the drawing."


@then(parsers.parse('the page shows "{verdict}" as the decision on failing finding {n:d}'))
def page_shows_decision(review, verdict, n):
    index, _finding = failing(review, n)
    html = page(review, "reviewer", submission_path(review))
    row = re.search(rf'<tr id="finding-{index}".*?</tr>', html, re.S).group(0)
    assert f'data-decision="{verdict}"' in row


@then(parsers.parse('the audit trail lists the {count:d} decisions with "{who}" and their UTC times'))
def audit_lists_decisions(review, count, who):
    rows = [r for r in audit_rows(page(review, "reviewer", submission_path(review))) if "decision on a finding" in r]
    assert len(rows) == count
    assert all(who in row and UTC_TIME.search(row) for row in rows), rows
    # The finding is named by its rule and elements, not by its machine key (message id, JSON arguments).
    assert all(re.search(r"\(\s*(ENTR|OPEN|SITE|PLAN)-\d\d: ", row) and "message_args" not in row for row in rows), rows
    assert "A concierge guards the door day and night." in rows[0]


@then(parsers.parse('the answer is {status:d} with the sentence "{sentence}"'))
def answer_with_sentence(review, status, sentence):
    response = review["response"]
    assert response.status_code == status, text_of(response.get_data(as_text=True))[:400]
    assert sentence in text_of(response.get_data(as_text=True))


@then("the example submission is not signed off")
def not_signed_off(review):
    submission = load(review)
    assert submission.final_annex_sha256 is None and submission.review_state == "in_review"


@then(parsers.parse('the example submission is "{state}" and signed off by "{who}"'))
def signed_off(review, state, who):
    submission = load(review)
    assert submission.review_state == state
    assert submission.decided_by_id == review["accounts"]["reviewer"].id and submission.decided_at
    assert submission.final_annex_name and re.fullmatch(r"[0-9a-f]{64}", submission.final_annex_sha256)


def download_signed(review) -> bytes:
    response = client_of(review, "reviewer").get(f"{submission_path(review)}/signed-annex.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return response.get_data()


@then(parsers.parse('the signed-off annex\'s text names "{a}", "{b}", "{c}", "{d}" and "{e}"'))
def signed_annex_text(review, tmp_path, a, b, c, d, e):
    data = download_signed(review)
    review["signed"] = data
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    flat = " ".join(text.split())
    for expected in (a, b, c, d, e):
        assert expected in flat, expected
    signoff = flat[flat.rindex("Reviewer's sign-off") :]
    assert "Reviewer Reviewer" in signoff and "Decision approved" in signoff
    assert "Signed off electronically by Reviewer" in signoff
    assert "Review decisions" in flat and "deviation accepted" in flat


@then("the signed-off annex's SHA-256 is the one recorded on the submission")
def signed_annex_hash(review):
    assert hashlib.sha256(review["signed"]).hexdigest() == load(review).final_annex_sha256


@then("a second download of the signed-off annex gives the same bytes")
def second_download(review):
    again = download_signed(review)
    assert again == review["signed"]
    assert hashlib.sha256(again).hexdigest() == load(review).final_annex_sha256


@then("the architect downloads the same signed-off annex from their version page")
def architect_downloads(review):
    submission = load(review)
    with review["app"].test_request_context():
        path = url_for("architect.signed_annex", project_id=submission.project_id, number=submission.number)
    response = client_of(review, "architect").get(path)
    assert response.status_code == 200
    assert response.get_data() == review["signed"]


@then("no decision is recorded at all")
def no_decision(review):
    app = review["app"]
    with app.app_context():
        session = db.sessions(app)()
        try:
            assert session.scalars(select(Decision)).all() == []
            assert session.scalars(select(AuditEvent).where(AuditEvent.action == "decision")).all() == []
        finally:
            session.close()


@then(parsers.parse("every answer is {status:d}"))
def every_answer(answers, status):
    assert answers == [status] * len(answers)
