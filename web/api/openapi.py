"""The OpenAPI 3.1 document of the JSON API, served at /api/v1/openapi.json.

Written by hand next to `web/api/views.py` (the tests hold the two together: every API
route is described, every described path is a route, and the tests' responses
validate against the schemas here). The results schema is the checker's own,
`checker/schema/results.schema.json`, embedded as `components/schemas/Results`
so that the API and `annex check --json` share one contract.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

RESULTS_SCHEMA = Path(__file__).resolve().parents[2] / "checker" / "schema" / "results.schema.json"
RESULTS_POINTER = "#/components/schemas/Results"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _embedded_results_schema() -> dict:
    """The results schema, its internal references re-pointed to where it sits in this document.

    Its `$id` and `$schema` are dropped: under an `$id` a reference would
    resolve against the schema's own URL instead of this document.
    """
    schema = json.loads(RESULTS_SCHEMA.read_text(encoding="utf-8"))
    schema.pop("$schema", None)
    schema.pop("$id", None)

    def repoint(node):
        if isinstance(node, dict):
            return {
                k: (
                    RESULTS_POINTER + v[1:] if k == "$ref" and isinstance(v, str) and v.startswith("#/") else repoint(v)
                )
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [repoint(item) for item in node]
        return node

    return repoint(schema)


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(_ref("Error"), description)


UNAUTHORISED = _error("No token, or an unknown or revoked one.")
NOT_FOUND = _error(
    "No such record, or not one the caller may see (another architect's project, another municipality's submission)."
)
NOT_YET = _error("The check has not produced this yet, or it failed (the sentence says which).")

VERSION_ID = {
    "name": "version_id",
    "in": "path",
    "required": True,
    "description": "A version's id (`id` in a version).",
    "schema": {"type": "integer"},
}
PROJECT_ID = {"name": "project_id", "in": "path", "required": True, "schema": {"type": "integer"}}

NULLABLE_TEXT = {"type": ["string", "null"]}
TIMESTAMP = {"type": "string", "format": "date-time", "description": "UTC, ISO 8601."}

REVIEW_OUTCOME = {
    "enum": ["approved", "approved_with_deviations", "changes_requested", None],
    "description": "How the review ended: approved (with deviations when a standing decision accepts one) "
    "or changes requested; null until a reviewer signs the version off.",
}

VERSION_SUMMARY: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "number", "created_at", "check_state", "verdict", "review_state", "review_outcome", "url"],
    "properties": {
        "id": {"type": "integer", "description": "The version's id, used in /versions/{version_id}."},
        "number": {"type": "integer", "minimum": 1, "description": "1, 2, ... within the project."},
        "created_at": TIMESTAMP,
        "check_state": {"enum": ["queued", "running", "done", "failed"]},
        "verdict": {"enum": ["complies", "fails", "incomplete", None], "description": "Null until the check is done."},
        "review_state": {"enum": ["new", "in_review", "changes_requested", "approved"]},
        "review_outcome": REVIEW_OUTCOME,
        "url": {"type": "string", "description": "The version's status."},
    },
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "additionalProperties": False,
        "properties": {"error": {"type": "string", "description": "One sentence saying what is wrong and what to do."}},
    },
    "Me": {
        "type": "object",
        "required": ["id", "name", "email", "role", "municipality"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "email": {"type": "string"},
            "role": {"enum": ["architect", "reviewer"]},
            "municipality": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["id", "name"],
                        "additionalProperties": False,
                        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
                    },
                ],
                "description": "A reviewer's municipality; null for an architect.",
            },
        },
    },
    "Municipality": {
        "type": "object",
        "required": ["id", "name", "default_ruleset"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "default_ruleset": {"type": "string", "description": "Used when a submission names no ruleset."},
        },
    },
    "Ruleset": {
        "type": "object",
        "required": ["name", "title", "jurisdiction", "version", "status"],
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "description": "What a submission's `ruleset` field takes."},
            "title": {"type": "string"},
            "jurisdiction": {"type": "string"},
            "version": {"type": "string"},
            "status": {"enum": ["provisional", "final"]},
        },
    },
    "NewProject": {
        "type": "object",
        "required": ["name", "municipality_id"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 200},
            "address": {"type": "string", "maxLength": 300},
            "permit_number": {"type": "string", "maxLength": 100},
            "municipality_id": {"type": "integer", "description": "From GET /municipalities."},
            "dwellings": {"type": "integer", "minimum": 1, "default": 1},
        },
    },
    "Project": {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "id",
            "name",
            "address",
            "permit_number",
            "municipality",
            "dwellings",
            "created_at",
            "url",
            "versions",
        ],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "address": {"type": "string"},
            "permit_number": {"type": "string"},
            "municipality": {
                "type": "object",
                "required": ["id", "name"],
                "additionalProperties": False,
                "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            },
            "dwellings": {"type": "integer", "minimum": 1},
            "created_at": TIMESTAMP,
            "url": {"type": "string"},
            "versions": {
                "type": "array",
                "items": _ref("VersionSummary"),
                "description": "Oldest first; never overwritten.",
            },
        },
    },
    "VersionSummary": VERSION_SUMMARY,
    "Version": {
        "description": "A version and the state of its check: poll it until check_state is done or failed.",
        "type": "object",
        "additionalProperties": False,
        "required": [*VERSION_SUMMARY["required"], "project", "ruleset", "storeys", "progress", "error", "links"],
        "properties": {
            **VERSION_SUMMARY["properties"],
            "project": {
                "type": "object",
                "required": ["id", "url"],
                "additionalProperties": False,
                "properties": {"id": {"type": "integer"}, "url": {"type": "string"}},
            },
            "ruleset": {"type": "string"},
            "storeys": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "elevation_m", "file", "sha256", "size"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"},
                        "elevation_m": {"type": "number"},
                        "file": {"type": "string", "description": "The file name as uploaded (shown only)."},
                        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                        "size": {"type": "integer"},
                    },
                },
            },
            "progress": {
                "type": "object",
                "required": ["percent", "label"],
                "additionalProperties": False,
                "properties": {
                    "percent": {"type": "integer", "minimum": 0, "maximum": 100},
                    "label": {"type": "string", "description": "What the check is doing now."},
                },
            },
            "error": {**NULLABLE_TEXT, "description": "Why the check failed, in one sentence; null otherwise."},
            "links": {
                "type": "object",
                "additionalProperties": False,
                "required": ["status", "preflight", "results", "changes", "annex", "layers", "schedule"],
                "description": "Where to fetch what exists so far; null for what does not yet.",
                "properties": {
                    name: NULLABLE_TEXT
                    for name in ("status", "preflight", "results", "changes", "annex", "layers", "schedule")
                },
            },
        },
    },
    "Decision": {
        "type": "object",
        "additionalProperties": False,
        "required": ["finding_key", "verdict", "justification", "reviewer", "decided_at"],
        "properties": {
            "finding_key": {"type": "string", "description": "Matches an entry of `finding_keys`."},
            "verdict": {"enum": ["accepted", "rejected", "deviation"]},
            "justification": {"type": "string"},
            "reviewer": {"type": "string"},
            "decided_at": TIMESTAMP,
        },
    },
    "Review": {
        "type": "object",
        "additionalProperties": False,
        "required": ["state", "outcome", "notes", "decided_at", "decided_by", "signed_off_annex_sha256", "decisions"],
        "properties": {
            "state": {"enum": ["new", "in_review", "changes_requested", "approved"]},
            "outcome": REVIEW_OUTCOME,
            "notes": {
                "type": ["string", "null"],
                "description": "The reviewer's note on the final decision (the changes requested, or the conditions "
                "of an approval); null until decided or when none was given.",
            },
            "decided_at": {"oneOf": [TIMESTAMP, {"type": "null"}]},
            "decided_by": NULLABLE_TEXT,
            "signed_off_annex_sha256": {
                "type": ["string", "null"],
                "pattern": "^[0-9a-f]{64}$",
                "description": "SHA-256 of the frozen signed-off annex, once there is one.",
            },
            "decisions": {
                "type": "array",
                "items": _ref("Decision"),
                "description": "The standing decision on each finding. An architect sees them once the review is decided.",
            },
        },
    },
    "ResultsResponse": {
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "review", "finding_keys", "results"],
        "properties": {
            "version": {"type": "integer"},
            "review": _ref("Review"),
            "finding_keys": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Each finding's identity, in the order of results.findings (what decisions refer to).",
            },
            "results": _ref("Results"),
        },
    },
    "Preflight": {
        "type": "object",
        "description": "What the plan holds and what the ruleset will not be able to judge, before any finding.",
        "required": [
            "project",
            "ruleset",
            "files",
            "counts",
            "units_to_check",
            "missing_attributes",
            "cannot_assess",
            "ready",
        ],
        "properties": {
            "project": {"type": "object"},
            "ruleset": _ref("Ruleset"),
            "files": {"type": "array", "items": {"$ref": RESULTS_POINTER + "/$defs/input"}},
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "units_to_check": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["storey", "message"],
                    "properties": {"storey": {"type": "string"}, "message": {"type": "string"}},
                },
            },
            "missing_attributes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["storey", "handle", "layer", "kind", "missing", "invalid"],
                    "properties": {
                        "storey": {"type": "string"},
                        "handle": {"type": "string"},
                        "layer": {"type": "string"},
                        "kind": {"type": "string"},
                        "block": NULLABLE_TEXT,
                        "missing": {"type": "array", "items": {"type": "object", "required": ["tag", "needed_by"]}},
                        "invalid": {"type": "array", "items": {"type": "object", "required": ["tag", "reason"]}},
                    },
                },
            },
            "cannot_assess": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule", "title", "reasons"],
                    "properties": {
                        "rule": {"type": "string"},
                        "title": {"type": "string"},
                        "reasons": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "ready": {"type": "boolean", "description": "True when nothing stands in the way of a complete check."},
        },
    },
    "Changes": {
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "previous_version", "resolved", "new", "still_failing"],
        "description": "Failing and unjudged findings compared with the previous version (all lists empty for a first version).",
        "properties": {
            "version": {"type": "integer"},
            "previous_version": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["id", "number"],
                        "additionalProperties": False,
                        "properties": {"id": {"type": "integer"}, "number": {"type": "integer"}},
                    },
                ]
            },
            "resolved": {"type": "array", "items": {"$ref": RESULTS_POINTER + "/$defs/finding"}},
            "new": {"type": "array", "items": {"$ref": RESULTS_POINTER + "/$defs/finding"}},
            "still_failing": {"type": "array", "items": {"$ref": RESULTS_POINTER + "/$defs/finding"}},
        },
    },
    "Layers": {
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "layers"],
        "description": "Every layer with content in the version's files, as the version page lists it: the role the "
        "reader gave it, how and why (in the request's language), and whether the role is the project's own choice.",
        "properties": {
            "version": {"type": "integer"},
            "layers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["layer", "role", "role_name", "how", "reason", "storeys", "chosen"],
                    "properties": {
                        "layer": {"type": "string"},
                        "role": {
                            "type": "string",
                            "description": "walls, doors, windows, spaces, access, site, public, fence, light... "
                            "or none (nothing on the layer is checked).",
                        },
                        "role_name": {"type": "string", "description": "The role in words."},
                        "how": {
                            **NULLABLE_TEXT,
                            "description": "How the role was found: the project's choice, a layer mapping, a "
                            "standard layer name, a word in a known language, geometry.",
                        },
                        "reason": {**NULLABLE_TEXT, "description": "Why, e.g. layer name 'Türen' = doors, German."},
                        "storeys": {"type": "array", "items": {"type": "string"}},
                        "chosen": {"type": "boolean", "description": "The role is the architect's own choice."},
                    },
                },
            },
        },
    },
    "Schedule": {
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "columns", "choices", "openings", "schedule"],
        "description": "The openings schedule as the version page shows it (docs/schedule.md): one entry per "
        "recognised door and window with the values the drawing, the schedule or a guess (ending in ?) gives it; "
        "`schedule` holds the rows the version was checked with, as sent.",
        "properties": {
            "version": {"type": "integer"},
            "columns": {"type": "array", "items": {"type": "string"}, "description": "ROLE, RC, CERT, GLAZING ..."},
            "choices": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
                "description": "The values each column offers (others may be given where the column allows).",
            },
            "openings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "storey",
                        "handle",
                        "type_mark",
                        "drawn_type_mark",
                        "kind",
                        "width_mm",
                        "external",
                        "values",
                    ],
                    "properties": {
                        "storey": {"type": "string"},
                        "handle": {"type": "string", "description": "The DXF handle, as findings name it."},
                        "type_mark": {**NULLABLE_TEXT, "description": "D1, W2, ... as the schedule gives it."},
                        "drawn_type_mark": {**NULLABLE_TEXT, "description": "The type mark read off the drawing."},
                        "kind": {"type": "string", "description": "door or window"},
                        "width_mm": {"type": "string"},
                        "external": {"type": "boolean"},
                        "values": {"type": "object", "additionalProperties": {"type": "string"}},
                    },
                },
            },
            "schedule": {
                "type": "array",
                "items": {"type": "object", "additionalProperties": {"type": "string"}},
                "description": "Rows naming an opening (storey and handle) or a type (type_mark), with their values.",
            },
        },
    },
    "ScheduleUpload": {
        "type": "object",
        "required": ["schedule"],
        "properties": {
            "schedule": {
                "type": "string",
                "contentMediaType": "text/csv",
                "description": "The filled-in schedule, CSV (UTF-8) or XLSX, with the columns `annex schedule` "
                "writes; rows name one opening (handle) or a whole type (type_mark).",
            }
        },
    },
    "NewVersion": {
        "type": "object",
        "description": "Either one `storey` file per storey with `name` and `elevation` in the same order, or one `zip` "
        "holding project.toml and the DXF files it names (its storeys, layers and ruleset are used).",
        "properties": {
            "storey": {
                "type": "array",
                "items": {"type": "string", "contentMediaType": "application/dxf"},
                "description": "A DXF file (ASCII or binary), one per storey.",
            },
            "name": {
                "type": "array",
                "items": {"type": "string"},
                "description": "The storeys' names, e.g. Ground floor.",
            },
            "elevation": {
                "type": "array",
                "items": {"type": "string"},
                "description": "The storeys' floor levels in metres, e.g. 0 and 2.8.",
            },
            "zip": {"type": "string", "contentMediaType": "application/zip"},
            "ruleset": {"type": "string", "description": "A ruleset's name; the municipality's default when absent."},
        },
    },
}


def _operation(
    summary: str,
    responses: dict,
    *,
    operation_id: str,
    tags: list[str],
    description: str = "",
    parameters: list | None = None,
    request_body: dict | None = None,
    public: bool = False,
) -> dict:
    operation = {"operationId": operation_id, "summary": summary, "tags": tags, "responses": responses}
    if description:
        operation["description"] = description
    if parameters:
        operation["parameters"] = parameters
    if request_body:
        operation["requestBody"] = request_body
    if public:
        operation["security"] = []
    else:
        operation["responses"] = {**responses, "401": UNAUTHORISED}
    return operation


def _paths() -> dict:
    version_tags = ["versions"]
    return {
        "/openapi.json": {
            "get": _operation(
                "This document",
                {"200": _json({"type": "object"}, "The OpenAPI 3.1 document.")},
                operation_id="openapi",
                tags=["meta"],
                public=True,
            )
        },
        "/me": {
            "get": _operation(
                "Who the token belongs to", {"200": _json(_ref("Me"), "The caller.")}, operation_id="me", tags=["meta"]
            )
        },
        "/municipalities": {
            "get": _operation(
                "The municipalities a project can be submitted to",
                {"200": _json({"type": "array", "items": _ref("Municipality")}, "By name.")},
                operation_id="listMunicipalities",
                tags=["reference"],
            )
        },
        "/rulesets": {
            "get": _operation(
                "The rulesets a version can be checked against",
                {"200": _json({"type": "array", "items": _ref("Ruleset")}, "By name.")},
                operation_id="listRulesets",
                tags=["reference"],
            )
        },
        "/projects": {
            "get": _operation(
                "The caller's projects",
                {"200": _json({"type": "array", "items": _ref("Project")}, "Newest first.")},
                operation_id="listProjects",
                tags=["projects"],
                description="An architect's own projects; for a reviewer, the projects submitted to their municipality.",
            ),
            "post": _operation(
                "Create a project (architects)",
                {
                    "201": {
                        **_json(_ref("Project"), "The new project."),
                        "headers": {"Location": {"schema": {"type": "string"}, "description": "The project's URL."}},
                    },
                    "400": _error("The body is not a JSON object."),
                    "403": _error("The caller is a reviewer."),
                    "415": _error("The body is not application/json."),
                    "422": _error("A field is missing or wrong; the sentence says which."),
                },
                operation_id="createProject",
                tags=["projects"],
                request_body={"required": True, "content": {"application/json": {"schema": _ref("NewProject")}}},
            ),
        },
        "/projects/{project_id}": {
            "get": _operation(
                "A project and its versions",
                {"200": _json(_ref("Project"), "The project."), "404": NOT_FOUND},
                operation_id="getProject",
                tags=["projects"],
                parameters=[PROJECT_ID],
            )
        },
        "/projects/{project_id}/versions": {
            "post": _operation(
                "Submit a new version of a project (architects)",
                {
                    "202": {
                        **_json(_ref("Version"), "Accepted; the check runs. Poll the status URL."),
                        "headers": {
                            "Location": {"schema": {"type": "string"}, "description": "The version's status URL."}
                        },
                    },
                    "403": _error("The caller is a reviewer."),
                    "404": NOT_FOUND,
                    "413": _error("The upload is larger than the server's limit."),
                    "415": _error("The body is not multipart/form-data."),
                    "422": _error(
                        "A file is not a DXF (or a zip), a storey lacks a name or elevation, or the ruleset is unknown; "
                        "nothing is stored."
                    ),
                    "507": _error("The server's disk is full; nothing is stored."),
                },
                operation_id="submitVersion",
                tags=version_tags,
                parameters=[PROJECT_ID],
                description="Versions are never overwritten: each submission is a new version numbered 1, 2, ...",
                request_body={
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": _ref("NewVersion"),
                            "encoding": {
                                "storey": {"contentType": "application/dxf, application/octet-stream, text/plain"},
                                "zip": {"contentType": "application/zip, application/octet-stream"},
                            },
                        }
                    },
                },
            )
        },
        "/versions/{version_id}": {
            "get": _operation(
                "A version's status",
                {"200": _json(_ref("Version"), "The version and its check's progress."), "404": NOT_FOUND},
                operation_id="getVersion",
                tags=version_tags,
                parameters=[VERSION_ID],
            )
        },
        "/versions/{version_id}/preflight": {
            "get": _operation(
                "What the plan holds and what cannot be judged",
                {"200": _json(_ref("Preflight"), "The preflight report."), "404": NOT_FOUND, "409": NOT_YET},
                operation_id="getPreflight",
                tags=version_tags,
                parameters=[VERSION_ID],
            )
        },
        "/versions/{version_id}/layers": {
            "get": _operation(
                "The layers as recognised: each one's role, how and why",
                {"200": _json(_ref("Layers"), "The version's layers."), "404": NOT_FOUND, "409": NOT_YET},
                operation_id="getLayers",
                tags=version_tags,
                parameters=[VERSION_ID],
            )
        },
        "/versions/{version_id}/schedule": {
            "get": _operation(
                "The openings schedule: one row per recognised door and window",
                {"200": _json(_ref("Schedule"), "The version's schedule."), "404": NOT_FOUND, "409": NOT_YET},
                operation_id="getSchedule",
                tags=version_tags,
                parameters=[VERSION_ID],
            ),
            "post": _operation(
                "Send a filled-in openings schedule (architects): a new version of the same drawings",
                {
                    "202": {
                        **_json(_ref("Version"), "Accepted: the new version holding the schedule is being checked."),
                        "headers": {
                            "Location": {"schema": {"type": "string"}, "description": "The new version's status URL."}
                        },
                    },
                    "403": _error("The caller is a reviewer."),
                    "404": NOT_FOUND,
                    "409": NOT_YET,
                    "413": _error("The upload is larger than the server's limit."),
                    "415": _error("The body is not multipart/form-data."),
                    "422": _error(
                        "No schedule file, or one the checker refuses: not CSV or XLSX, an unknown column, an opening "
                        "or type the version does not have, a class the version's ruleset does not know (the "
                        "sentence names the row); no version is made."
                    ),
                },
                operation_id="sendSchedule",
                tags=version_tags,
                parameters=[VERSION_ID],
                description="As the version page's upload: the schedule is read by the checker's own reader and "
                "kept with a new version of the same drawings, checked with it; versions are never overwritten.",
                request_body={
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": _ref("ScheduleUpload"),
                            "encoding": {
                                "schedule": {
                                    "contentType": "text/csv, application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet, application/octet-stream"
                                }
                            },
                        }
                    },
                },
            ),
        },
        "/versions/{version_id}/results": {
            "get": _operation(
                "The check's results and the review's state",
                {
                    "200": _json(
                        _ref("ResultsResponse"),
                        "`results` is what `annex check --json` writes (checker/schema/results.schema.json).",
                    ),
                    "404": NOT_FOUND,
                    "409": NOT_YET,
                },
                operation_id="getResults",
                tags=version_tags,
                parameters=[VERSION_ID],
            )
        },
        "/versions/{version_id}/changes": {
            "get": _operation(
                "What changed since the previous version",
                {
                    "200": _json(_ref("Changes"), "Resolved, new and still failing findings."),
                    "404": NOT_FOUND,
                    "409": _error("This version or the previous one has no results."),
                },
                operation_id="getChanges",
                tags=version_tags,
                parameters=[VERSION_ID],
            )
        },
        "/versions/{version_id}/annex.pdf": {
            "get": _operation(
                "The PDF security annex",
                {
                    "200": {
                        "description": "The signed-off annex, frozen, once a reviewer decided; before that the check's annex.",
                        "headers": {
                            "X-Annex-Kind": {
                                "schema": {"enum": ["signed-off", "check"]},
                                "description": "Which of the two annexes this is.",
                            },
                            "X-Content-SHA256": {
                                "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                                "description": "The signed-off annex's recorded SHA-256 (signed-off only).",
                            },
                        },
                        "content": {
                            "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}
                        },
                    },
                    "404": NOT_FOUND,
                    "409": NOT_YET,
                    "500": _error("The signed-off annex on file no longer matches its recorded fingerprint."),
                },
                operation_id="getAnnex",
                tags=version_tags,
                parameters=[VERSION_ID],
            )
        },
    }


@lru_cache(maxsize=1)
def _document() -> str:
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "security-annex API",
            "version": "1.0.0",
            "summary": "Submit DXF floor plans for a burglary-prevention check and fetch the results and the PDF security annex.",
            "description": (
                "For permit systems. Create a token on /account/tokens and send it as `Authorization: Bearer <token>`. "
                "An architect's token reaches only that architect's projects; a reviewer's token reads the submissions "
                "of the reviewer's municipality. Anything the caller may not see answers 404. Errors are JSON: "
                '`{"error": "<one sentence>"}`.'
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerToken": []}],
        "tags": [{"name": "meta"}, {"name": "reference"}, {"name": "projects"}, {"name": "versions"}],
        "paths": _paths(),
        "components": {
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token made on /account/tokens; shown once.",
                }
            },
            "schemas": {**SCHEMAS, "Results": _embedded_results_schema()},
        },
    }
    return json.dumps(document, ensure_ascii=False)


def openapi_document() -> dict:
    """A fresh copy of the document (callers may not change the cached one)."""
    return json.loads(_document())
