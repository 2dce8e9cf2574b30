"""Preflight: what a plan holds and what the chosen ruleset will not be able to judge.

Run before the check, so an architect learns in plain words what is missing (units,
layers, attributes) before reading any finding.
"""

from __future__ import annotations

from .reading.layers import Role
from .messages import render
from .plan import Plan
from .reading.schedule import openings_json
from .rules.base import opening_gaps
from .rulesets import Ruleset


def preflight(plan: Plan, ruleset: Ruleset) -> dict:
    rules = [e.rule for e in ruleset.rules]
    counts = plan.counts()
    gaps = [g for g in opening_gaps(plan, rules) if not g.complete]

    cannot: list[dict] = []
    for rule in rules:
        reasons = [f"no {Role(role).label} in the plan" for role in rule.needs.roles if not counts.get(role)]
        lacking = [g for g in gaps if any(rule.id in ids for _, ids in g.missing)]
        if lacking:
            one = len(lacking) == 1
            reasons.append(
                f"{len(lacking)} opening{'' if one else 's'} {'lacks' if one else 'lack'} attributes it needs"
            )
        if reasons:
            cannot.append({"rule": rule.id, "title": rule.title, "reasons": reasons})

    units = []
    for load in plan.loads:
        if load.units.source == "assumed" or not load.units.plausible:
            units.append({"storey": load.storey, "message": load.units.message})

    return {
        "project": plan.project.to_json(),
        "ruleset": ruleset.info.to_json(),
        "files": [load.to_json() for load in plan.loads],
        "counts": counts,
        "units_to_check": units,
        "missing_attributes": [
            {
                "storey": g.storey,
                "handle": g.opening.source.handle,
                "layer": g.opening.source.layer,
                "kind": g.opening.kind.value,
                "block": g.opening.block,
                "missing": [{"tag": tag, "needed_by": list(ids)} for tag, ids in g.missing],
                "invalid": [{"tag": tag, "reason": render(reason)} for tag, reason in g.invalid],
            }
            for g in gaps
        ],
        "cannot_assess": cannot,
        "openings": openings_json(plan),  # each value with where it came from (block, schedule, guess)
        "ready": not units and not gaps and not cannot,
    }


def render_text(report: dict, max_rows: int = 25) -> str:
    """The preflight report as plain text for a terminal."""
    lines: list[str] = []
    project = report["project"]
    ruleset = report["ruleset"]
    lines.append(f"Preflight: {project['name']} — ruleset {ruleset['name']} {ruleset['version']} ({ruleset['status']})")
    for file in report["files"]:
        lines.append("")
        lines.append(f"{file['storey']}: {file['file']}")
        kind = "binary" if file["binary"] else "ASCII"
        lines.append(f"  DXF {file['release']} ({file['dxf_version']}, {kind}), SHA-256 {file['sha256'][:16]}…")
        if file["recovered"]:
            repairs = file["repairs"]
            lines.append(f"  Damaged file, recovered: {repairs['count']} repairs made.")
            lines.extend(f"    - {text}" for text in repairs["listed"][:5])
        lines.append(f"  Units: {file['units']['message']}")
        by_role = file["layers"]["by_role"]
        for role in Role:
            names = by_role.get(role.value)
            count = file["counts"].get(role.value, 0)
            shown = ", ".join(names) if names else "no layer"
            lines.append(f"  {role.label:<16} {count:>5}  on {shown}")
        unmapped = file["layers"]["unmapped"]
        if unmapped:
            listed = ", ".join(f"{u['layer']} ({u['entities']})" for u in unmapped[:max_rows])
            more = f" and {len(unmapped) - max_rows} more" if len(unmapped) > max_rows else ""
            lines.append(f"  Unmapped layers: {listed}{more}")
        hidden = file["layers"]["hidden"]
        if hidden:
            lines.append(
                "  Ignored, layer off or frozen: " + ", ".join(f"{h['layer']} ({h['entities']})" for h in hidden)
            )
        if file["ignored_entities"]:
            lines.append(
                "  Not used: " + ", ".join(f"{n} {kind}" for kind, n in sorted(file["ignored_entities"].items()))
            )
        for problem in file["problems"]:
            lines.append(f"  Note: {problem['count']} {problem['message']}")

    gaps = report["missing_attributes"]
    lines.append("")
    if gaps:
        lines.append(f"Openings missing attributes: {len(gaps)}")
        for gap in gaps[:max_rows]:
            needs = "; ".join(f"{m['tag']} (for {', '.join(m['needed_by'])})" for m in gap["missing"])
            bad = "; ".join(f"{i['tag']}: {i['reason']}" for i in gap["invalid"])
            text = ", ".join(part for part in (f"needs {needs}" if needs else "", bad) if part)
            lines.append(f"  {gap['storey']}: {gap['kind']} {gap['handle']} ({gap['block']} on {gap['layer']}): {text}")
        if len(gaps) > max_rows:
            lines.append(f"  … and {len(gaps) - max_rows} more (see --json).")
    else:
        lines.append("Openings missing attributes: none")
    if report["cannot_assess"]:
        lines.append("The ruleset will not be able to assess:")
        for item in report["cannot_assess"]:
            lines.append(f"  {item['rule']} {item['title']}: {'; '.join(item['reasons'])}")
    lines.append("")
    lines.append("Ready to check." if report["ready"] else "Not ready: fix the points above for a complete check.")
    return "\n".join(lines) + "\n"
