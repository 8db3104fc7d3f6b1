"""Audit findings as stored: recorded with their document, listed for staff, resolved with a note, and
those written by comparing documents replaced when the figures they compare change."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple, cast

from sqlalchemy import Table, delete, func, select
from sqlalchemy.orm import Session

from chitieu.store.database import insert_rows
from chitieu.store.schema import AdminUnit, Document, FindingRow


@dataclass(frozen=True, slots=True)
class StoredFinding:
    id: int
    document_id: int
    kind: str
    severity: str
    lines: tuple[int, ...]
    key: str
    params: dict[str, object]
    message: str
    resolved: bool
    resolution_note: str | None


def _finding(row: FindingRow) -> StoredFinding:
    return StoredFinding(row.id, row.document_id, row.kind, row.severity, tuple(row.lines or ()), row.key,
                         dict(row.params or {}), row.message, bool(row.resolved), row.resolution_note)


@dataclass(frozen=True, slots=True)
class ListedFinding:
    """A finding with its document's file name and unit, as the findings list shows it."""

    finding: StoredFinding
    file_name: str
    unit_id: int | None
    unit_name: str | None


def jsonable(params: dict[str, object]) -> dict[str, object]:
    return {k: v if isinstance(v, (str, int, float, bool)) or v is None else str(v) for k, v in params.items()}


class NewFinding(NamedTuple):
    kind: str
    severity: str
    lines: tuple[int, ...]
    key: str
    params: dict[str, object]
    message: str


def add_finding(session: Session, document_id: int, *, kind: str, severity: str, lines: list[int], key: str,
                params: dict[str, object], message: str) -> None:
    session.add(FindingRow(document_id=document_id, kind=kind, severity=severity, lines=lines, key=key,
                           params=jsonable(params), message=message, resolved=False))


_FINDINGS = cast(Table, FindingRow.__table__)


def add_findings(session: Session, new: list[tuple[int, NewFinding]]) -> None:
    """Findings of documents (document id, finding) written together (`insert_rows`), not one mapped
    object per row."""
    insert_rows(session, _FINDINGS, [
        {"document_id": doc, "kind": f.kind, "severity": f.severity, "lines": list(f.lines), "key": f.key,
         "params": jsonable(f.params), "message": f.message, "resolved": False, "resolution_note": None}
        for doc, f in new])


def list_findings(session: Session, *, kind: str | None = None, severity: str | None = None,
                  unit_id: int | None = None, document_id: int | None = None, resolved: bool | None = None,
                  limit: int = 1000) -> list[ListedFinding]:
    query = (select(FindingRow, Document.file_name, Document.admin_unit_id, AdminUnit.name)
             .join(Document, FindingRow.document_id == Document.id)
             .outerjoin(AdminUnit, Document.admin_unit_id == AdminUnit.id))
    if kind:
        query = query.where(FindingRow.kind == kind)
    if severity:
        query = query.where(FindingRow.severity == severity)
    if unit_id is not None:
        query = query.where(Document.admin_unit_id == unit_id)
    if document_id is not None:
        query = query.where(FindingRow.document_id == document_id)
    if resolved is not None:
        query = query.where(FindingRow.resolved.is_(resolved))
    rows = session.execute(query.order_by(FindingRow.document_id, FindingRow.id).limit(limit)).all()
    return [ListedFinding(_finding(f), file, unit, name) for f, file, unit, name in rows]


def finding_kinds(session: Session) -> list[str]:
    return sorted(set(session.scalars(select(FindingRow.kind).distinct())))


def findings_of_document(session: Session, document_id: int) -> list[StoredFinding]:
    return [_finding(f) for f in session.scalars(select(FindingRow).where(FindingRow.document_id == document_id)
                                                 .order_by(FindingRow.id))]


def finding_unit(session: Session, finding_id: int) -> tuple[bool, int | None]:
    """(whether the finding exists, the unit of its document)."""
    row = session.execute(select(FindingRow.id, Document.admin_unit_id)
                          .outerjoin(Document, FindingRow.document_id == Document.id)
                          .where(FindingRow.id == finding_id)).first()
    return (False, None) if row is None else (True, row[1])


def set_resolved(session: Session, finding_id: int, resolved: bool, note: str | None) -> None:
    row = session.get(FindingRow, finding_id)
    if row is not None:
        row.resolved = resolved
        row.resolution_note = note


def open_findings_of_unit(session: Session, unit_id: int) -> int:
    return session.scalar(
        select(func.count()).select_from(FindingRow).join(Document, FindingRow.document_id == Document.id)
        .where(Document.admin_unit_id == unit_id, FindingRow.resolved.is_(False))) or 0


def open_findings_by_document(session: Session) -> dict[int, int]:
    return dict(session.execute(select(FindingRow.document_id, func.count())
                                .where(FindingRow.resolved.is_(False)).group_by(FindingRow.document_id)).all())


def open_findings_by_line(session: Session, document_ids: list[int]) -> dict[tuple[int, int], int]:
    """How many open findings each (document, line) has."""
    if not document_ids:
        return {}
    out: dict[tuple[int, int], int] = defaultdict(int)
    for doc_id, lines in session.execute(select(FindingRow.document_id, FindingRow.lines).where(
            FindingRow.document_id.in_(document_ids), FindingRow.resolved.is_(False))):
        for line in set(lines or []):
            out[(doc_id, int(line))] += 1
    return dict(out)


def cross_document_rows(session: Session, document_ids: list[int], key: str) -> list[StoredFinding]:
    """The stored findings of these documents written by comparing them with others (`key`): read as
    plain rows, not as ORM objects (each document stored re-reads those of every document sharing a place
    with it, thousands of them)."""
    columns = (FindingRow.id, FindingRow.document_id, FindingRow.kind, FindingRow.severity, FindingRow.lines,
               FindingRow.key, FindingRow.params, FindingRow.message, FindingRow.resolved, FindingRow.resolution_note)
    out: list[StoredFinding] = []
    for chunk in chunks(document_ids):
        rows = session.execute(select(*columns).where(FindingRow.document_id.in_(chunk), FindingRow.key == key))
        out.extend(StoredFinding(i, d, kind, severity, tuple(lines or ()), k, dict(params or {}), message,
                                 bool(resolved), note)
                   for i, d, kind, severity, lines, k, params, message, resolved, note in rows)
    return out


def cross_document_rows_saying(session: Session, key: str, said: set[tuple[int, str]]) -> list[StoredFinding]:
    """The stored findings (`key`) of these (document, message) pairs: read by document and message,
    not every finding of the documents."""
    columns = (FindingRow.id, FindingRow.document_id, FindingRow.kind, FindingRow.severity, FindingRow.lines,
               FindingRow.key, FindingRow.params, FindingRow.message, FindingRow.resolved, FindingRow.resolution_note)
    pairs = sorted(said)
    out: list[StoredFinding] = []
    for k in range(0, len(pairs), _CHUNK // 10):
        part = pairs[k : k + _CHUNK // 10]
        rows = session.execute(select(*columns).where(FindingRow.key == key,
                                                      FindingRow.document_id.in_(sorted({d for d, _ in part})),
                                                      FindingRow.message.in_(sorted({m for _, m in part}))))
        out.extend(StoredFinding(i, d, kind, severity, tuple(lines or ()), k_, dict(params or {}), message,
                                 bool(resolved), note)
                   for i, d, kind, severity, lines, k_, params, message, resolved, note in rows
                   if (d, message) in said)
    return out


def delete_findings(session: Session, ids: list[int]) -> None:
    for chunk in chunks(ids):
        session.execute(delete(FindingRow).where(FindingRow.id.in_(chunk)))


_CHUNK = 5_000  # ids per IN (…): SQLite allows 32,766 bound values in one statement


def chunks(ids: list[int]) -> list[list[int]]:
    return [ids[k : k + _CHUNK] for k in range(0, len(ids), _CHUNK)]
