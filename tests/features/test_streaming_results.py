"""Steps for streaming_results.feature: the results JSON written as a stream, against the
layout it always had, made here independently as one string."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tracemalloc
from datetime import UTC, datetime

from pytest_bdd import given, parsers, scenarios, then, when

from checker.engine import run_rules
from checker.reading.load import load_plan
from checker.results import ROWS_PER_PIECE
from checker.rulesets import DEFAULT_RULESET, load_ruleset

from .conftest import REPO

scenarios("streaming_results.feature")

EPOCH = 1_700_000_000  # SOURCE_DATE_EPOCH of the CLI runs: the same "generated" as in this process


def _laid_out(data: dict) -> str:
    """The results JSON as it has always been laid out: the head indented by two, then the
    openings and the findings one per line (the layout before the stream; made here on
    its own, so that a stream that drifts from it fails)."""
    data = dict(data)
    openings, findings = data.pop("openings"), data.pop("findings")

    def rows(items: list) -> str:
        if not items:
            return "[]"
        return "[\n" + ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items) + "\n  ]"

    head = json.dumps(data, indent=2, ensure_ascii=False)
    return head[: -len("\n}")] + ',\n  "openings": ' + rows(openings) + ',\n  "findings": ' + rows(findings) + "\n}\n"


@given(parsers.parse("{plan} checked in this process at a fixed moment"))
def checked_here(ctx, plan):
    if plan == "the example house project":
        target = REPO / "examples" / "house" / "project.toml"
    else:
        side = re.fullmatch(r"the benchmark's block of flats, (\d+) flats a side", plan)
        assert side, plan
        sys.path.insert(0, str(REPO / "benchmarks"))
        from bench_load import write_block_of_flats

        target = ctx["tmp"] / "flats.dxf"
        write_block_of_flats(target, int(side[1]))
    loaded = load_plan(target)
    ruleset = load_ruleset(loaded.project.ruleset or DEFAULT_RULESET)
    ctx["target"] = target
    ctx["results"] = run_rules(loaded, ruleset, moment=datetime.fromtimestamp(EPOCH, UTC))
    ctx["expected"] = _laid_out(ctx["results"].to_json()).encode("utf-8")


def _annex(ctx, *words: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)}
    run = subprocess.run(
        [sys.executable, "-m", "checker.cli", "check", str(ctx["target"]), *words],
        cwd=REPO,
        env=env,
        capture_output=True,
    )
    assert run.returncode in (0, 1), run.stderr.decode(errors="replace")
    return run


@when("annex check writes its JSON to a file, to standard output, and beside a PDF annex")
def three_ways(ctx):
    tmp = ctx["tmp"]
    _annex(ctx, "--json", str(tmp / "out" / "results.json"), "--quiet")
    stdout = _annex(ctx, "--json", "-", "--quiet").stdout
    _annex(ctx, "--json", str(tmp / "with-pdf.json"), "--pdf", str(tmp / "annex.pdf"), "--quiet")
    ctx["outputs"] = [(tmp / "out" / "results.json").read_bytes(), stdout, (tmp / "with-pdf.json").read_bytes()]


@then("the three JSON outputs are the same bytes")
def same_bytes(ctx):
    streamed, stdout, whole = ctx["outputs"]
    assert streamed == whole
    assert stdout == whole


@then("they are byte for byte the results laid out as one string, head indented and one item per line")
def as_laid_out(ctx):
    for output in ctx["outputs"]:
        assert output == ctx["expected"]


@then("they read back as the results' JSON")
def read_back(ctx):
    assert json.loads(ctx["outputs"][0]) == json.loads(json.dumps(ctx["results"].to_json()))


@when("its results JSON is written to a file while memory is traced")
def traced_write(ctx):
    results = ctx["results"]
    # Enough findings for many pieces: the joins between pieces are part of what is compared.
    assert len(results.findings) > 3 * ROWS_PER_PIECE, len(results.findings)
    path = ctx["tmp"] / "traced.json"
    with path.open("w", encoding="utf-8", newline="") as stream:
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            results.write_json(stream)
            ctx["taken"] = tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()
    ctx["path"] = path


@then("the file holds the results laid out as one string")
def file_as_laid_out(ctx):
    assert ctx["path"].read_bytes() == ctx["expected"]


@then("the memory taken while writing stayed under a quarter of the text's size")
def little_memory(ctx):
    # Made whole, the text alone is its size (and its lines as many bytes again).
    size = len(ctx["expected"])
    assert ctx["taken"] < size / 4, f"{ctx['taken']:,} bytes taken while writing {size:,}"


def test_a_results_file_cut_off_while_written_is_not_left_behind(tmp_path, monkeypatch, capsys):
    """A stream that fails half-way (here: the disk fills after the first piece) ends with
    one sentence and exit 2, and leaves neither a truncated results file nor its partial."""
    from checker import cli
    from checker.results import Results

    def write_then_fill_the_disk(self, stream):
        stream.write('{\n  "schema_version": ')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Results, "write_json", write_then_fill_the_disk)
    out = tmp_path / "results.json"
    status = cli.main(["check", str(REPO / "examples" / "house" / "project.toml"), "--json", str(out), "--quiet"])
    assert status == 2
    assert "Cannot write" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
