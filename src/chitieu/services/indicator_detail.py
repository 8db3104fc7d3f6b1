"""One indicator across years and units: the values shown (targets and results), and every source
mention with its quote, so a reader can go from a number to the sentence it came from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chitieu.catalog.model import Indicator, by_id
from chitieu.messages.formatting import period_key
from chitieu.services.browse import Chosen, choose_value, in_indicator_units
from chitieu.store import documents as stored_documents
from chitieu.store import observations as stored_observations
from chitieu.store import units as stored_units
from chitieu.store.database import Database


@dataclass(frozen=True, slots=True)
class Point:
    period: str
    goal: bool
    chosen: Chosen


@dataclass(frozen=True, slots=True)
class Mention:
    value: stored_observations.StoredValue
    file_name: str


@dataclass
class IndicatorDetail:
    indicator: Indicator
    series: dict[str, list[Point]] = field(default_factory=dict)  # by unit name
    mentions: list[Mention] = field(default_factory=list)
    unit_names: dict[int, str] = field(default_factory=dict)

    @property
    def periods(self) -> list[str]:
        """Every period of the series, oldest first."""
        return sorted({p.period for points in self.series.values() for p in points}, key=period_key)


def indicator_detail(db: Database, indicator_id: str, unit_id: int | None = None,
                     mention_limit: int = 500) -> IndicatorDetail | None:
    indicator = by_id().get(indicator_id)
    if indicator is None:
        return None
    with db.transaction() as session:
        values = in_indicator_units(stored_observations.stored_values(session, indicator_id=indicator_id,
                                                          unit_ids=[unit_id] if unit_id is not None else None))
        unit_ids = {v.admin_unit_id for v in values if v.admin_unit_id is not None}
        names = stored_units.unit_names(session, unit_ids)
        doc_ids = {v.document_id for v in values}
        files = stored_documents.file_names(session, doc_ids)
    detail = IndicatorDetail(indicator, unit_names=names)
    places: dict[tuple[int | None, str, bool], list[stored_observations.StoredValue]] = defaultdict(list)
    for v in values:
        if v.period:
            places[(v.admin_unit_id, v.period, v.role in stored_observations.GOAL_ROLES)].append(v)
    series: dict[str, list[Point]] = defaultdict(list)
    for (unit, period, goal), group in places.items():
        chosen = choose_value(group)
        if chosen is not None and chosen.number is not None:
            series[names.get(unit, "") if unit is not None else ""].append(Point(period, goal, chosen))
    detail.series = {name: sorted(points, key=lambda p: period_key(p.period)) for name, points in
                     sorted(series.items())}
    ordered = sorted(values, key=lambda v: (period_key(v.period), v.document_id, v.line), reverse=True)
    detail.mentions = [Mention(v, files.get(v.document_id, "")) for v in ordered[:mention_limit]]
    return detail


def indicator_counts(db: Database) -> dict[str, int]:
    """How many stored figures each catalogue indicator has."""
    with db.transaction() as session:
        return stored_observations.figure_counts_by_indicator(session)
