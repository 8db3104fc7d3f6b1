"""Values as users see them: the one shown for each indicator, unit and period (by the vintage rule),
series that follow a unit back through its predecessors, and roll-ups across the hierarchy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from chitieu.catalog.model import Indicator, by_id
from chitieu.domain.extraction import Op, Quantity
from chitieu.domain.measure_units import UnitFamily, conversion, unit_family
from chitieu.domain.numbers import format_number as vi
from chitieu.evaluate.vintages import Candidate, choose, disagree
from chitieu.messages import render
from chitieu.store import findings, observations, units
from chitieu.store.database import Database, Session
from chitieu.store.documents import NewObservation
from chitieu.store.findings import NewFinding
from chitieu.store.observations import StoredValue


@dataclass(frozen=True, slots=True)
class ShownValue:
    indicator_id: str
    admin_unit_id: int | None
    period: str
    goal: bool
    value: float | None
    observation_id: int
    sources: int  # how many stored values compete for this place
    disputed: bool  # the stored values disagree


@dataclass(frozen=True, slots=True)
class Chosen:
    """The value shown for one place (by the vintage rule) and whether the sources disagree."""

    value: StoredValue
    disputed: bool
    sources: int

    @property
    def number(self) -> float | None:
        v = self.value
        return v.corrected_value if v.corrected_value is not None else v.value

    @property
    def quantity(self) -> Quantity:
        v = self.value
        op = Op(v.op) if v.op in Op._value2member_map_ else Op.EQ
        return Quantity(op, self.number, v.low, v.high, v.value_text)


def in_indicator_units(values: list[StoredValue], level: str | None = None,
                       plausible_only: bool = True) -> list[StoredValue]:
    """Each value of an indicator in the indicator's own measure unit, converted by the exact factor
    (132.998 triệu đồng → 132,998 tỷ đồng). Left out: a value in a unit that measures something else,
    and one outside what the catalogue finds plausible for the unit `level` (a rate is checked at any
    level) — ingest records a finding for it. Values of no indicator are kept as written."""
    catalogue = by_id()
    out = []
    for v in values:
        indicator = catalogue.get(v.indicator_id or "")
        if indicator is None or not indicator.unit:
            out.append(v)
            continue
        converted = _converted(v, indicator)
        if converted is None or (plausible_only and not plausible(converted, indicator, level)):
            continue
        out.append(converted)
    return out


def _converted(v: StoredValue, indicator: Indicator) -> StoredValue | None:
    factor = conversion(v.unit, indicator.unit)
    if factor is None:
        return None
    if factor == 1.0:
        return replace(v, unit=indicator.unit)

    def scaled(x: float | None) -> float | None:
        return None if x is None else round(x * factor, 9)

    return replace(v, value=scaled(v.value), corrected_value=scaled(v.corrected_value), low=scaled(v.low),
                   high=scaled(v.high), unit=indicator.unit)


_LEVEL_FREE = (UnitFamily.PERCENT, UnitFamily.PERMILLE)  # a rate is bounded whatever the unit's size


def plausible(v: StoredValue, indicator: Indicator, level: str | None) -> bool:
    """Whether a value (in the indicator's unit) lies in the catalogue's plausible range for a district,
    checked for district figures and for rates at any level; a range or a text is not checked."""
    low, high = indicator.magnitude_huyen
    if high <= low or (level != "huyen" and unit_family(indicator.unit) not in _LEVEL_FREE):
        return True
    number = v.corrected_value if v.corrected_value is not None else v.value
    return number is None or low <= number <= high


def record_implausible(session: Session, document_id: int, level: str | None,
                       found: list[NewFinding] | None = None) -> int:
    """Findings on a newly stored document's values (as corrected) that, in their indicator's unit, lie
    outside the catalogue's plausible range (`implausible`), unless `found` before it was stored (it has
    no corrections then); returns how many were recorded."""
    if found is None:
        found = implausible(observations.stored_values(session, document_ids=[document_id]), level)
    findings.add_findings(session, [(document_id, f) for f in found])
    return len(found)


def implausible_before_storing(figures: list[NewObservation], level: str | None) -> list[NewFinding]:
    """`record_implausible` of a document about to be stored with these figures, none of them corrected
    yet: found where the document is read, not by the writer."""
    return implausible([StoredValue(0, 0, None, o.indicator_id, o.period, o.role, o.value, None, o.estimate, False, 0,
                                    o.line, o.quote, o.op, o.low, o.high, o.value_text, o.unit, o.source, o.raw_name)
                        for o in figures], level)


def implausible(values: list[StoredValue], level: str | None) -> list[NewFinding]:
    """The values that, in their indicator's unit, lie outside the catalogue's plausible range for the
    unit `level`: a unit misprinted ('tỷ đồng' for 'triệu đồng') or a count in a rate's row. They are
    not shown as the indicator."""
    catalogue = by_id()
    out = []
    for v in values:
        indicator = catalogue.get(v.indicator_id or "")
        converted = _converted(v, indicator) if indicator is not None and indicator.unit else None
        if indicator is None or converted is None or plausible(converted, indicator, level):
            continue
        low, high = indicator.magnitude_huyen
        params: dict[str, object] = {"indicator": indicator.name, "period": v.period or "",
                                     "value": vi(converted.value) if converted.value is not None else "",
                                     "unit": indicator.unit, "low": vi(low), "high": vi(high)}
        out.append(NewFinding("impossible_value", "warning", (v.line,), "store.implausible_value",
                              params, render("store.implausible_value", **params)))
    return out


def choose_value(values: list[StoredValue]) -> Chosen | None:
    if not values:
        return None
    candidates = [Candidate(v.observation_id, v.corrected_value if v.corrected_value is not None else v.value,
                            v.corrected_value is not None, v.estimate, v.draft, v.document_id_order,
                            v.source == "table") for v in values]
    best = choose(candidates)
    assert best is not None
    chosen = next(v for v in values if v.observation_id == best.observation_id)
    return Chosen(chosen, disagree(candidates), len(values))


def _group(values: list[StoredValue]) -> dict[tuple[str, int | None, str, bool], list[StoredValue]]:
    groups: dict[tuple[str, int | None, str, bool], list[StoredValue]] = defaultdict(list)
    for v in values:
        if v.indicator_id and v.period:
            groups[(v.indicator_id, v.admin_unit_id, v.period, v.role in observations.GOAL_ROLES)].append(v)
    return groups


def shown_values(db: Database, *, indicator_id: str | None = None, unit_ids: list[int] | None = None,
                 period: str | None = None) -> list[ShownValue]:
    with db.transaction() as session:
        values = in_indicator_units(observations.stored_values(session, indicator_id=indicator_id, unit_ids=unit_ids,
                                                          period=period))
    out = []
    for (ind, unit, per, goal), group in sorted(_group(values).items(), key=lambda kv: str(kv[0])):
        chosen = choose_value(group)
        assert chosen is not None
        out.append(ShownValue(ind, unit, per, goal, chosen.number, chosen.value.observation_id, chosen.sources,
                              chosen.disputed))
    return out


def series_with_predecessors(db: Database, unit_id: int, indicator_id: str) -> dict[str, list[ShownValue]]:
    """Results by period for a unit and, under their own names, the units it was formed from."""
    with db.transaction() as session:
        old = units.predecessors(session, unit_id)
        names = {u.id: u.name for u in old}
    out: dict[str, list[ShownValue]] = {}
    for uid in [unit_id, *names]:
        shown = [v for v in shown_values(db, indicator_id=indicator_id, unit_ids=[uid]) if not v.goal]
        out[names.get(uid, "")] = sorted(shown, key=lambda v: v.period)
    return out


def roll_up(db: Database, parent_id: int, indicator_id: str, period: str) -> float | None:
    """The parent's value from its children's, as the catalogue says the indicator aggregates:
    a sum, or a plain mean where the weights are not stored; None where it does not aggregate."""
    indicator = by_id().get(indicator_id)
    if indicator is None or indicator.aggregate == "none":
        return None
    with db.transaction() as session:
        child_ids = [u.id for u in units.children(session, parent_id)]
    values = [v.value for v in shown_values(db, indicator_id=indicator_id, unit_ids=child_ids, period=period)
              if not v.goal and v.value is not None]
    if not values:
        return None
    return sum(values) if indicator.aggregate == "sum" else sum(values) / len(values)
