"""Across several documents about the same administrative unit: the same indicator, period and role
written with different values (an annual report against the next year's orientation report)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.audit.table_checks import table_columns
from chitieu.audit.text_vs_table import similarity
from chitieu.domain.extraction import GOAL_ROLES, Extraction, Finding, FindingKind, Quantity, Severity
from chitieu.domain.measure_units import unit_family, unit_scale
from chitieu.domain.names import fold
from chitieu.domain.numbers import format_number as vi

_YEAR = re.compile(r"(?:19|20)\d\d")
SIMILARITY = 92


@dataclass(frozen=True, slots=True)
class Observation:
    source: str
    line: int
    name: str
    unit: str | None
    period: str
    goal: bool
    value: float


def observations(x: Extraction) -> list[Observation]:
    """Single-year figures of one document: results and goals from sentences and from tables."""
    out = []
    for f in x.facts:
        if f.quantity.value is not None and f.period and _YEAR.fullmatch(f.period) and len(fold(f.indicator)) >= 8:
            out.append(Observation(x.source, f.line, f.indicator, f.unit, f.period, f.role in GOAL_ROLES,
                                   f.quantity.value))
    for table in x.tables:
        if table.kind != "indicator_results":
            continue
        columns = table_columns(table)
        for row in table.rows:
            if row.kind != "indicator":
                continue
            for header, q in row.values.items():
                years = _YEAR.findall(header)
                if header == columns.verdict or not years or not _plain(q):
                    continue
                assert q.value is not None
                out.append(Observation(x.source, row.line, row.name, row.unit, years[-1],
                                       header != columns.result, q.value))
    return out


def _plain(q: Quantity) -> bool:
    return q.value is not None and q.text is None


def _same_unit(a: str | None, b: str | None) -> bool:
    return unit_family(a) is not None and unit_family(a) == unit_family(b)


def _agree(a: Observation, b: Observation) -> bool:
    va, vb = a.value * unit_scale(a.unit), b.value * unit_scale(b.unit)
    return abs(va - vb) <= max(0.001 * max(abs(va), abs(vb)), 0.051 * unit_scale(a.unit))


def cross_document_findings(extractions: list[Extraction]) -> dict[str, list[Finding]]:
    """Findings per document source; only documents about the same unit and province are compared."""
    out: dict[str, list[Finding]] = {x.source: [] for x in extractions}
    for i, x in enumerate(extractions):
        for y in extractions[i + 1 :]:
            if not x.metadata.unit_name or fold(x.metadata.unit_name) != fold(y.metadata.unit_name or "") \
                    or fold(x.metadata.province or "") != fold(y.metadata.province or ""):
                continue
            ys = observations(y)
            for a in observations(x):
                for b in ys:
                    if a.period != b.period or a.goal != b.goal or not _same_unit(a.unit, b.unit) or _agree(a, b):
                        continue
                    if similarity(a.name, b.name) < SIMILARITY or similarity(b.name, a.name) < SIMILARITY:
                        continue
                    params: dict[str, object] = {
                        "indicator": a.name[:80], "period": a.period, "value": vi(a.value), "other_value": vi(b.value),
                        "other": b.source, "other_line": b.line, "unit": f" {a.unit}" if a.unit else ""}
                    out[x.source].append(Finding(FindingKind.CROSS_DOCUMENT, Severity.WARNING, (a.line,),
                                                 "audit.cross_document", params))
                    out[y.source].append(Finding(
                        FindingKind.CROSS_DOCUMENT, Severity.WARNING, (b.line,), "audit.cross_document",
                        {**params, "value": vi(b.value), "other_value": vi(a.value), "other": a.source,
                         "other_line": a.line, "unit": f" {b.unit}" if b.unit else ""}))
    return out
