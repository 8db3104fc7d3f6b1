"""SourceDocument → Extraction: metadata, outline, tables and facts, in one pass over the blocks."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from chitieu.catalog.mapping import decide as decide_mapping
from chitieu.catalog.matching import match_indicator
from chitieu.catalog.model import by_id
from chitieu.domain.document import BlockOrigin, Paragraph, SourceDocument, Table
from chitieu.domain.extraction import Extraction, Fact, Role, RowExtraction, TableExtraction
from chitieu.extract.decisions import DocContext, Proposal, decide_proposal, propose
from chitieu.extract.header import adopts_a_budget, extract_metadata, lists_goals
from chitieu.extract.outline import announced_seasons, build_outline, heading_periods
from chitieu.extract.periods import year_of
from chitieu.extract.sentences import FactContext, extract_facts
from chitieu.extract.sums import settle_by_whole
from chitieu.extract.table_facts import cell_facts
from chitieu.extract.tables import extract_table, join_continued_tables

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
    doc = replace(doc, blocks=join_continued_tables(doc.blocks))
    paragraphs = doc.paragraphs()
    metadata = extract_metadata(paragraphs)
    sections, in_targets = build_outline(paragraphs, metadata.plan_period, lists_goals(metadata.title or ""))
    year = year_of(metadata.as_of or metadata.period)
    headed = heading_periods(sections, year)
    seasons = announced_seasons(paragraphs, year)  # the crops listed after a season's paragraph are of it
    budget_document = adopts_a_budget(metadata.title or "")
    heading_lines = [line for line, _ in headed]
    tables: list[TableExtraction] = []
    seen: list[Paragraph] = []
    # each paragraph with figures, as the rules found them: what the learned stage decides of one may depend on
    # what it makes of the paragraphs on either side, so all are proposed before any is decided
    proposed: list[tuple[Paragraph, Proposal | None]] = []
    previous_role: Role | None = None  # the rules' role of the last figure before
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            if len(block.rows) >= 2:
                tables.append(extract_table(block, _caption(seen)))
            continue
        if block.origin is BlockOrigin.PAGE:
            continue
        seen.append(block)
        under = bisect_right(heading_lines, block.line) - 1
        ctx = FactContext(in_targets=in_targets.get(block.line, False), period=metadata.period,
                          plan_period=metadata.plan_period, name_indicator=_name_indicator, as_of=metadata.as_of,
                          heading_period=(headed[under][1] if under >= 0 else None) or seasons.get(block.line),
                          budget_document=budget_document)
        found = extract_facts(block.text, block.line, ctx, index)
        if not found:  # most paragraphs have no figure, and nothing to decide
            proposed.append((block, None))
            continue
        proposed.append((block, propose(found, block.text, DocContext(
            ctx.in_targets, metadata.period, metadata.plan_period, metadata.as_of,
            seen[-2].text if len(seen) > 1 else "", previous_role))))
        previous_role = found[-1].role
    facts: list[Fact] = []
    citing: list[Fact] = []  # the facts of the last body paragraph: footnotes after it are its notes
    with_figures = [p for _, p in proposed if p is not None]
    every_goal = [g for p in with_figures for g in p.goals]
    document_goal = sum(every_goal) / len(every_goal) if every_goal else None
    at = 0
    for block, proposal in proposed:
        found = []
        if proposal is not None:
            found = [_mapped(f) for f in decide_proposal(proposal, with_figures[at - 1] if at else None,
                                                         with_figures[at + 1] if at + 1 < len(with_figures) else None,
                                                         document_goal)]
            at += 1
        if block.origin is BlockOrigin.BODY:
            citing = found
        else:
            found = settle_by_whole(found, citing)
        facts.extend(found)
    tables = [replace(t, rows=tuple(_settle(_row_with_indicator(r), metadata.unit_level) for r in t.rows))
              for t in tables]
    facts += [f for t in tables if t.cell_per_paragraph for f in cell_facts(t, metadata)]
    unmatched = tuple(dict.fromkeys(r.name for t in tables if t.kind == "indicator_results" for r in t.rows
                                    if r.kind == "indicator" and r.indicator_id is None))
    return Extraction(source=doc.name, metadata=metadata, sections=tuple(sections), tables=tuple(tables),
                      facts=tuple(facts), warnings=doc.warnings, unmatched_indicators=unmatched)


def _mapped(f: Fact) -> Fact:
    """The fact with the indicator it is the value of, if its words name one it truly measures."""
    m = decide_mapping(f, by_id().get(f.indicator_id or ""), f.indicator_confidence)
    return replace(f, indicator_id=m.indicator_id, candidate_id=m.candidate_id, mapping_reason=m.reason.value)


def _name_indicator(before: str, unit: str | None, after: str) -> tuple[str, float] | None:
    m = match_indicator(before, unit, after, fuzzy=False)
    return (m.indicator.id, m.confidence) if m else None


def _settle(r: RowExtraction, level: str | None) -> RowExtraction:
    """Ambiguous cells of a row the catalogue knows: keep the one reading plausible for the indicator."""
    indicator = by_id().get(r.indicator_id or "")
    if indicator is None or level != "huyen" or not any(q.alternatives for q in r.values.values()):
        return r
    low, high = indicator.magnitude_huyen
    values = dict(r.values)
    for key, q in r.values.items():
        readings = [v for v in (q.value, *q.alternatives) if v is not None]
        plausible = [v for v in readings if low <= v <= high]
        if q.alternatives and len(plausible) == 1 and plausible[0] != q.value:
            values[key] = replace(q, value=plausible[0], alternatives=tuple(v for v in readings if v != plausible[0]),
                                  reason="catalog_magnitude")
    return replace(r, values=values)


def _row_with_indicator(r: RowExtraction) -> RowExtraction:
    if r.kind != "indicator":
        return r
    name = f"{r.parent} {r.name}" if r.parent and len(r.name) < 25 else r.name
    m = match_indicator(name, r.unit)
    return replace(r, indicator_id=m.indicator.id, indicator_confidence=m.confidence) if m else r
