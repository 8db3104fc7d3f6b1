"""Judge a row of an indicator table: which column is the target, which the result, which the
document's own verdict ('TH/KH (%)', 'So với chỉ tiêu Nghị quyết', 'Đánh giá'), and what the
rulebook says instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.domain.evaluation import Achievement, Direction, Status
from chitieu.domain.extraction import Op, Quantity, RowExtraction
from chitieu.evaluate.achievement import evaluate_target, same_as_printed
from chitieu.evaluate.direction import direction_from_name
from chitieu.extract.columns import Columns

_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%?")
_STATUS_WORDS = (("không đạt", Status.KHONG_DAT), ("chưa đạt", Status.KHONG_DAT), ("vượt", Status.VUOT),
                 ("hoàn thành", Status.DAT), ("đạt", Status.DAT))


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the document itself says about a row: a status word and/or a percentage as printed."""

    status: Status | None
    pct: float | None
    decimals: int


@dataclass(frozen=True, slots=True)
class RowEvaluation:
    columns: Columns
    direction: Direction
    achievement: Achievement
    declared: Verdict | None


def read_verdict(raw: str) -> Verdict | None:
    text = raw.strip().lower()
    if not text or text in {"-", "x"}:
        return None
    status = next((s for word, s in _STATUS_WORDS if word in text), None)
    m = _PERCENT.search(text)
    pct = decimals = None
    if m:
        number = m.group(1)
        pct = float(number.replace(",", "."))
        decimals = len(re.split(r"[.,]", number)[1]) if re.search(r"[.,]", number) else 0
    if status is None and pct is None:
        return None
    if pct is not None and status is not Status.KHONG_DAT:
        status = None  # 'Đạt 99% chỉ tiêu NQ' states a percentage, not that the target was met
    return Verdict(status, pct, decimals or 0)


def _sentence(q: Quantity) -> bool:
    """A cell written as a sentence ('Tỷ lệ hộ nghèo còn 12,58%, so với đầu kỳ giảm …') is not judged."""
    return q.op is not Op.TEXT and q.text is not None


def evaluate_row(row: RowExtraction, columns: Columns, direction: Direction | None = None) -> RowEvaluation | None:
    if columns.target is None or columns.result is None:
        return None
    target: Quantity | None = row.values.get(columns.target)
    result: Quantity | None = row.values.get(columns.result)
    if target is None or result is None or _sentence(target) or _sentence(result):
        return None
    way = direction or direction_from_name(row.name)
    declared = read_verdict(row.cells.get(columns.verdict, "")) if columns.verdict else None
    return RowEvaluation(columns, way, evaluate_target(target, result, way), declared)


def declared_status_wrong(ev: RowEvaluation) -> bool:
    """The report says the target was met where the rulebook says not, or the other way round."""
    declared, got = ev.declared, ev.achievement
    return declared is not None and declared.status is not None and got.status is not Status.CHUA_DANH_GIA \
        and declared.status.met is not got.status.met


def declared_pct_wrong(ev: RowEvaluation) -> bool:
    """The report's percentage is not the rulebook's, rounded as the report rounds it."""
    declared, got = ev.declared, ev.achievement
    return declared is not None and declared.pct is not None and got.pct is not None \
        and got.status is not Status.CHUA_DANH_GIA and not same_as_printed(got.pct, declared.pct, declared.decimals)
