"""What the architect sees of a review: its outcome, the standing decisions, and the notice.

A decided (signed-off) version has one of three outcomes: approved, approved with
deviations (approved while at least one standing decision accepts a deviation), or
changes requested, with the reviewer's note. Until the reviewer signs off, decisions
are work in progress that the architect does not see (as in the API).

When a review ends, the architect is told by e-mail (``users.send_mail``: through the
SMTP server of the instance config, ``MAIL_SMTP_HOST`` and its companions, or into the
instance's outbox where none is set, as in the demo and the tests), in the language
of their account.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime


from ..accounts.users import send_mail
from ..i18n import gettext as _
from ..i18n import translations
from ..store.models import Decision, FindingVerdict, ReviewState, Submission
from .reviewing import is_frozen, latest_decisions

log = logging.getLogger(__name__)

APPROVED_WITH_DEVIATIONS = "approved_with_deviations"
OUTCOMES = (ReviewState.APPROVED.value, APPROVED_WITH_DEVIATIONS, ReviewState.CHANGES_REQUESTED.value)


@dataclass(frozen=True)
class ReviewOutcome:
    kind: str  # one of OUTCOMES
    decided_by: str
    decided_at: datetime
    notes: str
    deviations: int  # standing decisions that accept a deviation

    @property
    def word(self) -> str:
        return outcome_word(self.kind)


def outcome_word(kind: str) -> str:
    return {
        ReviewState.APPROVED.value: _("Approved by the municipality"),
        APPROVED_WITH_DEVIATIONS: _("Approved with deviations by the municipality"),
        ReviewState.CHANGES_REQUESTED.value: _("Changes requested by the municipality"),
    }.get(kind, kind)


def decision_names() -> dict[str, str]:
    """A standing decision in words, as the reviewers' page names it."""
    return {
        FindingVerdict.ACCEPTED.value: _("accepted"),
        FindingVerdict.REJECTED.value: _("rejected"),
        FindingVerdict.DEVIATION.value: _("deviation accepted"),
    }


def standing_decisions(submission: Submission) -> dict[str, Decision]:
    """The decisions the architect sees: the standing ones, once the version is signed off."""
    return latest_decisions(submission) if is_frozen(submission) else {}


def outcome_kind(submission: Submission, decisions: dict[str, Decision]) -> str:
    if submission.review_state == ReviewState.APPROVED.value and any(
        d.verdict == FindingVerdict.DEVIATION.value for d in decisions.values()
    ):
        return APPROVED_WITH_DEVIATIONS
    return submission.review_state


def review_outcome(submission: Submission) -> ReviewOutcome | None:
    """The outcome of a signed-off version; None while it is not decided."""
    if not is_frozen(submission) or submission.review_state not in OUTCOMES or submission.decided_at is None:
        return None
    decisions = latest_decisions(submission)
    return ReviewOutcome(
        kind=outcome_kind(submission, decisions),
        decided_by=submission.decided_by.name if submission.decided_by else "",
        decided_at=submission.decided_at,
        notes=decision_notes(submission),
        deviations=sum(1 for d in decisions.values() if d.verdict == FindingVerdict.DEVIATION.value),
    )


def decision_notes(submission: Submission) -> str:
    """The note of the final decision, as the sign-off that froze the version wrote it ("" if none);
    the signed-off annex prints the same note. (Before migration 0007 it was kept only in the
    sign-off job's arguments; the migration copied it over.)"""
    if not is_frozen(submission):
        return ""
    return submission.review_note or ""


# ----------------------------------------------------------------- the notice


def send_review_notice(submission: Submission, version_url: str = "") -> None:
    """Tell the project's architect that the review of ``submission`` has ended (never raises)."""
    try:
        outcome = review_outcome(submission)
        if outcome is None:
            return
        owner = submission.project.owner
        subject, body = notice_text(submission, outcome, owner.language, version_url)
        send_mail(owner.email, subject, body)
    except Exception:  # the sign-off stands; a lost notice is logged, not a failed review
        log.exception("the review notice for submission %s could not be sent", submission.id)


def notice_text(submission: Submission, outcome: ReviewOutcome, language: str, version_url: str) -> tuple[str, str]:
    """The e-mail's subject and body in ``language`` (the architect's, not the reviewer's page's)."""
    catalogue = translations(language)

    def gettext(message: str, **values) -> str:
        text = catalogue.gettext(message)
        return text % values if values else text

    project = submission.project
    words = {
        ReviewState.APPROVED.value: gettext("approved"),
        APPROVED_WITH_DEVIATIONS: gettext("approved with deviations"),
        ReviewState.CHANGES_REQUESTED.value: gettext("changes requested"),
    }
    subject = gettext(
        "Review of %(project)s, version %(number)s: %(outcome)s",
        project=project.name,
        number=submission.number,
        outcome=words[outcome.kind],
    )
    lines = [
        gettext(
            "%(municipality)s has reviewed version %(number)s of %(project)s (permit %(permit)s): %(outcome)s.",
            municipality=project.municipality.name,
            number=submission.number,
            project=project.name,
            permit=project.permit_number or "-",
            outcome=words[outcome.kind],
        ),
        gettext(
            "Decided by %(reviewer)s on %(when)s UTC.",
            reviewer=outcome.decided_by,
            when=outcome.decided_at.strftime("%Y-%m-%d %H:%M"),
        ),
    ]
    if outcome.deviations:
        lines.append(gettext("Findings accepted as deviations: %(count)s.", count=outcome.deviations))
    if outcome.notes:
        lines += ["", gettext("The reviewer's note:"), outcome.notes]
    if version_url:
        lines += ["", gettext("The decisions, their reasons and the signed-off annex: %(url)s", url=version_url)]
    return subject, "\n".join(lines) + "\n"
