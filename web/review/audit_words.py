"""An audit event's details in the page's language.

The audit trail keeps what happened as it was written, in English (a record is not
rewritten); the page says it again in the reader's language. Each kind of detail the
app writes is recognised by its shape and said with a web.po sentence; the values in
it (finding keys, reasons, hashes, ruleset names) are bidi-isolated, as data is. A
detail of another shape is shown as it was written, isolated.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from checker.numerals import localise_number

from ..i18n import current_language, isolated_gettext
from ..i18n import gettext as _

DECISION = re.compile(r"^(accepted|rejected|deviation) on finding (\d+|-) \((.*?)\)(?:: (.*))?$", re.S)
SIGNED_OFF = re.compile(r"^(approved|changes_requested); signed-off annex sha256 ([0-9a-f]{64})(?:; (.*))?$", re.S)
SUBMITTED = re.compile(r"^version (\d+), (\d+) storey\(s\), ruleset (.+)$", re.S)
RECHECKED = re.compile(r"^version (\d+): the drawings of version (\d+) checked again; (.*)$", re.S)
CARRIED = re.compile(
    r"^openings schedule carried from version (\d+): (\d+) rows by handle, (\d+) by type mark, "
    r"(\d+) by position, (\d+) left out$"
)


def finding_label(key: str) -> str:
    """A decision's finding key (checker.report.review.finding_key: rule, message id,
    arguments as JSON, elements) as a reader names the finding: its rule and the
    elements it is about ("ENTR-03: Ground floor 78, Ground floor C4"). The arguments
    stay in the record, not on the page: they are the machine's identity, not words.
    A key of another shape (results stored before messages had ids) is shown whole."""
    rule, _sep, rest = key.partition("|")
    message_id, _sep, rest = rest.partition("|")
    if not message_id or not rest:  # stored before messages had ids: rule|English sentence
        return f"{rule}: {message_id}" if message_id else key
    if rest.startswith("sha256:"):  # arguments and elements hashed: only the rule is left to name
        return rule
    _arguments, _sep, elements = rest.rpartition("|")
    named = [" ".join(part.rpartition(":")[::2]).strip() for part in elements.split(",") if part]
    return f"{rule}: {', '.join(named)}" if named else rule


def audit_detail(action: str, detail: str | None) -> Markup:
    """``detail`` of an event of ``action`` as the page's language says it."""
    if not detail:
        return Markup("")
    language = current_language()

    def number(text: str) -> str:
        return localise_number(text, language)

    if action == "checked" and detail in ("fails", "complies", "incomplete"):
        return Markup.escape({"fails": _("fails"), "complies": _("complies"), "incomplete": _("incomplete")}[detail])
    if action == "review_started" and detail in ("opened", "first decision"):
        return Markup.escape(
            _("when the reviewer opened the version") if detail == "opened" else _("with the first decision")
        )
    if match := DECISION.match(detail):
        verdict, marker, key, reason = match.groups()
        verdict_word = {"accepted": _("accepted"), "rejected": _("rejected"), "deviation": _("deviation accepted")}
        said = isolated_gettext(
            "%(verdict)s on finding %(number)s (%(key)s)",
            verdict=verdict_word[verdict],
            number=number(marker),
            key=finding_label(key),
        )
        return said + (isolated_gettext(": %(reason)s", reason=reason) if reason else Markup(""))
    if match := SIGNED_OFF.match(detail):
        decision, digest, notes = match.groups()
        word = _("approved") if decision == "approved" else _("changes requested")
        said = isolated_gettext("%(decision)s; signed-off annex SHA-256 %(digest)s", decision=word, digest=digest)
        return said + (isolated_gettext("; %(notes)s", notes=notes) if notes else Markup(""))
    if match := SUBMITTED.match(detail):
        version, storeys, ruleset = match.groups()
        return isolated_gettext(
            "version %(number)s, storeys: %(count)s, ruleset %(ruleset)s",
            number=number(version),
            count=number(storeys),
            ruleset=ruleset,
        )
    if match := RECHECKED.match(detail):
        version, previous, why = match.groups()
        return isolated_gettext(
            "version %(number)s: the drawings of version %(previous)s checked again; %(why)s",
            number=number(version),
            previous=number(previous),
            why=why,
        )
    if match := CARRIED.match(detail):
        previous, by_handle, by_mark, by_position, left_out = (number(g) for g in match.groups())
        return isolated_gettext(
            "openings schedule carried from version %(previous)s: %(by_handle)s rows by handle, "
            "%(by_mark)s by type mark, %(by_position)s by position, %(left_out)s left out",
            previous=previous,
            by_handle=by_handle,
            by_mark=by_mark,
            by_position=by_position,
            left_out=left_out,
        )
    return Markup("<bdi>{}</bdi>").format(detail)
