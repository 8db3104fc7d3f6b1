"""Work on a file nobody vouches for in a child process with a time and a memory budget, so that a
hostile upload can neither stall nor kill the web server (or a long `chitieu ingest`): past its
budget the child is killed and the file gets a message naming it and the budget.

A single-threaded process (a command) forks its children directly; one with threads (the web server)
forks them from a fork server that has already imported the pipeline and runs nothing else (a fork
beside other threads may inherit a lock one of them held). Either way a child costs a fork, not an
interpreter start."""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

WORK_SECONDS = 60.0  # far beyond the slowest real report (a few seconds); CHITIEU_WORK_SECONDS changes it
WORK_MEMORY_MB = 1024  # address space of the child; CHITIEU_WORK_MEMORY_MB changes it


@dataclass(frozen=True, slots=True)
class Budget:
    seconds: float
    memory_mb: int

    @classmethod
    def load(cls) -> Budget:
        return cls(float(os.environ.get("CHITIEU_WORK_SECONDS", WORK_SECONDS)),
                   int(os.environ.get("CHITIEU_WORK_MEMORY_MB", WORK_MEMORY_MB)))


@dataclass(frozen=True, slots=True)
class Overrun:
    """The child went past its budget: 'time' | 'memory' | 'crash' (killed by a signal, or no answer)."""

    reason: str


_context: Any = None
_from_server = False  # `fork_from_server()` was called: a batch's children come from the fork server


def _forget_fork_server() -> None:
    """In a process forked from one that had started its fork server (a web server's worker, a test):
    that server is not its child, so it starts its own when it needs one."""
    global _context, _from_server
    _from_server = False
    if _context is not None:
        _context = None
        forkserver._forkserver.__init__()  # type: ignore[misc]  # the stdlib keeps no public reset


os.register_at_fork(after_in_child=_forget_fork_server)


@contextmanager
def forked_by_server() -> Iterator[None]:
    """Meanwhile this process's children are forked by the fork server, which has imported the
    pipeline and filled its caches (chitieu.services.warm), not by this process: a long ingest keeps
    what it has compared in memory, and a fork costs in proportion to the forking process's size."""
    global _from_server
    before, _from_server = _from_server, True
    try:
        yield
    finally:
        _from_server = before


def _fork_server() -> Any:
    global _context
    if threading.active_count() == 1 and not _from_server:
        return multiprocessing.get_context("fork")
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["chitieu.services.warm"])
        _context = context
    return _context


def _child(conn: Connection, memory_mb: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        result: Any = fn(*args)
    except MemoryError:
        result = Overrun("memory")
    try:
        conn.send(result)
    except MemoryError:  # the answer itself did not fit in the budget
        conn.send(Overrun("memory"))
    conn.close()


def run_bounded(fn: Callable[..., T], *args: Any, budget: Budget | None = None) -> T | Overrun:
    """`fn(*args)` in a child process (`fn` and its result must pickle); an Overrun past the budget."""
    budget = budget or Budget.load()
    context = _fork_server()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, budget.memory_mb, fn, args), daemon=True)
    child.start()
    sender.close()
    result: T | Overrun
    try:
        result = receiver.recv() if receiver.poll(budget.seconds) else Overrun("time")
    except (EOFError, OSError):  # the child died without answering (a signal, the kernel's OOM killer)
        result = Overrun("crash")
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if isinstance(result, Overrun):
        log.warning("work on %s stopped: %s (budget %.0f s, %d MB)", args[0] if args else fn, result.reason,
                    budget.seconds, budget.memory_mb)
    return result


def map_bounded(fn: Callable[[Any], T], items: Sequence[Any], jobs: int,
                budget: Budget | None = None) -> Iterator[T | Overrun]:
    """`fn(item)` for every item, each in its own child with the budget as `run_bounded` gives it, `jobs`
    children at a time, the answers in the items' order. The children are forked by the calling thread
    itself (not from worker threads), so that in a command they start with what it has loaded; while the
    caller works on one answer (stores it), the next items are being worked on."""
    budget = budget or Budget.load()
    context = _fork_server()
    running: dict[int, tuple[Any, Connection, float]] = {}  # item index → (child, its pipe, its deadline)
    answers: dict[int, T | Overrun] = {}
    started = 0

    def finish(index: int, answer: T | Overrun) -> None:
        child, receiver, _ = running.pop(index)
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
        if isinstance(answer, Overrun):
            log.warning("work on %s stopped: %s (budget %.0f s, %d MB)", items[index], answer.reason,
                        budget.seconds, budget.memory_mb)
        answers[index] = answer

    def top_up(wanted: int) -> None:
        nonlocal started
        # a few answers ahead of the caller at most: they wait in memory until it takes them
        while len(running) < jobs and started < min(len(items), wanted + 2 * jobs):
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(sender, budget.memory_mb, fn, (items[started],)),
                                    daemon=True)
            child.start()
            sender.close()
            running[started] = (child, receiver, time.monotonic() + budget.seconds)
            started += 1

    try:
        for wanted in range(len(items)):
            while wanted not in answers:
                top_up(wanted)
                now = time.monotonic()
                for index in [i for i, (_, _, deadline) in running.items() if deadline <= now]:
                    finish(index, Overrun("time"))
                if not running:
                    continue
                soonest = min(deadline for _, _, deadline in running.values())
                ready = wait([receiver for _, receiver, _ in running.values()], timeout=max(0.0, soonest - now))
                for index in [i for i, (_, receiver, _) in running.items() if receiver in ready]:
                    try:
                        answer: T | Overrun = running[index][1].recv()
                    except (EOFError, OSError):  # the child died without answering
                        answer = Overrun("crash")
                    finish(index, answer)
            top_up(wanted + 1)  # the next items are worked on while the caller works on this answer
            yield answers.pop(wanted)
    finally:  # the caller stopped early: children still at work are not waited for
        for child, receiver, _ in running.values():
            receiver.close()
            child.kill()
            child.join()
