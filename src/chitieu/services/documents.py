"""Stored documents: the list with counts, and one document's text with every figure and finding
placed on its line (tables kept as tables) for the document view."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chitieu.services.cache import cached
from chitieu.services.document_labels import document_title, issued_date
from chitieu.store import documents as stored_documents
from chitieu.store import findings as stored_findings
from chitieu.store import observations as stored_observations
from chitieu.store.database import Database
from chitieu.store.findings import StoredFinding


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: int
    file_name: str
    unit_name: str | None
    doc_kind: str | None
    period: str | None
    plan_period: str | None
    draft: bool
    issued: str | None
    title: str | None
    observations: int
    open_findings: int
    # as lists show them: the document's own title and the date it bears ('tháng 12/2023'), sortable
    display_title: str | None = None
    date: str | None = None
    date_iso: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    observation_id: int
    start: int
    end: int
    label: str  # indicator id or raw name, shown on hover
    role: str


@dataclass
class TextLine:
    number: int
    text: str
    figures: list[Figure] = field(default_factory=list)
    table_figures: list[int] = field(default_factory=list)  # observations from this table row
    findings: list[StoredFinding] = field(default_factory=list)

    @property
    def cells(self) -> list[str]:
        return self.text.split("\t")

    def pieces(self) -> list[tuple[str, Figure | None]]:
        """The text cut around the figures' spans (overlapping spans: the first wins)."""
        out: list[tuple[str, Figure | None]] = []
        at = 0
        for f in sorted(self.figures, key=lambda f: (f.start, -f.end)):
            if f.start < at or f.end > len(self.text) or f.start >= f.end:
                continue
            if f.start > at:
                out.append((self.text[at:f.start], None))
            out.append((self.text[f.start:f.end], f))
            at = f.end
        if at < len(self.text):
            out.append((self.text[at:], None))
        return out


@dataclass
class Block:
    """Consecutive lines: a paragraph run, or a table (rows of tab-separated cells)."""

    table: bool
    lines: list[TextLine]


@dataclass
class DocumentView:
    summary: DocumentSummary
    meta: dict[str, object]
    blocks: list[Block]
    findings: list[StoredFinding]
    unit_id: int | None


def list_documents(db: Database, unit_id: int | None = None) -> list[DocumentSummary]:
    """The stored documents, newest first (computed once per data version; callers must not change it)."""
    return cached(db, ("documents", unit_id), lambda: _list_documents(db, unit_id))


def _list_documents(db: Database, unit_id: int | None) -> list[DocumentSummary]:
    with db.transaction() as session:
        obs = stored_observations.figure_counts_by_document(session)
        open_ = stored_findings.open_findings_by_document(session)
        rows = stored_documents.listed_documents(session, unit_id, _HEAD_CHARS)
    return [_summary(d.id, d.file_name, d.unit_name, d.doc_kind, d.period, d.plan_period, d.draft, d.issued, d.meta,
                     d.head, obs.get(d.id, 0), open_.get(d.id, 0)) for d in rows]


_HEAD_CHARS = 4000  # a document's title and date line are in its first lines


def _summary(doc_id: int, file_name: str, unit: str | None, kind: str | None, period: str | None,
             plan_period: str | None, draft: bool, issued: str | None, meta: dict[str, object], head: str,
             observations: int, open_findings: int) -> DocumentSummary:
    meta_title = str(meta.get("title") or "") or None
    date = issued_date(issued)
    return DocumentSummary(doc_id, file_name, unit, kind, period, plan_period, draft, issued, meta_title,
                           observations, open_findings, document_title(head.split("\n"), meta_title),
                           date.text if date else None, date.iso if date else None)


def document_view(db: Database, document_id: int) -> DocumentView | None:
    with db.transaction() as session:
        doc = stored_documents.document(session, document_id)
        if doc is None:
            return None
        observations = stored_documents.placed_figures(session, document_id)
        findings = stored_findings.findings_of_document(session, document_id)
        counts = (len(observations), sum(not f.resolved for f in findings))
    summary = _summary(doc.id, doc.file_name, doc.unit_name, doc.doc_kind, doc.period,
                       doc.plan_period, doc.draft, doc.issued, dict(doc.meta), doc.text[:_HEAD_CHARS], *counts)
    lines = [TextLine(n, text) for n, text in enumerate(doc.text.split("\n"), start=1)]
    for o in observations:
        if not 1 <= o.line <= len(lines):
            continue
        target = lines[o.line - 1]
        if o.source == "table" or o.start is None or o.end is None:
            target.table_figures.append(o.observation_id)
        else:
            target.figures.append(Figure(o.observation_id, o.start, o.end, o.indicator_id or o.raw_name, o.role))
    by_line: dict[int, list[StoredFinding]] = defaultdict(list)
    for f in findings:
        if f.lines:
            by_line[min(f.lines)].append(f)
    for n, items in by_line.items():
        if 1 <= n <= len(lines):
            lines[n - 1].findings = items
    return DocumentView(summary, dict(doc.meta), _blocks(lines), findings, doc.admin_unit_id)


def _blocks(lines: list[TextLine]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        table = "\t" in line.text
        if not line.text and not line.findings:
            continue
        if blocks and blocks[-1].table == table and table:
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block(table, [line]))
    return blocks
