"""One rulebook for judging a target against a result, used by the audit, the store and the exports.

Vietnamese convention: for a higher-is-better indicator % = actual / target; for a lower-is-better
one % = target / actual ('<18' and 17,5 → 102,86 %). A range counts from its lower bound and is
exceeded above its upper bound, whose value is the basis of the % (6,1 against 5-6 → 101,67 %).
"""

from __future__ import annotations

import re

from chitieu.domain.evaluation import Achievement, Direction, Status
from chitieu.domain.extraction import Op, Quantity, Severity
from chitieu.domain.numbers import format_number as vi

# Ratings of Party organisations and members, best first: 'HTTNV trở lên' is met by HTTNV or HTXSNV.
_RATINGS = ("httsnv", "htxsnv", "httnv", "htnv", "khtnv")
_APPROX_TOLERANCE = 0.05


def _value(q: Quantity) -> float | None:
    if q.value is not None:
        return q.value
    if q.low is not None and q.high is not None:
        return q.high
    return None


def _rating(text: str | None) -> int | None:
    if not text:
        return None
    folded = re.sub(r"[^a-z]", "", text.lower().replace("đ", "d"))
    for rank, code in enumerate(_RATINGS):
        if code in folded:
            return rank
    return None


def _status(met: bool, exceeded: bool) -> Status:
    if not met:
        return Status.KHONG_DAT
    return Status.VUOT if exceeded else Status.DAT


def _qualitative(target: Quantity, actual: Quantity) -> Achievement:
    want, got = _rating(target.text), _rating(actual.text)
    if want is None or got is None:
        return Achievement(Status.CHUA_DANH_GIA, None, "qualitative_unknown", "")
    or_better = bool(target.text and "trở lên" in target.text.lower())
    met = got <= want if or_better else got == want
    return Achievement(_status(met, got < want), None, "qualitative_rating", f"{actual.text} / {target.text}")


def evaluate_target(target: Quantity | None, actual: Quantity | None,
                    direction: Direction = Direction.HIGHER) -> Achievement:
    """Status and % of one result against one target."""
    if target is None or actual is None:
        return Achievement(Status.CHUA_DANH_GIA, None, "missing_value", "")
    if target.op is Op.TEXT or (actual.op is Op.TEXT and actual.value is None):
        return _qualitative(target, actual)
    a = _value(actual)
    if a is None:
        return Achievement(Status.CHUA_DANH_GIA, None, "missing_value", "")
    if target.op is Op.RANGE and target.low is not None and target.high is not None:
        return _range(target.low, target.high, a, direction)
    t = _value(target)
    if t is None:
        return Achievement(Status.CHUA_DANH_GIA, None, "missing_value", "")
    lower = direction is Direction.LOWER or target.op in (Op.LE, Op.LT)
    if target.op is Op.APPROX or direction is Direction.BAND:
        met = abs(a - t) <= _APPROX_TOLERANCE * abs(t)
        return Achievement(_status(met, False), _pct(a, t), "approx", f"|{vi(a)} - {vi(t)}| ≤ 5% × {vi(t)}")
    if lower:
        met = a < t if target.op is Op.LT else a <= t
        return Achievement(_status(met, a < t), _pct(t, a), "lower_is_better", f"{vi(t)} / {vi(a)} × 100")
    pct = _pct(a, t)
    met = a > t if target.op is Op.GT else a >= t
    rule = "maintain" if target.op is Op.MAINTAIN else "higher_is_better"
    return Achievement(_status(met, a > t and target.op is not Op.MAINTAIN), pct, rule, f"{vi(a)} / {vi(t)} × 100")


def _range(low: float, high: float, a: float, direction: Direction) -> Achievement:
    formula = f"{vi(a)} / {vi(high)} × 100"
    if direction is Direction.BAND:
        return Achievement(_status(low <= a <= high, False), _pct(a, high), "band", formula)
    if direction is Direction.LOWER:
        return Achievement(_status(a <= high, a < low), _pct(high, a), "range_lower_is_better",
                           f"{vi(high)} / {vi(a)} × 100")
    return Achievement(_status(a >= low, a > high), _pct(a, high), "range_higher_is_better", formula)


def _pct(numerator: float, denominator: float) -> float | None:
    if denominator == 0:
        return None
    return numerator / denominator * 100


def same_as_printed(computed: float, printed: float, decimals: int) -> bool:
    """Whether `printed` (with `decimals` decimals) is `computed` rounded the way documents round."""
    return abs(computed - printed) <= 0.5 * 10.0 ** (-decimals) + 1e-9


def pct_gap_severity(computed: float, printed: float) -> Severity:
    """How much a printed percentage that differs from the computed one matters: a gap that turns a
    target met into not met (or back) is an error, one of more than a point a warning, a rounding
    slip of a point or less a note."""
    if (computed >= 100) != (printed >= 100):
        return Severity.ERROR
    return Severity.WARNING if abs(computed - printed) > 1.0 else Severity.INFO
