"""The interface's languages: English (the msgids) and Persian (right to left).

The user picks the language (the switch in the page header, kept in the session and
on the account); before that, the browser's Accept-Language decides. Strings are
gettext messages, catalogued in ``web/locale/fa/LC_MESSAGES/web.po`` and read with
Babel at run time, as the annex's catalogue is.
"""

from __future__ import annotations

import gettext as gettext_module
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import Flask, g, has_request_context, request, session

from checker.report.i18n import is_rtl, persian_digits

LANGUAGES = ("en", "fa")
LANGUAGE_NAMES = {"en": "English", "fa": "فارسی"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "web"


@cache
def translations(language: str) -> gettext_module.NullTranslations:
    if language == "en":
        return gettext_module.NullTranslations()
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def current_language() -> str:
    if not has_request_context():
        return "en"
    if "language" not in g:
        chosen = session.get("language")
        if chosen not in LANGUAGES:
            chosen = request.accept_languages.best_match(LANGUAGES) or "en"
        g.language = chosen
    return g.language


def gettext(message: str, /, **variables) -> str:  # positional-only: a sentence may have a %(message)s of its own
    text = translations(current_language()).gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, /, **variables) -> str:
    variables.setdefault("num", n)
    return translations(current_language()).ngettext(singular, plural, n) % variables


class UserError(ValueError):
    """One sentence for the user, kept as msgid + values so it is shown in their language.

    ``str(error)`` is the English sentence (logs, tests); ``error.translated()`` is the
    sentence in the current language. Subclasses are extraction keywords in babel-web.cfg.
    """

    def __init__(self, message: str, **values):
        super().__init__(message % values if values else message)
        self.msgid, self.values = message, values

    def translated(self) -> str:
        return gettext(self.msgid, **self.values)


def digits(value: object) -> str:
    """Numbers as the current language writes them."""
    return persian_digits(value) if current_language() == "fa" else str(value)


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")
    # jinja2.ext.i18n adds this method to the environment when it is added, so jinja's types do not know it
    app.jinja_env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    app.jinja_env.filters["digits"] = digits

    @app.context_processor
    def _language():
        language = current_language()
        return {
            "language": language,
            "text_direction": "rtl" if is_rtl(language) else "ltr",
            "languages": LANGUAGE_NAMES,
        }
