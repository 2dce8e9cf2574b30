"""What the checker recognised in a version's drawings, as the pages show it, and what
the architect says back: the layers' roles and (stored with the version) the openings.

After an upload the version page lists every layer with the role the reader gave it,
how (the project's own choice, a standard layer name, a word in a known language) and
why. The architect may change a role there; the choice is kept as the project's layer
roles (``Project.layer_roles_json``, ``{layer: role or "none"}``) and every later check
of the project reads the layers that way before anything their names say. Saving
checks the same drawings again as a new version: no version is ever overwritten, and
the new one says what changed.

The openings as recognised (type mark, how and how sure, which side, each value and
where it came from: the drawing, the openings schedule or a guess) are recorded with
the version when it is checked (``Submission.openings_json``), so the results pages of
both audiences can show them without reading the drawings again.

Nothing here judges a plan; the words come from the checker's catalogues (roles,
how an element was recognised) or from web.po.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checker.messages import Term, message_from_json, render
from checker.plan import Opening, Plan
from checker.reading.layers import LayerMapping, Role
from checker.reading.schedule import value_sources
from checker.report.annex import inferred_note, recognition
from checker.report.schedule import schedule_rows

from ..i18n import current_language
from ..i18n import gettext as _
from ..store import storage
from ..store.models import AuditEvent, Project, StoreyFile, Submission, User
from .submissions import SubmissionError

NO_ROLE = "none"  # the choice that makes a layer mean nothing to the checker
ROLE_CHOICES = tuple(role.value for role in Role) + (NO_ROLE,)
MAPPING_SOURCE = "the project's layer roles"  # how the checker's reasons name this mapping
MAX_LAYER_NAME = 255  # DXF layer names are shorter; longer form keys are not layer names
# The attributes the openings table shows, as (tag, key in OpeningAttributes.to_json()).
OPENING_VALUES = (
    ("ROLE", "role"),
    ("RC", "rc"),
    ("CERT", "cert"),
    ("GLAZING", "glazing"),
    ("SILL", "sill_m"),
    ("HEAD", "head_m"),
    ("GRILLE", "grille_m"),
    ("VIEWER", "viewer"),
    ("ACCESS", "access"),
)


# ----------------------------------------------------------------- the project's layer roles


def layer_roles(project: Project) -> dict[str, str]:
    """The roles the architect chose for the project's layers, {layer: role or "none"}."""
    return json.loads(project.layer_roles_json) if project.layer_roles_json else {}


def mapping_of(choices: dict[str, str]) -> LayerMapping:
    """The chosen roles as a layer mapping: each layer's exact name, tried before all else.

    A layer set to "none" is listed under that key, which the checker's mapping reads
    as "this layer holds nothing to check".
    """
    table: dict[str, list[str]] = {}
    for layer, role in choices.items():
        table.setdefault(role, []).append(_exact(layer))
    if not table:
        return LayerMapping()
    return LayerMapping.from_table(table, MAPPING_SOURCE)


def _exact(layer: str) -> str:
    """A layer name as a pattern that matches only that name (fnmatch's wildcards escaped)."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in layer)


# ----------------------------------------------------------------- what the page shows of the layers


@dataclass(frozen=True)
class LayerRow:
    layer: str
    role: str  # a Role value, or "none"
    how: str  # in words: "layer name", "layer mapping" ...; "" when nothing recognised it
    reason: str  # why, in the page's language where the checker said it as a message
    storeys: tuple[str, ...]
    chosen: bool  # the role is the architect's own choice


def layer_rows(submission: Submission) -> list[LayerRow]:
    """Every layer with content in the version's files, with its role, how and why.

    Read from the load report kept with the preflight: ``layers.roles`` when the
    checker gives it, else its roles by layer and its unmapped layers.
    """
    if not submission.preflight_json:
        return []
    report = json.loads(submission.preflight_json)
    chosen = json.loads(submission.layer_roles_json) if submission.layer_roles_json else {}
    language = current_language()
    mapping = version_mapping(submission)
    rows: dict[str, LayerRow] = {}
    for file in report.get("files", []):
        layers = file.get("layers", {})
        storey = file.get("storey", "")
        for entry in _role_entries(layers):
            name = entry["layer"]
            if name in rows:
                if storey not in rows[name].storeys:
                    rows[name] = _with_storey(rows[name], storey)
                continue
            role = entry.get("role") or NO_ROLE
            rows[name] = LayerRow(
                layer=name,
                role=role if role in ROLE_CHOICES else NO_ROLE,
                how=_how_words(entry.get("how"), language),
                reason=_reason_words(entry, mapping, language),
                storeys=(storey,),
                chosen=name in chosen,
            )
    return sorted(
        rows.values(), key=lambda row: (row.role == NO_ROLE, ROLE_CHOICES.index(row.role), row.layer.casefold())
    )


def _role_entries(layers: dict) -> list[dict]:
    """Layers with a role (with how and why when the report says it), then those without."""
    if "roles" in layers:
        entries = list(layers["roles"])
    else:
        entries = [{"layer": name, "role": role} for role, names in layers.get("by_role", {}).items() for name in names]
    entries += [{"layer": u["layer"], "role": None} for u in layers.get("unmapped", [])]
    return entries


def _with_storey(row: LayerRow, storey: str) -> LayerRow:
    return LayerRow(row.layer, row.role, row.how, row.reason, row.storeys + (storey,), row.chosen)


def _how_words(how: str | None, language: str) -> str:
    if not how:
        return ""
    return render(recognition(how, 1.0).args["how"], language)


def _reason_words(entry: dict, mapping: LayerMapping, language: str) -> str:
    """Why the layer has its role, in the page's language.

    The load report keeps the reason as a message (``message_id``, ``message_args``),
    which the catalogue says in any language. Reports stored before it did keep only the
    English: then the version's own mapping is asked again for the same reason.
    """
    reason = entry.get("reason")
    if not reason:
        return ""
    if isinstance(entry.get("message_id"), str) and isinstance(entry.get("message_args"), dict):
        return render(message_from_json(entry["message_id"], entry["message_args"]), language)
    explained = mapping.explain(entry["layer"])
    if explained.reason is not None and explained.role is not None and explained.role.value == entry.get("role"):
        return render(explained.reason, language)
    return reason if isinstance(reason, str) else ""


def version_mapping(submission: Submission) -> LayerMapping:
    """The layer mapping the version was checked with: its zip's [layers] table and the project's roles first."""
    mapping = (
        LayerMapping.from_table(json.loads(submission.layers_json), "project.toml [layers]")
        if submission.layers_json
        else LayerMapping()
    )
    if submission.layer_roles_json:
        mapping = mapping.merged(mapping_of(json.loads(submission.layer_roles_json)))
    return mapping


def role_names() -> dict[str, str]:
    """Each role in the page's language (the checker's own words for them)."""
    language = current_language()
    names = {role.value: render(Term(f"layer-role.{role.value}"), language) for role in Role}
    names[NO_ROLE] = _("none: nothing on it is checked")
    return names


def chosen_roles(form, rows: list[LayerRow]) -> dict[str, str]:
    """The roles the form sends that differ from what the page showed, {layer: role}.

    Only the layers the page listed are read; an unknown role is refused in one sentence.
    """
    listed = {row.layer: row for row in rows}
    changed: dict[str, str] = {}
    for index in range(len(rows) + 1):
        layer = form.get(f"layer-{index}-name")
        role = form.get(f"layer-{index}-role")
        if layer is None or role is None:
            continue
        if role not in ROLE_CHOICES:
            raise SubmissionError("There is no layer role “%(role)s”; choose one from the list.", role=role[:40])
        row = listed.get(layer)
        if row is not None and (role != row.role or row.chosen):
            changed[layer] = role
    return changed


def save_layer_roles(
    db_session: Session, project: Project, submission: Submission, user: User, form
) -> Submission | None:
    """Keep the roles the architect changed and check the version's drawings again with them.

    Returns the new version, or None when nothing changed.
    """
    rows = layer_rows(submission)
    changed = chosen_roles(form, rows)
    roles = layer_roles(project)
    if all(roles.get(layer) == role for layer, role in changed.items()):
        return None
    roles.update(changed)
    project.layer_roles_json = json.dumps(roles, ensure_ascii=False, sort_keys=True)
    detail = ", ".join(f"{layer} = {role}" for layer, role in sorted(changed.items()))
    return check_again(db_session, submission, user, f"layer roles changed: {detail}")


def check_again(
    db_session: Session, submission: Submission, user: User, why: str, schedule_json: str | None = None
) -> Submission:
    """A new version with the same drawings, the project's layer roles as they are now and
    (given or carried) the openings schedule; the caller starts its check."""
    project = submission.project
    number = (
        db_session.scalar(select(func.max(Submission.number)).where(Submission.project_id == project.id)) or 0
    ) + 1
    again = Submission(
        project=project,
        number=number,
        ruleset=submission.ruleset,
        submitted_by_id=user.id,
        layers_json=submission.layers_json,
        layer_roles_json=project.layer_roles_json,
        schedule_json=schedule_json if schedule_json is not None else submission.schedule_json,
    )
    db_session.add(again)
    for storey in submission.storeys:
        stored = storage.store_bytes(storage.upload_path(storey.stored_name).read_bytes(), ".dxf")
        db_session.add(
            StoreyFile(
                submission=again,
                position=storey.position,
                name=storey.name,
                elevation_m=storey.elevation_m,
                units=storey.units,
                original_name=storey.original_name,
                stored_name=stored.name,
                sha256=stored.sha256,
                size=stored.size,
            )
        )
    db_session.flush()
    db_session.add(
        AuditEvent(
            submission_id=again.id,
            user_id=user.id,
            action="submitted",
            detail=f"version {number}: the drawings of version {submission.number} checked again; {why}",
        )
    )
    db_session.commit()
    return again


# ----------------------------------------------------------------- the openings, recorded at the check


def openings_record(plan: Plan) -> dict:
    """For ``Submission.openings_json``: each door and window as the check read it, and the
    openings schedule as ``annex schedule`` would write it for this plan (the page's table)."""
    return {
        "openings": [_opening_record(storey.name, opening) for storey in plan.storeys for opening in storey.openings],
        "schedule_rows": schedule_rows(plan),
    }


def recorded_openings(openings_json: str | None) -> list[dict]:
    if not openings_json:
        return []
    recorded = json.loads(openings_json)
    return recorded.get("openings", []) if isinstance(recorded, dict) else recorded


def _opening_record(storey: str, opening: Opening) -> dict:
    source = opening.source
    values = opening.attributes.to_json()
    return {
        "storey": storey,
        "handle": source.handle,
        "layer": source.layer,
        "kind": opening.kind.value,
        "type_mark": source.type_mark,
        "recognised_by": source.recognised_by,
        "confidence": round(source.confidence, 2),
        "inferred": source.inferred,
        "external": bool(opening.on_envelope),
        "width_m": round(opening.width_m, 3),
        "at": [round(opening.position.x, 3), round(opening.position.y, 3)],  # metres: carries the schedule by position
        "values": {tag: values.get(key) for tag, key in OPENING_VALUES if values.get(key) is not None},
        "sources": value_sources(opening.attributes),
    }


@dataclass(frozen=True)
class OpeningValue:
    tag: str
    text: str
    source: str  # "block", "schedule", "guess" or ""


@dataclass(frozen=True)
class OpeningRow:
    storey: str
    handle: str
    layer: str
    kind: str  # in words
    type_mark: str
    recognised: str  # "geometry, 0.85" in the page's language
    inferred: str  # the sentence saying it was inferred, or ""
    external: bool
    width: str
    values: tuple[OpeningValue, ...]

    @property
    def from_schedule(self) -> int:
        return sum(1 for v in self.values if v.source == "schedule")


def openings_view(submission: Submission) -> list[OpeningRow]:
    if not submission.openings_json:
        return []
    language = current_language()
    kinds = {"door": _("door"), "window": _("window")}
    rows = []
    for record in recorded_openings(submission.openings_json):
        sources = record.get("sources", {})
        values = tuple(
            OpeningValue(tag, value_text(record["values"][tag]), sources.get(tag, ""))
            for tag, _key in OPENING_VALUES
            if tag in record.get("values", {})
        )
        how, confidence = record.get("recognised_by", ""), record.get("confidence", 1.0)
        rows.append(
            OpeningRow(
                storey=record["storey"],
                handle=record["handle"],
                layer=record.get("layer", ""),
                kind=kinds.get(record["kind"], record["kind"]),
                type_mark=record.get("type_mark") or "",
                recognised=render(recognition(how, confidence), language),
                inferred=render(inferred_note(how, confidence), language) if record.get("inferred") else "",
                external=bool(record.get("external")),
                width=f"{record.get('width_m', 0):.2f} m",
                values=values,
            )
        )
    return rows


def value_text(value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") + " m"
    if isinstance(value, list):
        return " / ".join(f"{v * 1000:g} mm" for v in value)
    return str(value)


def finding_recognition(element: dict) -> str:
    """What a finding's element says about how it was found: the inferred note, or ""."""
    if not element.get("inferred"):
        return ""
    return render(inferred_note(element.get("recognised_by", ""), element.get("confidence", 1.0)), current_language())


# ----------------------------------------------------------------- the preview of what was recognised

_STYLE_ELEMENT = re.compile(r"<style>.*?</style>", re.S)


def preview_markup(submission: Submission) -> Markup | None:
    """The preview drawn at the check, in the page's language, fit for a page whose CSP
    allows no inline style: its ``<style>`` rules live in static/preview.css.

    It is the checker's own SVG (preview.py escapes every text taken from the drawing).
    """
    if not submission.preview_json:
        return None
    pictures = json.loads(submission.preview_json)
    svg = pictures.get(current_language()) or pictures.get("en")
    if not svg:
        return None
    # An image needs a name for screen readers (axe: svg-img-alt); the checker's SVG has none.
    named = svg.replace('role="img"', f'role="img" aria-label="{Markup.escape(_("What was recognised"))}"', 1)
    return Markup(_STYLE_ELEMENT.sub("", named, count=1))
