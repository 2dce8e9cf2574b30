"""The interface's languages: English (the msgids) and Persian (right to left).

The user picks the language (the switch in the page header, kept in the session and
on the account); before that, the browser's Accept-Language decides. Strings are
gettext messages, catalogued in ``web/locale/fa/LC_MESSAGES/web.po`` and read with
Babel at run time, as the annex's catalogue is.
"""

from __future__ import annotations

import gettext as gettext_module
from datetime import datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import Flask, g, has_request_context, request, session
from markupsafe import Markup, escape

from checker.report.i18n import is_rtl, persian_date, persian_digits

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


GREGORIAN_MONTHS_FA = (
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
)


def moment(value: datetime | None, time: bool = True, seconds: bool = False) -> Markup:
    """A UTC date (and time) as the page's language writes it, isolated from the text around it.

    Persian pages give the Solar Hijri date, as the PDF annex does, with the Gregorian
    date beside it in words (digits joined by hyphens would be reordered in a
    right-to-left line), all in Persian digits.
    """
    if value is None:
        return Markup("")
    stamp = value.isoformat() + ("Z" if value.tzinfo is None else "")
    if current_language() == "fa":
        gregorian = f"{persian_digits(value.day)} {GREGORIAN_MONTHS_FA[value.month - 1]} {persian_digits(value.year)}"
        text = persian_date(value.date())
        if time:
            text += "، " + persian_digits(value.strftime("%H:%M:%S" if seconds else "%H:%M"))
        text += f" ({gregorian})"
    else:
        text = value.strftime(("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M") if time else "%Y-%m-%d")
    return Markup('<bdi><time datetime="{}">{}</time></bdi>').format(stamp, text)


def isolated_gettext(message: str, **values) -> Markup:
    """A message whose values are each bidi-isolated (``<bdi>``), so that a name, an
    e-mail address or a number keeps its own direction inside a sentence of the other
    direction. Values that are already markup (``moment``) are put in as they are."""
    isolated = {
        name: value if isinstance(value, Markup) else Markup("<bdi>{}</bdi>").format(value)
        for name, value in values.items()
    }
    return Markup(escape(translations(current_language()).gettext(message))) % isolated


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.i18n")
    # jinja2.ext.i18n adds this method to the environment when it is added, so jinja's types do not know it
    app.jinja_env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    app.jinja_env.filters["digits"] = digits
    app.jinja_env.filters["moment"] = moment
    app.jinja_env.globals["_isolated"] = isolated_gettext
    from .review.audit_words import audit_detail  # it says its sentences with this module's gettext

    app.jinja_env.filters["audit_detail"] = lambda event: audit_detail(event.action, event.detail)

    @app.context_processor
    def _language():
        language = current_language()
        return {
            "language": language,
            "text_direction": "rtl" if is_rtl(language) else "ltr",
            "languages": LANGUAGE_NAMES,
        }
