"""New targets against the level already reached: a target the document's own latest result already
passes ('phấn đấu đạt 90%' where 92% was reported), or one an order of magnitude away from it
('dưới 0,4‰' when the rate is 18,2‰: a unit or a typing slip)."""

from __future__ import annotations

from chitieu.catalog.model import by_id
from chitieu.domain.evaluation import Direction
from chitieu.domain.extraction import Extraction, Fact, Finding, FindingKind, Op, Role, Severity
from chitieu.domain.measure_units import UnitFamily, normalize_unit, unit_family
from chitieu.domain.numbers import format_number as vi
from chitieu.messages.formatting import is_year, period_key

IMPLAUSIBLE = 10.0  # times: beyond this the target and the level cannot measure the same thing


_LEVELS = (Role.ACTUAL, Role.FORECAST)  # a level reached, or estimated to be reached ('ước thực hiện')


def _level(x: Extraction, target: Fact) -> Fact | None:
    """The latest result (or estimate of one) for the same indicator and unit written before the
    target's period."""
    end = period_key(target.period)[0]
    def head(u: str | None) -> str:  # '‰/năm' and '‰' measure the same rate
        return normalize_unit(u or "").split("/")[0].strip()

    unit = head(target.unit)
    results = [f for f in x.facts if f.role in _LEVELS and f.named_indicator == target.named_indicator
               and f.quantity.op is Op.EQ and f.quantity.value and head(f.unit) == unit
               and is_year(f.period) and period_key(f.period)[0] < end and not f.denominator]
    return max(results, key=lambda f: (period_key(f.period)[0], f.line)) if results else None


def target_level_findings(x: Extraction) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for target in x.facts:
        indicator = by_id().get(target.named_indicator or "")
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


def _same(a: Fact | None, b: Fact | None) -> bool:
    return a is not None and b is not None and a.named_indicator is not None \
        and a.named_indicator == b.named_indicator \
        and a.quantity.value is not None and a.quantity.value == b.quantity.value


def restated_target_findings(x: Extraction) -> list[Finding]:
    """A list of targets written twice (the targets part, then again among the tasks) where one figure
    changed: '11,5 bác sỹ/vạn dân, 250 giường/1 vạn dân' against '11,5 bác sỹ/vạn dân, 200 giường…'.
    Only figures whose neighbour in the list is the same in both places are compared, so that two
    different lists that merely share an indicator are left alone."""
    facts = list(x.facts)
    out: list[Finding] = []
    reported: set[tuple[int, int]] = set()
    targets = [(i, f) for i, f in enumerate(facts) if f.role is Role.TARGET and f.named_indicator
               and f.quantity.value is not None and f.quantity.op is not Op.TEXT]
    for n, (i, a) in enumerate(targets):
        for j, b in targets[n + 1 :]:
            if a.block == b.block or a.named_indicator != b.named_indicator or a.period != b.period \
                    or a.quantity.value == b.quantity.value or (a.line, b.line) in reported:
                continue

            def at(k: int, block: int) -> Fact | None:
                return facts[k] if 0 <= k < len(facts) and facts[k].block == block else None

            aligned = _same(at(i - 1, a.block), at(j - 1, b.block)) or _same(at(i + 1, a.block), at(j + 1, b.block))
            # each value also written in the other place: two items of one list, not a changed figure
            echoed = any(f.named_indicator == a.named_indicator
                         and f.quantity.value in (a.quantity.value, b.quantity.value)
                         and f.block in (a.block, b.block) and f is not a and f is not b for f in facts)
            if not aligned or echoed:
                continue
            reported.add((a.line, b.line))
            indicator = by_id().get(a.named_indicator or "")
            out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.WARNING, (a.line, b.line), "audit.restated_target",
                               {"indicator": indicator.name if indicator else a.indicator, "period": a.period or "",
                                "value": vi(a.quantity.value or 0), "other_value": vi(b.quantity.value or 0),
                                "unit": a.unit or "", "line": a.line, "other_line": b.line}))
    return out


def reduction_findings(x: Extraction) -> list[Finding]:
    """A yearly reduction target that would take the rate below zero over the plan period ('tỷ lệ hộ
    nghèo giảm từ 5,5%/năm trở lên' for 2025-2030 = at least 27,5 points, with the rate at 21,3%)."""
    out: list[Finding] = []
    for target in x.facts:
        indicator = by_id().get(target.named_indicator or "")
        value = target.quantity.value
        if target.role is not Role.TARGET or indicator is None or indicator.reduces is None or not value \
                or not (target.unit or "").endswith("/năm") or not target.period:
            continue
        last = period_key(target.period)[0]
        levels = [f for f in x.facts if f.role in _LEVELS and f.named_indicator == indicator.reduces
                  and f.quantity.op is Op.EQ and f.quantity.value is not None and f.unit == "%"
                  and f.period and period_key(f.period)[0] < last]
        if not levels:
            continue
        level = max(levels, key=lambda f: (period_key(f.period)[0], f.line))
        assert level.quantity.value is not None
        years = last - period_key(level.period)[0]  # from the level's year to the target's
        total = value * years
        if total > level.quantity.value:
            out.append(Finding(FindingKind.IMPOSSIBLE_VALUE, Severity.WARNING, tuple(sorted({target.line, level.line})),
                               "audit.reduction_too_large",
                               {"indicator": indicator.name, "target": vi(value), "years": years,
                                "total": vi(round(total, 2)), "level": vi(level.quantity.value),
                                "period": level.period or ""}))
    return out
