"""The budget of a child working on a file: past its time or its memory it is stopped, and the caller
gets an answer it can turn into a message; a crash of the child is an answer too."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from chitieu.services.sandbox import Budget, Overrun, map_bounded, run_bounded


def _address_space_mb() -> int:
    """This process's address space: a child forked from it starts with as much, so a budget that fits
    a child's own work must be counted on top of it (a long test run grows it past 512 MB)."""
    with open("/proc/self/status", encoding="ascii") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    return size_kb // 1024


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _allocate(mb: int) -> int:
    return len(bytearray(mb * 2**20))


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_within_its_budget_answers() -> None:
    assert run_bounded(_allocate, 10, budget=Budget(30, _address_space_mb() + 512)) == 10 * 2**20


def test_a_child_past_its_time_is_stopped_at_the_budget() -> None:
    started = time.monotonic()
    assert run_bounded(_sleep, 60, budget=Budget(1, 512)) == Overrun("time")
    assert time.monotonic() - started < 10


def test_a_child_past_its_memory_is_stopped() -> None:
    assert run_bounded(_allocate, 4096, budget=Budget(30, 512)) == Overrun("memory")


def test_a_child_killed_by_a_signal_is_an_answer() -> None:
    assert run_bounded(_die, budget=Budget(30, 512)) == Overrun("crash")


def _square_or_misbehave(n: int) -> int:
    if n == 3:
        time.sleep(60)
    if n == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    if n == 7:
        return len(bytearray(4096 * 2**20))
    return n * n


def test_many_items_answer_in_order_each_within_its_budget() -> None:
    started = time.monotonic()
    answers = list(map_bounded(_square_or_misbehave, list(range(10)), jobs=2, budget=Budget(1, 512)))
    assert answers == [0, 1, 4, Overrun("time"), 16, Overrun("crash"), 36, Overrun("memory"), 64, 81]
    assert time.monotonic() - started < 10


def test_a_caller_that_stops_early_leaves_no_child_behind() -> None:
    started = time.monotonic()
    work = map_bounded(_sleep, [0.01, 30, 30], jobs=2, budget=Budget(60, 512))
    assert next(work) == "woke"
    assert len(multiprocessing.active_children()) == 2  # the next two items are being worked on
    work.close()
    assert multiprocessing.active_children() == []
    assert time.monotonic() - started < 10
