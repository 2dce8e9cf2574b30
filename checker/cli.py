"""The ``annex`` command.

Exit status: 0 the plan complies, 1 findings fail (or the check is incomplete),
2 the input cannot be used (one sentence on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .reading.layers import LayerMapping
from .engine import run_rules
from .errors import AnnexError
from .reading.load import load_plan
from .reading import limits as reading_limits
from .plan import Plan
from .preflight import preflight, render_text
from .results import Results, Status, Verdict, moment_from_environment, verdict_sentence
from .rulesets import DEFAULT_RULESET, REACH_PARAMETERS, Ruleset, available, load_ruleset
from .rules import catalogue

EXIT_COMPLIES, EXIT_FAILS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
MAX_FINDINGS_LISTED = 30


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one sentence, status 2, like every input error
        self.exit(EXIT_INPUT, f"annex: {message}; see `annex {self.prog.split()[-1]} --help`.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="annex", description="Check DXF floor plans against burglary-prevention criteria.")
    parser.add_argument("--version", action="version", version=f"security-annex {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def limit_arguments(sub: argparse.ArgumentParser) -> None:
        """The reading limits (checker.reading.limits): each option, else its environment variable, else the default."""
        defaults = reading_limits.Limits()
        group = sub.add_argument_group(
            "reading limits",
            "what a file or drawing may hold before it is refused in one sentence; "
            "each option may also be set with the environment variable it names",
        )
        group.add_argument(
            "--max-file-size",
            metavar="SIZE",
            help=(
                "largest file read, e.g. 500MB or 2GB "
                f"(env ANNEX_MAX_FILE_SIZE; default {reading_limits.size_text(defaults.max_file_bytes)})"
            ),
        )
        group.add_argument(
            "--max-entities",
            metavar="N",
            help=(
                "entities of a storey once blocks, MINSERT grids and hatches are expanded "
                f"(env ANNEX_MAX_ENTITIES; default {defaults.max_entities:,})"
            ),
        )
        group.add_argument(
            "--max-block-copies",
            metavar="N",
            help=(
                "placements of one block once expanded "
                f"(env ANNEX_MAX_BLOCK_COPIES; default {defaults.max_block_copies:,})"
            ),
        )
        group.add_argument(
            "--max-block-depth",
            metavar="N",
            help=f"levels of blocks inside blocks (env ANNEX_MAX_BLOCK_DEPTH; default {defaults.max_block_depth})",
        )

    def plan_arguments(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("target", type=Path, help="a DXF file (one storey) or a project.toml")
        sub.add_argument("--ruleset", help=f"ruleset name or file (default: the project's, else {DEFAULT_RULESET})")
        sub.add_argument("--units", help="drawing unit for every storey, overriding the header (mm, cm, m, in, ft)")
        sub.add_argument("--layers", type=Path, help="TOML file mapping your layer names to roles")
        sub.add_argument("--json", dest="json_out", metavar="OUT", help="write the JSON report to OUT ('-' for stdout)")
        sub.add_argument("--quiet", action="store_true", help="no progress display")
        sub.add_argument(
            "--schedule", type=Path, help="openings schedule (CSV or XLSX) with the doors' and windows' security data"
        )
        limit_arguments(sub)

    check = commands.add_parser("check", help="check a plan and report the findings")
    plan_arguments(check)
    check.add_argument("--pdf", dest="pdf_out", metavar="OUT", help="write the security annex as PDF/A-3b to OUT")
    check.add_argument("--language", choices=("en", "fa"), default="en", help="language of the PDF annex (default: en)")
    check.add_argument(
        "--show-passes", action="store_true", help="list and draw the passing findings in the PDF annex too"
    )
    pre = commands.add_parser("preflight", help="say what a plan holds and what cannot be assessed")
    plan_arguments(pre)
    schedule = commands.add_parser("schedule", help="write the openings schedule (CSV or XLSX) to fill in")
    schedule.add_argument("target", type=Path, help="a DXF file (one storey) or a project.toml")
    schedule.add_argument(
        "-o", "--out", type=Path, required=True, help="the schedule to write: openings.csv or openings.xlsx"
    )
    schedule.add_argument("--units", help="drawing unit for every storey, overriding the header (mm, cm, m, in, ft)")
    schedule.add_argument("--layers", type=Path, help="TOML file mapping your layer names to roles")
    schedule.add_argument("--schedule", type=Path, help="an earlier schedule whose values the new one carries")
    schedule.add_argument("--force", action="store_true", help="replace OUT if it exists")
    schedule.add_argument("--quiet", action="store_true", help="no progress display")
    limit_arguments(schedule)
    template = commands.add_parser("template", help="write an empty starter DXF with every layer and block")
    template.add_argument("out", type=Path, help="the DXF file to write")
    rulesets = commands.add_parser("rulesets", help="list the rulesets")
    rulesets.add_argument("--markdown", action="store_true", help="print docs/rulesets.md")
    preview = commands.add_parser("preview", help="draw what was recognised over the drawing, or write it as GeoJSON")
    preview.add_argument("target", type=Path, help="a DXF file (one storey) or a project.toml")
    preview.add_argument("--units", help="drawing unit for every storey, overriding the header (mm, cm, m, in, ft)")
    preview.add_argument("--layers", type=Path, help="TOML file mapping your layer names to roles")
    preview.add_argument(
        "-o", "--out", dest="picture_out", metavar="OUT", help="write the preview picture to OUT (.svg or .png)"
    )
    preview.add_argument(
        "--geojson",
        dest="geojson_out",
        metavar="OUT",
        help="write the recognised plan as GeoJSON to OUT ('-' for stdout)",
    )
    preview.add_argument(
        "--language",
        choices=("en", "fa"),
        default="en",
        help="language of the picture's legend and labels (default: en)",
    )
    preview.add_argument("--quiet", action="store_true", help="no progress display")
    limit_arguments(preview)
    rules = commands.add_parser("rules", help="print the rule catalogue")
    rules.add_argument("--markdown", action="store_true", help="print docs/rules.md")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with reading_limits.using(_limits(args)):
            return COMMANDS[args.command](args)
    except AnnexError as exc:
        print(f"annex: {exc.message}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("annex: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: one sentence, not a traceback
        if os.environ.get("ANNEX_DEBUG"):
            raise
        print(
            f"annex: internal error ({type(exc).__name__}: {exc}); set ANNEX_DEBUG=1 for details and please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


# ---------------------------------------------------------------- commands


def _limits(args) -> reading_limits.Limits:
    """The environment's limits with those given as options put over them."""
    given = {
        name: getattr(args, option.removeprefix("--").replace("-", "_"), None)
        for name, option in reading_limits.OPTIONS.items()
    }
    return reading_limits.Limits.from_environment().with_values(given)


def _load_plan(args, ruleset: Ruleset | None = None) -> Plan:
    mapping = LayerMapping.from_file(args.layers) if args.layers else None
    progress = None if args.quiet or not sys.stderr.isatty() else _progress
    plan = load_plan(
        args.target, units=args.units, mapping=mapping, progress=progress, schedule=args.schedule, ruleset=ruleset
    )
    if progress:
        sys.stderr.write("\r\033[K")
    return plan


def _load(args) -> tuple[Plan, Ruleset]:
    from .reading.manifest import load_project_spec

    # The ruleset first: the schedule's classes are checked against the one in force.
    name = args.ruleset or load_project_spec(args.target).info.ruleset or DEFAULT_RULESET
    ruleset = load_ruleset(name)
    return _load_plan(args, ruleset), ruleset


def _progress(label: str, done: int, total: int) -> None:
    percent = 100 if not total else int(100 * done / total)
    sys.stderr.write(f"\rReading {label}: {done:,} of {total:,} entities ({percent}%)")
    sys.stderr.flush()


def _write_json(data: dict | str | Results, out: str) -> None:
    if isinstance(data, Results):  # written as it is made
        if out == "-":
            data.write_json(sys.stdout)
            return
        path = Path(out)
        # Written beside the target and renamed when whole: a check that fails half-way
        # (disk full, interrupted) leaves no truncated results file that looks like an answer.
        partial = path.with_name(f".{path.name}.partial")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("w", encoding="utf-8", newline="") as stream:
                data.write_json(stream)
            os.replace(partial, path)
        except OSError as exc:
            raise AnnexError(f"Cannot write {out} ({exc.strerror or exc}).") from None
        finally:
            partial.unlink(missing_ok=True)
        return
    text = data if isinstance(data, str) else json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if out == "-":
        sys.stdout.write(text)
        return
    _write_file(out, text.encode("utf-8"))


def _write_file(out: str, data: bytes) -> None:
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise AnnexError(f"Cannot write {out} ({exc.strerror or exc}).") from None


def cmd_check(args) -> int:
    if not args.pdf_out and (args.language != "en" or args.show_passes):
        raise AnnexError("--language and --show-passes shape the PDF annex; give --pdf OUT with them.")
    plan, ruleset = _load(args)
    results = run_rules(plan, ruleset, moment=moment_from_environment())
    # The PDF attaches the JSON text: then it is made once, as one string. Otherwise the
    # text is streamed: on a large plan it is hundreds of megabytes.
    results_json = results.dumps() if args.pdf_out else ""
    if args.json_out:
        _write_json(results_json or results, args.json_out)
    if args.pdf_out:
        from .report.annex import annex_pdf

        pdf = annex_pdf(plan, results, language=args.language, show_passes=args.show_passes, results_json=results_json)
        _write_file(args.pdf_out, pdf)
    if args.json_out != "-":
        print(render_summary(results))
    return EXIT_COMPLIES if results.verdict is Verdict.COMPLIES else EXIT_FAILS


def cmd_preflight(args) -> int:
    plan, ruleset = _load(args)
    report = preflight(plan, ruleset)
    if args.json_out:
        _write_json(report, args.json_out)
    if args.json_out != "-":
        print(render_text(report), end="")
    return EXIT_COMPLIES


def cmd_preview(args) -> int:
    from .reading.manifest import load_project_spec
    from .reading.load import load_spec
    from .report import preview

    preview.check_outputs(args.picture_out, args.geojson_out)  # before any file is read
    mapping = LayerMapping.from_file(args.layers) if args.layers else None
    progress = None if args.quiet or not sys.stderr.isatty() else _progress
    spec = load_project_spec(args.target)
    plan = load_spec(spec, units=args.units, mapping=mapping, progress=progress)
    if progress:
        sys.stderr.write("\r\033[K")
    if args.geojson_out:
        _write_json(preview.geojson_text(plan), args.geojson_out)
    if args.picture_out:
        _write_file(
            args.picture_out,
            preview.picture_bytes(plan, [s.path for s in spec.storeys], args.picture_out, args.language),
        )
    if args.geojson_out != "-":
        counts = ", ".join(f"{n} {kind}" for kind, n in plan.counts().items() if n)
        written = " and ".join(out for out in (args.picture_out, args.geojson_out) if out)
        print(f"Wrote {written}: {counts or 'nothing recognised'}.")
    return EXIT_COMPLIES


def cmd_schedule(args) -> int:
    from .report.schedule import write_schedule

    if args.out.suffix.lower() not in (".csv", ".xlsx"):
        raise AnnexError(f"{args.out} should end in .csv or .xlsx.")
    if args.out.exists() and not args.force:  # a filled-in schedule is hours of work
        raise AnnexError(f"{args.out} exists; give --force to replace it, or another name.")
    plan = _load_plan(args)
    rows = write_schedule(plan, args.out)
    doors = sum(len(s.doors) for s in plan.storeys)
    print(
        f"Wrote {args.out}: {rows} row{'' if rows == 1 else 's'} ({doors} door{'' if doors == 1 else 's'}, "
        f"{rows - doors} window{'' if rows - doors == 1 else 's'}); fill in ROLE to ACCESS and run "
        f"`annex check {args.target} --schedule {args.out}` (see docs/schedule.md)."
    )
    return EXIT_COMPLIES


def cmd_template(args) -> int:
    from .reading.dxf.starter import write_template

    if args.out.suffix.lower() != ".dxf":
        raise AnnexError(f"{args.out} should end in .dxf.")
    try:
        write_template(args.out)
    except OSError as exc:
        raise AnnexError(f"Cannot write {args.out} ({exc.strerror or exc}).") from None
    print(f"Wrote {args.out}: every layer and the DOOR, WINDOW and LIGHT blocks; see docs/plan-convention.md.")
    return EXIT_COMPLIES


def cmd_rulesets(args) -> int:
    if args.markdown:
        print(render_rulesets_markdown(), end="")
        return EXIT_COMPLIES
    for name in available():
        ruleset = load_ruleset(name)
        info = ruleset.info
        default = "  (default)" if name == DEFAULT_RULESET else ""
        print(f"{name:<18} {info.version:<6} {info.status:<12} {info.title}{default}")
        print(f"{'':<18} rules: {', '.join(e.rule.id for e in ruleset.rules)}")
    return EXIT_COMPLIES


def cmd_rules(args) -> int:
    rules = catalogue()
    if args.markdown:
        print(render_rules_markdown(), end="")
        return EXIT_COMPLIES
    for rule in rules.values():
        print(f"{rule.id:<8} {rule.title}")
        print(f"{'':<8} source: {rule.source}")
    return EXIT_COMPLIES


COMMANDS = {
    "check": cmd_check,
    "preflight": cmd_preflight,
    "schedule": cmd_schedule,
    "template": cmd_template,
    "rulesets": cmd_rulesets,
    "rules": cmd_rules,
    "preview": cmd_preview,
}


# ---------------------------------------------------------------- rendering


def render_summary(results: Results) -> str:
    project = results.project
    info = results.ruleset
    lines = [
        f"{project['name']} — {info.title} {info.version}" + (" [PROVISIONAL]" if info.status == "provisional" else ""),
    ]
    for entry in results.inputs:
        lines.append(
            f"  {entry['storey']}: {Path(entry['file']).name} ({entry['units']['used']}, {entry['units']['source']})"
        )
    lines.append("")
    header = f"{'rule':<8} {'pass':>5} {'fail':>5} {'unjudged':>8} {'error':>5}  title"
    lines.append(header)
    lines.append("-" * 78)
    titles = results.rule_titles
    for rule, row in results.counts_by_rule().items():
        title = titles.get(rule, "")
        if not any(row[s.value] for s in Status if s is not Status.NOT_APPLICABLE):
            title += " (nothing to check)"
        lines.append(
            f"{rule:<8} {row['pass']:>5} {row['fail']:>5} {row['not_assessable']:>8} {row['error']:>5}  {title}"
        )
    problems = [f for f in results.findings if f.status in (Status.FAIL, Status.NOT_ASSESSABLE, Status.ERROR)]
    # What blocks comes first, so the list's cut never hides it behind a run of lesser ones:
    # crashed rules, then failures that are errors, then warnings, then the unjudged.
    problems.sort(key=lambda f: (f.status != Status.ERROR, f.status != Status.FAIL, f.severity.value == "warning"))
    if problems:
        lines.append("")
        for finding in problems[:MAX_FINDINGS_LISTED]:
            mark = {"fail": "FAIL", "not_assessable": "UNJUDGED", "error": "ERROR"}[finding.status.value]
            # The provisional figures are named in the JSON; here a word is enough.
            notes = [
                note
                for note, on in (
                    ("warning", finding.severity.value == "warning"),
                    ("provisional figures", bool(finding.provisional)),
                )
                if on
            ]
            lines.append(f"{mark} {finding.rule}{' (' + '; '.join(notes) + ')' if notes else ''}: {finding.message}")
        if len(problems) > MAX_FINDINGS_LISTED:
            lines.append(f"… and {len(problems) - MAX_FINDINGS_LISTED} more; write them all with --json.")
    if info.status == "provisional":
        lines.append("")
        lines.append(
            f"The ruleset {info.name} is provisional: its figures are not all confirmed against their sources."
        )
    lines.append("")
    lines.append(f"Verdict: {results.verdict.value.upper()}. {verdict_sentence(results.verdict)}")
    return "\n".join(lines)


def render_rulesets_markdown() -> str:
    """docs/rulesets.md, made from rulesets/*.toml as loaded and validated."""
    parts = [
        "# Rulesets\n",
        "Generated by `annex rulesets --markdown` from rulesets/*.toml; do not edit by hand.",
        "Figures marked *provisional* are not yet confirmed against a primary text; every",
        "finding that relies on one says so.\n",
    ]
    for name in available():
        ruleset = load_ruleset(name)
        info = ruleset.info
        default = " (the default)" if name == DEFAULT_RULESET else ""
        parts.append(f"## {name}{default}\n")
        parts.append(
            f"{info.title}. Jurisdiction {info.jurisdiction}, version {info.version}, status **{info.status}**.\n"
        )
        if ruleset.sources:
            parts.append("Sources:\n")
            parts += [f"- {source}" for source in ruleset.sources]
            parts.append("")
        parts.append("Reach (which openings a burglar can reach):\n")
        parts.append("| parameter | value |\n| --- | --- |")
        for key, value in ruleset.reach.items():
            mark = " *provisional*" if key in ruleset.reach_provisional else ""
            parts.append(f"| {key} | {_format_parameter(value, REACH_BY_NAME[key])}{mark} |")
        parts.append("\n| rule | severity | parameters |\n| --- | --- | --- |")
        for entry in ruleset.rules:
            params = "; ".join(
                f"{key} = {_format_parameter(value, entry.rule.parameter(key))}"
                + (" *provisional*" if key in entry.provisional else "")
                for key, value in entry.params.items()
            )
            parts.append(f"| {entry.rule.id} {entry.rule.title} | {entry.severity.value} | {params or '—'} |")
        parts.append("")
    return "\n".join(parts)


def _format_parameter(value, parameter) -> str:
    if isinstance(value, list):
        return ", ".join(value) or "none"
    if isinstance(value, float) and parameter.unit:
        return f"{value:g} {parameter.unit}"
    return str(value)


REACH_BY_NAME = {p.name: p for p in REACH_PARAMETERS}


def render_rules_markdown() -> str:
    """docs/rules.md, made from the rule modules' own documentation."""
    parts = [
        "# Rule catalogue\n",
        "Generated by `annex rules --markdown` from the rule modules' docstrings; do not edit by hand.\n",
        "| id | title | source |",
        "| --- | --- | --- |",
    ]
    rules = catalogue()
    parts += [f"| {r.id} | {r.title} | {r.source} |" for r in rules.values()]
    for rule in rules.values():
        parts.append(f"\n## {rule.id}: {rule.title}\n")
        parts.append(f"Applies to: {rule.applies_to}.\n")
        if rule.parameters:
            parts.append("| parameter | kind | default |\n| --- | --- | --- |")
            parts += [f"| {p.name} | {p.kind} | {p.default!r} |" for p in rule.parameters]
            parts.append("")
        parts.append("```text\n" + rule.doc + "\n```")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    sys.exit(main())
