"""The demo set-up ``make run`` prints: one municipality, a reviewer and an architect."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from checker.rulesets import DEFAULT_RULESET

from .accounts.users import create_user, set_password
from .store.models import Municipality, Role, User

DEMO_MUNICIPALITY = "Example"  # the municipality of the bundled example project
DEMO_ACCOUNTS = (
    ("reviewer@example.org", "Demo Reviewer", Role.REVIEWER),
    ("architect@example.org", "Demo Architect", Role.ARCHITECT),
)


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


def ensure_demo_accounts(db_session: Session, password_factory: Callable[[], str]) -> list[DemoAccount]:
    """Create what is missing and give both accounts a fresh password to print."""
    municipality = db_session.scalars(select(Municipality).where(Municipality.name == DEMO_MUNICIPALITY)).first()
    if municipality is None:
        municipality = Municipality(name=DEMO_MUNICIPALITY, default_ruleset=DEFAULT_RULESET)
        db_session.add(municipality)
    accounts = []
    for email, name, role in DEMO_ACCOUNTS:
        password = password_factory()
        user = db_session.scalars(select(User).where(User.email == email)).first()
        if user is None:
            create_user(
                db_session,
                email=email,
                name=name,
                password=password,
                role=role,
                municipality=municipality if role is Role.REVIEWER else None,
            )
        else:
            set_password(user, password)
        accounts.append(DemoAccount(role.value, email, password))
    db_session.commit()
    return accounts
