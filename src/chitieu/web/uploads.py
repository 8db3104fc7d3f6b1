"""Uploaded report files, shared by the upload page and POST /api/v1/documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import UploadFile

from chitieu.domain.errors import ChitieuError
from chitieu.messages import render
from chitieu.read.document import MAX_BYTES
from chitieu.services import jobs
from chitieu.services.accounts import Actor, Forbidden
from chitieu.services.database import Database
from chitieu.services.ingest import ingest_uploads

MAX_UPLOAD = MAX_BYTES  # the readers refuse larger files anyway; stop reading there


@dataclass(frozen=True, slots=True)
class Uploaded:
    files: list[tuple[str, bytes]]  # (name, content) of the files to ingest
    refused: list[tuple[str, str]]  # (name, message) of those too large to read


def start_upload(db: Database, actor: Actor, uploaded: Uploaded) -> jobs.Job:
    """The upload as a job: the request answers at once, the work goes on (services/jobs.py)."""
    if not actor.may_change_anything:
        raise Forbidden("auth.forbidden", user=actor.username)
    return jobs.start(actor, len(uploaded.files), lambda step: upload(db, actor, uploaded, step))


def job_state(job: jobs.Job) -> dict[str, Any]:
    with job.lock:
        return {"id": job.id, "state": job.state, "done": job.done, "total": job.total, "result": job.result}


async def read_uploads(files: list[UploadFile]) -> Uploaded:
    """The uploaded files; one larger than the readers take is not read past the limit, and its message
    gives its whole size."""
    out, refused = [], []
    for f in files:
        if not f.filename:
            continue
        data = await f.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            size = max(f.size or 0, len(data))
            refused.append((f.filename, render("read.too_large", file=f.filename, size_mb=round(size / 2**20, 1),
                                               limit_mb=MAX_UPLOAD // 2**20)))
        else:
            out.append((f.filename, data))
    if not out and not refused:
        raise ChitieuError("web.documents.no_file")
    return Uploaded(out, refused)


def upload(db: Database, actor: Actor, uploaded: Uploaded, step: Callable[[], None] | None = None) -> dict[str, Any]:
    """Shared by the page and the API: ingest the files the actor may add; per-file outcome."""
    if not actor.may_change_anything:
        raise Forbidden("auth.forbidden", user=actor.username)
    summary = ingest_uploads(db, uploaded.files, may_store=actor.may_edit, step=step)
    summary.failures[:0] = uploaded.refused
    message = render("web.documents.result", added=summary.added, unchanged=summary.unchanged,
                     failed=len(summary.failures))
    if summary.duplicates:
        message += " " + render("web.documents.duplicates", count=len(summary.duplicates))
    return {"added": summary.added, "unchanged": summary.unchanged, "document_ids": summary.document_ids,
            "failures": [{"file": name, "message": message} for name, message in summary.failures],
            "duplicates": [{"file": name, "message": render("ingest.duplicate", file=name, stored=stored)}
                           for name, stored in summary.duplicates],
            "message": message}
