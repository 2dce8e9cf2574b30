"""Run the real ``annex`` entry point on one input and judge how it ended.

Every fuzzed input goes through ``checker.cli.main`` with an argv, as the console
script calls it. The property each case must hold (issue 10): exit status 0, 1 or 2,
never 3 (an internal error) nor an exception; on 2, stderr is one line that starts
with ``annex:`` and ends like a sentence; on 0 and 1, stderr is empty and the result
is printed; no warning reaches the console (a shapely RuntimeWarning printed under
the summary is a leak too).

``run_in_process`` calls main in this process (the parsers' inputs: small, fast).
``run_forked`` calls it in a forked copy of this process with a memory and time cap:
a mutated drawing may be a bomb (a radius of 1e300 flattened to millimetre chords),
and one such case must not take the test run, or the shared machine, with it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import signal
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from checker import cli

EXIT_OK = (0, 1, 2)
# Categories Python's default warning filters hide from a console run (outside __main__).
_HIDDEN_BY_DEFAULT = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)
# A forked case's caps: headroom over what this process already maps, and wall time.
FORK_MEMORY_HEADROOM = 2 << 30
FORK_SECONDS = 60
# The fixed words of engine.rule-crashed in the English summary.
RULE_CRASHED = "could not be run ("


@dataclass(frozen=True)
class Outcome:
    argv: tuple[str, ...]
    status: int | None  # None: the case was killed (time or memory cap) before it ended
    stdout: str
    stderr: str
    warnings: tuple[str, ...] = ()
    killed_by: str | None = None  # the signal's name when status is None
    peak_mb: float | None = None  # a forked case's peak resident memory
    seconds: float | None = None  # a forked case's wall time

    def problem(self) -> str | None:
        """What is wrong with how this case ended, or None when it ended as it must."""
        if self.status is None:
            return f"killed by {self.killed_by} (a time or memory cap of the fuzz harness)"
        if self.status not in EXIT_OK:
            return f"exit status {self.status}: {self.stderr.strip()[:500]}"
        if self.warnings:
            return f"a warning reached the console: {self.warnings[0]}"
        if "Traceback" in self.stderr:
            return f"a traceback on stderr: {self.stderr[:500]}"
        if self.status == 2:
            return sentence_problem(self.stderr)
        if self.stderr.strip():
            return f"exit {self.status} with something on stderr: {self.stderr.strip()[:500]}"
        if not self.stdout.strip():
            return f"exit {self.status} without a word on stdout"
        if RULE_CRASHED in self.stdout:  # the engine isolates a crashing rule; still a bug
            crashed = next(line for line in self.stdout.splitlines() if RULE_CRASHED in line)
            return f"a rule crashed: {crashed[:500]}"
        return None


def sentence_problem(stderr: str) -> str | None:
    """None when ``stderr`` is one sentence as the CLI writes it: ``annex: ... .``"""
    text = stderr.rstrip("\n")
    if not text.strip():
        return "exit 2 with nothing on stderr"
    if "\n" in text:
        return f"stderr is more than one line: {text[:500]!r}"
    if not text.startswith("annex: "):
        return f"stderr does not start with 'annex: ': {text[:500]!r}"
    if "internal error" in text:
        return f"an internal error: {text[:500]!r}"
    if not text.rstrip().endswith((".", "?", "!", ".)", ".'", '."')):
        return f"stderr does not end as a sentence: {text[-200:]!r}"
    return None


def assert_ends_well(outcome: Outcome) -> None:
    problem = outcome.problem()
    assert problem is None, f"annex {' '.join(outcome.argv)}: {problem}"


def run_in_process(argv: list[str]) -> Outcome:
    """``annex ARGV`` through checker.cli.main in this process."""
    out, err = io.StringIO(), io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli.main([str(a) for a in argv])
            except SystemExit as exc:  # argparse: usage errors exit 2 with a sentence
                status = exc.code if isinstance(exc.code, int) else 2
            # Anything else propagates: an unhandled exception fails the property outright.
    shown = tuple(
        f"{w.category.__name__}: {w.message} ({Path(w.filename).name}:{w.lineno})"
        for w in caught
        if not issubclass(w.category, _HIDDEN_BY_DEFAULT)
    )
    return Outcome(tuple(map(str, argv)), status, out.getvalue(), err.getvalue(), shown)


def run_forked(argv: list[str], seconds: int = FORK_SECONDS, memory_headroom: int = FORK_MEMORY_HEADROOM) -> Outcome:
    """``annex ARGV`` through checker.cli.main in a forked child with a memory and time cap."""
    with tempfile.NamedTemporaryFile(prefix="annex-fuzz-", suffix=".json", delete=False) as handle:
        report = Path(handle.name)
    try:
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 70
            try:
                limit = _mapped_bytes() + memory_headroom
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                signal.alarm(seconds)
                started = time.perf_counter()
                outcome = run_in_process(argv)
                report.write_text(
                    json.dumps(
                        {
                            "status": outcome.status,
                            "stdout": outcome.stdout[-4000:],
                            "stderr": outcome.stderr,
                            "warnings": list(outcome.warnings),
                            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                            "seconds": time.perf_counter() - started,
                        }
                    )
                )
                code = 0
            except BaseException as exc:  # noqa: BLE001 - reported to the parent as the failure it is
                try:
                    report.write_text(json.dumps({"exception": f"{type(exc).__name__}: {exc}"}))
                except BaseException:  # noqa: BLE001
                    pass
            finally:
                os._exit(code)
        _, wait_status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(wait_status):
            name = signal.Signals(os.WTERMSIG(wait_status)).name
            return Outcome(tuple(map(str, argv)), None, "", "", (), name)
        data = json.loads(report.read_text() or "{}")
        if "exception" in data:
            return Outcome(tuple(map(str, argv)), 3, "", f"unhandled {data['exception']}", ())
        return Outcome(
            tuple(map(str, argv)),
            data["status"],
            data["stdout"],
            data["stderr"],
            tuple(data["warnings"]),
            peak_mb=data["peak_mb"],
            seconds=data["seconds"],
        )
    finally:
        report.unlink(missing_ok=True)


def _mapped_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0
