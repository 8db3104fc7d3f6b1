"""Audit findings as staff work through them: filter, and mark resolved with a note."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.domain.errors import ChitieuError
from chitieu.domain.limits import MAX_NOTE, is_name, plain
from chitieu.services.accounts import Actor, require_edit
from chitieu.store import findings as stored_findings
from chitieu.store.database import Database


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
    with db.transaction() as session:
        rows = stored_findings.list_findings(session, kind=flt.kind, severity=flt.severity, unit_id=flt.unit_id,
                                             document_id=flt.document_id, resolved=flt.resolved, limit=flt.limit)
    return [FindingItem(r.finding.id, r.finding.document_id, r.file_name, r.unit_id, r.unit_name, r.finding.kind,
                        r.finding.severity, list(r.finding.lines), r.finding.message, r.finding.resolved,
                        r.finding.resolution_note) for r in rows]


def finding_kinds(db: Database) -> list[str]:
    with db.transaction() as session:
        return stored_findings.finding_kinds(session)


def resolve_finding(db: Database, actor: Actor, finding_id: int, note: str, resolved: bool = True) -> None:
    """Mark a finding resolved (or open again) with a note; only for the finding's unit's editors."""
    note = plain(note)[:MAX_NOTE].strip()
    with db.transaction() as session:
        found, unit_id = stored_findings.finding_unit(session, finding_id)
        if not found:
            raise ChitieuError("web.not_found")
        require_edit(actor, unit_id)
        if resolved and not note:
            raise ChitieuError("finding.note_required")
        stored_findings.set_resolved(session, finding_id, resolved, note or None)
