"""The budget of a child working on a file: past its time or its memory it is stopped, and the caller
gets an answer it can turn into a message; a crash of the child is an answer too."""

from __future__ import annotations

import os
import signal
import time

from chitieu.services.sandbox import Budget, Overrun, run_bounded


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _allocate(mb: int) -> int:
    return len(bytearray(mb * 2**20))


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_within_its_budget_answers() -> None:
    assert run_bounded(_allocate, 10, budget=Budget(30, 512)) == 10 * 2**20


def test_a_child_past_its_time_is_stopped_at_the_budget() -> None:
    started = time.monotonic()
    assert run_bounded(_sleep, 60, budget=Budget(1, 512)) == Overrun("time")
    assert time.monotonic() - started < 10


def test_a_child_past_its_memory_is_stopped() -> None:
    assert run_bounded(_allocate, 4096, budget=Budget(30, 512)) == Overrun("memory")


def test_a_child_killed_by_a_signal_is_an_answer() -> None:
    assert run_bounded(_die, budget=Budget(30, 512)) == Overrun("crash")
