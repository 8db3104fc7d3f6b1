"""The stored versions of one report: documents of the same unit, kind and periods (the identity ingest
uses to recognise a report already stored), each with its draft marker."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.store.schema import Document

_DRAFT_NUMBER = re.compile(r"(\d+)")


def _order(draft: str | None, is_draft: bool, doc_id: int) -> tuple[int, int, int]:
    """Drafts by their number ('Dự thảo lần 2' after 'lần 1'), then the adopted document; then as stored."""
    number = _DRAFT_NUMBER.search(draft or "")
    return (1 if is_draft or draft else 2, int(number.group(1)) if number else 0, doc_id)


def report_versions(session: Session, document_id: int) -> list[tuple[int, str, str | None, bool]]:
    """(id, file name, draft marker, is a draft) of every stored version of the document's report,
    itself included, earliest first; [] when there is no such document."""
    doc = session.get(Document, document_id)
    if doc is None:
        return []
    if doc.admin_unit_id is None or doc.doc_kind is None:
        rows = [(doc.id, doc.file_name, doc.meta, doc.draft)]
    else:
        rows = list(session.execute(select(Document.id, Document.file_name, Document.meta, Document.draft).where(
            Document.admin_unit_id == doc.admin_unit_id, Document.doc_kind == doc.doc_kind,
            Document.period == doc.period, Document.plan_period == doc.plan_period)).all())
    out = []
    for i, name, meta, is_draft in rows:
        marker = (meta or {}).get("draft") if isinstance(meta, dict) else None
        out.append((int(i), str(name), str(marker) if marker else None, bool(is_draft)))
    return sorted(out, key=lambda r: _order(r[2], r[3], r[0]))
