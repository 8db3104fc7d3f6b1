"""New targets against the level already reached: a target the document's own latest result already
passes ('phấn đấu đạt 90%' where 92% was reported), or one an order of magnitude away from it
('dưới 0,4‰' when the rate is 18,2‰: a unit or a typing slip)."""

from __future__ import annotations

from chitieu.catalog.model import by_id
from chitieu.domain.evaluation import Direction
from chitieu.domain.extraction import Extraction, Fact, Finding, FindingKind, Op, Role, Severity
from chitieu.extract.measure_units import UnitFamily, normalize_unit, unit_family
from chitieu.extract.numbers import format_number as vi
from chitieu.messages.formatting import is_year, period_key

IMPLAUSIBLE = 10.0  # times: beyond this the target and the level cannot measure the same thing


def _level(x: Extraction, target: Fact) -> Fact | None:
    """The latest result for the same indicator and unit written before the target's period."""
    end = period_key(target.period)[0]
    def head(u: str | None) -> str:  # '‰/năm' and '‰' measure the same rate
        return normalize_unit(u or "").split("/")[0].strip()

    unit = head(target.unit)
    results = [f for f in x.facts if f.role is Role.ACTUAL and f.indicator_id == target.indicator_id
               and f.quantity.op is Op.EQ and f.quantity.value and head(f.unit) == unit
               and is_year(f.period) and period_key(f.period)[0] < end and not f.denominator]
    return max(results, key=lambda f: (period_key(f.period)[0], f.line)) if results else None


def target_level_findings(x: Extraction) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for target in x.facts:
        indicator = by_id().get(target.indicator_id or "")
        value = target.quantity.value
        # rates only: a count or an amount may be an increment or a yearly figure beside a cumulative one
        if target.role is not Role.TARGET or indicator is None or not value or not target.period \
                or unit_family(target.unit) not in (UnitFamily.PERCENT, UnitFamily.PERMILLE) \
                or target.quantity.op in (Op.MAINTAIN, Op.APPROX, Op.RANGE, Op.TEXT) or target.pct is not None \
                or indicator.direction not in (Direction.HIGHER, Direction.LOWER):
            continue
        level = _level(x, target)
        if level is None or level.quantity.value is None or (indicator.id, target.line) in seen:
            continue
        current = level.quantity.value
        lower = indicator.direction is Direction.LOWER
        params: dict[str, object] = {"indicator": indicator.name, "target": vi(value), "level": vi(current),
                                     "unit": target.unit or "", "period": level.period or ""}
        if max(value, current) / min(value, current) >= IMPLAUSIBLE:
            out.append(Finding(FindingKind.IMPOSSIBLE_VALUE, Severity.WARNING, tuple(sorted({target.line, level.line})),
                               "audit.target_implausible", params))
        elif (value < current) if not lower else (value > current):
            out.append(Finding(FindingKind.IMPOSSIBLE_VALUE, Severity.INFO, tuple(sorted({target.line, level.line})),
                               "audit.target_below_level" if not lower else "audit.target_above_level", params))
        else:
            continue
        seen.add((indicator.id, target.line))
    return out
