"""Steps for gc_pause.feature."""

from __future__ import annotations

import gc
import threading
import weakref
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


@then(parsers.re(r"the collector is (?P<state>on|off)$"))  # not "the collector is off after ..."
def collector_is(state):
    assert gc.isenabled() is (state == "on")


class _Node:
    """A weak-referenceable object to build reference cycles from."""

    def __init__(self) -> None:
        self.other = None


def _cycle() -> weakref.ref:
    first, second = _Node(), _Node()
    first.other, second.other = second, first
    return weakref.ref(first)


@when("a load's pause leaves a reference cycle behind", target_fixture="cycle")
def load_leaves_cycle():
    with cycle_collection_paused(collect_after=True):
        cycle = _cycle()
        assert cycle() is not None  # nothing collects it while paused
    return cycle


@then("the cycle is freed when the pause ends")
def cycle_freed(cycle):
    assert cycle() is None


@when("a check's pause makes a result that outlives it", target_fixture="result")
def check_makes_result():
    with cycle_collection_paused(collect_after=False):
        result = [[k] for k in range(1000)]
    return result


@then("the result is in the oldest generation after the pause")
def result_is_old(result):
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(result) in oldest and all(id(item) in oldest for item in result)


@then("the young generation counts nothing from the pause")
def young_empty():
    assert gc.get_count()[0] < 100  # the 1001 lists would count otherwise


@pytest.fixture
def frozen():
    yield
    gc.unfreeze()


@given("an object frozen by the server before forking", target_fixture="frozen_count")
def freeze_one(frozen):
    gc.freeze()
    return gc.get_freeze_count()


@then("the frozen object is still frozen")
def still_frozen(frozen_count):
    assert frozen_count > 0 and gc.get_freeze_count() > 0  # gc.unfreeze() would leave none


@when(
    "a load's pause and a check's pause overlap, the check's ending last, and the load left a reference cycle",
    target_fixture="cycle",
)
def overlapping_load_and_check():
    check = ExitStack()
    check.enter_context(cycle_collection_paused(collect_after=False))
    with cycle_collection_paused(collect_after=True):
        cycle = _cycle()
    assert cycle() is not None  # the check's pause is still on
    check.close()
    return cycle
