"""What each value column of an indicator table holds: the target, the result, the document's own
verdict ('TH/KH (%)', 'So với chỉ tiêu Nghị quyết'), and for which year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.extract.periods import find_periods, is_part_of_a_year

_VERDICT = re.compile(r"%|so sánh|so với|\bth\s*/\s*kh\b|đánh giá|tỷ lệ đạt", re.IGNORECASE)
_RESULT = re.compile(r"thực hiện|\bth\b|kết quả|\bước\b", re.IGNORECASE)
_TARGET = re.compile(r"kế hoạch|\bkh\b|mục tiêu|nghị quyết|\bnq|chỉ tiêu|nhiệm kỳ", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class Columns:
    target: str | None
    result: str | None
    verdict: str | None


def classify_columns(header: tuple[str, ...], value_keys: list[str]) -> Columns:
    """The target, result and verdict columns among a table's value columns (in header order)."""
    verdict = next((h for h in value_keys if _VERDICT.search(h)), None)
    results = [h for h in value_keys if _RESULT.search(h) and h != verdict]
    targets = [h for h in value_keys if _TARGET.search(h) and h != verdict and h not in results]
    before_verdict = [h for h in results if verdict is None or header.index(h) < header.index(verdict)]
    result = before_verdict[-1] if before_verdict else (results[0] if results else None)
    target: str | None = None
    if result is not None:
        years = _YEAR.findall(result)
        same_year = [h for h in targets if years and years[-1] in h]
        earlier = [h for h in targets if header.index(h) < header.index(result)]
        candidates = same_year or earlier or targets
        target = candidates[0] if candidates else None
    return Columns(target, result, verdict)


def column_role(header: str, columns: Columns) -> str:
    """'actual', 'target', 'plan' or 'verdict' for one value column."""
    if header == columns.verdict:
        return "verdict"
    if _RESULT.search(header):
        return "actual"
    if re.search(r"mục tiêu|nghị quyết|\bnq", header, re.IGNORECASE):
        return "target"
    return "plan" if _TARGET.search(header) else "actual"


def column_year(header: str) -> str | None:
    """The period a column's figures are for: part of a year where it names one ('6 tháng đầu năm 2015'
    → 6T/2015, 'Tháng 10/2024'), else its last year."""
    part = next((m.value for m in find_periods(header) if m.governs and is_part_of_a_year(m.value)), None)
    if part:
        return part
    years = _YEAR.findall(header)
    return years[-1] if years else None
