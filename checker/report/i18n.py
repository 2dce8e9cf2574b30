"""The annex's languages: gettext message catalogues read with Babel at run time.

English is the source language: every msgid is the English text, so English needs no
catalogue. Each other language has ``locale/<lang>/LC_MESSAGES/annex.po``, read with
``babel.messages.pofile.read_po`` the first time it is asked for and compiled in
memory (no .mo files are kept in the repository). Extraction and updating are
described in docs/annex.md.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..errors import InputError
from ..numerals import PERSIAN_DECIMAL_SEPARATOR, PERSIAN_THOUSANDS_SEPARATOR, localise_number, persian_digits  # noqa: F401 (re-exported)

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "annex"
LANGUAGES = ("en", "fa")
RIGHT_TO_LEFT = frozenset({"fa"})

def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise InputError(f"There is no annex language {language!r}; the languages are {', '.join(LANGUAGES)}.")
    return language


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(language: str) -> gettext.NullTranslations:
    """The gettext translations for ``language`` (cached; English is the identity)."""
    check_language(language)
    if language == "en":
        return gettext.NullTranslations()
    with catalogue_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def is_rtl(language: str) -> bool:
    return language in RIGHT_TO_LEFT
