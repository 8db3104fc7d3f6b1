"""Extraction → the JSON contract other tools read (docs/contract.md). Field names are fixed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chitieu.domain.extraction import Extraction, Fact, Finding, Quantity, RowExtraction, TableExtraction


def _number(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 1e15 else round(x, 10)


def quantity_dict(q: Quantity) -> dict[str, Any]:
    out: dict[str, Any] = {"op": q.op.value, "value": _number(q.value), "low": _number(q.low),
                           "high": _number(q.high), "text": q.text}
    if q.alternatives:
        out["alternatives"] = [_number(a) for a in q.alternatives]
        out["reason"] = q.reason
    return out


def fact_dict(f: Fact) -> dict[str, Any]:
    q = f.quantity
    return {
        "line": f.line, "span": list(f.span), "quote": f.quote, "indicator": f.indicator,
        "indicator_id": f.indicator_id, "indicator_confidence": f.indicator_confidence,
        "role": f.role.value, "period": f.period,
        "value": _number(q.value), "low": _number(q.low), "high": _number(q.high), "op": q.op.value,
        "unit": f.unit, "pct": _number(f.pct), "pct_basis": f.pct_basis.value if f.pct_basis else None,
        "pct_text": f.pct_phrase,
        "estimate": f.estimate, "denominator": _number(f.denominator),
        **({"alternatives": [_number(a) for a in q.alternatives], "reason": q.reason} if q.alternatives else {}),
    }


def row_dict(r: RowExtraction) -> dict[str, Any]:
    return {"line": r.line, "tt": r.tt, "name": r.name, "parent": r.parent, "unit": r.unit,
            "kind": r.kind, "indicator_id": r.indicator_id, "indicator_confidence": r.indicator_confidence,
            "cells": r.cells,
            "values": {k: quantity_dict(q) for k, q in r.values.items()},
            **({"reference": {"number": r.reference.number, "date": r.reference.date,
                              "summary": r.reference.summary}} if r.reference else {})}


def table_dict(t: TableExtraction) -> dict[str, Any]:
    return {"title": t.title, "kind": t.kind, "header": list(t.header), "line": t.line,
            "rows": [row_dict(r) for r in t.rows]}


def finding_dict(f: Finding, message: str) -> dict[str, Any]:
    return {"kind": f.kind.value, "severity": f.severity.value, "lines": list(f.lines), "key": f.key,
            "params": f.params, "message": message}


def to_contract(x: Extraction, render_message: Callable[..., str]) -> dict[str, Any]:
    m = x.metadata
    return {
        "source": x.source,
        "metadata": {"issuer": m.issuer, "unit_name": m.unit_name, "unit_level": m.unit_level,
                     "province": m.province, "doc_kind": m.doc_kind.value if m.doc_kind else None,
                     "period": m.period, "plan_period": m.plan_period, "term": m.term, "draft": m.draft,
                     "doc_number": m.doc_number, "date": m.date, "signer": m.signer, "title": m.title},
        "sections": [{"level": s.level, "label": s.label, "title": s.title, "line": s.line,
                      "end_line": s.end_line, "purpose": s.purpose} for s in x.sections],
        "tables": [table_dict(t) for t in x.tables],
        "facts": [fact_dict(f) for f in x.facts],
        "findings": [finding_dict(f, render_message(f.key, **f.params)) for f in x.findings],
        "warnings": list(x.warnings),
        "unmatched_indicators": list(x.unmatched_indicators),
    }
