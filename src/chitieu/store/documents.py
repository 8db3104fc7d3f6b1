"""Stored documents: one written with its figures and findings in one transaction (all of it or
nothing), what a new version of a report carries over from the old one, and documents read back.
What a document stores is decided by the caller (services/document_record.py); here it is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from chitieu.domain.report_identity import same_report
from chitieu.store.database import Database, insert_rows
from chitieu.store.findings import NewFinding, add_findings
from chitieu.store.schema import (
    AdminUnit,
    Correction,
    Document,
    FindingRow,
    IndicatorRow,
    LoginAttempt,
    Observation,
    Term,
)
from chitieu.store.units import find_unit_by_name_or_code, resolve_unit, unit_by_code


class NewObservation(NamedTuple):
    """A figure to store, with every column but its document and unit (those of the document). A tuple:
    a worker process sends hundreds per document to the writer, and tuples unpickle fast."""

    indicator_id: str | None
    raw_name: str
    period: str | None
    role: str
    op: str
    value: float | None
    low: float | None
    high: float | None
    value_text: str | None
    unit: str | None
    estimate: bool
    pct: float | None
    pct_basis: str | None
    source: str  # text | table
    line: int
    span_start: int | None
    span_end: int | None
    quote: str
    candidate_id: str | None
    mapping_reason: str | None
    mapping_confidence: float | None


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document to store: the file, what its header says, the unit it names, its figures and findings."""

    content_hash: str
    file_name: str
    fmt: str
    text: str
    extractor_version: str
    doc_kind: str | None
    period: str | None
    plan_period: str | None
    term: str | None
    draft: str | None  # the draft marker ('Dự thảo lần 2'), None for an adopted document
    issued: str | None
    unit_name: str | None
    unit_level: str | None
    province: str | None
    figures: list[str]  # the report's identity whatever its file (domain/report_identity.py)
    meta: dict[str, object]
    observations: list[NewObservation] = field(default_factory=list)
    findings: list[NewFinding] = field(default_factory=list)


class Outcome(StrEnum):
    """What became of a document given to `store_document`."""

    ADDED = "added"
    REPLACED = "replaced"  # an older extraction of the same file
    UNCHANGED = "unchanged"  # stored already (by this extractor version, or by another process meanwhile)
    FORBIDDEN = "forbidden"  # `may_store` refused its unit
    DUPLICATE = "duplicate"  # the same report stored from another file


@dataclass(frozen=True, slots=True)
class Stored:
    """What became of one document: its outcome, whether its unit was created now, its id (for a
    duplicate: the stored one's), staff corrections that could not be carried over to the new figures,
    findings `finish` recorded."""

    outcome: Outcome
    created: bool = False
    document_id: int | None = None
    lost: int = 0
    findings: int = 0


Place = tuple[int, str, str]  # where documents are compared: unit id, indicator id, period
# What the caller adds in the document's own transaction: (session, document id, the places whose
# figures changed, staff corrections lost, whether it replaced an older extraction) → how many findings
# it recorded.
Finish = Callable[[Session, int, set[Place], int, bool], int]
# Which stored document, if any, is the new one in another file: (session, new document, its unit id) → id.
Twin = Callable[[Session, NewDocument, int | None], int | None]


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


def store_document(db: Database, new: NewDocument, *, replace: bool,
                   may_store: Callable[[int | None], bool] | None = None,
                   unit_code: tuple[str, str | None] | None = None, unit_ambiguous: bool = False,
                   finish: Finish | None = None, twin: Twin | None = None) -> Stored:
    """Store one document, and whatever `finish` adds to it, in one transaction: all of it or nothing.
    A document stored by another process meanwhile (same content hash) is unchanged; one whose unit
    `may_store` (the caller's permission check) refuses is not written at all (a provisional unit
    neither). `unit_code` (code, valid_from): the unit the report was resolved to; without it, or when
    it is not stored, the unit is found by name (`unit_ambiguous`: among provisional units only, the
    name fitting several official ones)."""
    try:
        with db.transaction() as session:
            serialize_writers(session)
            old = _document_by_hash(session, new.content_hash)
            if old is not None and (not replace or old.extractor_version == new.extractor_version):
                return Stored(Outcome.UNCHANGED, document_id=old.id)  # --reextract redoes older ones only
            kept: list[tuple[tuple[object, ...], Correction]] = []
            touched: set[Place] = set()
            lost = 0
            if old is not None:
                kept = _corrections_of(session, old.id)
                touched = places_of_document(session, old.id)
                delete_document(session, old.id)
            coded = unit_by_code(session, *unit_code) if unit_code else None
            unit_id, created = (coded.id, False) if coded else resolve_unit(session, new.unit_name, new.unit_level,
                                                                             new.province, unit_ambiguous)
            if may_store is not None and not may_store(unit_id):
                raise _Refused
            if old is None:
                found = (twin or same_report_stored)(session, new, unit_id)
                if found is not None:
                    raise _Duplicate(found)
            doc_id = save_document(session, new, admin_unit_id=unit_id)
            if kept:
                lost = _carry_corrections(session, doc_id, kept)
            found = finish(session, doc_id, touched | places_of_document(session, doc_id), lost,
                           old is not None) if finish else 0
            return Stored(Outcome.REPLACED if old is not None else Outcome.ADDED, created, doc_id, lost, found)
    except IntegrityError:
        return Stored(Outcome.UNCHANGED)
    except DBAPIError as exc:
        raise StoreFailed(str(exc.orig).splitlines()[0][:300] if exc.orig else str(exc)[:300]) from exc
    except _Refused:
        return Stored(Outcome.FORBIDDEN)
    except _Duplicate as twin:
        return Stored(Outcome.DUPLICATE, document_id=twin.document_id)


class _Refused(Exception):
    """Rolls back a document the caller may not store."""


class _Duplicate(Exception):
    """Rolls back a document that is a report already stored, from another file."""

    def __init__(self, document_id: int) -> None:
        super().__init__(document_id)
        self.document_id = document_id


def _document_by_hash(session: Session, content_hash: str) -> Document | None:
    return session.scalars(select(Document).where(Document.content_hash == content_hash)).first()


def delete_document(session: Session, document_id: int) -> None:
    session.execute(delete(Observation).where(Observation.document_id == document_id))
    session.execute(delete(FindingRow).where(FindingRow.document_id == document_id))
    session.execute(delete(Document).where(Document.id == document_id))


def places_of_document(session: Session, document_id: int) -> set[Place]:
    rows = session.execute(select(Observation.admin_unit_id, Observation.indicator_id, Observation.period)
                           .where(Observation.document_id == document_id, Observation.value.is_not(None))
                           .distinct())
    return {(int(u), str(i), str(p)) for u, i, p in rows if u is not None and i and p}


def same_report_stored(session: Session, new: NewDocument, unit_id: int | None) -> int | None:
    """A stored document that is this report in another file: same unit, kind, draft and periods, and
    nearly the same figures."""
    for doc_id, draft, figures in report_figures(session, unit_id, new.period, new.plan_period, new.doc_kind):
        if draft == new.draft and same_report(new.figures, figures):
            return doc_id
    return None


def report_figures(session: Session, unit_id: int | None, period: str | None, plan_period: str | None,
                   doc_kind: str | None) -> list[tuple[int, object, list[str]]]:
    """(id, draft marker, figures) of the stored documents of a unit with this kind and periods: those a
    new report may be another file of."""
    # the two fields of each candidate's metadata, not all of it (its tables): a unit's every report is read
    rows = session.execute(select(Document.id, Document.meta["draft"], Document.meta["figures"]).where(
        Document.admin_unit_id == unit_id, Document.period == period, Document.plan_period == plan_period,
        Document.doc_kind == doc_kind))
    return [(int(doc_id), draft, figures) for doc_id, draft, figures in rows if isinstance(figures, list)]


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


def save_document(session: Session, new: NewDocument, *, admin_unit_id: int | None) -> int:
    """Insert one document with its observations and findings; returns the document id. A figure's
    indicator not in the stored catalogue is kept as its candidate only."""
    doc = Document(
        content_hash=new.content_hash, file_name=_short_name(new.file_name), format=new.fmt,
        admin_unit_id=admin_unit_id, doc_kind=new.doc_kind, period=new.period, plan_period=new.plan_period,
        term_id=_term_id(session, new.term), draft=bool(new.draft), issued=new.issued, meta=new.meta, text=new.text,
        extractor_version=new.extractor_version, ingested_at=datetime.now(UTC).replace(tzinfo=None),
    )
    session.add(doc)
    session.flush()
    known = set(session.scalars(select(IndicatorRow.id)))
    rows: list[dict[str, object]] = [{
        "document_id": doc.id, "indicator_id": o.indicator_id if o.indicator_id in known else None,
        "admin_unit_id": admin_unit_id, "raw_name": o.raw_name[:500], "period": o.period, "role": o.role,
        "op": o.op, "value": o.value, "low": o.low, "high": o.high, "value_text": o.value_text, "unit": o.unit,
        "estimate": o.estimate, "pct": o.pct, "pct_basis": o.pct_basis, "source": o.source, "line": o.line,
        "span_start": o.span_start, "span_end": o.span_end, "quote": o.quote,
        "candidate_id": o.candidate_id, "mapping_reason": o.mapping_reason,
        "mapping_confidence": o.mapping_confidence,
    } for o in new.observations]
    insert_rows(session, _OBSERVATIONS, rows)
    add_findings(session, [(doc.id, f) for f in new.findings])
    return doc.id


# The table, not the mapped class: the rows go to the driver as they are, without the ORM's bookkeeping.
_OBSERVATIONS = cast(Table, Observation.__table__)


def save_imported_values(session: Session, rows: list[tuple[str, str, str, str, float]], *, content_hash: str,
                         file_name: str, fmt: str, title: str, extractor_version: str) -> int:
    """Values from another system (indicator, unit name or code, period, role, value) stored as one
    source document; nothing when a file with the same content is already stored. Returns how many."""
    if _document_by_hash(session, content_hash) is not None:
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


# ---------------------------------------------------------------- documents read back


def file_name_of(session: Session, document_id: int) -> str:
    return session.scalar(select(Document.file_name).where(Document.id == document_id)) or ""


def file_names(session: Session, document_ids: list[int] | set[int] | None = None) -> dict[int, str]:
    """The file names of these documents (of every document: None)."""
    query = select(Document.id, Document.file_name)
    if document_ids is not None:
        if not document_ids:
            return {}
        query = query.where(Document.id.in_(list(document_ids)))
    return dict(session.execute(query).all())


def report_tables(session: Session, unit_id: int) -> list[tuple[int, str, str | None, dict[str, Any]]]:
    """(document id, file name, period, stored metadata) of the unit's documents, newest first."""
    rows = session.execute(select(Document.id, Document.file_name, Document.period, Document.meta)
                           .where(Document.admin_unit_id == unit_id).order_by(Document.id.desc()))
    return [(int(i), str(name), period, meta if isinstance(meta, dict) else {}) for i, name, period, meta in rows]


def issuers(session: Session, unit_id: int) -> list[object]:
    """The issuer each of the unit's documents names in its header (or None), newest first."""
    return [meta.get("issuer") for meta in session.scalars(
        select(Document.meta).where(Document.admin_unit_id == unit_id).order_by(Document.id.desc()))]


def unit_documents(session: Session, unit_ids: list[int]) -> list[tuple[int, int | None, str, str | None]]:
    """(document id, unit id, file name, period) of the documents stored for these units, newest first."""
    rows = session.execute(select(Document.id, Document.admin_unit_id, Document.file_name, Document.period)
                           .where(Document.admin_unit_id.in_(unit_ids)).order_by(Document.id.desc()))
    return [(int(i), u, str(f), p) for i, u, f, p in rows]


@dataclass(frozen=True, slots=True)
class ListedDocument:
    """A document as lists show it: its header's fields and the first `head` characters of its text."""

    id: int
    file_name: str
    unit_name: str | None
    doc_kind: str | None
    period: str | None
    plan_period: str | None
    draft: bool
    issued: str | None
    meta: dict[str, object]
    head: str


def listed_documents(session: Session, unit_id: int | None, head: int) -> list[ListedDocument]:
    """The stored documents (of one unit), newest first."""
    query = (select(Document.id, Document.file_name, AdminUnit.name, Document.doc_kind, Document.period,
                    Document.plan_period, Document.draft, Document.issued, Document.meta,
                    func.substr(Document.text, 1, head))
             .outerjoin(AdminUnit, Document.admin_unit_id == AdminUnit.id).order_by(Document.id.desc()))
    if unit_id is not None:
        query = query.where(Document.admin_unit_id == unit_id)
    return [ListedDocument(i, f, u, k, p, pp, d, iss, m or {}, h or "")
            for i, f, u, k, p, pp, d, iss, m, h in session.execute(query).all()]


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    file_name: str
    admin_unit_id: int | None
    unit_name: str | None
    doc_kind: str | None
    period: str | None
    plan_period: str | None
    draft: bool
    issued: str | None
    meta: dict[str, object]
    text: str


def document(session: Session, document_id: int) -> StoredDocument | None:
    doc = session.get(Document, document_id)
    if doc is None:
        return None
    unit = session.get(AdminUnit, doc.admin_unit_id) if doc.admin_unit_id else None
    return StoredDocument(doc.id, doc.file_name, doc.admin_unit_id, unit.name if unit else None, doc.doc_kind,
                          doc.period, doc.plan_period, doc.draft, doc.issued, dict(doc.meta), doc.text)


@dataclass(frozen=True, slots=True)
class PlacedFigure:
    """Where a figure sits in its document's text (`start`/`end`: its span on the line, when known)."""

    observation_id: int
    line: int
    start: int | None
    end: int | None
    indicator_id: str | None
    raw_name: str
    role: str
    source: str


def placed_figures(session: Session, document_id: int) -> list[PlacedFigure]:
    return [PlacedFigure(*row) for row in session.execute(
        select(Observation.id, Observation.line, Observation.span_start, Observation.span_end,
               Observation.indicator_id, Observation.raw_name, Observation.role, Observation.source)
        .where(Observation.document_id == document_id)).all()]
