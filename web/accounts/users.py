"""Creating accounts, the password policy, sign-ups confirmed by e-mail, checking passwords.

Passwords are kept as werkzeug's scrypt hashes. The policy refuses what an attacker
tries first: fewer than ``MIN_PASSWORD`` characters; a password on the list of the
10,000 most common ones (``data/common_passwords.txt``, its source and licence in its
header), or one of them with digits or symbols added, letters written as look-alike
digits (p4ssw0rd) or said twice; and runs of repeated or consecutive characters
(aaaaaaaaaa, 1234567890, qwertyuiop, abcabcabc).

An architect signs up in two steps, so that the answer never says whether an e-mail
address already has an account: the form always answers "we sent you a link"; the
link (valid ``SIGNUP_LINK_HOURS``) creates the account. For a taken address the
message tells its owner that someone tried, instead. Messages go through SMTP when
``MAIL_SMTP_HOST`` is set; otherwise (the demo, the tests) into the instance's outbox
folder and the server's log, where ``make run`` shows the link.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session, object_session
from werkzeug.security import check_password_hash, generate_password_hash

from ..i18n import UserError
from ..store.models import Municipality, Role, SignupRequest, User, UserSession, utcnow

log = logging.getLogger(__name__)

MIN_PASSWORD = 10
MAX_PASSWORD = 256  # a bound on what is hashed; passphrases fit
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COMMON_PASSWORDS = Path(__file__).resolve().parents[1] / "data" / "common_passwords.txt"
# Letters people write as digits or symbols ("p@ssw0rd"), read back as letters.
LOOK_ALIKES = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "+": "t",
    }
)
# Keyboard rows: "qwerty" and "asdfgh" are runs as much as "abcdef" is.
KEY_ROWS = ("`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./")
# A password made of this many runs (of one character repeated, or of neighbours on the
# alphabet, the digits or a keyboard row) or fewer is refused: "aaaaaaaaaa" is one run,
# "qwerty123456" two, "abc123def456" four.
MAX_RUNS_REFUSED = 3
SIGNUP_LINK_HOURS = 24
# Checked against on failed sign-in for an unknown e-mail, so both take as long.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(UserError):
    """Why an account cannot be created, in one sentence for the user."""


# ----------------------------------------------------------------- the password policy


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def password_problem(password: str, *, email: str = "") -> AccountError | None:
    """Why ``password`` may not be used, or None."""
    if len(password) < MIN_PASSWORD:
        return AccountError("The password needs at least %(count)s characters.", count=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        return AccountError("The password may have at most %(count)s characters.", count=MAX_PASSWORD)
    lowered = password.lower()
    if _is_repetitive(lowered):
        return AccountError(
            "This password is only repeated or consecutive characters (like aaaa, abab or 1234); choose another."
        )
    if _is_common(lowered):
        return AccountError(
            "This password is one of the most common passwords, or one of them with a few characters changed or added; choose another."
        )
    local_part = email.strip().lower().partition("@")[0]
    if len(local_part) >= 4 and local_part in lowered:
        return AccountError("The password must not contain your e-mail address.")
    return None


def _is_common(lowered: str) -> bool:
    common = common_passwords()
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)  # digits and symbols added before or after
    candidates = {lowered, core, lowered.replace(" ", "")}
    candidates |= {text.translate(LOOK_ALIKES) for text in candidates}  # "p@ssw0rd"
    candidates |= {unit for text in candidates if (unit := _repeated_unit(text))}  # "passwordpassword"
    return any(len(text) >= 4 and text in common for text in candidates)


def _repeated_unit(text: str) -> str | None:
    """The shortest part that ``text`` is made of, said again and again ("abcabc" -> "abc")."""
    if not text:
        return None
    period = (text + text).find(text, 1)
    return text[:period] if period < len(text) else None


def _is_repetitive(lowered: str) -> bool:
    unit = _repeated_unit(lowered)
    if unit is not None and len(unit) < MIN_PASSWORD:
        return True
    return _runs(lowered) <= MAX_RUNS_REFUSED


def _neighbours(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.isalnum() and b.isalnum() and a.isdigit() == b.isdigit() and abs(ord(a) - ord(b)) == 1:
        return True
    return any(abs(row.find(a) - row.find(b)) == 1 for row in KEY_ROWS if a in row and b in row)


def _runs(text: str) -> int:
    """How many runs ``text`` is made of: a run continues while each character is the
    previous one again, or its neighbour, in the same direction."""
    runs, step = 1, None
    for previous, char in zip(text, text[1:]):
        if _neighbours(previous, char):
            this_step = _step(previous, char)
            if step is None or this_step == step:
                step = this_step
                continue
        runs, step = runs + 1, None
    return runs


def _step(a: str, b: str) -> tuple[str, int]:
    if a == b:
        return ("same", 0)
    if a.isalnum() and b.isalnum() and abs(ord(a) - ord(b)) == 1:
        return ("alphabet", ord(b) - ord(a))
    row = next((row for row in KEY_ROWS if a in row and b in row), "")
    return ("keys", row.find(b) - row.find(a))


# ----------------------------------------------------------------- accounts


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
    email = normalised_email(email)
    if (problem := password_problem(password, email=email)) is not None:
        raise problem
    if email_taken(db_session, email):
        raise AccountError("There is already an account with this e-mail address.")
    return _new_user(
        db_session,
        email=email,
        name=name,
        password_hash=generate_password_hash(password),
        role=role,
        municipality=municipality,
        language=language,
    )


def _new_user(
    db_session: Session,
    *,
    email: str,
    name: str,
    password_hash: str,
    role: Role,
    municipality: Municipality | None,
    language: str,
) -> User:
    if role is Role.REVIEWER and municipality is None:
        raise AccountError("A reviewer belongs to a municipality.")
    user = User(
        email=email,
        name=name.strip()[:200] or email,
        password_hash=password_hash,
        role=role.value,
        municipality=municipality,
        language=language,
    )
    db_session.add(user)
    return user


def normalised_email(email: str) -> str:
    email = email.strip().lower()
    if not EMAIL.match(email) or len(email) > 254:
        raise AccountError("Enter a valid e-mail address.")
    return email


def email_taken(db_session: Session, email: str) -> bool:
    return db_session.scalars(select(User.id).where(User.email == email)).first() is not None


def set_password(user: User, password: str) -> None:
    """A new password; every browser signed in with the old one is signed out."""
    user.password_hash = generate_password_hash(password)
    db_session = object_session(user)
    if db_session is not None and user.id is not None:
        db_session.execute(
            update(UserSession)
            .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def password_matches(user: User | None, password: str) -> bool:
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(user.password_hash, password)


# ----------------------------------------------------------------- signing up by e-mail link


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def request_signup(
    db_session: Session, *, email: str, name: str, password: str, language: str
) -> tuple[str, str | None]:
    """Check the form; return (the normalised address, the link token or None for a taken address).

    Both outcomes take a password hash, so they also take as long.
    """
    email = normalised_email(email)
    if (problem := password_problem(password, email=email)) is not None:
        raise problem
    password_hash = generate_password_hash(password)
    if email_taken(db_session, email):
        return email, None
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db_session.add(
        SignupRequest(
            email=email,
            name=name.strip()[:200],
            password_hash=password_hash,
            language=language,
            token_sha256=token_digest(token),
            created_at=now,
            expires_at=now + timedelta(hours=SIGNUP_LINK_HOURS),
        )
    )
    return email, token


def pending_signup(db_session: Session, token: str) -> SignupRequest | None:
    """The sign-up a link stands for, while it is unused and unexpired and its address is free."""
    if not token:
        return None
    request = db_session.scalars(select(SignupRequest).where(SignupRequest.token_sha256 == token_digest(token))).first()
    if (
        request is None
        or request.used_at is not None
        or request.expires_at <= utcnow()
        or email_taken(db_session, request.email)
    ):
        return None
    return request


def complete_signup(db_session: Session, request: SignupRequest) -> User:
    request.used_at = utcnow()
    return _new_user(
        db_session,
        email=request.email,
        name=request.name,
        password_hash=request.password_hash,
        role=Role.ARCHITECT,
        municipality=None,
        language=request.language,
    )


def send_mail(to: str, subject: str, body: str) -> None:
    """Through SMTP when ``MAIL_SMTP_HOST`` is set; else into the outbox folder and the log."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config.get("MAIL_FROM", "security-annex@localhost")
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    if config.get("MAIL_SMTP_HOST"):
        with smtplib.SMTP(config["MAIL_SMTP_HOST"], int(config.get("MAIL_SMTP_PORT", 25)), timeout=30) as smtp:
            if config.get("MAIL_SMTP_STARTTLS", True):
                smtp.starttls()
            if config.get("MAIL_SMTP_USER"):
                smtp.login(config["MAIL_SMTP_USER"], config.get("MAIL_SMTP_PASSWORD", ""))
            smtp.send_message(message)
        return
    outbox = Path(config.get("MAIL_OUTBOX") or Path(current_app.instance_path) / "outbox")
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{utcnow():%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}.eml"
    path.write_bytes(bytes(message))
    log.warning("E-mail to %s (no MAIL_SMTP_HOST, kept in %s):\n%s", to, path, body)
