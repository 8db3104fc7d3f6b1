"""Uploads worked on after the request has answered: the request gets a job at once, the page asks
for its state until it is done (files done of how many, then the outcome of each file).

Jobs live in the memory of the server process that took them (`chitieu serve` runs one), for an hour
after they end; the work itself is in child processes with their budget (services/sandbox.py)."""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chitieu.domain.errors import ChitieuError
from chitieu.messages import render
from chitieu.services.accounts import Actor, Role

_log = logging.getLogger(__name__)
KEEP_SECONDS = 3600
MAX_JOBS = 1000


@dataclass
class Job:
    id: str
    user_id: int
    total: int
    done: int = 0
    state: str = "running"  # running | done | failed
    result: dict[str, Any] | None = None
    ended: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


_jobs: dict[str, Job] = {}
_jobs_lock = threading.Lock()


def start(actor: Actor, total: int, work: Callable[[Callable[[], None]], dict[str, Any]]) -> Job:
    """Run `work(step)` in a thread; `step()` counts one file done; its answer is the job's result."""
    job = Job(secrets.token_urlsafe(16), actor.user_id, total)
    with _jobs_lock:
        _forget_old()
        _jobs[job.id] = job

    def step() -> None:
        with job.lock:
            job.done += 1

    def run() -> None:
        try:
            result, state = work(step), "done"
        except ChitieuError as exc:  # refused as a whole: the message is the outcome
            result, state = {"message": render(exc.key, **exc.params)}, "failed"
        except Exception:  # the job must end, whatever happened; what did is in the log
            _log.exception("upload job %s failed", job.id)
            result, state = {"message": render("web.job_failed")}, "failed"
        with job.lock:
            job.result, job.state, job.ended, job.done = result, state, time.monotonic(), job.total

    threading.Thread(target=run, name=f"upload-{job.id[:6]}", daemon=True).start()
    return job


def get(actor: Actor, job_id: str) -> Job:
    """The actor's job (an administrator sees every job); another's is as unknown as a made-up id."""
    with _jobs_lock:
        job = _jobs.get(job_id)
    if job is None or (job.user_id != actor.user_id and actor.role is not Role.ADMIN):
        raise ChitieuError("web.not_found")
    return job


def _forget_old() -> None:
    now = time.monotonic()
    for key in [k for k, j in _jobs.items() if j.ended is not None and now - j.ended > KEEP_SECONDS]:
        del _jobs[key]
    while len(_jobs) >= MAX_JOBS:
        del _jobs[next(iter(_jobs))]
