"""Numbers as each language writes them: Persian digits and separators in Persian.

Shared by the finding messages (checker/messages.py) and the annex, so it sits below both.
"""

from __future__ import annotations

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
PERSIAN_DECIMAL_SEPARATOR = "\u066b"  # ARABIC DECIMAL SEPARATOR, as Persian writes 2٫5
PERSIAN_THOUSANDS_SEPARATOR = "\u066c"  # ARABIC THOUSANDS SEPARATOR: ۴۳٬۳۷۸


def persian_digits(text: object) -> str:
    """``text`` with the ASCII digits 0-9 written as Persian digits (۰-۹)."""
    return str(text).translate(_PERSIAN_DIGITS)


def localise_number(text: str, language: str) -> str:
    """A number already formatted with ASCII digits, '.' and ',', written for ``language``."""
    if language == "fa":
        text = text.replace(",", PERSIAN_THOUSANDS_SEPARATOR).replace(".", PERSIAN_DECIMAL_SEPARATOR)
        return persian_digits(text)
    return text
