"""Creating accounts and checking passwords (werkzeug's scrypt hashes)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .i18n import UserError
from .models import Municipality, Role, User

MIN_PASSWORD = 10
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked against on failed sign-in for an unknown e-mail, so both take as long.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(UserError):
    """Why an account cannot be created, in one sentence for the user."""


def create_user(
    db_session: Session,
    *,
    email: str,
    name: str,
    password: str,
    role: Role,
    municipality: Municipality | None = None,
    language: str = "en",
) -> User:
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise AccountError("Enter a valid e-mail address.")
    if len(password) < MIN_PASSWORD:
        raise AccountError("The password needs at least %(count)s characters.", count=MIN_PASSWORD)
    if role is Role.REVIEWER and municipality is None:
        raise AccountError("A reviewer belongs to a municipality.")
    if db_session.query(User).filter_by(email=email).first() is not None:
        raise AccountError("There is already an account with this e-mail address.")
    user = User(
        email=email,
        name=name.strip()[:200] or email,
        password_hash=generate_password_hash(password),
        role=role.value,
        municipality=municipality,
        language=language,
    )
    db_session.add(user)
    return user


def set_password(user: User, password: str) -> None:
    user.password_hash = generate_password_hash(password)


def password_matches(user: User | None, password: str) -> bool:
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(user.password_hash, password)
