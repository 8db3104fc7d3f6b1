"""What a document's extraction stores: its header, its figures as observations (each fact, and each
value cell of its indicator tables with the role and year the cell's column gives), its findings with
their Vietnamese messages. The store writes this record as it is; the decisions are made here."""

from __future__ import annotations

from chitieu.domain.extraction import Extraction, Quantity, TableExtraction
from chitieu.domain.report_identity import figures_of
from chitieu.extract.table_facts import column_role_and_period, value_cells
from chitieu.store.documents import NewDocument, NewObservation
from chitieu.store.findings import NewFinding


def document_record(x: Extraction, *, content_hash: str, file_name: str, fmt: str, text: str,
                    extractor_version: str, messages: list[str]) -> NewDocument:
    m = x.metadata
    figures = figures_of(x)
    meta: dict[str, object] = {
        "issuer": m.issuer, "unit_name": m.unit_name, "unit_level": m.unit_level, "province": m.province,
        "term": m.term, "draft": m.draft, "doc_number": m.doc_number, "signer": m.signer, "title": m.title,
        "figures": figures, "tables": [table_record(t) for t in x.tables if t.kind == "indicator_results"]}
    return NewDocument(
        content_hash=content_hash, file_name=file_name, fmt=fmt, text=text, extractor_version=extractor_version,
        doc_kind=m.doc_kind.value if m.doc_kind else None, period=m.period, plan_period=m.plan_period,
        term=m.term, draft=m.draft, issued=m.date, unit_name=m.unit_name, unit_level=m.unit_level,
        province=m.province, figures=figures, meta=meta, observations=observations_of(x),
        findings=[NewFinding(f.kind.value, f.severity.value, f.lines, f.key, f.params, message)
                  for f, message in zip(x.findings, messages, strict=True)])


def observations_of(x: Extraction) -> list[NewObservation]:
    """The facts of the text, then the value cells of the tables (`extract.table_facts`: a cell's role
    and period from its column)."""
    m = x.metadata
    out = [NewObservation(
        indicator_id=f.indicator_id, raw_name=f.indicator, period=f.period, role=f.role.value,
        op=f.quantity.op.value, value=f.quantity.value, low=f.quantity.low, high=f.quantity.high,
        value_text=f.quantity.text or None, unit=f.unit, estimate=f.estimate, pct=f.pct,
        pct_basis=f.pct_basis.value if f.pct_basis else None, source="text", line=f.line, span_start=f.span[0],
        span_end=f.span[1], quote=f.quote, candidate_id=f.candidate_id, mapping_reason=f.mapping_reason,
        mapping_confidence=f.indicator_confidence) for f in x.facts]
    for t in x.tables:
        if t.cell_per_paragraph:
            continue  # its cells are facts of the text already
        for r, header, q in value_cells(t):
            role, year = column_role_and_period(t, header, m)
            out.append(NewObservation(
                indicator_id=r.indicator_id, raw_name=r.name, period=year, role=role, op=q.op.value,
                value=q.value, low=q.low, high=q.high, value_text=q.text or None, unit=r.unit,
                estimate="ước" in header.lower(), pct=None, pct_basis=None, source="table",
                line=r.line, span_start=None, span_end=None,
                quote=f"{header}: {r.cells.get(header, '')}"[:1000], candidate_id=r.indicator_id,
                mapping_reason="matched" if r.indicator_id else None,
                mapping_confidence=r.indicator_confidence))
    return out


def table_record(t: TableExtraction) -> dict[str, object]:
    """An indicator table of the report as stored (JSON): the Biểu reproduces it row by row."""
    return {"title": t.title, "line": t.line, "header": list(t.header),
            "column_roles": {h: [role, year] for h, (role, year) in t.column_roles.items()},
            "rows": [{"line": r.line, "tt": r.tt, "name": r.name, "parent": r.parent, "unit": r.unit, "kind": r.kind,
                      "indicator_id": r.indicator_id, "cells": r.cells,
                      "values": {h: _values(q) for h, q in r.values.items()}} for r in t.rows]}


def _values(q: Quantity) -> dict[str, object]:
    return {"op": q.op.value, "value": q.value, "low": q.low, "high": q.high, "value_text": (q.text or None)}
