"""SourceDocument → Extraction: metadata, outline, tables and facts, in one pass over the blocks."""

from __future__ import annotations

import re
from dataclasses import replace

from chitieu.domain.document import Paragraph, SourceDocument, Table
from chitieu.domain.extraction import Extraction, Fact, TableExtraction
from chitieu.extract.header import extract_metadata
from chitieu.extract.outline import build_outline
from chitieu.extract.sentences import FactContext, extract_facts
from chitieu.extract.tables import extract_table

_CAPTION = re.compile(r"^(?:BIỂU|Biểu|PHỤ LỤC|Phụ lục|BẢNG|Bảng)\b|KẾT QUẢ THỰC HIỆN|CÁC CHỈ TIÊU", re.IGNORECASE)


def _caption(before: list[Paragraph]) -> str:
    """The caption of a table: the nearest 'BIỂU ...' lines just above it."""
    lines: list[str] = []
    for p in reversed(before[-6:]):
        lines.insert(0, p.text)
        if _CAPTION.search(p.text):
            return " ".join(lines)
    return " ".join(lines[-2:])


def extract_document(doc: SourceDocument) -> Extraction:
    paragraphs = doc.paragraphs()
    metadata = extract_metadata(paragraphs)
    sections, in_targets = build_outline(paragraphs, metadata.plan_period)
    facts: list[Fact] = []
    tables: list[TableExtraction] = []
    seen: list[Paragraph] = []
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            if len(block.rows) >= 2:
                tables.append(extract_table(block, _caption(seen)))
            continue
        seen.append(block)
        ctx = FactContext(in_targets=in_targets.get(block.line, False), period=metadata.period,
                          plan_period=metadata.plan_period)
        facts.extend(replace(f, block=index) for f in extract_facts(block.text, block.line, ctx))
    return Extraction(source=doc.name, metadata=metadata, sections=tuple(sections), tables=tuple(tables),
                      facts=tuple(facts), warnings=doc.warnings)
