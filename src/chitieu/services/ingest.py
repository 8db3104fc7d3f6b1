"""Ingest files, folders and globs: read → extract → evaluate → audit → store, one transaction per
document, idempotent by content hash. A bad file is recorded with its reason and skipped; a
document is stored whole or not at all."""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from chitieu import EXTRACTOR_VERSION
from chitieu.catalog.model import load_catalog
from chitieu.domain.document import Paragraph, SourceDocument
from chitieu.domain.errors import ReadError
from chitieu.domain.extraction import Extraction
from chitieu.gazetteer.resolve import Resolution
from chitieu.messages import render
from chitieu.read.document import read_bytes
from chitieu.services.browse import record_disagreements, record_implausible
from chitieu.services.database import connect
from chitieu.services.extraction import analyse
from chitieu.services.units import resolve_report_unit, unit_place
from chitieu.store import repository
from chitieu.store.database import Database

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
    path: str
    content_hash: str
    fmt: str
    extraction: Extraction | None
    text: str
    messages: list[str]
    error: str | None


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
    """Read, extract and audit one file (runs in a worker process with --jobs)."""
    try:
        data = Path(path_text).read_bytes()
    except OSError:
        return _Prepared(path_text, "", "", None, "", [], render("read.not_found", file=path_text))
    return _prepare_bytes(path_text, data)


def _prepare_bytes(name: str, data: bytes) -> _Prepared:
    content_hash = hashlib.sha256(data).hexdigest()
    try:
        doc = read_bytes(data, name)
    except ReadError as exc:
        return _Prepared(name, content_hash, "", None, "", [], render(exc.key, **exc.params))
    if not has_text(doc):  # a valid file with nothing written in it: say so, not what its missing unit implies
        return _Prepared(name, content_hash, doc.format, None, "", [], render("read.no_text", file=Path(name).name))
    extraction = analyse(doc)
    messages = [render(f.key, **f.params) for f in extraction.findings]
    return _Prepared(name, content_hash, doc.format, extraction, line_aligned_text(doc), messages, None)


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
    names = [str(p) for p in paths]
    if jobs <= 1 or len(names) <= 1:
        yield from map(_prepare, names)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_prepare, names, chunksize=1)


def seed(db: Database) -> None:
    """The catalogue's indicators (idempotent; the administrative units come with the connection)."""
    repository.seed_reference(
        db,
        [repository.IndicatorRecord(i.id, i.name, i.unit, i.group, i.direction.value, i.aggregate)
         for i in load_catalog()],
    )


def ingest(inputs: list[str], database_url: str, jobs: int = 1, reextract: bool = False,
           progress: Callable[[str], None] | None = None) -> IngestSummary:
    db = connect(database_url)
    summary = IngestSummary()
    try:
        seed(db)
        paths = expand_paths(inputs)
        for path in paths:
            if not path.exists():
                summary.failures.append((str(path), render("read.not_found", file=str(path))))
        for item in _prepared([p for p in paths if p.exists()], jobs):
            if progress:
                progress(item.path)
            _store(db, item, summary, reextract, None)
    finally:
        db.close()
    return summary


def ingest_uploads(db: Database, files: list[tuple[str, bytes]],
                   may_store: Callable[[int | None], bool] | None = None) -> IngestSummary:
    """Uploaded files (name, content), as `ingest` does for paths; `may_store` vets the resolved unit
    of each document (an editor may only add documents of their own units)."""
    summary = IngestSummary()
    seed(db)
    for name, data in files:
        _store(db, _prepare_bytes(name, data), summary, False, may_store)
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


def _store(db: Database, item: _Prepared, summary: IngestSummary, reextract: bool,
           may_store: Callable[[int | None], bool] | None) -> None:
    if item.error or item.extraction is None:
        summary.failures.append((item.path, item.error or ""))
        return
    m = item.extraction.metadata
    resolution = resolve_report_unit(m.unit_name, m.unit_level, m.province, m.date, m.as_of or m.period)
    unit_code = (resolution.unit.code, resolution.unit.valid_from) if resolution and resolution.unit else None
    outcome, created, doc_id, lost = repository.store_document(
        db, item.extraction, content_hash=item.content_hash, file_name=Path(item.path).name, fmt=item.fmt,
        text=item.text, extractor_version=EXTRACTOR_VERSION, messages=item.messages, replace=reextract,
        may_store=may_store, unit_code=unit_code,
        unit_ambiguous=resolution is not None and resolution.reason == "ambiguous")
    if outcome == "forbidden":
        summary.failures.append((item.path, _refusal(Path(item.path).name, item.extraction, resolution)))
        return
    if outcome == "duplicate" and doc_id is not None:
        with db.transaction() as session:
            summary.duplicates.append((Path(item.path).name, repository.file_name_of(session, doc_id)))
        return
    if doc_id is not None:
        summary.document_ids.append(doc_id)
    if outcome == "unchanged":
        summary.unchanged += 1
        return
    summary.added += outcome == "added"
    summary.reextracted += outcome == "replaced"
    if doc_id is not None:
        summary.findings += record_disagreements(db, doc_id)
        summary.findings += record_implausible(db, doc_id, item.extraction.metadata.unit_level)
    if resolution is not None and resolution.reason == "ambiguous" and doc_id is not None:
        # several units carry this name and the report's province and date do not tell which: say so
        params: dict[str, object] = {"unit": m.unit_name or "", "candidates": "; ".join(
            f"{u.full_name} ({unit_place(u)}, {u.code})" for u in resolution.candidates[:12])}
        with db.transaction() as session:
            repository.add_finding(session, doc_id, kind="other", severity="warning", lines=[],
                                   key="ingest.unit_ambiguous", params=params,
                                   message=render("ingest.unit_ambiguous", **params))
        summary.findings += 1
    if lost and doc_id is not None:
        with db.transaction() as session:
            repository.add_finding(session, doc_id, kind="other", severity="warning", lines=[],
                                   key="store.corrections_lost", params={"count": lost},
                                   message=render("store.corrections_lost", count=lost))
        summary.findings += 1
    summary.facts += len(item.extraction.facts)
    summary.findings += len(item.extraction.findings)
    if created and item.extraction.metadata.unit_name:
        summary.provisional_units.append(item.extraction.metadata.unit_name)
