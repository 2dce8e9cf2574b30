"""Steps for security.feature (Flask test client, SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from web.store import db
from web.store.models import User

from .conftest import PASSWORD, csrf_token, sign_in
from .seeded import Seeded, route_url, row_counts, seed

scenarios("web/security.feature")

EXPIRED_FORM = "This form has expired or did not come from this site"
# Which signed-in user posts to a blueprint's routes: the one its pages are for.
POSTER_OF_BLUEPRINT = {"review": "reviewer"}
UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Steps ask for fixtures only when they run; naming ``app`` here runs every scenario on both databases."""


@pytest.fixture
def sec() -> dict:
    return {}


@given("the app with its accounts and the example project checked and approved", target_fixture="seeded")
def seeded_app(app, accounts):
    return seed(app, accounts)


@given("the app with its accounts", target_fixture="seeded")
def app_with_accounts(app, accounts):
    return Seeded(accounts, project_id=0, submission_id=0, number=0, token_id=0)


def app_rules(app, method: str):
    """The app's routes for ``method``, except the token-authenticated API."""
    return [
        rule for rule in app.url_map.iter_rules() if method in rule.methods and not rule.endpoint.startswith("api.")
    ]


# ----------------------------------------------------------------- CSRF


def _post_everywhere(app, seeded, sec, token_of):
    sec["before"] = row_counts(app)
    answers = {}
    clients = {}
    for rule in app_rules(app, "POST"):
        poster = POSTER_OF_BLUEPRINT.get(rule.endpoint.split(".")[0], "architect")
        if poster not in clients:  # a refused request leaves the session as it was, so one client each
            clients[poster] = app.test_client()
            sign_in(clients[poster], seeded.accounts[poster])
        client = clients[poster]
        form = {"language": "fa", "label": "x", "justification": "x", "verdict": "accepted", "decision": "approved"}
        token = token_of(client)
        if token is not None:
            form["csrf_token"] = token
        response = client.post(route_url(app, rule, seeded.url_values()), data=form)
        answers[rule.rule] = (response.status_code, response.get_data(as_text=True))
    assert answers, "the app has no POST routes?"
    sec["answers"] = answers


@when("every POST route of the app is sent a form without a CSRF token by a signed-in user")
def post_without_token(app, seeded, sec):
    _post_everywhere(app, seeded, sec, lambda client: None)


@when("every POST route of the app is sent a form with a forged CSRF token by a signed-in user")
def post_forged_token(app, seeded, sec):
    # a token that looks right but was signed with another key
    forged = "IjJlNzQ4ZjE0YjQxMDAyNjJmYjc5ZWJkNDA1YjE3ZmQ5MTRmNGUzMTEi.aQqqqA.forgedsignatureforgedsignature0"
    _post_everywhere(app, seeded, sec, lambda client: forged)


@then("every one of them answers 400 with the sentence about an expired form")
def all_refused(sec):
    wrong = {
        route: status for route, (status, body) in sec["answers"].items() if status != 400 or EXPIRED_FORM not in body
    }
    assert not wrong, f"accepted without a valid CSRF token: {wrong}"


@then("nothing was recorded")
def nothing_recorded(app, sec):
    assert row_counts(app) == sec["before"]


# ----------------------------------------------------------------- headers


def _owner_of(rule) -> str:
    return POSTER_OF_BLUEPRINT.get(rule.endpoint.split(".")[0], "architect")


@when("every GET route of the app is requested by its owner, and by an anonymous visitor")
def get_everywhere(app, seeded, sec):
    responses = []
    values = seeded.url_values()
    clients = {"anonymous": app.test_client()}
    for key in ("architect", "reviewer"):
        clients[key] = app.test_client()
        sign_in(clients[key], seeded.accounts[key])
    # the API is included here: its answers carry the same headers
    for rule in (r for r in app.url_map.iter_rules() if "GET" in r.methods):
        path = route_url(app, rule, values)
        for who in ("anonymous", _owner_of(rule)):
            response = clients[who].get(path)
            responses.append((f"{who} GET {path} ({response.status_code})", response.headers))
            response.close()
    responses.append(("anonymous GET /no-such-page (404)", clients["anonymous"].get("/no-such-page").headers))
    sec["responses"] = responses


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0].lower()] = words[1:]
    return parsed


@then("every response has a Content-Security-Policy whose scripts and styles come only from the site")
def csp_everywhere(sec):
    wrong = []
    for label, headers in sec["responses"]:
        policy = directives(headers.get("Content-Security-Policy", ""))
        for kind in ("script-src", "style-src"):
            sources = policy.get(kind, policy.get("default-src"))
            if not sources or any(source in UNSAFE_SOURCES for source in sources):
                wrong.append(f"{label}: {kind} {sources}")
        if policy.get("object-src") != ["'none'"]:
            wrong.append(f"{label}: object-src {policy.get('object-src')}")
    assert not wrong, "\n".join(wrong)


@then("every response forbids being framed and forbids guessing content types")
def frame_and_sniff(sec):
    wrong = []
    for label, headers in sec["responses"]:
        ancestors = directives(headers.get("Content-Security-Policy", "")).get("frame-ancestors")
        if ancestors not in (["'none'"], ["'self'"]) or headers.get("X-Frame-Options") not in ("DENY", "SAMEORIGIN"):
            wrong.append(f"{label}: frame-ancestors {ancestors}, X-Frame-Options {headers.get('X-Frame-Options')}")
        if headers.get("X-Content-Type-Options") != "nosniff":
            wrong.append(f"{label}: X-Content-Type-Options {headers.get('X-Content-Type-Options')}")
    assert not wrong, "\n".join(wrong)


# ----------------------------------------------------------------- session cookie and passwords


@when("the architect signs in")
def architect_signs_in(client, seeded, sec):
    sec["response"] = sign_in(client, seeded.accounts["architect"])


@then("the session cookie is set Secure, HttpOnly and SameSite=Lax")
def session_cookie(sec):
    cookies = [c for c in sec["response"].headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1, cookies
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookies[0].split(";")[1:]}
    assert "secure" in attributes and "httponly" in attributes, cookies[0]
    assert attributes.get("samesite", "").lower() in ("samesite=lax", "samesite=strict"), cookies[0]


@then("every account's password is stored as a scrypt or argon2 hash")
def hashed(app, seeded):
    with app.app_context():
        session = db.sessions(app)()
        hashes = session.scalars(select(User.password_hash)).all()
        session.close()
    assert len(hashes) == len(seeded.accounts)
    assert all(h.startswith(("scrypt:", "$argon2id$", "$argon2i$")) for h in hashes), hashes


@then("no password appears in the database as written")
def no_plain_password(app, database_url):
    with app.app_context():
        session = db.sessions(app)()
        texts = [str(value) for row in session.execute(select(User)).scalars() for value in vars(row).values()]
        session.close()
    assert not any(PASSWORD in text for text in texts)
    if database_url.startswith("sqlite:///"):
        with open(database_url.removeprefix("sqlite:///"), "rb") as stored:
            assert PASSWORD.encode() not in stored.read()


# ----------------------------------------------------------------- sign-in answers


def _sign_in_attempt(client, email: str, password: str):
    token = csrf_token(client, "/signin")
    return client.post("/signin", data={"email": email, "password": password, "csrf_token": token})


@when(parsers.parse('someone signs in as "{email}" with a password'))
def unknown_email(app, sec, email):
    sec["unknown"] = _sign_in_attempt(app.test_client(), email, "some password of theirs")


@when("someone signs in as the architect with a wrong password")
def wrong_password(app, seeded, sec):
    sec["wrong"] = _sign_in_attempt(app.test_client(), seeded.accounts["architect"].email, "some password of theirs")


def _visible_answer(response, email: str) -> str:
    text = response.get_data(as_text=True)
    text = re.sub(r'name="csrf_token" value="[^"]+"', "", text)
    return text.replace(email, "EMAIL")


@then("both answers have the same status and say the same sentence")
def same_answers(sec, seeded):
    unknown, wrong = sec["unknown"], sec["wrong"]
    assert unknown.status_code == wrong.status_code != 302
    assert _visible_answer(unknown, "nobody@example.org") == _visible_answer(wrong, seeded.accounts["architect"].email)


# ----------------------------------------------------------------- redirects


def stays_on_site(location: str) -> bool:
    """Whether a browser following ``location`` stays on this site.

    Browsers drop tabs and newlines from URLs, trim spaces and control characters, and
    read a backslash as a slash, so ``/\\evil.example`` is ``//evil.example``: another host.
    """
    browser_reads = (
        re.sub(r"[\t\n\r]", "", location)
        .strip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
        )
        .replace("\\", "/")
    )
    parts = urlsplit(browser_reads)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == "localhost"
    return browser_reads.startswith("/") and not browser_reads.startswith("//")


@when(parsers.parse('the architect signs in from the link "{link}"'))
def sign_in_from_link(client, seeded, sec, link):
    account = seeded.accounts["architect"]
    token = csrf_token(client, link)
    sec["response"] = client.post(
        link, data={"email": account.email, "password": account.password, "csrf_token": token}
    )


@when(parsers.parse('the language "{language}" is chosen with next "{target}"'))
def choose_language(client, sec, language, target):
    token = csrf_token(client, "/signin")
    sec["response"] = client.post("/language", data={"language": language, "next": target, "csrf_token": token})


@then("the answer redirects to a page of this site")
def redirects_on_site(sec):
    response = sec["response"]
    assert response.status_code in (302, 303), response.status_code
    assert stays_on_site(response.headers["Location"]), response.headers["Location"]


@then(parsers.parse('the answer redirects to "{path}"'))
def redirects_to(sec, path):
    response = sec["response"]
    assert response.status_code in (302, 303) and response.headers["Location"] == path
