"""The annex's languages: gettext message catalogues read with Babel at run time.

English is the source language: every msgid is the English text, so English needs no
catalogue. Each other language has ``locale/<lang>/LC_MESSAGES/annex.po``, read with
``babel.messages.pofile.read_po`` the first time it is asked for and compiled in
memory (no .mo files are kept in the repository). Extraction and updating are
described in docs/annex.md.
"""

from __future__ import annotations

import gettext
from datetime import date
from functools import cache
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


@cache
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


# ------------------------------------------------------------------ the Solar Hijri calendar

# Iran's official calendar. Its months, from Nowruz (the March equinox): six of 31 days,
# five of 30, and Esfand of 29, or 30 in a leap year.
SOLAR_HIJRI_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def solar_hijri(day: date) -> tuple[int, int, int]:
    """The Solar Hijri (Jalali) year, month (1-12) and day of a Gregorian date.

    The calendar itself is astronomical (the year begins on the day of the March
    equinox, reckoned at Tehran's noon). The well-known arithmetic with 8 leap years in
    each 33 (the leap years are those whose remainder modulo 33 is 1, 5, 9, 13, 17, 22,
    26 or 30) agrees with it from 1210 to 1634 SH, that is 1831 to 2256; the tests
    check it against Borkowski's algorithm every day from 1925 to 2200.
    """
    # The arithmetic of the widely used jdf.scr.ir conversion: a day count whose
    # 33-year cycles (12,053 days) start at year -1595, then 4-year runs (1,461 days)
    # and single years. Its day count is Python's proleptic Gregorian ordinal + 356,032.
    days = day.toordinal() + 356032
    year = -1595 + 33 * (days // 12053)
    days %= 12053
    year += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        year += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        return year, 1 + days // 31, 1 + days % 31
    return year, 7 + (days - 186) // 30, 1 + (days - 186) % 30


def persian_date(day: date) -> str:
    """A date as Iran writes it: "۱۱ دی ۱۴۰۴" (day, month name, year, in Persian digits)."""
    year, month, day_of_month = solar_hijri(day)
    return f"{persian_digits(day_of_month)} {SOLAR_HIJRI_MONTHS[month - 1]} {persian_digits(year)}"
