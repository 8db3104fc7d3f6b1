"""The same figure written in the narrative and in an indicator table, with different values or a
different percentage of its target ('92%, vượt 6,5% kế hoạch' against a row with KH 92 = TH 92)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from chitieu.audit.table_checks import table_columns
from chitieu.audit.text_checks import achievement_from_phrase, printed_decimals
from chitieu.domain import lexicon
from chitieu.domain.extraction import (
    Extraction,
    Fact,
    Finding,
    FindingKind,
    Op,
    PctBasis,
    Quantity,
    Role,
    RowExtraction,
    Severity,
)
from chitieu.domain.measure_units import UnitFamily, normalize_unit, unit_family, unit_scale
from chitieu.domain.names import fold
from chitieu.domain.numbers import format_number as vi
from chitieu.evaluate.achievement import same_as_printed
from chitieu.evaluate.rows import evaluate_row

SIMILARITY = 85
_YEAR = re.compile(r"(?:19|20)\d\d")
_PER_YEAR = re.compile(r"\s*/\s*nam\b|\([^)]*\)")
_TARGET_HEADER = re.compile(r"\b" + lexicon.words("target_column") + r"\b", re.IGNORECASE)
_DELTA = re.compile("^" + lexicon.words("change") + r"\b", re.IGNORECASE)
_BREAKDOWN_LEAD = re.compile(r"^\s*(?:" + lexicon.words("breakdown") + r"\s*:?|[+\-–•*])\s*", re.IGNORECASE)
_PEOPLE = {"người", "lao động", "học viên", "học sinh", "công dân", "tân binh", "lao"}


@dataclass(frozen=True, slots=True)
class _Row:
    row: RowExtraction
    name: str
    key: str | None  # the name as `similarity` compares it
    result: float
    result_op: Op
    result_year: str | None
    values: tuple[float, ...]
    achievement: float | None
    declared: float | None


def _rows(x: Extraction, with_result: bool = True) -> list[_Row]:
    out = []
    for table in x.tables:
        if table.kind != "indicator_results":
            continue
        columns = table_columns(table)
        for row in table.rows:
            result = row.values.get(columns.result or "")
            if row.kind != "indicator":
                continue
            if result is None or result.value is None or result.text:
                if with_result:
                    continue
                result = Quantity(Op.TEXT)
            evaluation = evaluate_row(row, columns)
            years = _YEAR.findall(columns.result or "")
            name = _BREAKDOWN_LEAD.sub("", row.name)
            out.append(_Row(
                row, name, _row_key(name), result.value or 0.0, result.op, years[-1] if years else None,
                tuple(q.value for q in row.values.values() if q.value is not None),
                evaluation.achievement.pct if evaluation else None,
                evaluation.declared.pct if evaluation and evaluation.declared else None,
            ))
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.001 * max(abs(a), abs(b)), 0.051)


@lru_cache(maxsize=4096)  # asked for every pair of a figure and a row; units are few
def _same_unit(a: str | None, b: str | None) -> bool:
    family = unit_family(a)
    if family is None or family != unit_family(b):
        return False
    if family is not UnitFamily.COUNT:
        return True
    first = {normalize_unit(u or "").split("/")[0].split(",")[0].split()[0] for u in (a, b)}
    return len(first) == 1 or first <= _PEOPLE


def similarity(row_name: str, fact_name: str) -> float:
    """How well a row's name matches the words just before a figure: an indicator is named right
    before its figure, and words after the name ('… khu vực nông thôn') make it another indicator."""
    return _similarity(_row_key(row_name), fold(fact_name))


def _row_key(row_name: str) -> str | None:
    """A row's name as `similarity` compares it (None: it matches nothing)."""
    r = fold(row_name)
    return _PER_YEAR.sub("", r) if r else None


def _similarity(r: str | None, f: str) -> float:
    """`similarity` of a row's name prepared by `_row_key` and a figure's folded words: each worked out
    once, not once per pair of a figure and a row."""
    if len(f) < 6 or r is None:
        return 0.0
    if len(f) < 0.7 * len(r):
        return float(fuzz.ratio(r, f))  # 'sản lượng' alone does not name 'Tổng sản lượng lương thực'
    tail = f[-(len(r) + 8) :]
    partial = fuzz.partial_ratio(r, tail)
    # word order may differ a little ('tỷ lệ trường đạt chuẩn' / 'tỷ lệ trường chuẩn … các cấp học')
    return float(partial if partial >= SIMILARITY else min(fuzz.token_set_ratio(r, tail), partial + 10))


def _best_row(fact: Fact, rows: list[_Row]) -> _Row | None:
    """The row `fact` is most likely the value of, among `rows` in its unit."""
    best, score = None, 0.0
    words = fold(fact.indicator)
    for r in rows:
        s = _similarity(r.key, words)
        if s >= SIMILARITY and s > score:
            best, score = r, s
    return best


def text_vs_table_findings(x: Extraction) -> list[Finding]:
    rows = _rows(x)
    if not rows:
        return []
    table_lines = {r.row.line for r in rows}
    pairs: list[tuple[Fact, _Row, float]] = []
    in_unit: dict[str | None, list[_Row]] = {}  # the rows in each unit the figures have, in order
    for fact in x.facts:
        if fact.role not in (Role.ACTUAL, Role.FORECAST) or fact.line in table_lines or fact.quantity.value is None \
                or _DELTA.match(fact.quote):
            continue
        if fact.unit not in in_unit:
            in_unit[fact.unit] = [r for r in rows if _same_unit(fact.unit, r.row.unit)]
        r = _best_row(fact, in_unit[fact.unit])
        if r is None or (r.result_year and fact.period and _YEAR.fullmatch(fact.period)
                         and fact.period != r.result_year):
            continue
        pairs.append((fact, r, fact.quantity.value * unit_scale(fact.unit) / unit_scale(r.row.unit)))
    # a row whose value the narrative also writes somewhere: other numbers are other periods or parts
    confirmed = {(id(r), f.block) for f, r, value in pairs if _close(value, r.result)}
    out: list[Finding] = []
    for fact, r, value in pairs:
        assert fact.quantity.value is not None
        params: dict[str, object] = {"row": r.row.name, "text_value": f"{vi(fact.quantity.value)}",
                                     "table_value": f"{vi(r.result)}", "unit": r.row.unit or ""}
        if not any(_close(value, v) for v in r.values) and (id(r), fact.block) not in confirmed:
            out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.WARNING, (fact.line, r.row.line),
                               "audit.text_vs_table_value", params))
            continue
        if _close(value, r.result) and _strictness(fact.quantity.op) != _strictness(r.result_op):
            out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.INFO, (fact.line, r.row.line),
                               "audit.text_vs_table_result_op",
                               {**params, "text_value": _written(fact.quantity),
                                "table_value": _written(Quantity(r.result_op, value=r.result))}))
        if fact.pct is None or fact.pct_basis not in (PctBasis.KE_HOACH, PctBasis.NGHI_QUYET) \
                or not _close(value, r.result):
            continue
        said = achievement_from_phrase(fact.pct, fact.pct_phrase)
        decimals = printed_decimals(fact.pct_phrase)
        table_pcts = [p for p in (r.declared, r.achievement) if p is not None]
        if table_pcts and not any(same_as_printed(p, said, decimals) for p in table_pcts):
            out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.WARNING, (fact.line, r.row.line),
                               "audit.text_vs_table_pct",
                               {**params, "text_pct": f"{vi(said)}", "table_pct": vi(round(table_pcts[0], 2))}))
    return out


def _strictness(op: Op) -> Op:
    """'trên 20' and '>20' are both 'more than'; 'duy trì' and 'khoảng' compare as equal."""
    return {Op.GT: Op.GE, Op.LT: Op.LE, Op.MAINTAIN: Op.EQ, Op.APPROX: Op.EQ}.get(op, op)


def target_findings(x: Extraction) -> list[Finding]:
    """A target written in the narrative against the same target in a table column for that year
    ('tăng 4%/năm' against '5%/năm' under 'Mục tiêu đến năm 2030'; 'trên 20' against '20')."""
    cells: list[tuple[_Row, str, Quantity]] = []
    for r in _rows(x, with_result=False):
        for header, q in r.row.values.items():
            years = _YEAR.findall(header)
            if years and _TARGET_HEADER.search(header) and q.value is not None and not q.text:
                cells.append((r, years[-1], q))
    out: list[Finding] = []
    for fact in x.facts:
        if fact.role is not Role.TARGET or fact.quantity.value is None or not fact.period:
            continue
        year = fact.period[-4:]
        candidates = [(r, q) for r, y, q in cells if y == year and _same_unit(fact.unit, r.row.unit)]
        words = fold(fact.indicator)
        scored = [(_similarity(r.key, words), r, q) for r, q in candidates]
        scored = [t for t in scored if t[0] >= SIMILARITY]
        if not scored:
            continue
        _, r, q = max(scored, key=lambda t: t[0])
        assert q.value is not None
        value = fact.quantity.value * unit_scale(fact.unit) / unit_scale(r.row.unit)
        params: dict[str, object] = {"row": r.row.name, "year": year, "text_value": _written(fact.quantity),
                                     "table_value": _written(q), "unit": r.row.unit or ""}
        if not _close(value, q.value):
            out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.WARNING, (fact.line, r.row.line),
                               "audit.text_vs_table_target", params))
        elif _strictness(fact.quantity.op) != _strictness(q.op):
            out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.INFO, (fact.line, r.row.line),
                               "audit.text_vs_table_op", params))
    return out


def _written(q: Quantity) -> str:
    op = "" if q.op in (Op.EQ, Op.TEXT) else {Op.GE: "≥ ", Op.GT: "> ", Op.LE: "≤ ", Op.LT: "< "}.get(q.op, "")
    return f"{op}{vi(q.value)}" if q.value is not None else (q.text or "")


_PCT_OF_PLAN_CELL = re.compile(r"^\s*(?:đạt\s+)?(\d{1,3}(?:,\d+)?)\s*%\s*(?:kế hoạch|kh\b|chỉ tiêu)", re.IGNORECASE)


def pct_of_plan_findings(x: Extraction) -> list[Finding]:
    """A table whose result cell is itself a share of the plan ('100% kế hoạch vốn giao') against the
    narrative's percentage of plan for the same indicator ('giải ngân 793 tỷ đồng, đạt 97% kế hoạch')."""
    cells: list[tuple[RowExtraction, float]] = []
    for table in x.tables:
        if table.kind != "indicator_results":
            continue
        result = table_columns(table).result
        for row in table.rows:
            m = _PCT_OF_PLAN_CELL.match(row.cells.get(result or "", ""))
            if row.kind == "indicator" and row.indicator_id and m:
                cells.append((row, float(m.group(1).replace(",", "."))))
    out: list[Finding] = []
    for fact in x.facts:
        if fact.pct is None or fact.pct_basis not in (PctBasis.KE_HOACH, PctBasis.NGHI_QUYET) \
                or not fact.named_indicator:
            continue
        said = achievement_from_phrase(fact.pct, fact.pct_phrase)
        for row, table_pct in cells:
            if row.indicator_id == fact.named_indicator and fact.line != row.line \
                    and not same_as_printed(table_pct, said, printed_decimals(fact.pct_phrase)):
                out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.WARNING, (fact.line, row.line),
                                   "audit.text_vs_table_pct", {"row": row.name, "text_pct": vi(said),
                                                               "table_pct": vi(table_pct)}))
    return out
