"""What a results page shows of a checked Submission: plans, numbered findings, filters, preflight.

The architects' and the reviewers' pages both render ``results_view(submission, ...)``
through the ``plan_and_findings`` macro in ``templates/_plan.html``. Nothing here
judges a plan: it reads the stored results, drawings and preflight and puts them in
the words and order a page needs.

Marker numbers come from ``drawings_json["numbers"]`` (finding index → number), the
same numbers the PDF annex prints, so the list, the plans and the PDF agree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from checker.messages import arg_from_json, message_from_json, render
from checker.numerals import localise_number, persian_digits
from checker.reading.layers import DEFAULT_PATTERNS
from checker.reading.layers import Role as LayerRole
from checker.report.drawing import STATUS_COLOURS
from checker.report.i18n import is_rtl
from checker.report.i18n import translations as annex_translations
from checker.report.parameters import parameter_words
from checker.report.review import finding_key
from checker.results import Status, Verdict
from checker.rules import catalogue

from .architect.recognition import finding_recognition
from .architect.submissions import BLOCKING, compare
from .i18n import current_language
from .i18n import gettext as _
from .store.models import CheckState, Submission

STATUSES = tuple(
    s.value for s in (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR, Status.PASS, Status.NOT_APPLICABLE)
)
ALL = "all"  # the status filter value that shows every finding
MAX_PREFLIGHT_ROWS = 25  # per kind of point; the rest is counted, not listed


def status_names() -> dict[str, str]:
    return {
        Status.FAIL.value: _("fails"),
        Status.NOT_ASSESSABLE.value: _("not assessable"),
        Status.ERROR.value: _("error"),
        Status.PASS.value: _("passes"),
        Status.NOT_APPLICABLE.value: _("not applicable"),
    }


def status_filter_choices() -> list[tuple[str, str]]:
    """(value, label) for the status filter; "" is the default: what needs attention."""
    names = status_names()
    return (
        [("", _("Needs attention (fails, not assessable, errors)"))]
        + [(s, names[s]) for s in STATUSES]
        + [(ALL, _("All findings"))]
    )


def verdict_word(verdict: str | None) -> str:
    words = {
        Verdict.COMPLIES.value: _("Complies"),
        Verdict.FAILS.value: _("Fails"),
        Verdict.INCOMPLETE.value: _("Incomplete"),
    }
    return words.get(verdict or "", _("Not checked"))


def verdict_sentence(verdict: str | None) -> str:
    return {
        Verdict.COMPLIES.value: _("Every blocking criterion is met."),
        Verdict.FAILS.value: _("At least one blocking criterion fails; see the failing findings."),
        Verdict.INCOMPLETE.value: _("Nothing fails, but some criteria could not be assessed; see what is missing."),
    }.get(verdict or "", "")


def check_state_word(state: str) -> str:
    return {
        CheckState.QUEUED.value: _("waiting to be checked"),
        CheckState.RUNNING.value: _("being checked"),
        CheckState.DONE.value: _("checked"),
        CheckState.FAILED.value: _("could not be checked"),
    }.get(state, state)


def review_state_word(state: str) -> str:
    return {
        "new": _("not yet reviewed"),
        "in_review": _("in review"),
        "changes_requested": _("changes requested"),
        "approved": _("approved"),
    }.get(state, state)


# ----------------------------------------------------------------- the view


@dataclass(frozen=True)
class FindingRow:
    index: int  # position in the results' findings
    number: int | None  # marker number on the plans and in the PDF; passes have none
    key: str  # finding_key: what reviewers' decisions are recorded under (message id and arguments, not the sentence)
    rule: str
    title: str
    status: str
    status_name: str
    severity: str
    message: str
    measured: str
    required: str
    elements: tuple[str, ...]  # "Ground floor: 78 on A-DOOR", "Ground floor: D1 (1A) on در"
    inferred: tuple[str, ...]  # for each element recognised from its shape: the sentence saying so, with its confidence
    storeys: tuple[str, ...]
    provisional: tuple[str, ...]
    shown: bool  # matches the current filters (rows that do not are rendered hidden)


@dataclass(frozen=True)
class Label:
    text: str
    x: float  # percent of the drawing's width, from the left
    y: float  # percent of its height, from the top
    kind: str


@dataclass(frozen=True)
class StoreyPlan:
    name: str
    svg: Markup  # drawn by checker.report.drawing; no user text in it but marker numbers
    labels: tuple[Label, ...]
    markers: tuple[int, ...]  # the marker numbers drawn on this storey


@dataclass(frozen=True)
class ResultsView:
    verdict: str | None
    verdict_word: str
    verdict_sentence: str
    summary: dict[str, int]
    storeys: tuple[StoreyPlan, ...]
    findings: tuple[FindingRow, ...]  # every finding, in the results' order
    rules: tuple[tuple[str, str], ...]  # (rule id, title) for the rule filter
    status_filter: str  # "" (needs attention), a status, or "all"
    rule_filter: str  # "" or a rule id
    status_choices: tuple[tuple[str, str], ...] = field(default=())

    @property
    def shown(self) -> tuple[FindingRow, ...]:
        return tuple(f for f in self.findings if f.shown)

    @property
    def numbered(self) -> tuple[FindingRow, ...]:
        return tuple(f for f in self.findings if f.number is not None)


def results_view(submission: Submission, status: str | None = None, rule: str | None = None) -> ResultsView | None:
    """The results page's content, or None while the submission has no results."""
    if not submission.results_json:
        return None
    results = json.loads(submission.results_json)
    drawings = json.loads(submission.drawings_json) if submission.drawings_json else {"storeys": [], "numbers": {}}
    numbers = {int(index): number for index, number in drawings.get("numbers", {}).items()}
    status_filter = status if status and (status in STATUSES or status == ALL) else ""
    rule_ids = sorted({f["rule"] for f in results["findings"]})
    rule_filter = rule if rule and rule in rule_ids else ""
    titles: dict[str, str] = {}
    for finding in results["findings"]:
        titles.setdefault(finding["rule"], rule_title(finding["rule"], finding.get("title")))
    names = status_names()

    rows = []
    for index, finding in enumerate(results["findings"]):
        rows.append(
            FindingRow(
                index=index,
                number=numbers.get(index),
                key=finding_key(finding),
                rule=finding["rule"],
                title=titles[finding["rule"]],
                status=finding["status"],
                status_name=names.get(finding["status"], finding["status"]),
                severity=finding.get("severity", ""),
                message=said(finding),
                measured=quantity_text(finding.get("measured")),
                required=quantity_text(finding.get("required")),
                elements=tuple(element_text(e) for e in finding.get("elements", [])),
                inferred=tuple(dict.fromkeys(n for n in map(finding_recognition, finding.get("elements", [])) if n)),
                storeys=tuple(dict.fromkeys(e["storey"] for e in finding.get("elements", []))),
                provisional=tuple(
                    parameter_words(finding["rule"], name, current_language())
                    for name in finding.get("provisional", [])
                ),
                shown=matches(finding["status"], finding["rule"], status_filter, rule_filter),
            )
        )

    storeys = tuple(
        StoreyPlan(
            name=drawing["storey"],
            svg=Markup(page_svg(drawing["svg"], current_language())),
            labels=tuple(
                Label(label["text"], round(label["x"], 3), round(label["y"], 3), label["kind"])
                for label in drawing.get("labels", [])
            ),
            markers=tuple(int(n) for n in MARKER_NUMBER.findall(drawing["svg"])),
        )
        for drawing in drawings["storeys"]
    )
    return ResultsView(
        verdict=results["verdict"],
        verdict_word=verdict_word(results["verdict"]),
        verdict_sentence=verdict_sentence(results["verdict"]),
        summary=results["summary"],
        storeys=storeys,
        findings=tuple(rows),
        rules=tuple((r, titles[r]) for r in rule_ids),
        status_filter=status_filter,
        rule_filter=rule_filter,
        status_choices=tuple(status_filter_choices()),
    )


def said(finding: dict) -> str:
    """A finding's message in the page's language (the JSON keeps the English one).

    On a right-to-left page what the plan says inside it (handles, storey names) is
    bidi-isolated, so it keeps its own direction inside a Persian sentence.
    """
    if not finding.get("message_id"):
        return finding["message"]
    language = current_language()
    message = message_from_json(finding["message_id"], finding.get("message_args", {}))
    return render(message, language, isolate=is_rtl(language))


def rule_title(rule_id: str, english: str | None) -> str:
    """A rule's title in the page's language; the stored English one for a rule we no longer have."""
    rule = catalogue().get(rule_id)
    return rule.text("title", current_language()) if rule else (english or "")


def matches(status: str, rule: str, status_filter: str, rule_filter: str) -> bool:
    """Whether a finding shows under the filters (plan.js applies the same test in the browser)."""
    if rule_filter and rule != rule_filter:
        return False
    if status_filter == ALL:
        return True
    if status_filter:
        return status == status_filter
    return status in BLOCKING


def quantity_text(quantity: dict | None) -> str:
    """A measured or required value as the page's language writes it: numbers in its
    digits, units in its words, and values in words (classes of door, "none") said again
    from their message ids; what the plan or ruleset states (a class such as "RC2") as it is."""
    if not quantity:
        return ""
    language = current_language()
    value, unit = quantity.get("value"), quantity.get("unit")
    if quantity.get("words") is not None and language != "en":
        return render(arg_from_json(quantity["words"]), language, isolate=is_rtl(language))
    if isinstance(value, float):
        value = f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (int, float)) or (isinstance(value, str) and NUMBER.fullmatch(value)):
        value = localise_number(str(value), language)
    shown_unit = {"deg": "°", "m2": "m²"}.get(unit or "", unit or "")
    if not shown_unit:
        return str(value)
    if shown_unit == "°":
        return f"{value}°"
    return f"{value} {annex_translations(language).gettext(shown_unit)}"


NUMBER = re.compile(r"-?\d+(\.\d+)?")


def element_text(element: dict) -> str:
    if element.get("type_mark"):  # an opening is named by its type mark, as the schedule names it
        return _(
            "%(storey)s: %(mark)s (%(handle)s) on %(layer)s",
            storey=element.get("storey", ""),
            mark=element["type_mark"],
            handle=element.get("handle", ""),
            layer=element.get("layer", ""),
        )
    return _(
        "%(storey)s: %(handle)s on %(layer)s",
        storey=element.get("storey", ""),
        handle=element.get("handle", ""),
        layer=element.get("layer", ""),
    )


# ----------------------------------------------------------------- the drawing on a page

MARKER_NUMBER = re.compile(r'<g class="marker" data-finding="(\d+)"')
_STYLE_ELEMENT = re.compile(r"<style>.*?</style>", re.S)
_MEASURE_STROKE = re.compile(r'class="measure" style="stroke:(#[0-9a-fA-F]{6})"')
_STATUS_OF_COLOUR = {colour.lower(): status.value for status, colour in STATUS_COLOURS.items()}


def page_svg(svg: str, language: str = "en") -> str:
    """The annex's SVG made fit for a page whose CSP allows no inline style.

    The drawing's ``<style>`` rules live in static/plan.css instead (a test keeps the
    two in step), and a measured line's stroke colour becomes a status class. The
    marker numbers are written in the page's digits (one digit system per page).
    """
    svg = _STYLE_ELEMENT.sub("", svg, count=1)
    # On a page the markers are buttons (plan.js), which an img role would hide from assistive
    # technology (axe: nested-interactive); the plan's viewport names the group.
    svg = _IMAGE_ROLE.sub(r'\1role="group"', svg, count=1)
    if language == "fa":
        svg = _MARKER_TEXT.sub(lambda m: m.group(1) + persian_digits(m.group(2)) + "</text>", svg)
    return _MEASURE_STROKE.sub(
        lambda m: f'class="measure measure-{_STATUS_OF_COLOUR.get(m.group(1).lower(), "fail")}"', svg
    )


_MARKER_TEXT = re.compile(r"(<text [^>]*>)(\d+)</text>")
_IMAGE_ROLE = re.compile(r'(<svg [^>]*?)role="img"')


# ----------------------------------------------------------------- versions


@dataclass(frozen=True)
class ChangeRow:
    rule: str
    title: str
    status_name: str
    message: str


@dataclass(frozen=True)
class ChangesView:
    previous_number: int
    resolved: tuple[ChangeRow, ...]
    new: tuple[ChangeRow, ...]
    still_failing: tuple[ChangeRow, ...]


def changes_view(previous: Submission | None, current: Submission) -> ChangesView | None:
    """What changed since the previous version, when both have results."""
    if previous is None or not previous.results_json or not current.results_json:
        return None
    changes = compare(json.loads(previous.results_json), json.loads(current.results_json))
    names = status_names()

    def rows(findings) -> tuple[ChangeRow, ...]:
        return tuple(
            ChangeRow(f["rule"], rule_title(f["rule"], f.get("title")), names.get(f["status"], f["status"]), said(f))
            for f in findings
        )

    return ChangesView(previous.number, rows(changes.resolved), rows(changes.new), rows(changes.still_failing))


# ----------------------------------------------------------------- preflight in plain words


@dataclass(frozen=True)
class PreflightView:
    ready: bool
    points: tuple[str, ...]  # one sentence each
    more: int  # points not listed


def preflight_view(submission: Submission) -> PreflightView | None:
    if not submission.preflight_json:
        return None
    return preflight_points(json.loads(submission.preflight_json))


def preflight_points(report: dict) -> PreflightView:
    """The preflight report (checker.preflight) as sentences an architect can act on."""
    points: list[str] = []
    more = 0

    def add_all(sentences: list[str]) -> None:
        nonlocal more
        points.extend(sentences[:MAX_PREFLIGHT_ROWS])
        more += max(0, len(sentences) - MAX_PREFLIGHT_ROWS)

    add_all(
        [
            _("%(storey)s: check the units. %(message)s", storey=u["storey"], message=u["message"])
            for u in report.get("units_to_check", [])
        ]
    )
    for file in report.get("files", []):
        layers = file.get("layers", {})
        unmapped = layers.get("unmapped", [])
        if unmapped:
            listed = ", ".join(u["layer"] for u in unmapped[:MAX_PREFLIGHT_ROWS])
            if len(unmapped) > MAX_PREFLIGHT_ROWS:
                listed += " " + _("and %(count)s more", count=len(unmapped) - MAX_PREFLIGHT_ROWS)
            points.append(
                _(
                    "%(storey)s: nothing on the layers %(layers)s is checked, because no layer name of the plan convention matches them.",
                    storey=file["storey"],
                    layers=listed,
                )
            )
        hidden = layers.get("hidden", [])
        if hidden:
            points.append(
                _(
                    "%(storey)s: the layers %(layers)s are off or frozen, so what is on them is ignored.",
                    storey=file["storey"],
                    layers=", ".join(h["layer"] for h in hidden[:MAX_PREFLIGHT_ROWS]),
                )
            )
        if file.get("recovered"):
            points.append(
                _(
                    "%(storey)s: the file was damaged and has been repaired (%(count)s repairs); check the plan drawing below.",
                    storey=file["storey"],
                    count=file.get("repairs", {}).get("count", 0),
                )
            )
    add_all([_gap_sentence(gap) for gap in report.get("missing_attributes", [])])
    for item in report.get("cannot_assess", []):
        points.append(
            _(
                "%(rule)s (%(title)s) cannot be fully assessed: %(reasons)s.",
                rule=item["rule"],
                title=item["title"],
                reasons="; ".join(_reason(r) for r in item["reasons"]),
            )
        )
    return PreflightView(ready=bool(report.get("ready")), points=tuple(points), more=more)


def _gap_sentence(gap: dict) -> str:
    missing = [
        _("%(tag)s (for %(rules)s)", tag=m["tag"], rules=", ".join(m["needed_by"])) for m in gap.get("missing", [])
    ]
    invalid = [f"{i['tag']}: {i['reason']}" for i in gap.get("invalid", [])]
    kind = {"door": _("door"), "window": _("window")}.get(gap.get("kind", ""), gap.get("kind", ""))
    if missing:
        sentence = _(
            "%(storey)s: the %(kind)s %(handle)s on %(layer)s lacks the attribute %(missing)s.",
            storey=gap["storey"],
            kind=kind,
            handle=gap["handle"],
            layer=gap["layer"],
            missing="; ".join(missing),
        )
    else:
        sentence = _(
            "%(storey)s: the %(kind)s %(handle)s on %(layer)s has an attribute that cannot be read.",
            storey=gap["storey"],
            kind=kind,
            handle=gap["handle"],
            layer=gap["layer"],
        )
    return sentence + (" " + "; ".join(invalid) + "." if invalid else "")


def _reason(reason: str) -> str:
    # The checker writes "no <role label> in the plan"; say which layers to draw them on.
    for role in LayerRole:
        if reason == f"no {role.label} in the plan":
            return _(
                "no %(what)s in the plan (draw them on a layer named %(layers)s)",
                what=role.label,
                layers=_(" or ").join(DEFAULT_PATTERNS[role]),
            )
    return reason
