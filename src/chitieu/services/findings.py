"""Audit findings as staff work through them: filter, and mark resolved with a note."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from chitieu.domain.errors import ChitieuError
from chitieu.domain.limits import MAX_NOTE, is_name, plain
from chitieu.services.accounts import Actor, require_edit
from chitieu.store.database import Database
from chitieu.store.schema import AdminUnit, Document, FindingRow


@dataclass(frozen=True, slots=True)
class FindingItem:
    id: int
    document_id: int
    file_name: str
    unit_id: int | None
    unit_name: str | None
    kind: str
    severity: str
    lines: list[int]
    message: str
    resolved: bool
    resolution_note: str | None


@dataclass(frozen=True, slots=True)
class FindingFilter:
    kind: str | None = None
    severity: str | None = None
    unit_id: int | None = None
    document_id: int | None = None
    resolved: bool | None = None
    limit: int = 1000


def list_findings(db: Database, flt: FindingFilter) -> list[FindingItem]:
    if not all(is_name(x) for x in (flt.kind or "", flt.severity or "")):
        return []  # no stored finding has it: the database is not asked
    query = (select(FindingRow, Document.file_name, Document.admin_unit_id, AdminUnit.name)
             .join(Document, FindingRow.document_id == Document.id)
             .outerjoin(AdminUnit, Document.admin_unit_id == AdminUnit.id))
    if flt.kind:
        query = query.where(FindingRow.kind == flt.kind)
    if flt.severity:
        query = query.where(FindingRow.severity == flt.severity)
    if flt.unit_id is not None:
        query = query.where(Document.admin_unit_id == flt.unit_id)
    if flt.document_id is not None:
        query = query.where(FindingRow.document_id == flt.document_id)
    if flt.resolved is not None:
        query = query.where(FindingRow.resolved.is_(flt.resolved))
    with db.transaction() as session:
        rows = session.execute(query.order_by(FindingRow.document_id, FindingRow.id).limit(flt.limit)).all()
        return [FindingItem(f.id, f.document_id, file, unit_id, unit, f.kind, f.severity, list(f.lines), f.message,
                            f.resolved, f.resolution_note) for f, file, unit_id, unit in rows]


def finding_kinds(db: Database) -> list[str]:
    with db.transaction() as session:
        return sorted(set(session.scalars(select(FindingRow.kind).distinct())))


def resolve_finding(db: Database, actor: Actor, finding_id: int, note: str, resolved: bool = True) -> None:
    """Mark a finding resolved (or open again) with a note; only for the finding's unit's editors."""
    note = plain(note)[:MAX_NOTE].strip()
    with db.transaction() as session:
        row = session.get(FindingRow, finding_id)
        if row is None:
            raise ChitieuError("web.not_found")
        doc = session.get(Document, row.document_id)
        require_edit(actor, doc.admin_unit_id if doc else None)
        if resolved and not note:
            raise ChitieuError("finding.note_required")
        row.resolved = resolved
        row.resolution_note = note or None
