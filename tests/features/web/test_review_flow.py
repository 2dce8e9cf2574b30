"""Steps for review_flow.feature: the reviewer's forms without JavaScript, through the real routes.

The in-place behaviour, the keyboard path and the confirmation dialog are the browser
tests' (browser/review_flow.feature); here the same forms are posted as a browser
without JavaScript posts them, and the pages are read as served.
"""

from __future__ import annotations

import re
from html import unescape

from pytest_bdd import given, parsers, then, when
from pytest_bdd import scenarios
from sqlalchemy import func, select

from checker.report.review import finding_key
from web.architect.submissions import BLOCKING, submit_version
from web.review import reviewing
from web.review.alike import alike_key
from web.store import db
from web.store.models import AuditEvent, Decision, Project, User

from .seeded import example_storeys
from .test_review_outcome import (  # noqa: F401 (the fixtures are used by name)
    _on_both_databases,
    checked_for_review,
    every_finding_decided,
    findings,
    flow,
    load,
    post_as_reviewer,
    client_of,
    submission_path,
    text_of,
)

scenarios("web/review_flow.feature")


def rows(html: str) -> dict[int, str]:
    """Finding index -> its row's markup."""
    return {int(m.group(2)): m.group(1) for m in re.finditer(r'(<tr id="finding-(\d+)".*?</tr>)', html, re.S)}


def button_labels(html: str) -> list[str]:
    return [text_of(b) for b in re.findall(r"<button[^>]*>(.*?)</button>", html, re.S)]


def bulk_groups(html: str) -> list[str]:
    return re.findall(r'<details class="bulk-group".*?</details>', html, re.S)


def decision_count(flow) -> int:
    app = flow["app"]
    with app.app_context(), db.sessions(app)() as session:
        return session.scalar(select(func.count()).select_from(Decision))


# ----------------------------------------------------------------- given


@given("the example project has been checked for review")
def example_checked_for_review(flow):
    checked_for_review(flow)


@given("the example project has been checked and every open finding decided, the garage door with a deviation")
def example_every_finding_decided(flow):
    every_finding_decided(flow)


@given("the architect has since submitted version 2")
def version_two(flow):
    app, seeded = flow["app"], flow["seeded"]
    with app.test_request_context():
        session = db.session()
        project = session.get(Project, seeded.project_id)
        architect = session.get(User, flow["accounts"]["architect"].id)
        flow["version_2"] = submit_version(session, project, example_storeys(), ruleset=None, user=architect).id
        session.commit()


# ----------------------------------------------------------------- when


@when("the reviewer opens the submission page")
@when("the reviewer opens the submission page of version 1")
def open_page(flow):
    response = client_of(flow, "reviewer").get(submission_path(flow))
    assert response.status_code == 200
    flow["html"] = response.get_data(as_text=True)


@when(parsers.parse('the reviewer rejects failing finding 1 with "{reason}" through the form'))
def reject_first_failing(flow, reason):
    index, finding = next((i, f) for i, f in enumerate(findings(flow)) if f["status"] == "fail")
    flow["index"] = index
    post_as_reviewer(
        flow,
        f"{submission_path(flow)}/decisions",
        {"finding_key": finding_key(finding), "verdict": "rejected", "justification": reason, "anchor": str(index)},
    )


@when(parsers.parse('the reviewer rejects the first set of alike findings together with "{reason}"'))
def reject_alike(flow, reason):
    open_page(flow)
    group = bulk_groups(flow["html"])[0]
    keys = [unescape(k) for k in re.findall(r'name="finding_key" value="([^"]*)"', group)]
    flow["bulk_keys"] = keys
    flow["decisions_before"] = decision_count(flow)
    action = unescape(re.search(r'<form method="post" action="([^"]+)"', group).group(1))
    client = client_of(flow, "reviewer")
    data = {"finding_key": keys, "verdict": "rejected", "justification": reason, "group": "1"}
    data["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', group).group(1)
    flow["response"] = client.post(action, data=data)


@when("the reviewer rejects the first set of alike findings together without a reason")
def reject_alike_without_reason(flow):
    reject_alike(flow, "")


@when("the reviewer approves version 1 without confirming")
def approve_unconfirmed(flow):
    post_as_reviewer(flow, f"{submission_path(flow)}/final", {"decision": "approved", "notes": "", "language": "en"})


@when("the reviewer approves version 1 confirming that a newer version exists")
def approve_confirmed(flow):
    post_as_reviewer(
        flow,
        f"{submission_path(flow)}/final",
        {"decision": "approved", "notes": "", "language": "en", "confirm_superseded": "yes"},
    )


# ----------------------------------------------------------------- then


@then("the answer redirects to the submission page at that finding's row")
def redirected_to_row(flow):
    response = flow["response"]
    assert response.status_code == 302, response.status_code
    assert response.headers["Location"].endswith(f"{submission_path(flow)}#finding-{flow['index']}")


def blocking_rows(flow) -> dict[int, str]:
    found = findings(flow)
    every = rows(flow["html"])
    return {i: every[i] for i, f in enumerate(found) if f["status"] in BLOCKING and f["severity"] == "error"}


@then(parsers.parse('every blocking finding\'s form offers "{first}" and "{second}" before "{last}"'))
def blocking_order(flow, first, second, last):
    blocking = blocking_rows(flow)
    assert blocking, "the example has blocking findings"
    for index, row in blocking.items():
        assert button_labels(row) == [first, second, last], (index, button_labels(row))
        primary = re.search(r'<button type="submit" name="verdict" value="accepted"([^>]*)>', row).group(1)
        assert 'class="secondary"' in primary, "accepting a blocking finding is not the primary button"


@then("every blocking finding's form says that accepting it as it stands makes approval impossible")
def blocking_sentence(flow):
    for index, row in blocking_rows(flow).items():
        assert "accepting it as it stands makes approval impossible" in text_of(row), index


@then(parsers.parse('a finding that does not block offers "{first}" first'))
def warning_order(flow, first):
    found = findings(flow)
    every = rows(flow["html"])
    warnings = [i for i, f in enumerate(found) if f["status"] in BLOCKING and f["severity"] != "error"]
    assert warnings, "the example has open findings that do not block"
    assert button_labels(every[warnings[0]])[0] == first


@then(
    "each set of alike open findings is offered for one decision, and every finding in it has the same rule, status and requirement"
)
def alike_offered(flow):
    groups = bulk_groups(flow["html"])
    assert groups, "the example has alike open findings"
    by_key = {finding_key(f): f for f in findings(flow)}
    expected: dict[tuple, int] = {}
    for f in findings(flow):
        if f["status"] in BLOCKING:
            expected[(f["rule"], alike_key(f))] = expected.get((f["rule"], alike_key(f)), 0) + 1
    offered = 0
    for group in groups:
        keys = [unescape(k) for k in re.findall(r'name="finding_key" value="([^"]*)"', group)]
        assert len(keys) >= 2
        members = [by_key[k] for k in keys]
        assert len({(m["rule"], m["status"], str(m.get("required"))) for m in members}) == 1
        assert len({(m["rule"], alike_key(m)) for m in members}) == 1
        assert expected[(members[0]["rule"], alike_key(members[0]))] == len(keys), "the whole alike set is offered"
        offered += 1
    assert offered == sum(1 for n in expected.values() if n >= 2)


@then(parsers.parse('every finding of that set is rejected with "{reason}"'))
def set_rejected(flow, reason):
    response = flow["response"]
    assert response.status_code == 302, text_of(response.get_data(as_text=True))[:500]
    assert response.headers["Location"].endswith("#bulk")
    standing = reviewing.latest_decisions(load(flow))
    for key in flow["bulk_keys"]:
        assert standing[key].verdict == "rejected" and standing[key].justification == reason


@then("the audit trail records one decision per finding of the set")
def audit_per_finding(flow):
    app = flow["app"]
    with app.app_context(), db.sessions(app)() as session:
        details = session.scalars(
            select(AuditEvent.detail).where(
                AuditEvent.submission_id == flow["seeded"].submission_id, AuditEvent.action == "decision"
            )
        ).all()
    for key in flow["bulk_keys"]:
        assert sum(1 for d in details if f"({key})" in d) == 1, key


@then(parsers.parse('the answer is {status:d} with "{sentence}"'))
def refused(flow, status, sentence):
    response = flow["response"]
    assert response.status_code == status, response.status_code
    assert sentence in text_of(response.get_data(as_text=True))


@then("no decision is recorded")
def nothing_recorded(flow):
    assert decision_count(flow) == flow["decisions_before"]


@then("the sign-off form says that version 2 was submitted after this one and asks for a confirmation")
def superseded_form(flow):
    form = re.search(r'<form[^>]*class="stacked final-form".*?</form>', flow["html"], re.S).group(0)
    assert "Version 2 of this project was submitted after this one" in text_of(form)
    assert re.search(r'<input type="checkbox" name="confirm_superseded" value="yes"', form)
    assert re.search(r'data-superseded="Version 2 of this project', form), "the browser's confirmation says why"


@then("version 1 is not signed off")
def not_signed(flow):
    assert not reviewing.is_frozen(load(flow))


@then("version 1 is approved and frozen")
def approved_frozen(flow):
    assert flow["response"].status_code == 302, text_of(flow["response"].get_data(as_text=True))[:500]
    submission = load(flow)
    assert submission.review_state == "approved" and reviewing.is_frozen(submission)


@then("the page says that j and k move between findings and Enter opens a finding's decision")
def keyboard_documented(flow):
    help_text = re.search(r"<p[^>]*data-keyboard-help[^>]*>(.*?)</p>", flow["html"], re.S)
    assert help_text, "no keyboard help on the page"
    words = text_of(help_text.group(1))
    assert "j and k move to the next and the previous finding" in words and "Enter opens" in words
    for row in rows(flow["html"]).values():
        assert 'class="finding' in row
