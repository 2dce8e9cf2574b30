"""Steps for review_outcome.feature: the outcome of a review on the architect's pages, in the API and by e-mail.

The example is checked once per test run by the real checker (``seeded``) and copied
into each scenario's database; decisions and the sign-off go through the reviewer's
real routes (so the real signed-off annex is written and the real notice is sent);
the architect reads the real pages and the API with a real token. E-mail goes to the
scenario's own outbox, or to an SMTP server started here on a free port.
"""

from __future__ import annotations

import email
import re
import socketserver
import threading
from email import policy
from html import unescape
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from checker.report.review import finding_key
from web.architect.submissions import BLOCKING, results_of
from web.review import reviewing
from web.store import db
from web.store.models import Submission, User

from .api_helpers import Api, token_for
from .conftest import csrf_token, sign_in
from .seeded import DEVIATION_RULE, DEVIATION_STATUS, example_outcome, seed

scenarios("web/review_outcome.feature")


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Naming ``app`` here runs every scenario on SQLite and on PostgreSQL."""


@pytest.fixture
def flow(app, accounts, tmp_path) -> dict:
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    return {"app": app, "accounts": accounts, "clients": {}, "outbox": tmp_path / "outbox"}


# ----------------------------------------------------------------- helpers shared with test_review_flow


def client_of(flow: dict, who: str):
    clients = flow["clients"]
    if who not in clients:
        clients[who] = flow["app"].test_client()
        sign_in(clients[who], flow["accounts"][who])
    return clients[who]


def submission_path(flow: dict, submission_id: int | None = None) -> str:
    return f"/review/submissions/{submission_id or flow['seeded'].submission_id}"


def reviewer_token(flow: dict) -> str:
    if "token" not in flow:
        flow["token"] = csrf_token(client_of(flow, "reviewer"), "/review/")
    return flow["token"]


def post_as_reviewer(flow: dict, path: str, data: dict):
    data = {**data, "csrf_token": reviewer_token(flow)}
    flow["response"] = client_of(flow, "reviewer").post(path, data=data)
    return flow["response"]


def load(flow: dict, submission_id: int | None = None) -> Submission:
    app = flow["app"]
    with app.app_context(), db.sessions(app)() as session:
        submission = session.get(Submission, submission_id or flow["seeded"].submission_id)
        _ = submission.project, [d.reviewer.name for d in submission.decisions]
        session.expunge_all()
        return submission


def findings(flow: dict) -> list[dict]:
    return results_of(load(flow))["findings"]


def garage_door(flow: dict) -> tuple[int, dict]:
    return next(
        (i, f)
        for i, f in enumerate(findings(flow))
        if f["rule"] == DEVIATION_RULE and f["status"] == DEVIATION_STATUS and "garage door" in f["message"]
    )


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def seed_checked(flow: dict, *, other_decisions_only: bool = False):
    flow["seeded"] = seed(flow["app"], flow["accounts"], reviewed=False, other_decisions_only=other_decisions_only)
    return flow["seeded"]


# ----------------------------------------------------------------- given


@given("the example project has been checked for review")
def checked_for_review(flow):
    seed_checked(flow)


@given("the example project has been checked and every open finding decided, the garage door with a deviation")
def every_finding_decided(flow):
    seed_checked(flow, other_decisions_only=True)
    key, verdict, justification = example_outcome().decisions[-1]
    response = post_as_reviewer(
        flow,
        f"{submission_path(flow)}/decisions",
        {"finding_key": key, "verdict": verdict, "justification": justification},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    flow["garage_reason"] = justification


@given("the example project has been checked and every open blocking finding rejected with a reason")
def blocking_rejected(flow):
    seed_checked(flow)
    for finding in findings(flow):
        if finding["status"] not in BLOCKING:
            continue
        verdict, reason = ("rejected", "Not so on site.") if finding["severity"] == "error" else ("accepted", "")
        response = post_as_reviewer(
            flow,
            f"{submission_path(flow)}/decisions",
            {"finding_key": finding_key(finding), "verdict": verdict, "justification": reason},
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:400]


@given("the architect's account is in Persian")
def architect_in_persian(flow):
    app = flow["app"]
    with app.app_context(), db.sessions(app)() as session:
        session.get(User, flow["accounts"]["architect"].id).language = "fa"
        session.commit()


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib's send_message: EHLO, MAIL, RCPT, DATA, QUIT."""

    def handle(self):
        received = self.server.received  # type: ignore[attr-defined]
        self.wfile.write(b"220 test SMTP\r\n")
        sender, recipients = None, []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250 test\r\n")
            elif verb == "MAIL":
                sender = command
                self.wfile.write(b"250 OK\r\n")
            elif verb == "RCPT":
                recipients.append(re.search(r"<([^>]*)>", command).group(1))
                self.wfile.write(b"250 OK\r\n")
            elif verb == "DATA":
                self.wfile.write(b"354 go on\r\n")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                received.append((sender, recipients, b"".join(data)))
                self.wfile.write(b"250 OK\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


@given("the instance is configured with an SMTP server")
def smtp_server(flow):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpHandler)
    server.daemon_threads = True
    server.received = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    flow["smtp"] = server
    flow["app"].config.update(
        MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=server.server_address[1], MAIL_SMTP_STARTTLS=False
    )
    yield
    server.shutdown()
    server.server_close()


# ----------------------------------------------------------------- when


@when("the reviewer approves the version without a note")
def approves_without_note(flow):
    approves(flow, "")


@when(parsers.parse('the reviewer approves the version with the note "{note}"'))
def approves(flow, note):
    response = post_as_reviewer(
        flow, f"{submission_path(flow)}/final", {"decision": "approved", "notes": note, "language": "en"}
    )
    assert response.status_code == 302, text_of(response.get_data(as_text=True))[:600]
    assert reviewing.is_frozen(load(flow))


@when(parsers.parse('the reviewer requests changes with the note "{note}"'))
def requests_changes(flow, note):
    response = post_as_reviewer(
        flow, f"{submission_path(flow)}/final", {"decision": "changes_requested", "notes": note, "language": "en"}
    )
    assert response.status_code == 302, text_of(response.get_data(as_text=True))[:600]
    assert reviewing.is_frozen(load(flow))


@when("the architect opens the version page")
def architect_opens_version(flow):
    seeded = flow["seeded"]
    response = client_of(flow, "architect").get(f"/projects/{seeded.project_id}/versions/{seeded.number}")
    assert response.status_code == 200
    flow["html"] = response.get_data(as_text=True)


# ----------------------------------------------------------------- then


@then(parsers.parse('the page opens with "{words}" before the checker\'s result'))
def outcome_first(flow, words):
    html = flow["html"]
    outcome = re.search(r'<section class="review-outcome[^"]*"[^>]*>(.*?)</section>', html, re.S)
    assert outcome, "the page has no review outcome"
    assert re.search(r"<h2>\s*" + re.escape(words) + r"\s*</h2>", outcome.group(1)), text_of(outcome.group(1))
    assert html.index("review-outcome") < html.index("verdict-box"), "the checker's result comes first"
    assert html.index("review-outcome") < html.index("data-findings")


@then(parsers.parse('the page shows the reviewer\'s note "{note}"'))
def note_shown(flow, note):
    outcome = re.search(r'<section class="review-outcome.*?</section>', flow["html"], re.S).group(0)
    assert f"The reviewer's note: {note}" in text_of(outcome)


@then(parsers.parse('the garage door finding shows "{word}" with the reason given for it'))
def garage_door_decision(flow, word):
    index, _finding = garage_door(flow)
    row = re.search(rf'<tr id="finding-{index}".*?</tr>', flow["html"], re.S).group(0)
    decision = re.search(r'<p class="reviewer-decision[^"]*" data-reviewer-decision="([^"]+)">(.*?)</p>', row, re.S)
    assert decision, text_of(row)
    assert decision.group(1) == "deviation"
    assert word in text_of(decision.group(2)) and flow["garage_reason"] in text_of(decision.group(2))


def projects_row(flow) -> str:
    response = client_of(flow, "architect").get("/projects/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return re.search(r"<table class=\"projects\">.*?<tbody>(.*?)</tbody>", html, re.S).group(1)


@then(parsers.parse('the projects list shows the latest version as "{words}"'))
def projects_list_outcome(flow, words):
    assert words in text_of(projects_row(flow))


@then(parsers.parse('the projects list shows the latest version as "{words}" with the note'))
def projects_list_outcome_note(flow, words):
    row = text_of(projects_row(flow))
    assert words in row and "Show the door classes on the ground floor." in row, row


@then("the page shows no review outcome and no reviewer's decision")
def no_outcome(flow):
    html = flow["html"]
    assert "review-outcome" not in html and "data-reviewer-decision" not in html
    assert "Review by the municipality: in review." in text_of(html)


@then(parsers.parse('the architect\'s API gives the outcome "{outcome}" and the note "{note}"'))
def api_outcome(flow, outcome, note):
    api = Api(
        client_of(flow, "architect").application.test_client(), token_for(flow["app"], flow["accounts"]["architect"])
    )
    body = api.get(f"/versions/{flow['seeded'].submission_id}/results").get_json()
    flow["api_review"] = body["review"]
    assert body["review"]["outcome"] == outcome and body["review"]["notes"] == note
    assert body["review"]["state"] == "approved"
    version = api.get(f"/versions/{flow['seeded'].submission_id}").get_json()
    assert version["review_outcome"] == outcome


@then(parsers.parse("the architect's API gives the garage door's decision as \"{verdict}\" with its reason"))
def api_garage_door(flow, verdict):
    _index, finding = garage_door(flow)
    decisions = {d["finding_key"]: d for d in flow["api_review"]["decisions"]}
    decided = decisions[finding_key(finding)]
    assert decided["verdict"] == verdict and decided["justification"] == flow["garage_reason"]
    open_keys = {finding_key(f) for f in findings(flow) if f["status"] in BLOCKING}
    assert open_keys <= set(decisions), "every open finding's standing decision is returned"


def outbox_mails(flow) -> list:
    folder = Path(flow["outbox"])
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]


@then("one e-mail to the architect is in the outbox")
def one_mail(flow):
    mails = outbox_mails(flow)
    assert len(mails) == 1, [m["Subject"] for m in mails]
    assert mails[0]["To"] == flow["accounts"]["architect"].email
    flow["mail"] = mails[0]


@then("its subject names the project, the version and the outcome in Persian")
def persian_subject(flow):
    subject = str(flow["mail"]["Subject"])
    assert "Example house" in subject and "1" in subject, subject
    assert "درخواست اصلاح" in subject, subject  # "changes requested" as web.po has it
    assert "changes requested" not in subject


@then("its body carries the reviewer's note and a link to the version page")
def body_note_and_link(flow):
    body = flow["mail"].get_content()
    seeded = flow["seeded"]
    assert "Show the door classes on the ground floor." in body
    assert f"/projects/{seeded.project_id}/versions/{seeded.number}" in body, body


@then("the SMTP server received one message to the architect carrying the note")
def smtp_received(flow):
    received = flow["smtp"].received
    assert len(received) == 1, received
    _sender, recipients, data = received[0]
    assert recipients == [flow["accounts"]["architect"].email]
    message = email.message_from_bytes(data, policy=policy.default)
    assert "Show the door classes on the ground floor." in message.get_content()


@then("the outbox holds no e-mail")
def outbox_empty(flow):
    assert outbox_mails(flow) == []
