"""Steps for gc_pause.feature."""

from __future__ import annotations

import gc
import threading
from contextlib import ExitStack

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from checker.gc_pause import cycle_collection_paused

scenarios("gc_pause.feature")


@pytest.fixture(autouse=True)
def restore_collector():
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


@given(parsers.parse("the cycle collector is {state}"))
def collector_state(state):
    (gc.enable if state == "on" else gc.disable)()


@when("one pause begins and a second begins before the first ends", target_fixture="pauses")
def overlapping():
    first, second = ExitStack(), ExitStack()
    first.enter_context(cycle_collection_paused(collect_after=False))
    second.enter_context(cycle_collection_paused(collect_after=False))
    return first, second


@then("the collector is off after the first ends")
def first_ends(pauses):
    pauses[0].close()
    assert not gc.isenabled()


@then("the collector is on after the second ends")
def second_ends(pauses):
    pauses[1].close()
    assert gc.isenabled()


@when("a pause begins and ends")
def one_pause():
    with cycle_collection_paused():
        assert not gc.isenabled()


@when(parsers.parse("{threads:d} threads each pause it {times:d} times"))
def many_threads(threads, times):
    start = threading.Barrier(threads)

    def work():
        start.wait()
        for _ in range(times):
            with cycle_collection_paused(collect_after=False):
                pass

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


@then(parsers.parse("the collector is {state}"))
def collector_is(state):
    assert gc.isenabled() is (state == "on")
