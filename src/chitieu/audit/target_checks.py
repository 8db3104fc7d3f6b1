"""New targets against the level already reached: a target the document's own latest result already
passes ('phấn đấu đạt 90%' where 92% was reported), or one an order of magnitude away from it
('dưới 0,4‰' when the rate is 18,2‰: a unit or a typing slip)."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict

from chitieu.catalog.model import by_id
from chitieu.domain.evaluation import Direction
from chitieu.domain.extraction import Extraction, Fact, Finding, FindingKind, Op, Role, Severity
from chitieu.domain.measure_units import UnitFamily, normalize_unit, unit_family
from chitieu.domain.numbers import format_number as vi
from chitieu.messages.formatting import is_year, period_key

IMPLAUSIBLE = 10.0  # times: beyond this the target and the level cannot measure the same thing


_LEVELS = (Role.ACTUAL, Role.FORECAST)  # a level reached, or estimated to be reached ('ước thực hiện')


def _head(u: str | None) -> str:  # '‰/năm' and '‰' measure the same rate
    return normalize_unit(u or "").split("/")[0].strip()


Levels = dict[object, tuple[list[int], list[Fact]]]


def _by_year(facts: list[tuple[object, int, Fact]]) -> Levels:
    """(key, index, fact) → by key, the facts ordered by (last year, line; of two on one line the first
    written last), so that the latest before a year is found by bisection, not by rescanning every figure."""
    groups: dict[object, list[tuple[int, int, int, Fact]]] = {}
    for key, i, f in facts:
        groups.setdefault(key, []).append((period_key(f.period)[0], f.line, -i, f))
    out: Levels = {}
    for key, items in groups.items():
        items.sort(key=lambda t: t[:3])
        out[key] = ([year for year, _, _, _ in items], [f for _, _, _, f in items])
    return out


def _latest_before(levels: Levels, key: object, end: int) -> Fact | None:
    years, facts = levels.get(key, ([], []))
    before = bisect_left(years, end)
    return facts[before - 1] if before else None


def _levels(x: Extraction) -> Levels:
    """The results (or estimates of one) of single years, by indicator and unit."""
    return _by_year([((f.named_indicator, _head(f.unit)), i, f) for i, f in enumerate(x.facts)
                     if f.role in _LEVELS and f.quantity.op is Op.EQ and f.quantity.value and is_year(f.period)
                     and not f.denominator])


def _level(levels: Levels, target: Fact) -> Fact | None:
    """The latest result (or estimate of one) for the same indicator and unit written before the
    target's period."""
    return _latest_before(levels, (target.named_indicator, _head(target.unit)), period_key(target.period)[0])


def target_level_findings(x: Extraction) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    levels = _levels(x)
    for target in x.facts:
        indicator = by_id().get(target.named_indicator or "")
        value = target.quantity.value
        # rates only: a count or an amount may be an increment or a yearly figure beside a cumulative one
        if target.role is not Role.TARGET or indicator is None or not value or not target.period \
                or unit_family(target.unit) not in (UnitFamily.PERCENT, UnitFamily.PERMILLE) \
                or target.quantity.op in (Op.MAINTAIN, Op.APPROX, Op.RANGE, Op.TEXT) or target.pct is not None \
                or indicator.direction not in (Direction.HIGHER, Direction.LOWER):
            continue
        level = _level(levels, target)
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


_NEAREST_RESTATEMENTS = 50  # later targets with the same neighbour one target is compared with: bounded work


def restated_target_findings(x: Extraction) -> list[Finding]:
    """A list of targets written twice (the targets part, then again among the tasks) where one figure
    changed: '11,5 bác sỹ/vạn dân, 250 giường/1 vạn dân' against '11,5 bác sỹ/vạn dân, 200 giường…'.
    Only figures whose neighbour in the list is the same in both places are compared, so that two
    different lists that merely share an indicator are left alone. Targets are paired through an index
    of (indicator, period, neighbour), never all against all."""
    facts = list(x.facts)
    values_in: dict[tuple[int, str], Counter[float | None]] = defaultdict(Counter)
    for f in facts:
        if f.named_indicator:
            values_in[(f.block, f.named_indicator)][f.quantity.value] += 1

    def at(k: int, block: int) -> Fact | None:
        return facts[k] if 0 <= k < len(facts) and facts[k].block == block else None

    targets = [(i, f) for i, f in enumerate(facts) if f.role is Role.TARGET and f.named_indicator
               and f.quantity.value is not None and f.quantity.op is not Op.TEXT]
    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for n, (i, a) in enumerate(targets):
        for side in (-1, 1):
            neighbour = at(i + side, a.block)
            if neighbour is not None and neighbour.named_indicator is not None \
                    and neighbour.quantity.value is not None:
                buckets[(a.named_indicator, a.period, side, neighbour.named_indicator,
                         neighbour.quantity.value)].append(n)
    pairs = {(n, m) for members in buckets.values() for k, n in enumerate(members)
             for m in members[k + 1 : k + 1 + _NEAREST_RESTATEMENTS] if m != n}
    out: list[Finding] = []
    reported: set[tuple[int, int]] = set()
    for n, m in sorted(pairs):
        a, b = targets[n][1], targets[m][1]
        if a.block == b.block or a.quantity.value == b.quantity.value or (a.line, b.line) in reported:
            continue
        # each value also written in the other place: two items of one list, not a changed figure
        ind = a.named_indicator or ""
        echoes = sum(values_in[(block, ind)][v] for block in (a.block, b.block)
                     for v in (a.quantity.value, b.quantity.value)) - 2  # a and b themselves
        if echoes:
            continue
        reported.add((a.line, b.line))
        indicator = by_id().get(ind)
        out.append(Finding(FindingKind.TEXT_VS_TABLE, Severity.WARNING, (a.line, b.line), "audit.restated_target",
                           {"indicator": indicator.name if indicator else a.indicator, "period": a.period or "",
                            "value": vi(a.quantity.value or 0), "other_value": vi(b.quantity.value or 0),
                            "unit": a.unit or "", "line": a.line, "other_line": b.line}))
    return out


def reduction_findings(x: Extraction) -> list[Finding]:
    """A yearly reduction target that would take the rate below zero over the plan period ('tỷ lệ hộ
    nghèo giảm từ 5,5%/năm trở lên' for 2025-2030 = at least 27,5 points, with the rate at 21,3%)."""
    out: list[Finding] = []
    rates = _by_year([(f.named_indicator, i, f) for i, f in enumerate(x.facts)
                      if f.role in _LEVELS and f.quantity.op is Op.EQ and f.quantity.value is not None
                      and f.unit == "%" and f.period])
    for target in x.facts:
        indicator = by_id().get(target.named_indicator or "")
        value = target.quantity.value
        if target.role is not Role.TARGET or indicator is None or indicator.reduces is None or not value \
                or not (target.unit or "").endswith("/năm") or not target.period:
            continue
        last = period_key(target.period)[0]
        level = _latest_before(rates, indicator.reduces, last)
        if level is None or level.quantity.value is None:
            continue
        years = last - period_key(level.period)[0]  # from the level's year to the target's
        total = value * years
        if total > level.quantity.value:
            out.append(Finding(FindingKind.IMPOSSIBLE_VALUE, Severity.WARNING, tuple(sorted({target.line, level.line})),
                               "audit.reduction_too_large",
                               {"indicator": indicator.name, "target": vi(value), "years": years,
                                "total": vi(round(total, 2)), "level": vi(level.quantity.value),
                                "period": level.period or ""}))
    return out
