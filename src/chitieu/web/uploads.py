"""Uploaded report files, shared by the upload page and POST /api/v1/documents."""

from __future__ import annotations

from typing import Any

from fastapi import UploadFile

from chitieu.domain.errors import ChitieuError
from chitieu.messages import render
from chitieu.services.accounts import Actor, Forbidden
from chitieu.services.database import Database
from chitieu.services.ingest import ingest_uploads

MAX_UPLOAD = 50 * 1024 * 1024  # the readers refuse larger files anyway; stop reading there


async def read_uploads(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    out = []
    for f in files:
        if f.filename:
            out.append((f.filename, await f.read(MAX_UPLOAD + 1)))
    if not out:
        raise ChitieuError("web.documents.no_file")
    return out


def upload(db: Database, actor: Actor, files: list[tuple[str, bytes]]) -> dict[str, Any]:
    """Shared by the page and the API: ingest the files the actor may add; per-file outcome."""
    if not actor.may_change_anything:
        raise Forbidden("auth.forbidden", user=actor.username)
    summary = ingest_uploads(db, files, may_store=actor.may_edit)
    message = render("web.documents.result", added=summary.added, unchanged=summary.unchanged,
                     failed=len(summary.failures))
    if summary.duplicates:
        message += " " + render("web.documents.duplicates", count=len(summary.duplicates))
    return {"added": summary.added, "unchanged": summary.unchanged, "document_ids": summary.document_ids,
            "failures": [{"file": name, "message": message} for name, message in summary.failures],
            "duplicates": [{"file": name, "message": render("ingest.duplicate", file=name, stored=stored)}
                           for name, stored in summary.duplicates],
            "message": message}
