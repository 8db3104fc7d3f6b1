"""Checks on indicator tables: the document's verdict against the rulebook, impossible shares, and
the TT numbering of rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from chitieu.catalog.model import by_id
from chitieu.domain import lexicon
from chitieu.domain.evaluation import Status
from chitieu.domain.extraction import Finding, FindingKind, RowExtraction, Severity, TableExtraction
from chitieu.domain.numbers import format_number
from chitieu.evaluate.achievement import pct_gap_severity
from chitieu.evaluate.rows import RowEvaluation, declared_pct_wrong, declared_status_wrong, evaluate_row
from chitieu.extract.columns import Columns, classify_columns

_SHARE = re.compile(lexicon.words("share"), re.IGNORECASE)
_HIERARCHICAL = re.compile(r"^(\d+)\.(\d+)\.?$")
_BREAKDOWN_ROW = re.compile(r"^\s*(?:[+\-–•*]|" + lexicon.words("breakdown") + ")", re.IGNORECASE)


def table_columns(table: TableExtraction) -> Columns:
    value_keys = [h for h in table.header if any(h in r.values for r in table.rows)]
    return classify_columns(table.header, value_keys)


def evaluated_rows(table: TableExtraction) -> Iterator[tuple[RowExtraction, RowEvaluation]]:
    if table.kind != "indicator_results":
        return
    columns = table_columns(table)
    catalog = by_id()
    for row in table.rows:
        if row.kind != "indicator":
            continue
        indicator = catalog.get(row.indicator_id or "")
        evaluation = evaluate_row(row, columns, indicator.direction if indicator else None)
        if evaluation is not None:
            yield row, evaluation


def verdict_findings(table: TableExtraction) -> list[Finding]:
    out: list[Finding] = []
    for row, ev in evaluated_rows(table):
        declared, got = ev.declared, ev.achievement
        if declared is None or got.status is Status.CHUA_DANH_GIA:
            continue
        params: dict[str, object] = {"row": row.name, "tt": row.tt, "formula": got.formula,
                                     "computed": _fmt(got.pct), "status_key": f"status.{got.status.value}"}
        if declared_status_wrong(ev):
            out.append(Finding(FindingKind.STATUS_WRONG, Severity.ERROR, (row.line,), "audit.status_wrong",
                               {**params, "declared": row.cells.get(ev.columns.verdict or "", "")}))
        elif declared_pct_wrong(ev):
            assert got.pct is not None and declared.pct is not None
            out.append(Finding(FindingKind.PCT_WRONG, pct_gap_severity(got.pct, declared.pct), (row.line,),
                               "audit.pct_wrong", {**params, "declared": row.cells.get(ev.columns.verdict or "", "")}))
    return out


_COMPLETED = re.compile(r"^\s*(?:đã\s+)?" + lexicon.words("completed") + r"\b", re.IGNORECASE)
_PARTIAL = re.compile(r"\b(?:đạt|bằng)\s+(\d{1,2}(?:,\d+)?)\s*%", re.IGNORECASE)


def completed_but_partial_findings(table: TableExtraction) -> list[Finding]:
    """A result written in words as done ('Hoàn thành …') judged in the verdict column as a part of
    the target ('Đạt 90,94% chỉ tiêu'): one of the two cells is wrong."""
    if table.kind != "indicator_results":
        return []
    columns = table_columns(table)
    if columns.result is None or columns.verdict is None:
        return []
    out = []
    for row in table.rows:
        result, verdict = row.cells.get(columns.result, ""), row.cells.get(columns.verdict, "")
        partial = _PARTIAL.search(verdict)
        if row.kind == "indicator" and _COMPLETED.match(result) and partial:
            out.append(Finding(FindingKind.STATUS_WRONG, Severity.WARNING, (row.line,), "audit.completed_but_partial",
                               {"row": row.name, "result": result[:80], "declared": verdict[:80]}))
    return out


def impossible_share_findings(table: TableExtraction) -> list[Finding]:
    """A share ('Tỷ lệ …', unit %) above 100 %."""
    if table.kind != "indicator_results":
        return []
    verdict = table_columns(table).verdict
    out = []
    for row in table.rows:
        if row.kind != "indicator" or row.unit != "%" or not _SHARE.search(row.name):
            continue
        for key, q in row.values.items():
            if key != verdict and q.value is not None and q.value > 100:
                out.append(Finding(FindingKind.IMPOSSIBLE_VALUE, Severity.ERROR, (row.line,),
                                   "audit.share_over_100", {"row": row.name, "column": key, "value": _fmt(q.value)}))
                break
    return out


def numbering_findings(table: TableExtraction) -> list[Finding]:
    """Gaps and repeats in 'a.b' numbering, and an unnumbered indicator among numbered siblings."""
    if table.kind != "indicator_results":
        return []
    out: list[Finding] = []
    last: tuple[int, int, int] | None = None  # (group, number, line)
    for row in table.rows:
        if row.kind not in ("indicator", "group"):
            continue
        m = _HIERARCHICAL.match(row.tt)
        if m:
            group, number = int(m.group(1)), int(m.group(2))
            if last and last[0] == group and number == last[1]:
                out.append(_numbering(row, last[2], "audit.numbering_repeat", f"{group}.{number}"))
            elif last and last[0] == group and number > last[1] + 1:
                out.append(_numbering(row, last[2], "audit.numbering_gap", f"{group}.{last[1] + 1}"))
            last = (group, number, row.line)
        elif not row.tt and row.kind == "indicator" and last and row.parent is not None \
                and not _BREAKDOWN_ROW.match(row.name):
            out.append(Finding(FindingKind.NUMBERING, Severity.WARNING, (row.line,), "audit.numbering_missing",
                               {"row": row.name, "expected": f"{last[0]}.{last[1] + 1}"}))
            last = (last[0], last[1] + 1, row.line)
        elif row.tt:
            last = None
    return out


def _numbering(row: RowExtraction, previous_line: int, key: str, expected: str) -> Finding:
    return Finding(FindingKind.NUMBERING, Severity.WARNING, (previous_line, row.line), key,
                   {"row": row.name, "tt": row.tt, "expected": expected})


def _fmt(x: float | None) -> str:
    return "" if x is None else format_number(round(x, 2))
