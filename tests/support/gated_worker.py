"""``python -m tests.support.gated_worker GATE``: the real ``python -m web.jobs.worker`` whose
checks, once running, wait until the file ``GATE`` exists before they read the drawings.

A scenario that signals a worker in the middle of a check uses it so that the check is
still in hand when the signal comes, however loaded the machine: the worker, its
work-horse and the check's limited child are the real ones; only the moment the check
goes on is the test's. A check never let go ends at the job's wall-clock limit.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import web.jobs.checking
from web.jobs import worker

GATE_POLL_S = 0.05


def main() -> None:
    gate = Path(sys.argv[1])
    read = web.jobs.checking.load_submission

    def load_when_let_go(*args, **kwargs):
        while not gate.exists():
            time.sleep(GATE_POLL_S)
        return read(*args, **kwargs)

    web.jobs.checking.load_submission = load_when_let_go  # the horse and its child are forked: they inherit it
    worker.run(sys.argv[2:])


if __name__ == "__main__":
    main()
