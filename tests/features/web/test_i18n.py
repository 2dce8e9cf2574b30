"""The Persian interface: every message of web/ is translated, and choosing فارسی turns the pages.

The messages are extracted from web/'s Python and templates exactly as
``babel-web.cfg`` says (the command is in that file), so a new ``_("...")`` without a
Persian translation in web/locale/fa/LC_MESSAGES/web.po fails here, and so does a
translation that drops or renames a placeholder the page fills in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from web.i18n import LOCALE_DIR, translations

from .conftest import csrf_token

REPO = Path(__file__).resolve().parents[3]
CATALOGUE = LOCALE_DIR / "fa" / "LC_MESSAGES" / "web.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\w+\}")
PERSIAN_LETTERS = re.compile(r"[\u0600-\u06FF]")
# Messages that are the same in every language: kept as they are in the translation.
SAME_IN_PERSIAN = {"%(tag)s (for %(rules)s)"}


def extracted_messages() -> dict[str, tuple[str, ...]]:
    """msgid (or singular and plural) → the files it is used in."""
    with open(REPO / "babel-web.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename="babel-web.cfg")
    found: dict[str, set[str]] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(str(REPO), method_map, options_map):
        key = message if isinstance(message, str) else tuple(message)
        found.setdefault(key, set()).add(filename)
    return {key: tuple(sorted(files)) for key, files in found.items()}


@pytest.fixture(scope="module")
def catalogue():
    with CATALOGUE.open("rb") as handle:
        return read_po(handle, locale="fa", domain="web")


@pytest.fixture(scope="module")
def messages():
    found = extracted_messages()
    assert len(found) > 100, "extraction found almost nothing: is babel-web.cfg right?"
    return found


def test_every_message_of_the_interface_has_a_persian_translation(catalogue, messages):
    missing = []
    for key, files in messages.items():
        msgid = key[0] if isinstance(key, tuple) else key
        entry = catalogue.get(msgid)
        strings = (
            [] if entry is None else (list(entry.string) if isinstance(entry.string, (list, tuple)) else [entry.string])
        )
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(f"{msgid!r} ({', '.join(files)})")
    assert not missing, (
        f"{len(missing)} messages have no Persian translation in {CATALOGUE.relative_to(REPO)} "
        "(extract and update as babel-web.cfg says, then translate):\n" + "\n".join(missing)
    )


def test_every_translation_is_persian_and_keeps_the_placeholders(catalogue):
    wrong = []
    for entry in catalogue:
        if not entry.id:
            continue
        ids = list(entry.id) if isinstance(entry.id, (list, tuple)) else [entry.id]
        strings = list(entry.string) if isinstance(entry.string, (list, tuple)) else [entry.string]
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if not string:
                continue
            if sorted(PLACEHOLDER.findall(string)) != wanted:
                wrong.append(f"{ids[0]!r}: placeholders {sorted(PLACEHOLDER.findall(string))}, expected {wanted}")
            if ids[0] not in SAME_IN_PERSIAN and not PERSIAN_LETTERS.search(string):
                wrong.append(f"{ids[0]!r}: {string!r} is not Persian")
    assert not wrong, "\n".join(wrong)


def test_the_catalogue_holds_no_message_the_interface_no_longer_uses(catalogue, messages):
    used = {key[0] if isinstance(key, tuple) else key for key in messages}
    stale = sorted(
        entry.id if isinstance(entry.id, str) else entry.id[0]
        for entry in catalogue
        if entry.id and (entry.id if isinstance(entry.id, str) else entry.id[0]) not in used
    )
    assert not stale, "messages no longer used (run pybabel update as babel-web.cfg says):\n" + "\n".join(
        map(repr, stale)
    )


def test_choosing_persian_turns_the_sign_in_page_right_to_left_and_persian(client):
    english = client.get("/signin").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in english
    token = csrf_token(client, "/signin")
    response = client.post("/language", data={"language": "fa", "next": "/signin", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/signin"
    page = client.get("/signin").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page
    fa = translations("fa")
    for message in ("Sign in", "E-mail address", "Password", "No account yet?", "Security annex"):
        assert fa.gettext(message) in page and PERSIAN_LETTERS.search(fa.gettext(message)), message
    visible = re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1])
    assert not re.search(r"\b(Sign in|Password|E-mail address)\b", visible)


def test_a_persian_browser_gets_persian_until_the_user_chooses(client):
    page = client.get("/signin", headers={"Accept-Language": "fa-IR,fa;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/language", data={"language": "en", "next": "/signin", "csrf_token": token})
    page = client.get("/signin", headers={"Accept-Language": "fa-IR,fa;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page
