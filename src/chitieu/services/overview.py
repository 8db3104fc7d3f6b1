"""The dashboard of one administrative unit and period: each indicator's goal, result, status and
% (by the one rulebook), its progress toward the term target, a small series, open findings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chitieu.catalog.model import GROUPS, Indicator, by_id
from chitieu.domain.evaluation import Achievement, Status
from chitieu.domain.extraction import Quantity
from chitieu.domain.measure_units import conversion
from chitieu.evaluate.achievement import evaluate_target
from chitieu.evaluate.trajectory import Trajectory, assess
from chitieu.messages.formatting import is_year, period_key
from chitieu.services.browse import Chosen, choose_value, in_indicator_units
from chitieu.services.cache import cached
from chitieu.store import findings as stored_findings
from chitieu.store import observations as stored_observations
from chitieu.store import units as stored_units
from chitieu.store.database import Database
from chitieu.store.units import Unit


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    indicator: Indicator
    goal: Chosen | None
    actual: Chosen | None
    achievement: Achievement | None  # None: no result for the period
    term_goal: Chosen | None
    term_achievement: Achievement | None
    series: list[tuple[str, float]]  # results by year
    trajectory: Trajectory | None = None  # progress toward the term target since the term began

    @property
    def status(self) -> str:
        return self.achievement.status.value if self.achievement else "khong_co_so_lieu"


@dataclass
class Overview:
    unit: Unit | None
    period: str | None
    periods: list[str]
    units: list[Unit] = field(default_factory=list)  # the units one can pick
    groups: list[tuple[str, list[IndicatorLine]]] = field(default_factory=list)
    open_findings: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # lines by status
    # what a shell made of this overview (a rendered page body): kept with it, as long as it is current
    rendered: dict[str, str] = field(default_factory=dict)


def unit_choices(db: Database) -> list[Unit]:
    """Units that have stored figures, provinces first."""
    with db.transaction() as session:
        units = stored_units.units_with_figures(session)
    order = {"tinh": 0, "huyen": 1, "xa": 2}
    return sorted(units, key=lambda u: (order.get(u.level, 3), u.name))


# A year with a goal or a result is offered (a year of targets only is worth seeing); any other period
# when several indicators have one, not a span one or two figures mention in passing ('2021-2030').
MIN_INDICATORS = 3


def period_choices(db: Database, unit_id: int) -> list[str]:
    with db.transaction() as session:
        counts = stored_observations.indicators_by_period(session, unit_id)
    return sorted((p for p, (n, _) in counts.items() if n >= MIN_INDICATORS or (n and is_year(p))),
                  key=period_key, reverse=True)


def periods_with_results(db: Database, unit_id: int) -> list[str]:
    with db.transaction() as session:
        counts = stored_observations.indicators_by_period(session, unit_id)
    return sorted((p for p, (_, n) in counts.items() if n), key=period_key, reverse=True)


def _term_of(period: str, goal_periods: set[str]) -> str | None:
    """The multi-year goal period that contains `period` (e.g. 2023 → '2020-2025')."""
    end = period_key(period)[0]
    spans = [p for p in goal_periods if not is_year(p) and p != period
             and period_key(p)[1] < end <= period_key(p)[0] and "-" in p]
    return max(spans, key=period_key) if spans else None


def overview(db: Database, unit_id: int | None, period: str | None) -> Overview:
    """The dashboard, computed once per data version (services/cache.py)."""
    return cached(db, ("overview", unit_id, period), lambda: _overview(db, unit_id, period))


def _overview(db: Database, unit_id: int | None, period: str | None) -> Overview:
    units = unit_choices(db)
    unit = next((u for u in units if u.id == unit_id), units[0] if units else None)
    if unit is None:
        return Overview(None, None, [], units)
    periods = period_choices(db, unit.id)
    # the latest year with results first: a year of targets alone is there to pick, not to open on
    with_results = [p for p in periods_with_results(db, unit.id) if p in periods]
    period = period if period in periods else (next((p for p in with_results if is_year(p)), None)
                                                or next((p for p in periods if is_year(p)), None)
                                                or (periods[0] if periods else None))
    result = Overview(unit, period, periods, units)
    with db.transaction() as session:
        values = in_indicator_units(stored_observations.stored_values(session, unit_ids=[unit.id]), unit.level)
        result.open_findings = stored_findings.open_findings_of_unit(session, unit.id)
    by_indicator: dict[str, list[stored_observations.StoredValue]] = defaultdict(list)
    for v in values:
        if v.indicator_id and v.period:
            by_indicator[v.indicator_id].append(v)
    catalogue = by_id()
    grouped: dict[str, list[IndicatorLine]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for ind_id, mine in by_indicator.items():
        indicator = catalogue.get(ind_id)
        if indicator is None or period is None:
            continue
        line = indicator_line(indicator, mine, period)
        if line.goal is None and line.actual is None and line.term_goal is None:
            continue
        grouped[indicator.group].append(line)
        counts[line.status] += 1
    result.groups = [(g, sorted(grouped[g], key=lambda x: x.indicator.name)) for g in GROUPS if g in grouped]
    result.counts = dict(counts)
    return result


def indicator_line(indicator: Indicator, values: list[stored_observations.StoredValue], period: str) -> IndicatorLine:
    """One indicator of one unit for a period: goal, result, the rulebook's status, the term's progress."""
    goals = [v for v in values if v.role in stored_observations.GOAL_ROLES]
    actuals = [v for v in values if v.role == "actual"]
    goal = choose_value([v for v in goals if v.period == period])
    actual = choose_value([v for v in actuals if v.period == period])
    achievement = _judge(indicator, goal, actual) if actual else None
    term = _term_of(period, {v.period for v in goals if v.period})
    term_goal = choose_value([v for v in goals if v.period == term]) if term else None
    term_achievement = _judge(indicator, term_goal, actual) if term_goal and actual else None
    if goal is None and term_goal is not None and term and period_key(term)[0] == period_key(period)[0]:
        # the last year of a term, with no goal of its own: the term's target is the goal it is judged by
        goal, achievement = term_goal, term_achievement
    by_year: dict[str, list[stored_observations.StoredValue]] = defaultdict(list)
    for v in actuals:
        if is_year(v.period):
            by_year[v.period or ""].append(v)
    series = []
    for year in sorted(by_year):
        chosen = choose_value(by_year[year])
        if chosen is not None and chosen.number is not None:
            series.append((year, chosen.number))
    trajectory = _trajectory(indicator, series, period, actual, term_goal)
    return IndicatorLine(indicator, goal, actual, achievement, term_goal, term_achievement, series, trajectory)


def _trajectory(indicator: Indicator, series: list[tuple[str, float]], period: str, actual: Chosen | None,
                term_goal: Chosen | None) -> Trajectory | None:
    """Baseline: the result of the term's first year (or the latest one before it) from the series."""
    if actual is None or term_goal is None or actual.number is None or term_goal.number is None \
            or not is_year(period) or term_goal.value.op in ("range", "text"):
        return None
    start, end = period_key(term_goal.value.period)[1], period_key(term_goal.value.period)[0]
    year = int(period)
    before = [(int(y), v) for y, v in series if int(y) <= max(start, year - 1) and int(y) < year]
    if not before:
        return None
    at_start = [p for p in before if p[0] <= start]
    baseline = max(at_start) if at_start else min(before)
    return assess(baseline, (year, actual.number), (end, term_goal.number), indicator.direction)


def _judge(indicator: Indicator, goal: Chosen | None, actual: Chosen) -> Achievement:
    """The rulebook's verdict, once both values are in the same unit; values in units that measure
    different things (a count against a percentage) are not judged."""
    if goal is None:
        return Achievement(Status.CHUA_DANH_GIA, None, "missing_value", "")
    factor = conversion(actual.value.unit, goal.value.unit)
    if factor is None:
        return Achievement(Status.CHUA_DANH_GIA, None, "unit_mismatch", f"{actual.value.unit} / {goal.value.unit}")
    q = actual.quantity
    scaled = Quantity(q.op, None if q.value is None else q.value * factor, q.low, q.high, q.text)
    return evaluate_target(goal.quantity, scaled, indicator.direction)
