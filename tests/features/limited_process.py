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
        words, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ceiling,
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
        # wait4 reaps the child and gives its own resource usage (ru_maxrss in KB on Linux).
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        killer.cancel()
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    if helper:
        helper.join(timeout=5)
    return Finished(process.returncode, output.get("stdout", ""), output.get("stderr", ""), seconds, usage.ru_maxrss / 1024)


def annex_words(ctx, arguments: str) -> list[str]:
    words = [
        w.replace("{plan}", str(plan_path(ctx))).replace("{tmp}", str(ctx["tmp"])).replace("{corpus}", str(CORPUS))
        .replace("{repo}", str(REPO))
        for w in shlex.split(arguments)
    ]
    return [sys.executable, "-m", "checker.cli", *words]


def clean_environment(extra: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ANNEX_DEBUG" and not k.startswith("ANNEX_MAX_")}
    env["PYTHONWARNINGS"] = "default"  # a leaking RuntimeWarning must show on stderr, where the test sees it
    if extra:
        name, value = extra.split("=", 1)
        env[name] = value
    return env


@when(parsers.re(
    r'I run "annex (?P<arguments>.*)" as a process'
    r'(?: with (?P<variable>[A-Z_]+=\S+))?(?: while (?P<growing>\S+) grows without end)?$'
))
def run_as_process(ctx, arguments, variable, growing):
    save_all(ctx)
    during = None
    if growing:
        during = _grower(ctx["grow"][growing])
    ctx["run"] = run_limited(annex_words(ctx, arguments), ctx["tmp"], clean_environment(variable), during)


def _grower(path: Path):
    """Once the process has the file open, make it longer and longer (sparse, so no disk
    is used) until the process ends: the size it saw when it opened the file is a lie."""
    def grow(pid: int) -> None:
        target = str(path.resolve())
        fds = Path(f"/proc/{pid}/fd")
        deadline = time.monotonic() + KILL_AFTER_SECONDS
        while time.monotonic() < deadline:
            try:
                if any(os.readlink(fd) == target for fd in fds.iterdir()):
                    break
            except OSError:  # a descriptor closed while we looked, or the process ended
                if not fds.exists():
                    return
            time.sleep(0.0002)
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            while fds.exists() and size < (20 << 30):
                size += 50 << 20
                os.ftruncate(handle.fileno(), size)
                time.sleep(0.001)
    return grow


@then(parsers.parse("the process ended within {seconds:d} seconds using less than {megabytes:d} MB"))
def ended_within(ctx, seconds, megabytes):
    run = ctx["run"]
    assert run.seconds < seconds, f"the process took {run.seconds:.1f} s"
    assert run.peak_mb < megabytes, f"the process peaked at {run.peak_mb:.0f} MB"


@then(parsers.parse('the output names {names}'))
def output_names(ctx, names):
    text = ctx["run"].stdout
    for name in re.split(r",\s*|\s+and\s+", names):
        assert name in text, f"{name} is not in:\n{text}"
