"""Ingest files, folders and globs: read → extract → evaluate → audit → store, one transaction per
document, idempotent by content hash. A bad file is recorded with its reason and skipped; a
document is stored whole or not at all."""

from __future__ import annotations

import glob
import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from chitieu import EXTRACTOR_VERSION
from chitieu.catalog.model import load_catalog
from chitieu.domain import measure_units
from chitieu.domain.document import Paragraph, SourceDocument
from chitieu.domain.errors import ReadError
from chitieu.domain.extraction import Extraction
from chitieu.gazetteer.resolve import Resolution
from chitieu.messages import render
from chitieu.read.document import MAX_BYTES, read_bytes
from chitieu.services.browse import implausible_before_storing, record_implausible
from chitieu.services.database import connect
from chitieu.services.disagreements import Comparisons, refresh_disagreements
from chitieu.services.document_record import document_record
from chitieu.services.extraction import WARM_UP_TEXT, analyse
from chitieu.services.sandbox import Budget, Overrun, forked_by_server, map_bounded, run_bounded
from chitieu.services.twins import StoredReports
from chitieu.services.units import resolve_report_unit, unit_place
from chitieu.store import documents, indicators
from chitieu.store.database import Database, Session
from chitieu.store.documents import NewDocument
from chitieu.store.findings import NewFinding, add_finding

log = logging.getLogger(__name__)

SUFFIXES = {".docx", ".doc", ".xlsx", ".pdf", ".txt", ".md"}


@dataclass
class IngestSummary:
    added: int = 0
    unchanged: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, the stored file of the same report)
    reextracted: int = 0
    facts: int = 0
    findings: int = 0
    provisional_units: list[str] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, Vietnamese message)
    document_ids: list[int] = field(default_factory=list)  # stored now or found already stored


@dataclass(frozen=True)
class _Prepared:
    """A file as a worker leaves it: the record to write and the unit it names, or why it cannot be
    stored (`error`). The parent only writes: what it receives is small to unpickle and ready to insert."""

    path: str
    error: str | None = None
    record: NewDocument | None = None
    unit_code: tuple[str, str | None] | None = None  # the packaged unit the report names (code, valid_from)
    ambiguity: dict[str, object] | None = None  # several units carry its name: the finding's parameters
    refusal: str = ""  # why a user who may not add documents of its unit is refused
    facts: int = 0
    implausible: list[NewFinding] = field(default_factory=list)  # its figures as read (none corrected yet)


@dataclass
class _Kept:
    """What one ingest keeps in memory of stored data from one document to the next, while no one else
    writes: the values at the places compared (services/disagreements.py), the unit's reports (twins)."""

    comparisons: Comparisons = field(default_factory=Comparisons)
    reports: StoredReports = field(default_factory=StoredReports)


def expand_paths(inputs: list[str]) -> list[Path]:
    """Files, folders (recursively) and glob patterns → the report files they name, each once, sorted."""
    found: dict[Path, None] = {}
    for item in inputs:
        matches = [Path(m) for m in glob.glob(item, recursive=True)] if any(c in item for c in "*?[") else [Path(item)]
        for path in matches:
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if child.is_file() and child.suffix.lower() in SUFFIXES:
                        found[child] = None
            else:
                found[path] = None
    return sorted(found)


def _prepare(path_text: str) -> _Prepared:
    """Read, extract and audit one file (runs in a worker process with --jobs). Its size is looked at
    before a byte is read: a file too large is refused without reading it."""
    path = Path(path_text)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _Prepared(path_text, render("read.too_large", file=path_text, size_mb=round(size / 2**20, 1),
                                               limit_mb=MAX_BYTES // 2**20))
        data = path.read_bytes()
    except OSError:
        return _Prepared(path_text, render("read.not_found", file=path_text))
    return _prepare_bytes(path_text, data)


def _prepare_bytes(name: str, data: bytes) -> _Prepared:
    content_hash = hashlib.sha256(data).hexdigest()
    file_name = Path(name).name
    try:
        doc = read_bytes(data, name)
        if not has_text(doc):  # a valid file with nothing written in it: say so, not what its missing unit implies
            return _Prepared(name, render("read.no_text", file=file_name))
        extraction = analyse(doc)
    except ReadError as exc:
        return _Prepared(name, render(exc.key, **exc.params))
    except (RecursionError, MemoryError, ValueError, LookupError, ArithmeticError, TypeError) as exc:
        # a flaw of this file that no reader foresaw: it alone fails, the batch goes on
        log.exception("processing %s failed: %s", name, exc)
        return _Prepared(name, render("ingest.unexpected", file=file_name))
    messages = [render(f.key, **f.params) for f in extraction.findings]
    record = document_record(extraction, content_hash=content_hash, file_name=file_name, fmt=doc.format,
                             text=line_aligned_text(doc), extractor_version=EXTRACTOR_VERSION, messages=messages)
    m = extraction.metadata
    resolution = resolve_report_unit(m.unit_name, m.unit_level, m.province, m.date, m.as_of or m.period)
    ambiguous = resolution is not None and resolution.reason == "ambiguous"
    return _Prepared(name, None, record,
                     (resolution.unit.code, resolution.unit.valid_from) if resolution and resolution.unit else None,
                     _ambiguity(m.unit_name, resolution) if ambiguous and resolution else None,
                     _refusal(file_name, extraction, resolution), len(extraction.facts),
                     implausible_before_storing(record.observations, record.unit_level))


def warm_up() -> None:
    """Fill every per-process cache a worker's file goes through — the pipeline's, and the
    administrative units' index that names the report's unit, the largest (built in each child, they
    cost three times a report's own work) — in the fork server, so that every child starts with them."""
    measure_units.compile_patterns()  # every unit's, not only those the warm-up file uses
    _prepare_bytes("warm-up.txt", WARM_UP_TEXT.encode("utf-8"))


def has_text(doc: SourceDocument) -> bool:
    """Whether any paragraph or table cell of the document holds a letter or a digit."""
    for block in doc.blocks:
        texts = [block.text] if isinstance(block, Paragraph) else [c for row in block.rows for c in row.cells]
        if any(any(ch.isalnum() for ch in t) for t in texts):
            return True
    return False


def line_aligned_text(doc: SourceDocument) -> str:
    """The cleaned text with block N on line N (table rows as tab-separated cells), so that the
    stored `line` and `span` of every figure point into it directly."""
    lines: dict[int, str] = {}
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines[block.line] = block.text
        else:
            for row in block.rows:
                lines[row.line] = "\t".join(c.replace("\n", " ").replace("\t", " ") for c in row.cells)
    last = max(lines, default=0)
    return "\n".join(lines.get(n, "").replace("\n", " ") for n in range(1, last + 1))


def _prepared(paths: list[Path], jobs: int) -> Iterator[_Prepared]:
    """Each file read, extracted and audited in a child process within its budget, `jobs` at a time.
    The children of a batch are forked by a fork server that has filled the pipeline's caches (each
    starts with them), not by this process, which grows with what it keeps between documents."""
    names = [str(p) for p in paths]
    if len(names) <= 1:
        yield from map(_bounded_path, names)
        return
    with forked_by_server():
        if jobs <= 1:
            yield from map(_bounded_path, names)
            return
        for name, result in zip(names, map_bounded(_prepare, names, jobs), strict=True):
            yield _within_budget(name, result)


def _bounded_path(name: str) -> _Prepared:
    return _within_budget(name, run_bounded(_prepare, name))


def _bounded_bytes(name: str, data: bytes) -> _Prepared:
    return _within_budget(name, run_bounded(_prepare_bytes, name, data))


def _within_budget(name: str, result: _Prepared | Overrun) -> _Prepared:
    if not isinstance(result, Overrun):
        return result
    budget = Budget.load()
    key = {"time": "read.over_time", "memory": "read.over_memory"}.get(result.reason, "read.worker_crashed")
    return _Prepared(name, render(key, file=name, seconds=f"{budget.seconds:g}", memory_mb=budget.memory_mb))


def seed(db: Database) -> None:
    """The catalogue's indicators (idempotent; the administrative units come with the connection)."""
    indicators.seed_reference(
        db,
        [indicators.IndicatorRecord(i.id, i.name, i.unit, i.group, i.direction.value, i.aggregate)
         for i in load_catalog()],
    )


def ingest(inputs: list[str], database_url: str, jobs: int = 1, reextract: bool = False,
           progress: Callable[[str], None] | None = None) -> IngestSummary:
    db = connect(database_url)
    summary = IngestSummary()
    kept = _Kept()
    try:
        seed(db)
        paths = expand_paths(inputs)
        for path in paths:
            if not path.exists():
                summary.failures.append((str(path), render("read.not_found", file=str(path))))
        for item in _prepared([p for p in paths if p.exists()], jobs):
            if progress:
                progress(item.path)
            _store(db, item, summary, reextract, None, kept)
    finally:
        db.close()
    return summary


def ingest_uploads(db: Database, files: list[tuple[str, bytes]],
                   may_store: Callable[[int | None], bool] | None = None,
                   step: Callable[[], None] | None = None) -> IngestSummary:
    """Uploaded files (name, content), as `ingest` does for paths; `may_store` vets the resolved unit
    of each document (an editor may only add documents of their own units); `step()` after each file."""
    summary = IngestSummary()
    kept = _Kept()
    seed(db)
    for name, data in files:
        _store(db, _bounded_bytes(name, data), summary, False, may_store, kept)
        if step:
            step()
    return summary


def _refusal(file: str, extraction: Extraction, resolution: Resolution | None) -> str:
    """Why a document the user may not add is refused: the unit it was read to be of, by name."""
    m = extraction.metadata
    if resolution is not None and resolution.unit is not None:
        unit = resolution.unit.full_name
        place = unit_place(resolution.unit)
        return render("auth.upload_other_unit", file=file, unit=f"{unit} ({place})" if place else unit)
    if m.unit_name:
        level = render(f"level.{m.unit_level}") if m.unit_level else ""
        return render("auth.upload_other_unit", file=file, unit=f"{level} {m.unit_name}".strip())
    return render("auth.upload_no_unit", file=file)


def _ambiguity(name: str | None, resolution: Resolution) -> dict[str, object]:
    """The finding's parameters when several units carry the report's unit name and its province and
    date do not tell which."""
    return {"unit": name or "", "candidates": "; ".join(
        f"{u.full_name} ({unit_place(u)}, {u.code})" for u in resolution.candidates[:12])}


def _finish(item: _Prepared, comparisons: Comparisons) -> documents.Finish:
    """What is recorded with a document in its own transaction, after its figures: values outside the
    plausible range (as the worker found them, or as corrected when staff corrections were carried
    over), corrections lost to a re-extraction, the disagreements with other documents, and that its
    unit name fits several units."""
    level, ambiguity = item.record.unit_level if item.record else None, item.ambiguity

    def finish(session: Session, doc_id: int, places: set[documents.Place], lost: int, replaced: bool) -> int:
        found = record_implausible(session, doc_id, level, None if replaced else item.implausible)
        if ambiguity is not None:
            add_finding(session, doc_id, kind="other", severity="warning", lines=[],
                        key="ingest.unit_ambiguous", params=ambiguity,
                        message=render("ingest.unit_ambiguous", **ambiguity))
            found += 1
        if lost:
            add_finding(session, doc_id, kind="other", severity="warning", lines=[],
                        key="store.corrections_lost", params={"count": lost},
                        message=render("store.corrections_lost", count=lost))
            found += 1
        return found + refresh_disagreements(session, doc_id, places, comparisons, replaced)

    return finish


def _store(db: Database, item: _Prepared, summary: IngestSummary, reextract: bool,
           may_store: Callable[[int | None], bool] | None, kept: _Kept) -> None:
    record = item.record
    if item.error or record is None:
        summary.failures.append((item.path, item.error or ""))
        return
    name = record.file_name
    try:
        stored = documents.store_document(
            db, record, replace=reextract, may_store=may_store, unit_code=item.unit_code,
            unit_ambiguous=item.ambiguity is not None,
            finish=_finish(item, kept.comparisons), twin=kept.reports.twin)
    except documents.StoreFailed as failed:  # rolled back whole: nothing of this file is kept
        log.error("storing %s failed: %s", item.path, failed.detail)
        summary.failures.append((item.path, render("ingest.store_failed", file=name)))
        kept.reports.not_stored()
        return
    if stored.outcome in ("added", "replaced") and stored.document_id is not None:
        kept.comparisons.committed()
        kept.reports.stored(stored.document_id, replaced=stored.outcome == "replaced")
    else:
        kept.reports.not_stored()
    if stored.outcome == "forbidden":
        summary.failures.append((item.path, item.refusal))
        return
    if stored.outcome == "duplicate" and stored.document_id is not None:
        with db.transaction() as session:
            summary.duplicates.append((name, documents.file_name_of(session, stored.document_id)))
        return
    if stored.document_id is not None:
        summary.document_ids.append(stored.document_id)
    if stored.outcome == "unchanged":
        summary.unchanged += 1
        return
    summary.added += stored.outcome == "added"
    summary.reextracted += stored.outcome == "replaced"
    summary.findings += stored.findings + len(record.findings)
    summary.facts += item.facts
    if stored.created and record.unit_name:
        summary.provisional_units.append(record.unit_name)
