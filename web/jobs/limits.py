"""Run one piece of work in a forked child process under CPU-time, memory and wall-clock limits.

The job process (an RQ work-horse, a local pool process, or the request itself in the
tests' inline mode) forks a child, which lowers its own limits with ``setrlimit`` and
does the work; the job process keeps no limits, renews the job's lease while it waits,
and tells from how the child ended what happened:

- ``RLIMIT_CPU``: past the soft limit the kernel sends SIGXCPU, which the child turns
  into an exception (exit ``EXIT_CPU``); a child stuck inside C code gets SIGKILL at
  the hard limit a few seconds later, and its CPU time tells why.
- ``RLIMIT_AS``: an allocation past the limit fails, Python raises MemoryError, the
  child exits ``EXIT_MEMORY``.
- wall clock: a child that sleeps or waits past ``wall_seconds`` is killed.

The child dies with its parent (``PR_SET_PDEATHSIG``), so a job process killed with
SIGKILL leaves no orphan that goes on writing.
"""

from __future__ import annotations

import ctypes
import logging
import os
import resource
import signal
import sys
import time
from dataclasses import dataclass
from enum import Enum
from collections.abc import Callable

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_CPU = 71
EXIT_MEMORY = 72
EXIT_CRASH = 73
CPU_GRACE_S = 5  # between SIGXCPU and the hard limit's SIGKILL
PR_SET_PDEATHSIG = 1


class Ending(str, Enum):
    DONE = "done"
    CPU = "cpu"
    MEMORY = "memory"
    WALL = "wall"
    CRASHED = "crashed"
    GIVEN_UP = "given_up"  # the parent was told to stop waiting (the job was handed to another attempt)


@dataclass(frozen=True)
class ProcessLimits:
    cpu_seconds: int
    memory_mb: int
    wall_seconds: int


@dataclass(frozen=True)
class Outcome:
    ending: Ending
    cpu_seconds: float
    detail: str = ""
    peak_memory_mb: float = 0.0  # the child's peak resident memory


class CpuLimitReached(BaseException):
    """Raised in the child by SIGXCPU; a BaseException so no ``except Exception`` swallows it."""


def run_limited(
    work: Callable[[], None],
    limits: ProcessLimits,
    *,
    tick: Callable[[], bool] | None = None,
    tick_seconds: float = 5.0,
) -> Outcome:
    """Run ``work()`` in a child under ``limits``; call ``tick()`` every ``tick_seconds`` while it
    runs (a False answer kills the child). Returns how the child ended."""
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    child = os.fork()
    if child == 0:  # pragma: no cover - measured through the parent
        _child(work, limits, parent)
    return _wait(child, limits, tick, tick_seconds)


def _child(work: Callable[[], None], limits: ProcessLimits, parent: int) -> None:
    code = EXIT_CRASH
    try:
        _die_with(parent)
        for name in ("SIGTERM", "SIGINT", "SIGALRM"):  # the RQ horse's handlers are not ours
            signal.signal(getattr(signal, name), signal.SIG_DFL)
        signal.signal(signal.SIGXCPU, _raise_cpu_limit)
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + CPU_GRACE_S))
        memory = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        work()
        code = EXIT_OK
    except CpuLimitReached:
        code = EXIT_CPU
    except MemoryError:
        code = EXIT_MEMORY
    except BaseException:  # noqa: BLE001 - the parent reports it; the traceback goes to the log
        try:
            log.exception("a job's work crashed")
        except BaseException:  # noqa: BLE001
            pass
        code = EXIT_CRASH
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)  # never run the parent's atexit handlers (pytest's, the RQ horse's)


def _raise_cpu_limit(_signum, _frame):
    raise CpuLimitReached()


def _die_with(parent: int) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the lease still hands the job on
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(EXIT_CRASH)


def _wait(child: int, limits: ProcessLimits, tick, tick_seconds: float) -> Outcome:
    started = time.monotonic()
    next_tick = started + tick_seconds
    pause = 0.01
    ending = None
    try:
        while True:
            pid, status, usage = os.wait4(child, os.WNOHANG)
            if pid:
                break
            now = time.monotonic()
            if now - started > limits.wall_seconds:
                ending = Ending.WALL
                _kill(child)
                continue
            if tick is not None and now >= next_tick:
                next_tick = now + tick_seconds
                if not tick():
                    ending = Ending.GIVEN_UP
                    _kill(child)
                    continue
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
    except BaseException:  # the job process is being stopped (RQ's timeout, a signal): take the child along
        _kill(child)
        raise
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss / 1024  # ru_maxrss is in kB on Linux
    if ending is not None:
        return Outcome(ending, cpu, "", peak)
    if os.WIFEXITED(status):
        code = os.WEXITSTATUS(status)
        ending = {EXIT_OK: Ending.DONE, EXIT_CPU: Ending.CPU, EXIT_MEMORY: Ending.MEMORY}.get(code, Ending.CRASHED)
        return Outcome(ending, cpu, f"exit {code}", peak)
    signum = os.WTERMSIG(status)
    if signum == signal.SIGXCPU or (signum == signal.SIGKILL and cpu >= limits.cpu_seconds):
        return Outcome(Ending.CPU, cpu, f"signal {signum}", peak)
    return Outcome(Ending.CRASHED, cpu, f"signal {signum}", peak)


def _kill(child: int) -> None:
    try:
        os.kill(child, signal.SIGKILL)
    except ProcessLookupError:
        pass
