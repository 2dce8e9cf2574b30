"""Text as drawings write it, folded so that words can be compared across scripts.

Persian drawings mix Arabic and Persian code points for the same letters (an Arabic
keyboard layout, or a CAD font that lacks the Persian forms), and write compound
words with a zero-width non-joiner or a space alike. Layer names and room labels are
compared after this folding, on both sides, so a dictionary needs one spelling.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic letters folded to the Persian ones (and alef forms to plain alef), because the
# same word arrives typed either way.
_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        "\u0629": "\u0647",  # TEH MARBUTA -> HEH
        "\u06c0": "\u0647",  # HEH WITH YEH ABOVE -> HEH
        "\u0623": "\u0627",  # ALEF WITH HAMZA ABOVE -> ALEF
        "\u0625": "\u0627",  # ALEF WITH HAMZA BELOW -> ALEF
        "\u0622": "\u0627",  # ALEF WITH MADDA -> ALEF
        "\u0671": "\u0627",  # ALEF WASLA -> ALEF
        "\u0640": None,  # TATWEEL (kashida), only stretches a word
        "\u200c": " ",  # ZERO WIDTH NON-JOINER: a compound word's joint counts as a space
        "\u200d": None,  # ZERO WIDTH JOINER
        "\u200f": None,  # RIGHT-TO-LEFT MARK
        "\u200e": None,  # LEFT-TO-RIGHT MARK
        "\ufeff": None,  # BYTE ORDER MARK
    }
)
# Arabic-Indic and Extended Arabic-Indic (Persian) digits to ASCII.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")  # harakat, superscript alef, Quranic marks
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case-, script- and spacing-folded text: NFKC, Arabic letters as Persian ones,
    no diacritics or kashida, ZWNJ as a space, Persian digits as ASCII, case-folded,
    one space between words."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_LETTERS).translate(_DIGITS)
    text = _MARKS.sub("", text)
    return _SPACES.sub(" ", text).strip().casefold()


def strip_accents(text: str) -> str:
    """Latin text without its accents ("Türen" -> "turen"), for words typed either way."""
    decomposed = unicodedata.normalize("NFD", text)
    # Only the Latin combining accents: Arabic-script marks are fold()'s business.
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f"))
