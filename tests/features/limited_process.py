"""Running ``annex`` as a real process with a memory ceiling, timing it and reading its
peak memory: the steps files.feature and bombs.feature share.

The ceiling (an address-space limit) and a kill after a minute protect the machine
when a guard fails; the scenario then fails on its exit status or its figures
instead of taking the test run down with it.
"""

from __future__ import annotations

import os
import re
import resource
import shlex
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pytest_bdd import parsers, then, when

from .conftest import CORPUS, REPO, plan_path, save_all

ADDRESS_SPACE_CEILING = 4 << 30  # bytes; numpy and shapely reserve far more than they use
KILL_AFTER_SECONDS = 60
# The child's peak memory is its own VmHWM, read as it exits: the rusage a parent gets
# counts what the child held before exec, that is the whole pytest process it forked from.
PEAK_MARK = "annex-test-peak-kb"
RUN_ANNEX_REPORTING_PEAK = f"""
import atexit, sys

def _peak():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stderr.flush()
    sys.stderr.write("{PEAK_MARK} " + kb + "\\n")

atexit.register(_peak)
from checker.cli import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass
class Finished:
    """What a process did: as subprocess.CompletedProcess, with its time and peak memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run_limited(words: list[str], cwd: Path, env: dict, during=None) -> Finished:
    """``words`` as a process under the ceiling; ``during(pid)`` runs beside it (in a thread)."""

    def ceiling():
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CEILING, ADDRESS_SPACE_CEILING))

    started = time.perf_counter()
    process = subprocess.Popen(
        words,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=ceiling,
    )
    helper = threading.Thread(target=during, args=(process.pid,), daemon=True) if during else None
    if helper:
        helper.start()
    output: dict[str, str] = {}
    readers = [
        threading.Thread(target=lambda name=name, stream=stream: output.__setitem__(name, stream.read()), daemon=True)
        for name, stream in (("stdout", process.stdout), ("stderr", process.stderr))
    ]
    for reader in readers:
        reader.start()
    killer = threading.Timer(KILL_AFTER_SECONDS, process.kill)
    killer.start()
    try:
        process.wait()
    finally:
        killer.cancel()
    seconds = time.perf_counter() - started
    for reader in readers:
        reader.join()
    for stream in (process.stdout, process.stderr):
        stream.close()
    if helper:
        helper.join(timeout=5)
    stderr, peak_kb = _without_peak(output.get("stderr", ""))
    return Finished(process.returncode, output.get("stdout", ""), stderr, seconds, peak_kb / 1024)


def _without_peak(stderr: str) -> tuple[str, float]:
    """The child's error output without the peak line, and the peak (KB; infinite when missing)."""
    lines = stderr.splitlines(keepends=True)
    peaks = [line for line in lines if line.startswith(PEAK_MARK)]
    kept = "".join(line for line in lines if not line.startswith(PEAK_MARK))
    return kept, float(peaks[-1].split()[1]) if peaks else float("inf")


def annex_words(ctx, arguments: str) -> list[str]:
    words = [
        w.replace("{plan}", str(plan_path(ctx)))
        .replace("{tmp}", str(ctx["tmp"]))
        .replace("{corpus}", str(CORPUS))
        .replace("{repo}", str(REPO))
        for w in shlex.split(arguments)
    ]
    return [sys.executable, "-c", RUN_ANNEX_REPORTING_PEAK, *words]


def clean_environment(extra: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ANNEX_DEBUG" and not k.startswith("ANNEX_MAX_")}
    env["PYTHONWARNINGS"] = "default"  # a leaking RuntimeWarning must show on stderr, where the test sees it
    if extra:
        name, value = extra.split("=", 1)
        env[name] = value
    return env


@when(
    parsers.re(
        r'I run "annex (?P<arguments>.*)" as a process'
        r"(?: with (?P<variable>[A-Z_]+=\S+))?(?: while (?P<growing>\S+) grows without end)?$"
    )
)
def run_as_process(ctx, arguments, variable, growing):
    save_all(ctx)
    during = None
    if growing:
        during = _grower(ctx["grow"][growing])
    ctx["run"] = run_limited(annex_words(ctx, arguments), ctx["tmp"], clean_environment(variable), during)


def _grower(path: Path):
    """Make the file far longer (sparse: no disk used) once the process has read the size
    it had, so that the size seen on opening is a lie. Deterministic on a loaded machine:
    the process is stopped (SIGSTOP) and looked at until it has read from the file (its
    read offset past 0; a stop lands when a read returns), then the file grows, then it
    goes on (SIGCONT) and finds more to read than it was told."""

    def grow(pid: int) -> None:
        target = str(path.resolve())
        deadline = time.monotonic() + KILL_AFTER_SECONDS
        descriptor = None
        while descriptor is None and time.monotonic() < deadline:
            try:
                descriptor = next(
                    (fd.name for fd in Path(f"/proc/{pid}/fd").iterdir() if os.readlink(fd) == target), None
                )
            except OSError:  # a descriptor closed while we looked, or the process ended
                if not Path(f"/proc/{pid}").exists():
                    return
            time.sleep(0.0002)
        while time.monotonic() < deadline:
            os.kill(pid, signal.SIGSTOP)
            try:
                while _state(pid) != "T":
                    time.sleep(0.0001)
                position = _read_offset(pid, descriptor)
                if position is None:  # the file was read to its end and closed: too late
                    return
                if position > 0:
                    os.truncate(path, 20 << 30)
                    return
            finally:
                os.kill(pid, signal.SIGCONT)
            time.sleep(0.0003)

    return grow


def _state(pid: int) -> str:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2]


def _read_offset(pid: int, descriptor: str) -> int | None:
    try:
        info = Path(f"/proc/{pid}/fdinfo/{descriptor}").read_text()
    except OSError:
        return None
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("pos:")))


@then(parsers.parse("the process ended within {seconds:d} seconds using less than {megabytes:d} MB"))
def ended_within(ctx, seconds, megabytes):
    run = ctx["run"]
    assert run.seconds < seconds, f"the process took {run.seconds:.1f} s"
    assert run.peak_mb < megabytes, f"the process peaked at {run.peak_mb:.0f} MB"


@then(parsers.parse("the output names {names}"))
def output_names(ctx, names):
    text = ctx["run"].stdout
    for name in re.split(r",\s*|\s+and\s+", names):
        assert name in text, f"{name} is not in:\n{text}"
