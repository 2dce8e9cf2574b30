"""Fixtures for the web app's tests: the app on SQLite and on PostgreSQL, clients, accounts.

Every test that uses ``app`` runs twice, once per database (``DATABASE_URL``
switches the app to PostgreSQL; the server is Debian's, started for the session by
``tests/support/postgres.py``). Checks run inside the request (no worker thread) so a
test sees their results at once.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest

from tests.support.postgres import fresh_database, postgres_server
from tests.support.web_client import BufferedClient
from web import create_app
from web.accounts.users import create_user
from web.store import db
from web.store.models import Municipality, Role

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def postgres_base_url():
    with postgres_server() as base_url:
        yield base_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'annex.sqlite'}"
    base_url = request.getfixturevalue("postgres_base_url")
    return fresh_database(base_url, f"annex_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "DATABASE_URL": database_url,
            "UPLOAD_FOLDER": str(tmp_path / "uploads"),
            "ANNEX_FOLDER": str(tmp_path / "annexes"),
            "MAIL_OUTBOX": str(tmp_path / "outbox"),  # a sign-off's notice to the architect, among others
            "CHECK_IN_BACKGROUND": False,
        }
    )
    yield app
    engine = db.sessions(app).kw["bind"]
    engine.dispose()  # PostgreSQL cannot drop a database that still has connections


@pytest.fixture
def client(app):
    app.test_client_class = BufferedClient  # as every app in the suite (tests/conftest.py)
    return app.test_client()


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    role: Role
    id: int


ACCOUNT_KEYS = ("reviewer", "other_reviewer", "architect", "other_architect")


def create_accounts(app, names: dict[str, str] | None = None) -> dict[str, Account]:
    """Two municipalities ("Example", "Elsewhere"), a reviewer in each, and two architects.

    ``names`` gives people's names per key; by default the key itself ("Other Reviewer").
    """
    with app.app_context():
        session = db.sessions(app)()
        north = Municipality(name="Example", default_ruleset="ir-police-annex")
        south = Municipality(name="Elsewhere", default_ruleset="uk-adq-sbd")
        session.add_all([north, south])
        roles = {
            "reviewer": (Role.REVIEWER, north),
            "other_reviewer": (Role.REVIEWER, south),
            "architect": (Role.ARCHITECT, None),
            "other_architect": (Role.ARCHITECT, None),
        }
        made = {}
        for key in ACCOUNT_KEYS:
            role, municipality = roles[key]
            name = (names or {}).get(key) or key.replace("_", " ").title()
            user = create_user(
                session,
                email=f"{key.replace('_', '-')}@example.org",
                name=name,
                password=PASSWORD,
                role=role,
                municipality=municipality,
            )
            session.flush()
            made[key] = Account(user.email, PASSWORD, role, user.id)
        session.commit()
        session.close()
    return made


@pytest.fixture
def accounts(app):
    return create_accounts(app)


def csrf_token(client, path: str) -> str:
    """The CSRF token of the form on ``path``, as a browser would send it back."""
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client, account: Account):
    token = csrf_token(client, "/signin")
    response = client.post("/signin", data={"email": account.email, "password": account.password, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response
