"""Steps for accounts.feature: throttling, the password policy, sign-up, sessions, token expiry and
the audit trail, through the real app (Flask test client) on SQLite and on PostgreSQL.

Addresses are set per request (``REMOTE_ADDR``); times are moved by rewriting the
rows the app reads (a session's start, a link's or a token's expiry), never by
patching the code under test. E-mails are read from the app's outbox folder, the
demo's delivery when no SMTP server is configured.
"""

from __future__ import annotations

import email
import re
import time
from datetime import timedelta
from email import policy
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select, update

from tests.support.redis import redis_server
from web import create_app
from web.accounts.users import COMMON_PASSWORDS, common_passwords
from web.architect.submissions import results_of
from web.demo import ensure_demo_accounts
from web.store import db
from web.store.models import ApiToken, AuditEvent, SignupRequest, Submission, User, UserSession, utcnow

from .conftest import PASSWORD, create_accounts, csrf_token, sign_in
from .seeded import JUSTIFICATION, deviation_key, seed
from .seeded import create_accounts as create_people

scenarios("web/accounts.feature")

TOKENS_PAGE = "/account/tokens/"
ERROR = re.compile(r'class="flash error"[^>]*>([^<]*)<')


@pytest.fixture
def world() -> dict:
    return {}


@pytest.fixture(autouse=True)
def _on_both_databases(app):
    """Steps ask for fixtures only when they run; naming ``app`` here runs every scenario on both databases."""


def make_app(database_url: str, folder: Path, **config):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "DATABASE_URL": database_url,
            "UPLOAD_FOLDER": str(folder / "uploads"),
            "ANNEX_FOLDER": str(folder / "annexes"),
            "MAIL_OUTBOX": str(folder / "outbox"),
            "CHECK_IN_BACKGROUND": False,
            **config,
        }
    )


def dispose(app) -> None:
    db.sessions(app).kw["bind"].dispose()  # PostgreSQL cannot drop a database that still has connections


@pytest.fixture
def app(database_url, tmp_path):
    """As conftest's, with e-mails kept in the test's own outbox."""
    apps = [make_app(database_url, tmp_path)]
    yield apps[0]
    dispose(apps[0])


class CurrentApp:
    """The app the steps talk to: the fixture's, or the one a step started last (a restart)."""

    def __init__(self, app, world) -> None:
        self._app, self._world = app, world

    def __getattr__(self, name: str):
        return getattr(self._world.get("app", self._app), name)


@pytest.fixture
def current(app, world):
    return CurrentApp(app, world)


def rows(app, statement):
    with app.app_context(), db.sessions(app)() as session:
        return session.execute(statement).all()


def write(app, statement) -> None:
    with app.app_context(), db.sessions(app)() as session:
        session.execute(statement)
        session.commit()


def errors_of(response) -> list[str]:
    return [re.sub(r"\s+", " ", e).strip() for e in ERROR.findall(response.get_data(as_text=True))]


def client_of(app, world, name: str = "main"):
    clients = world.setdefault("clients", {})
    if (name, id(app)) not in clients:
        clients[(name, id(app))] = app.test_client()
    return clients[(name, id(app))]


def post_sign_in(client, email_address: str, password: str, address: str):
    token = csrf_token(client, "/signin")
    return client.post(
        "/signin",
        data={"email": email_address, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def mails(app) -> list[email.message.EmailMessage]:
    folder = Path(app.config["MAIL_OUTBOX"])
    return [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in sorted(folder.glob("*.eml"))]


def mails_to(app, address: str) -> list[str]:
    return [m.get_content() for m in mails(app) if m["To"] == address]


def link_in(body: str) -> str:
    match = re.search(r"https?://\S+/signup/confirm\?token=\S+", body)
    assert match, body
    parts = urlsplit(match.group(0))
    return f"{parts.path}?{parts.query}"


# ----------------------------------------------------------------- givens


@given("the app with its accounts", target_fixture="accounts")
def _app_with_accounts(app):
    return create_accounts(app)


@given(
    parsers.parse("the app with its accounts, where {count:d} wrong passwords in {seconds:d} seconds lock an account"),
    target_fixture="accounts",
)
def _app_short_window(database_url, tmp_path, world, count, seconds):
    app = world["app"] = make_app(
        database_url, tmp_path / "short", SIGNIN_ACCOUNT_LIMIT=f"{count} per {seconds} seconds"
    )
    world["cleanup"] = [app]
    return create_accounts(app)


@given("a Redis server", target_fixture="redis_url")
def _redis():
    with redis_server() as server:
        yield server.url


@given("the app with its accounts, counting sign-ins in that Redis", target_fixture="accounts")
def _app_on_redis(database_url, tmp_path, world, redis_url):
    app = world["app"] = make_app(database_url, tmp_path / "first", REDIS_URL=redis_url)
    assert app.extensions["annex_limiter"]._storage_uri == redis_url
    world["cleanup"] = [app]
    return create_accounts(app)


@pytest.fixture(autouse=True)
def _dispose_started_apps(world):
    yield
    for app in world.get("cleanup", []):
        dispose(app)


@given("the architect is signed in and a copy of their cookie is kept")
def _signed_in_cookie_kept(current, accounts, world):
    client = client_of(current, world)
    sign_in(client, accounts["architect"])
    world["kept_cookie"] = client.get_cookie("session").value


@given("a visitor's cookie from before signing in is kept")
def _visitor_cookie(current, world):
    client = client_of(current, world)
    client.get("/signin")  # the form's CSRF token is kept in the session: the cookie exists
    world["kept_cookie"] = client.get_cookie("session").value


@given(
    "the app with its accounts and the example project in review with one finding left to decide",
    target_fixture="accounts",
)
def _in_review(app, world):
    accounts = create_people(app)
    world["seeded"] = seed(app, accounts, reviewed=False, other_decisions_only=True)
    return accounts


# ----------------------------------------------------------------- throttling


@when(parsers.parse('someone tries {count:d} wrong passwords for the architect from the address "{address}"'))
def _wrong_passwords(current, accounts, world, count, address):
    client = current.test_client()
    for attempt in range(count):
        response = post_sign_in(client, accounts["architect"].email, f"not the password {attempt}", address)
        assert response.status_code == 401, (attempt, response.status_code)


@when(
    parsers.parse(
        "someone tries {count:d} wrong passwords for {accounts_count:d} different e-mail addresses "
        'from the address "{address}"'
    )
)
def _wrong_everywhere(current, count, accounts_count, address):
    client = current.test_client()
    for attempt in range(count):
        response = post_sign_in(
            client, f"someone{attempt % accounts_count}@example.org", "not the password at all", address
        )
        assert response.status_code == 401, (attempt, response.status_code)


@when(parsers.parse('the architect signs in with the right password from the address "{address}"'))
def _right_password(current, accounts, world, address):
    world["response"] = post_sign_in(current.test_client(), accounts["architect"].email, PASSWORD, address)


@when(parsers.parse("{seconds:d} seconds have passed"))
def _wait(seconds):
    time.sleep(seconds + 0.2)


@when(parsers.parse('the architect signs in and out {count:d} times from the address "{address}"'))
def _in_and_out(current, accounts, world, count, address):
    client = current.test_client()
    world["statuses"] = []
    for _ in range(count):
        world["statuses"].append(post_sign_in(client, accounts["architect"].email, PASSWORD, address).status_code)
        assert client.post("/signout", data={"csrf_token": csrf_token(client, "/signin")}).status_code == 302


@when("the web process is started again with the same Redis")
def _restart_on_redis(database_url, tmp_path, world, redis_url):
    world["app"] = make_app(database_url, tmp_path / "second", REDIS_URL=redis_url)
    world["cleanup"].append(world["app"])


@then(parsers.parse("the answer is 429 saying the account is locked for {wait}"))
def _account_locked(world, wait):
    response = world["response"]
    assert response.status_code == 429, response.status_code
    assert errors_of(response) == [
        f"Too many wrong passwords for this account: it is locked for {wait}. Try again then."
    ]


@then(parsers.parse("the answer is 429 saying signing in from this network is paused for {wait}"))
def _address_paused(world, wait):
    response = world["response"]
    assert response.status_code == 429, response.status_code
    assert errors_of(response) == [
        f"Too many failed sign-ins from your network: signing in is paused for {wait}. Try again then."
    ]


@then(parsers.parse("the answer asks to retry after about {seconds:d} seconds"))
def _retry_after(world, seconds):
    assert seconds - 30 <= int(world["response"].headers["Retry-After"]) <= seconds


@then("the architect is signed in")
def _signed_in(world):
    response = world["response"]
    assert response.status_code == 302 and response.headers["Location"] == "/projects/", response.status_code


@then("every one of those sign-ins succeeded")
def _all_succeeded(world):
    assert world["statuses"] == [302] * len(world["statuses"])


@then("Redis holds the count of the architect's failed sign-ins")
def _in_redis(redis_url, accounts):
    with redis.Redis.from_url(redis_url) as client:
        keys = [k.decode() for k in client.keys("*")]
    assert any(accounts["architect"].email in k for k in keys), keys


# ----------------------------------------------------------------- the password policy and signing up


@when(parsers.parse('someone signs up as "{address}" with the password "{password}"'))
def _sign_up(current, world, address, password):
    client = current.test_client()
    response = client.post(
        "/signup",
        data={
            "name": "New Architect",
            "email": address,
            "password": password,
            "csrf_token": csrf_token(client, "/signup"),
        },
    )
    world.setdefault("signups", []).append((address, response))
    world["response"] = response


@then(parsers.parse('the answer is 400 saying "{sentence}"'))
def _refused_with(world, sentence):
    response = world["response"]
    assert response.status_code == 400, response.status_code
    assert len(errors_of(response)) == 1 and sentence in errors_of(response)[0], errors_of(response)


@then(parsers.parse('no e-mail was sent and nothing was recorded for "{address}"'))
def _nothing_for(current, address):
    assert mails_to(current, address) == []
    assert rows(current, select(SignupRequest.id).where(SignupRequest.email == address)) == []
    assert rows(current, select(User.id).where(User.email == address)) == []


@then(parsers.parse("the common-passwords file names its source and its licence and holds {count:d} passwords"))
def _password_list(count):
    header = [line for line in COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(header)
    assert "Source:" in text and "zxcvbn" in text and "Licence: MIT" in text, text
    passwords = common_passwords()
    assert len(passwords) == count
    assert {"password", "123456", "qwerty", "iloveyou"} <= passwords


@then("both answers have the same status and the same page but for the address")
def _same_answers(world):
    (first, new), (second, taken) = world["signups"]

    def visible(response, address):
        text = re.sub(r'name="csrf_token" value="[^"]+"', "", response.get_data(as_text=True))
        return text.replace(address, "ADDRESS")

    assert new.status_code == taken.status_code == 200
    assert visible(new, first) == visible(taken, second)
    assert "Check your e-mail" in visible(new, first)


@then(parsers.parse('"{address}" got a link to finish signing up'))
def _got_link(current, address):
    (body,) = mails_to(current, address)
    assert link_in(body).startswith("/signup/confirm?token=")


@then(parsers.parse('"{address}" got a message saying someone tried, with no link to make an account'))
def _got_warning(current, address):
    (body,) = mails_to(current, address)
    assert "Someone, perhaps you, tried to sign up" in body and "/signup/confirm" not in body, body


@then(parsers.parse('no account and no pending sign-up was made for "{address}"'))
def _nothing_made(current, address):
    assert len(rows(current, select(User.id).where(User.email == address))) == 1  # the one that was there
    assert rows(current, select(SignupRequest.id).where(SignupRequest.email == address)) == []


@when(parsers.parse('they open the link in the e-mail to "{address}" and create the account'))
def _open_link(current, world, address):
    (body,) = mails_to(current, address)
    world["link"] = link_in(body)
    client = world["signup_client"] = current.test_client()
    page = client.get(world["link"])
    assert page.status_code == 200 and "Create the architect account for" in page.get_data(as_text=True)
    token = re.search(r'name="token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    world["response"] = client.post(
        "/signup/confirm", data={"token": token, "csrf_token": csrf_token(client, world["link"])}
    )


@then("they are signed in on their projects page")
def _on_projects(world):
    response = world["response"]
    assert response.status_code == 302 and response.headers["Location"] == "/projects/"
    page = world["signup_client"].get("/projects/")
    assert page.status_code == 200 and "New Architect" in page.get_data(as_text=True)


@then(parsers.parse('"{address}" signs in with the password "{password}"'))
def _signs_in_with(current, address, password):
    response = post_sign_in(current.test_client(), address, password, "10.0.0.9")
    assert response.status_code == 302, response.status_code


@then("the same link answers 404 saying it is not valid")
def _link_used(current, world):
    _link_invalid(current.test_client().get(world["link"]))
    client = world["signup_client"]
    _link_invalid(
        client.post(
            "/signup/confirm",
            data={"token": world["link"].partition("token=")[2], "csrf_token": csrf_token(client, "/signup")},
        )
    )
    assert len(rows(current, select(User.id).where(User.email == "new@example.org"))) == 1


def _link_invalid(response) -> None:
    assert response.status_code == 404, response.status_code
    assert "This link is not valid" in response.get_data(as_text=True)


@when(parsers.parse('the sign-up link for "{address}" is {hours:d} hours old'))
def _age_link(current, address, hours):
    write(
        current,
        update(SignupRequest)
        .where(SignupRequest.email == address)
        .values(created_at=utcnow() - timedelta(hours=hours), expires_at=utcnow() - timedelta(hours=hours - 24)),
    )


@then(parsers.parse('the link in the e-mail to "{address}" answers 404 saying it is not valid'))
def _expired_link(current, address):
    (body,) = mails_to(current, address)
    client = current.test_client()
    _link_invalid(client.get(link_in(body)))
    token = link_in(body).partition("token=")[2]
    _link_invalid(client.post("/signup/confirm", data={"token": token, "csrf_token": csrf_token(client, "/signup")}))


@then(parsers.parse('there is no account for "{address}"'))
def _no_account(current, address):
    assert rows(current, select(User.id).where(User.email == address)) == []


# ----------------------------------------------------------------- sessions


@when("the architect signs out")
def _sign_out(current, world):
    client = client_of(current, world)
    response = client.post("/signout", data={"csrf_token": csrf_token(client, "/projects/")})
    assert response.status_code == 302


def _kept_cookie_client(current, world):
    client = current.test_client()
    client.set_cookie("session", world["kept_cookie"])
    return client


@then("the kept cookie opens no page: it is sent to sign in")
def _cookie_dead(current, world):
    response = _kept_cookie_client(current, world).get("/projects/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/signin?next="), (
        response.status_code
    )


@then("the kept cookie still opens the architect's projects page")
def _cookie_alive(current, world):
    response = _kept_cookie_client(current, world).get("/projects/")
    assert response.status_code == 200, response.status_code


@when("the architect signs in in that browser")
def _sign_in_there(current, accounts, world):
    client = client_of(current, world)
    sign_in(client, accounts["architect"])
    assert client.get("/projects/").status_code == 200
    world["first_session"] = client.get_cookie("session").value


def _sid(app, cookie: str) -> str:
    return app.session_interface.get_signing_serializer(app).loads(cookie)["sid"]


@then("signing in again gives another session id")
def _another_sid(current, accounts, world):
    client = client_of(current, world)
    first = _sid(current, world["first_session"])
    sign_in(client, accounts["architect"])
    second = _sid(current, client.get_cookie("session").value)
    assert first != second
    assert len(rows(current, select(UserSession.id).where(UserSession.user_id == accounts["architect"].id))) == 2


@when(parsers.parse("the session began {began:g} hours ago and was last used {idle:g} hours ago"))
def _age_session(current, accounts, began, idle):
    now = utcnow()
    write(
        current,
        update(UserSession)
        .where(UserSession.user_id == accounts["architect"].id)
        .values(created_at=now - timedelta(hours=began), last_seen_at=now - timedelta(hours=idle)),
    )


@when("the demo start gives the demo accounts new passwords")
def _demo_start(current):
    with current.app_context(), db.sessions(current)() as session:
        accounts = ensure_demo_accounts(session, password_factory=lambda: "a brand new demo passphrase")
    assert "architect@example.org" in {account.email for account in accounts}  # the test's architect is a demo account


@when(parsers.parse('the architect signs in from the address "{address}"'))
def _sign_in_from(current, accounts, world, address):
    world["response"] = post_sign_in(current.test_client(), accounts["architect"].email, PASSWORD, address)


@then("the architect has only the new session on record")
def _only_new_session(current, accounts):
    sessions = rows(current, select(UserSession.created_at).where(UserSession.user_id == accounts["architect"].id))
    assert len(sessions) == 1 and utcnow() - sessions[0][0] < timedelta(minutes=5), sessions


@then("the session cookie carries no expiry date")
def _no_expiry(current, world):
    cookies = [c for c in world["response"].headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1
    assert "expires=" not in cookies[0].lower() and "max-age" not in cookies[0].lower(), cookies[0]
    assert current.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=24)


# ----------------------------------------------------------------- API tokens


@when(parsers.parse('they make a token named "{label}" that works for {days:d} days on the tokens page'))
def _make_token(current, world, label, days):
    client = client_of(current, world)
    response = client.post(
        TOKENS_PAGE, data={"label": label, "days": str(days), "csrf_token": csrf_token(client, TOKENS_PAGE)}
    )
    world["response"] = response
    match = re.search(r"data-token>([^<]+)<", response.get_data(as_text=True))
    world["token"] = match.group(1) if match else None


@then(parsers.parse("the tokens page says the token expires in {days:d} days"))
def _expiry_shown(current, world, days):
    page = client_of(current, world).get(TOKENS_PAGE).get_data(as_text=True)
    expected = (utcnow() + timedelta(days=days)).strftime("%Y-%m-%d")
    assert expected in page and "In use" in page


def _me(current, token: str):
    return current.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


@then("the API knows the token as the architect")
def _api_knows(current, world, accounts):
    response = _me(current, world["token"])
    assert response.status_code == 200 and response.get_json()["email"] == accounts["architect"].email


@when("the token's expiry passes")
def _expire(current):
    write(current, update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))


@then("the API refuses the token with 401 saying it is missing, unknown, expired or revoked")
def _api_refuses(current, world):
    response = _me(current, world["token"])
    assert response.status_code == 401
    assert "missing, unknown, expired or revoked" in response.get_json()["error"]


@then("the tokens page lists the token as expired")
def _listed_expired(current, world):
    page = client_of(current, world).get(TOKENS_PAGE).get_data(as_text=True)
    assert "Expired" in page and "In use" not in page


# ----------------------------------------------------------------- the audit trail


@when("the reviewer decides the last finding and at once approves the version")
def _decide_and_approve(app, accounts, world):
    client = client_of(app, world)
    sign_in(client, accounts["reviewer"])
    submission_id = world["seeded"].submission_id
    page = f"/review/submissions/{submission_id}"
    with app.app_context(), db.sessions(app)() as session:
        key = deviation_key(results_of(session.get(Submission, submission_id)))
    response = client.post(
        f"{page}/decisions",
        data={
            "finding_key": key,
            "verdict": "deviation",
            "justification": JUSTIFICATION,
            "csrf_token": csrf_token(client, page),
        },
    )
    assert response.status_code == 302, response.status_code
    response = client.post(
        f"{page}/final", data={"decision": "approved", "language": "en", "csrf_token": csrf_token(client, page)}
    )
    assert response.status_code == 302, errors_of(response) or response.status_code
    world["trail_page"] = client.get(page).get_data(as_text=True)


@then("the audit trail on the submission page lists the decision before the approval")
def _trail_order(world):
    trail = world["trail_page"].partition("data-audit")[2]
    actions = re.findall(r'<tr class="audit-([a-z_]+)"', trail)
    assert "approved" in actions and "decision" in actions, actions
    assert actions.index("approved") > max(i for i, a in enumerate(actions) if a == "decision"), actions
    assert actions[-1] == "approved", actions


@then("the audit trail's times are kept to the microsecond, in the order they happened")
def _trail_precision(app, world):
    events = rows(
        app,
        select(AuditEvent.id, AuditEvent.at, AuditEvent.action)
        .where(AuditEvent.submission_id == world["seeded"].submission_id)
        .order_by(AuditEvent.id),
    )
    times = [at for _id, at, _action in events]
    assert times == sorted(times), events  # recorded one after another: the times agree with the sequence
    assert any(at.microsecond for at in times), times  # not cut to the second
    approved = next(at for _id, at, action in events if action == "approved")
    last_decision = max(at for _id, at, action in events if action == "decision")
    assert approved > last_decision
