"""Writing and reading the store. Functions take a Session; the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, aliased

from chitieu.domain.extraction import Extraction, Op, Quantity, TableExtraction
from chitieu.domain.names import fold
from chitieu.domain.report_identity import figures_of, same_report
from chitieu.gazetteer.resolve import split_name
from chitieu.store.database import Database
from chitieu.store.schema import (
    AdminUnit,
    AdminUnitLink,
    ApiToken,
    Correction,
    Document,
    FindingRow,
    IndicatorRow,
    LoginAttempt,
    Observation,
    Term,
    User,
    WebSession,
)


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """One line of an administrative-unit list (the statistics office's layout)."""

    code: str | None
    name: str
    level: str
    parent_code: str | None
    valid_from: str | None
    valid_to: str | None
    predecessor_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferenceUnit:
    """A unit of a published list, keyed by (code, valid_from); its parent by the parent's code in the same era."""

    code: str
    name: str
    level: str
    unit_type: str
    parent_code: str | None
    valid_from: str | None
    valid_to: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class ReferenceLink:
    old_code: str
    old_valid_from: str | None
    new_code: str
    new_valid_from: str | None
    whole: bool


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    id: str
    name: str
    unit: str
    group: str
    direction: str
    aggregate: str


def document_by_hash(session: Session, content_hash: str) -> Document | None:
    return session.scalars(select(Document).where(Document.content_hash == content_hash)).first()


def delete_document(session: Session, document_id: int) -> None:
    session.execute(delete(Observation).where(Observation.document_id == document_id))
    session.execute(delete(FindingRow).where(FindingRow.document_id == document_id))
    session.execute(delete(Document).where(Document.id == document_id))


def sync_indicators(session: Session, records: list[IndicatorRecord]) -> None:
    known = {row.id: row for row in session.scalars(select(IndicatorRow))}
    for r in records:
        row = known.get(r.id)
        if row is None:
            session.add(IndicatorRow(id=r.id, name=r.name, unit=r.unit, group=r.group, direction=r.direction,
                                     aggregate=r.aggregate))
        else:
            row.name, row.unit, row.group, row.direction, row.aggregate = (r.name, r.unit, r.group, r.direction,
                                                                           r.aggregate)


def find_unit(session: Session, name: str, level: str | None, parent_name: str | None = None,
              provisional_only: bool = False) -> AdminUnit | None:
    query = select(AdminUnit).where(AdminUnit.name_folded == fold(name))
    if provisional_only:
        query = query.where(AdminUnit.provisional)
    if level:
        query = query.where(AdminUnit.level == level)
    candidates = list(session.scalars(query))
    if parent_name and len(candidates) > 1:
        parents = {u.id for u in session.scalars(select(AdminUnit).where(AdminUnit.name_folded == fold(parent_name)))}
        candidates = [u for u in candidates if u.parent_id in parents] or candidates
    return candidates[0] if candidates else None


def find_unit_by_name_or_code(session: Session, text: str) -> AdminUnit | None:
    """A unit a user names ('Mường Tè', 'huyện Mường Tè', '107'): by code (the current unit first), else
    by name, its type word narrowing the level; among several of one name, the one with documents, and
    None when that does not decide either."""
    by_code = session.scalars(select(AdminUnit).where(AdminUnit.code == text.strip())
                              .order_by(AdminUnit.valid_from.is_(None))).first()
    if by_code is not None:
        return by_code
    name, level, unit_type = split_name(text)
    found = units_named(session, name, level, unit_type)
    if len(found) > 1:
        with_documents = units_with_documents(session, [u.id for u in found])
        found = [u for u in found if u.id in with_documents] or found
    return found[0] if len(found) == 1 else None


def units_named(session: Session, name_folded: str, level: str | None, unit_type: str | None) -> list[AdminUnit]:
    query = select(AdminUnit).where(AdminUnit.name_folded == name_folded)
    if level:
        query = query.where(AdminUnit.level == level)
    found = list(session.scalars(query.order_by(AdminUnit.id)))
    return [u for u in found if u.unit_type == unit_type] or found if unit_type else found


def units_with_documents(session: Session, ids: list[int]) -> set[int]:
    return set(session.scalars(select(Document.admin_unit_id).distinct().where(Document.admin_unit_id.in_(ids))))


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: int
    code: str | None
    name: str
    level: str
    unit_type: str | None
    parent_id: int | None
    valid_from: str | None
    valid_to: str | None
    provisional: bool
    source: str | None


def unit_rows(session: Session) -> list[UnitRow]:
    """Every unit as plain rows, by level and name: columns only, not mapped objects, for the whole list."""
    u = AdminUnit
    rows = session.execute(select(u.id, u.code, u.name, u.level, u.unit_type, u.parent_id, u.valid_from, u.valid_to,
                                  u.provisional, u.source).order_by(u.level, u.name, u.id))
    return [UnitRow(i, code, name, level, unit_type, parent, start, end, bool(provisional), source)
            for i, code, name, level, unit_type, parent, start, end, provisional, source in rows]


def unit_by_code(session: Session, code: str, valid_from: str | None) -> AdminUnit | None:
    same_era = func.coalesce(AdminUnit.valid_from, "") == (valid_from or "")
    return session.scalars(select(AdminUnit).where(AdminUnit.code == code, same_era)).first()


def reference_units_loaded(session: Session, source: str) -> int:
    return session.scalar(select(func.count()).select_from(AdminUnit).where(AdminUnit.source == source)) or 0


def codeless_units(session: Session) -> list[tuple[int, str, str, str | None]]:
    """(id, name, level, parent's name) of the units without an official code (shipped by name or provisional)."""
    parent = aliased(AdminUnit)
    rows = session.execute(select(AdminUnit.id, AdminUnit.name, AdminUnit.level, parent.name)
                           .outerjoin(parent, AdminUnit.parent_id == parent.id).where(AdminUnit.code.is_(None)))
    return [(int(i), str(n), str(lv), p) for i, n, lv, p in rows]


def sync_reference_units(session: Session, units: list[ReferenceUnit], links: list[ReferenceLink],
                         adopt: dict[int, tuple[str, str | None]]) -> tuple[int, int]:
    """Write a published list (idempotent): units missing by (code, valid_from) are inserted in bulk, level
    by level so that parents exist first; stored ones get the list's names and source; `adopt` gives codes
    to units stored without one (id → (code, valid_from)), so their documents stay attached. Returns
    (units added, links added)."""
    def key(code: str | None, valid_from: str | None) -> tuple[str, str]:
        return code or "", valid_from or ""

    for unit_id, (code, valid_from) in adopt.items():
        if unit_by_code(session, code, valid_from) is None:
            session.execute(update(AdminUnit).where(AdminUnit.id == unit_id).values(
                code=code, valid_from=valid_from, provisional=False))
    ids = {key(c, v): int(i) for i, c, v in session.execute(
        select(AdminUnit.id, AdminUnit.code, AdminUnit.valid_from).where(AdminUnit.code.is_not(None)))}
    added = 0
    for level in ("tinh", "huyen", "xa"):
        rows: list[dict[str, object]] = []
        updates: list[tuple[int, dict[str, object]]] = []
        for u in units:
            if u.level != level:
                continue
            values: dict[str, object] = {
                "code": u.code, "name": u.name, "name_folded": fold(u.name), "level": u.level,
                "parent_id": ids.get(key(u.parent_code, u.valid_from)) if u.parent_code else None,
                "valid_from": u.valid_from, "valid_to": u.valid_to, "provisional": False, "aliases": list(u.aliases),
                "unit_type": u.unit_type, "lat": u.lat, "lon": u.lon, "source": u.source}
            stored = ids.get(key(u.code, u.valid_from))
            if stored is None:
                rows.append(values)
            else:
                updates.append((stored, values))
        if rows:
            session.execute(insert(AdminUnit), rows)
            added += len(rows)
        if updates:
            stored_source = dict(session.execute(select(AdminUnit.id, AdminUnit.source).where(
                AdminUnit.id.in_([uid for uid, _ in updates]))).all())
            for uid, values in updates:
                if stored_source.get(uid) != values["source"]:  # a newer version of the list: its names win
                    session.execute(update(AdminUnit).where(AdminUnit.id == uid).values(**values))
        if rows:
            ids.update({key(c, v): int(i) for i, c, v in session.execute(
                select(AdminUnit.id, AdminUnit.code, AdminUnit.valid_from).where(AdminUnit.level == level,
                                                                                 AdminUnit.code.is_not(None)))})
    stored_links = {(int(a), int(b)) for a, b in session.execute(
        select(AdminUnitLink.predecessor_id, AdminUnitLink.successor_id))}
    new_links = []
    for link in links:
        old, new = ids.get(key(link.old_code, link.old_valid_from)), ids.get(key(link.new_code, link.new_valid_from))
        if old is not None and new is not None and (old, new) not in stored_links:
            stored_links.add((old, new))
            new_links.append({"predecessor_id": old, "successor_id": new, "whole": link.whole})
    if new_links:
        session.execute(insert(AdminUnitLink), new_links)
    return added, len(new_links)


def resolve_unit(session: Session, name: str | None, level: str | None,
                 province: str | None, provisional_only: bool = False) -> tuple[int | None, bool]:
    """(unit id, created now as provisional). A unit never seen before is created without a code;
    `provisional_only`: the name fits several official units, none of which may be picked for it."""
    if not name:
        return None, False
    found = find_unit(session, name, level, province, provisional_only)
    if found is not None:
        return found.id, False
    parent_id = None
    if province and level != "tinh":
        parent = find_unit(session, province, "tinh")
        if parent is None:
            parent = AdminUnit(name=province, name_folded=fold(province), level="tinh", provisional=True, aliases=[])
            session.add(parent)
            session.flush()
        parent_id = parent.id
    unit = AdminUnit(name=name, name_folded=fold(name), level=level or "huyen", parent_id=parent_id,
                     provisional=True, aliases=[])
    try:
        with session.begin_nested():  # another ingest may create the same unit at this moment
            session.add(unit)
    except IntegrityError:
        found = find_unit(session, name, level, province, provisional_only)
        if found is None:
            raise
        return found.id, False
    return unit.id, True


def import_units(session: Session, records: list[UnitRecord], source: str | None = None) -> tuple[int, int]:
    """(added, updated). Units are matched by code and the date it took effect (a code is unique within
    its era only), else by name and level; parents and predecessors are found by code, the parent in the
    unit's own era, a predecessor in an earlier one; lineage links are added."""
    stored: dict[str, list[AdminUnit]] = {}
    for u in session.scalars(select(AdminUnit).where(AdminUnit.code.is_not(None))):
        stored.setdefault(u.code or "", []).append(u)

    def by_code(code: str, valid_from: str | None) -> AdminUnit | None:
        same = [u for u in stored.get(code, []) if (u.valid_from or "") == (valid_from or "")]
        return same[0] if same else None

    added = updated = 0
    for r in records:
        unit = by_code(r.code, r.valid_from) if r.code else None
        if unit is None and not r.code:
            unit = find_unit(session, r.name, r.level)
        if unit is None:
            unit = AdminUnit(name=r.name, name_folded=fold(r.name), level=r.level, aliases=[])
            session.add(unit)
            added += 1
        else:
            updated += 1
        unit.code, unit.valid_from, unit.valid_to, unit.provisional = r.code, r.valid_from, r.valid_to, False
        if source and unit.source is None:
            unit.source = source[:60]
        session.flush()
        if r.code and unit not in stored.setdefault(r.code, []):
            stored[r.code].append(unit)
    for r in records:
        unit = by_code(r.code, r.valid_from) if r.code else find_unit(session, r.name, r.level)
        if unit is None:
            continue
        if r.parent_code:
            parent = by_code(r.parent_code, r.valid_from) or next(iter(stored.get(r.parent_code, [])), None)
            if parent is not None:
                unit.parent_id = parent.id
        for code in r.predecessor_codes:
            earlier = [u for u in stored.get(code, [])
                       if u is not unit and (u.valid_from or "") < (r.valid_from or "~")]
            old = earlier[0] if earlier else None
            if old is not None and session.get(AdminUnitLink, (old.id, unit.id)) is None:
                session.add(AdminUnitLink(predecessor_id=old.id, successor_id=unit.id, whole=True))
    return added, updated


def _term_id(session: Session, term: str | None) -> int | None:
    if not term or "-" not in term:
        return None
    row = session.scalars(select(Term).where(Term.name == term)).first()
    if row is None:
        start, end = term.split("-")[:2]
        row = Term(name=term, start_year=int(start), end_year=int(end))
        session.add(row)
        session.flush()
    return row.id


def _short_name(file_name: str, limit: int = 500) -> str:
    """A file name as the column holds it: the end, with its extension, kept when it is longer."""
    return file_name if len(file_name) <= limit else "…" + file_name[-(limit - 1):]


def table_record(t: TableExtraction) -> dict[str, object]:
    """An indicator table of the report as stored (JSON): the Biểu reproduces it row by row."""
    return {"title": t.title, "line": t.line, "header": list(t.header),
            "column_roles": {h: [role, year] for h, (role, year) in t.column_roles.items()},
            "rows": [{"line": r.line, "tt": r.tt, "name": r.name, "parent": r.parent, "unit": r.unit, "kind": r.kind,
                      "indicator_id": r.indicator_id, "cells": r.cells,
                      "values": {h: _values(q) for h, q in r.values.items()}} for r in t.rows]}


def report_tables(session: Session, unit_id: int) -> list[tuple[int, str, str | None, dict[str, Any]]]:
    """(document id, file name, period, stored metadata) of the unit's documents, newest first."""
    rows = session.execute(select(Document.id, Document.file_name, Document.period, Document.meta)
                           .where(Document.admin_unit_id == unit_id).order_by(Document.id.desc()))
    return [(int(i), str(name), period, meta if isinstance(meta, dict) else {}) for i, name, period, meta in rows]


def _values(q: Quantity) -> dict[str, object]:
    return {"op": q.op.value, "value": q.value, "low": q.low, "high": q.high, "value_text": (q.text or None)}


def save_extraction(session: Session, x: Extraction, *, content_hash: str, file_name: str, fmt: str, text: str,
                    admin_unit_id: int | None, extractor_version: str, messages: list[str]) -> int:
    """Insert one document with its observations and findings; returns the document id."""
    m = x.metadata
    doc = Document(
        content_hash=content_hash, file_name=_short_name(file_name), format=fmt, admin_unit_id=admin_unit_id,
        doc_kind=m.doc_kind.value if m.doc_kind else None, period=m.period, plan_period=m.plan_period,
        term_id=_term_id(session, m.term), draft=bool(m.draft), issued=m.date,
        meta={"issuer": m.issuer, "unit_name": m.unit_name, "unit_level": m.unit_level, "province": m.province,
              "term": m.term, "draft": m.draft, "doc_number": m.doc_number, "signer": m.signer, "title": m.title,
              "figures": figures_of(x), "tables": [table_record(t) for t in x.tables if t.kind == "indicator_results"]},
        text=text, extractor_version=extractor_version, ingested_at=datetime.now(UTC).replace(tzinfo=None),
    )
    session.add(doc)
    session.flush()
    known = set(session.scalars(select(IndicatorRow.id)))
    rows: list[dict[str, object]] = []
    for f in x.facts:
        rows.append({
            "document_id": doc.id, "indicator_id": f.indicator_id if f.indicator_id in known else None,
            "admin_unit_id": admin_unit_id, "raw_name": f.indicator[:500], "period": f.period, "role": f.role.value,
            **_values(f.quantity), "unit": f.unit, "estimate": f.estimate, "pct": f.pct,
            "pct_basis": f.pct_basis.value if f.pct_basis else None, "source": "text", "line": f.line,
            "span_start": f.span[0], "span_end": f.span[1], "quote": f.quote,
            "candidate_id": f.candidate_id, "mapping_reason": f.mapping_reason,
            "mapping_confidence": f.indicator_confidence,
        })
    for t in x.tables:
        for r in t.rows:
            for header, q in r.values.items():
                role, year = t.column_roles.get(header, ("actual", None))
                # a column without its year is the report's own: its term for a target, its period else
                year = year or ((m.term or m.plan_period) if role == "target" else m.period)
                if r.kind != "indicator" or role == "verdict" or (q.value is None and q.low is None) \
                        or (q.text is not None and q.op is not Op.TEXT):
                    continue  # a sentence in a cell ('Tỷ lệ hộ nghèo còn 12,58%, giảm 6,37%/năm') is no value
                rows.append({
                    "document_id": doc.id, "indicator_id": r.indicator_id if r.indicator_id in known else None,
                    "admin_unit_id": admin_unit_id, "raw_name": r.name[:500], "period": year,
                    "role": role, **_values(q), "unit": r.unit, "estimate": "ước" in header.lower(),
                    "pct": None, "pct_basis": None, "source": "table", "line": r.line, "span_start": None,
                    "span_end": None, "quote": f"{header}: {r.cells.get(header, '')}"[:1000],
                    "candidate_id": r.indicator_id, "mapping_reason": "matched" if r.indicator_id else None,
                    "mapping_confidence": r.indicator_confidence,
                })
    if rows:
        session.execute(insert(Observation), rows)
    findings = [{"document_id": doc.id, "kind": f.kind.value, "severity": f.severity.value, "lines": list(f.lines),
                 "key": f.key, "params": _jsonable(f.params), "message": message, "resolved": False,
                 "resolution_note": None} for f, message in zip(x.findings, messages, strict=True)]
    if findings:
        session.execute(insert(FindingRow), findings)
    return doc.id


def save_imported_values(session: Session, rows: list[tuple[str, str, str, str, float]], *, content_hash: str,
                         file_name: str, fmt: str, title: str, extractor_version: str) -> int:
    """Values from another system (indicator, unit name or code, period, role, value) stored as one
    source document; nothing when a file with the same content is already stored. Returns how many."""
    if document_by_hash(session, content_hash) is not None:
        return 0
    doc = Document(content_hash=content_hash, file_name=file_name, format=fmt, meta={"title": title}, text="",
                   extractor_version=extractor_version, ingested_at=datetime.now(UTC).replace(tzinfo=None))
    session.add(doc)
    session.flush()
    values = []
    for indicator, unit_ref, period, role, value in rows:
        unit = find_unit_by_name_or_code(session, unit_ref)
        unit_id = unit.id if unit is not None else resolve_unit(session, unit_ref, None, None)[0]
        values.append({"document_id": doc.id, "indicator_id": indicator, "admin_unit_id": unit_id,
                       "raw_name": indicator, "period": period, "role": role, "op": "=", "value": value,
                       "estimate": False, "source": fmt[:10], "line": 0, "quote": ""})
    if values:
        session.execute(insert(Observation), values)
    return len(values)


def _jsonable(params: dict[str, object]) -> dict[str, object]:
    return {k: v if isinstance(v, (str, int, float, bool)) or v is None else str(v) for k, v in params.items()}


@dataclass(frozen=True, slots=True)
class Stored:
    """What became of one extraction: 'added' | 'replaced' | 'unchanged' | 'forbidden' | 'duplicate' (the
    same report stored from another file, whose id is `document_id`), whether its unit was created now,
    staff corrections that could not be carried over to the new figures, findings `finish` recorded."""

    outcome: str
    created: bool = False
    document_id: int | None = None
    lost: int = 0
    findings: int = 0


Place = tuple[int, str, str]  # where documents are compared: unit id, indicator id, period
# What the caller adds in the document's own transaction: (session, document id, the places whose
# figures changed, staff corrections lost) → how many findings it recorded.
Finish = Callable[[Session, int, set[Place], int], int]


class StoreFailed(Exception):
    """The database refused a document (a value it cannot hold, a lock not granted in time): its
    transaction is rolled back whole."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

_INGEST_LOCK = 7_386_104_020  # the advisory lock PostgreSQL writers of documents take, one at a time


def serialize_writers(session: Session) -> None:
    """Make this transaction the only one writing documents until it ends, so that what it reads of
    the other documents (to compare figures across them) is every committed one, whatever the order
    the writers started in. PostgreSQL: an advisory lock held to the commit; SQLite: its write lock,
    taken now by a statement that writes nothing (SQLite has one writer at a time anyway)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sql("SELECT pg_advisory_xact_lock(:key)"), {"key": _INGEST_LOCK})
    else:
        session.execute(delete(LoginAttempt).where(sql("0 = 1")))


def store_document(db: Database, x: Extraction, *, content_hash: str, file_name: str, fmt: str, text: str,
                   extractor_version: str, messages: list[str], replace: bool,
                   may_store: Callable[[int | None], bool] | None = None,
                   unit_code: tuple[str, str | None] | None = None, unit_ambiguous: bool = False,
                   finish: Finish | None = None) -> Stored:
    """Store one extraction, and whatever `finish` adds to it, in one transaction: all of it or nothing.
    A document stored by another process meanwhile (same content hash) is unchanged; one whose unit
    `may_store` refuses is not written at all (a provisional unit neither). `unit_code` (code, valid_from):
    the unit the report was resolved to; without it, or when it is not stored, the unit is found by name
    (`unit_ambiguous`: among provisional units only, the name fitting several official ones)."""
    try:
        with db.transaction() as session:
            serialize_writers(session)
            old = document_by_hash(session, content_hash)
            if old is not None and (not replace or old.extractor_version == extractor_version):
                return Stored("unchanged", document_id=old.id)  # --reextract redoes older ones only
            kept: list[tuple[tuple[object, ...], Correction]] = []
            touched: set[Place] = set()
            lost = 0
            if old is not None:
                kept = _corrections_of(session, old.id)
                touched = places_of_document(session, old.id)
                delete_document(session, old.id)
            m = x.metadata
            coded = unit_by_code(session, *unit_code) if unit_code else None
            unit_id, created = (coded.id, False) if coded else resolve_unit(session, m.unit_name, m.unit_level,
                                                                             m.province, unit_ambiguous)
            if may_store is not None and not may_store(unit_id):
                raise _Refused
            if old is None:
                twin = _same_report_stored(session, x, unit_id)
                if twin is not None:
                    raise _Duplicate(twin)
            doc_id = save_extraction(session, x, content_hash=content_hash, file_name=file_name, fmt=fmt,
                                     text=text, admin_unit_id=unit_id, extractor_version=extractor_version,
                                     messages=messages)
            if kept:
                lost = _carry_corrections(session, doc_id, kept)
            found = finish(session, doc_id, touched | places_of_document(session, doc_id), lost) if finish else 0
            return Stored("replaced" if old is not None else "added", created, doc_id, lost, found)
    except IntegrityError:
        return Stored("unchanged")
    except DBAPIError as exc:
        raise StoreFailed(str(exc.orig).splitlines()[0][:300] if exc.orig else str(exc)[:300]) from exc
    except _Refused:
        return Stored("forbidden")
    except _Duplicate as twin:
        return Stored("duplicate", document_id=twin.document_id)


def places_of_document(session: Session, document_id: int) -> set[Place]:
    rows = session.execute(select(Observation.admin_unit_id, Observation.indicator_id, Observation.period)
                           .where(Observation.document_id == document_id, Observation.value.is_not(None))
                           .distinct())
    return {(int(u), str(i), str(p)) for u, i, p in rows if u is not None and i and p}


def _same_report_stored(session: Session, x: Extraction, unit_id: int | None) -> int | None:
    """A stored document that is this report in another file: same unit, kind, draft and periods, and
    nearly the same figures."""
    m = x.metadata
    # the two fields of each candidate's metadata, not all of it (its tables): a unit's every report is read
    rows = session.execute(select(Document.id, Document.meta["draft"], Document.meta["figures"]).where(
        Document.admin_unit_id == unit_id, Document.period == m.period, Document.plan_period == m.plan_period,
        Document.doc_kind == (m.doc_kind.value if m.doc_kind else None)))
    mine = figures_of(x)
    for doc_id, draft, figures in rows:
        if draft == m.draft and isinstance(figures, list) and same_report(mine, figures):
            return int(doc_id)
    return None


def file_name_of(session: Session, document_id: int) -> str:
    return session.scalar(select(Document.file_name).where(Document.id == document_id)) or ""


class _Refused(Exception):
    """Rolls back a document the caller may not store."""


class _Duplicate(Exception):
    """Rolls back a document that is a report already stored, from another file."""

    def __init__(self, document_id: int) -> None:
        super().__init__(document_id)
        self.document_id = document_id


def _figure_key(o: Observation) -> tuple[object, ...]:
    """What identifies a figure across extractor versions: where it is written and what it says."""
    return (o.source, o.line, o.role, o.value, o.low, o.high)


def _corrections_of(session: Session, document_id: int) -> list[tuple[tuple[object, ...], Correction]]:
    rows = session.execute(select(Observation, Correction).join(Correction, Correction.observation_id ==
                                                                Observation.id)
                           .where(Observation.document_id == document_id).order_by(Correction.created_at))
    out = []
    for obs, c in rows:
        session.expunge(c)
        out.append((_figure_key(obs), c))
    return out


def _carry_corrections(session: Session, document_id: int, kept: list[tuple[tuple[object, ...], Correction]]) -> int:
    """Staff corrections survive a re-extraction: each goes to the new figure written at the same place
    with the same value, mapping corrections are applied to it again, and those whose figure is gone
    are counted (the caller reports them)."""
    new: dict[tuple[object, ...], Observation] = {}
    for figure in session.scalars(select(Observation).where(Observation.document_id == document_id)):
        new.setdefault(_figure_key(figure), figure)
    lost = 0
    for key, c in kept:
        obs = new.get(key)
        if obs is None:
            lost += 1
            continue
        session.add(Correction(observation_id=obs.id, field=c.field, old_value=c.old_value, new_value=c.new_value,
                               reason=c.reason, user_id=c.user_id, created_at=c.created_at))
        if c.field == "indicator_id":
            obs.indicator_id = c.new_value
        elif c.field == "admin_unit_id":
            obs.admin_unit_id = int(c.new_value) if c.new_value else None
        elif c.field == "period":
            obs.period = c.new_value
    return lost


def seed_reference(db: Database, indicators: list[IndicatorRecord]) -> None:
    """The catalogue's indicators, written once; several ingests starting together may race to write
    them, and the loser simply finds them there on its second try."""
    for attempt in range(3):
        try:
            with db.transaction() as session:
                sync_indicators(session, indicators)
            return
        except IntegrityError:
            if attempt == 2:
                raise


def add_finding(session: Session, document_id: int, *, kind: str, severity: str, lines: list[int], key: str,
                params: dict[str, object], message: str) -> None:
    session.add(FindingRow(document_id=document_id, kind=kind, severity=severity, lines=lines, key=key,
                           params=_jsonable(params), message=message, resolved=False))


def counts(session: Session) -> dict[str, int]:
    return {name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in (("documents", Document), ("observations", Observation), ("findings", FindingRow),
                                ("admin_units", AdminUnit), ("indicators", IndicatorRow))}


def login_locked_until(session: Session, username: str) -> datetime | None:
    row = session.get(LoginAttempt, username[:80])
    return row.locked_until if row is not None else None


def record_login_failure(session: Session, username: str, now: datetime, lock_after: int,
                         lock_for: timedelta) -> int:
    """Count one more failed login; lock the name once `lock_after` failures follow each other. Returns
    the count."""
    row = session.get(LoginAttempt, username[:80])
    if row is None:
        row = LoginAttempt(username=username[:80], failures=0)
        session.add(row)
    row.failures = (row.failures or 0) + 1
    row.last_failure = now
    if row.failures >= lock_after:
        row.locked_until = now + lock_for
        row.failures = 0
    return row.failures


def clear_login_failures(session: Session, username: str) -> None:
    row = session.get(LoginAttempt, username[:80])
    if row is not None:
        session.delete(row)


def add_web_session(session: Session, token_hash: str, user_id: int, now: datetime) -> None:
    session.add(WebSession(token_hash=token_hash, user_id=user_id, created_at=now))


def web_session_user(session: Session, token_hash: str, not_before: datetime) -> int | None:
    row = session.get(WebSession, token_hash)
    return row.user_id if row is not None and row.created_at >= not_before else None


def end_web_session(session: Session, token_hash: str) -> None:
    row = session.get(WebSession, token_hash)
    if row is not None:
        session.delete(row)


@dataclass(frozen=True, slots=True)
class StoredFinding:
    id: int
    document_id: int
    message: str
    lines: list[int]
    params: dict[str, object]


def cross_document_rows(session: Session, document_ids: list[int], key: str) -> list[StoredFinding]:
    """The stored findings of these documents written by comparing them with others (`key`): read as
    plain rows, not as ORM objects (each document stored re-reads those of every document sharing a place
    with it, thousands of them)."""
    out: list[StoredFinding] = []
    for chunk in chunks(document_ids):
        rows = session.execute(select(FindingRow.id, FindingRow.document_id, FindingRow.message, FindingRow.lines,
                                      FindingRow.params)
                               .where(FindingRow.document_id.in_(chunk), FindingRow.key == key))
        out.extend(StoredFinding(i, d, m, lines, params) for i, d, m, lines, params in rows)
    return out


def delete_findings(session: Session, ids: list[int]) -> None:
    for chunk in chunks(ids):
        session.execute(delete(FindingRow).where(FindingRow.id.in_(chunk)))


_CHUNK = 5_000  # ids per IN (…): SQLite allows 32,766 bound values in one statement


def chunks(ids: list[int]) -> list[list[int]]:
    return [ids[k : k + _CHUNK] for k in range(0, len(ids), _CHUNK)]


def add_api_token(session: Session, token_hash: str, user_id: int, name: str, now: datetime) -> int:
    row = ApiToken(token_hash=token_hash, user_id=user_id, name=name, created_at=now)
    session.add(row)
    session.flush()
    return row.id


def api_token_user(session: Session, token_hash: str) -> int | None:
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash)).first()
    return row.user_id if row is not None and row.revoked_at is None else None


def revoke_api_token(session: Session, token_id: int, now: datetime) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = now
    return True


def api_tokens(session: Session) -> list[tuple[int, str, str, datetime, datetime | None]]:
    """(id, user name, token name, created, revoked) of every token, newest first."""
    rows = session.execute(select(ApiToken.id, User.username, ApiToken.name, ApiToken.created_at, ApiToken.revoked_at)
                           .join(User, ApiToken.user_id == User.id).order_by(ApiToken.id.desc()))
    return [(int(i), str(u), str(n), c, r) for i, u, n, c, r in rows]
