"""Read models over the store: the values behind a dashboard, a series, a roll-up across units."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from chitieu.store.schema import AdminUnit, AdminUnitLink, Correction, Document, Observation

GOAL_ROLES = ("target", "plan")


@dataclass(frozen=True, slots=True)
class StoredValue:
    observation_id: int
    document_id: int
    admin_unit_id: int | None
    indicator_id: str | None
    period: str | None
    role: str
    value: float | None
    corrected_value: float | None
    estimate: bool
    draft: bool
    document_id_order: int
    line: int
    quote: str
    op: str = "="
    low: float | None = None
    high: float | None = None
    value_text: str | None = None
    unit: str | None = None
    source: str = "text"
    raw_name: str = ""  # the words naming the figure, or its table row's name


_CHUNK = 5_000  # ids per IN (…): SQLite allows 32,766 bound values in one statement, a report may hold more


def latest_value_corrections(session: Session, ids: list[int]) -> dict[int, float | None]:
    out: dict[int, float | None] = {}
    for k in range(0, len(ids), _CHUNK):
        out.update(_latest_value_corrections(session, ids[k : k + _CHUNK]))
    return out


def _latest_value_corrections(session: Session, ids: list[int]) -> dict[int, float | None]:
    newest = (select(Correction.observation_id, func.max(Correction.created_at).label("at"))
              .where(Correction.observation_id.in_(ids), Correction.field == "value")
              .group_by(Correction.observation_id).subquery())
    rows = session.execute(select(Correction.observation_id, Correction.new_value).join(
        newest, and_(Correction.observation_id == newest.c.observation_id, Correction.created_at == newest.c.at)))
    out: dict[int, float | None] = {}
    for obs_id, new_value in rows:
        try:
            out[obs_id] = float(new_value) if new_value not in (None, "") else None
        except ValueError:
            out[obs_id] = None
    return out


def stored_values(session: Session, *, indicator_id: str | None = None, unit_ids: list[int] | None = None,
                  period: str | None = None, roles: tuple[str, ...] | None = None,
                  document_ids: list[int] | None = None, indicator_ids: list[str] | None = None,
                  periods: list[str] | None = None) -> list[StoredValue]:
    query = select(Observation, Document.draft).join(Document, Observation.document_id == Document.id)
    if document_ids is not None:
        query = query.where(Observation.document_id.in_(document_ids))
    if indicator_ids is not None:
        query = query.where(Observation.indicator_id.in_(indicator_ids))
    if periods is not None:
        query = query.where(Observation.period.in_(periods))
    if indicator_id is not None:
        query = query.where(Observation.indicator_id == indicator_id)
    if unit_ids is not None:
        query = query.where(Observation.admin_unit_id.in_(unit_ids))
    if period is not None:
        query = query.where(Observation.period == period)
    if roles is not None:
        query = query.where(Observation.role.in_(roles))
    rows = session.execute(query.order_by(Observation.id)).all()
    corrections = latest_value_corrections(session, [o.id for o, _ in rows])
    return [StoredValue(o.id, o.document_id, o.admin_unit_id, o.indicator_id, o.period, o.role, o.value,
                        corrections.get(o.id), o.estimate, draft, o.document_id, o.line, o.quote, o.op, o.low,
                        o.high, o.value_text, o.unit, o.source, o.raw_name)
            for o, draft in rows]


def correction_counts(session: Session, ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for k in range(0, len(ids), _CHUNK):
        rows = session.execute(select(Correction.observation_id, func.count()).where(
            Correction.observation_id.in_(ids[k : k + _CHUNK])).group_by(Correction.observation_id))
        out.update({obs_id: n for obs_id, n in rows})
    return out


def children(session: Session, parent_id: int) -> list[AdminUnit]:
    return list(session.scalars(select(AdminUnit).where(AdminUnit.parent_id == parent_id).order_by(AdminUnit.name)))


def descendants(session: Session, unit_id: int) -> set[int]:
    """Every unit below `unit_id` in the hierarchy, at any depth."""
    out: set[int] = set()
    frontier = [unit_id]
    while frontier:
        frontier = [i for i in session.scalars(select(AdminUnit.id).where(AdminUnit.parent_id.in_(frontier)))
                    if i not in out]
        out.update(frontier)
    return out


def successors(session: Session, unit_id: int) -> list[AdminUnit]:
    new = aliased(AdminUnit)
    return list(session.scalars(select(new).join(AdminUnitLink, AdminUnitLink.successor_id == new.id)
                                .where(AdminUnitLink.predecessor_id == unit_id)))


def predecessors(session: Session, unit_id: int) -> list[AdminUnit]:
    """Every unit that became (part of) `unit_id`, through any number of reorganisations."""
    out: list[AdminUnit] = []
    frontier = [unit_id]
    seen = {unit_id}
    old = aliased(AdminUnit)
    while frontier:
        rows = session.scalars(select(old).join(AdminUnitLink, AdminUnitLink.predecessor_id == old.id)
                               .where(AdminUnitLink.successor_id.in_(frontier))).all()
        frontier = [u.id for u in rows if u.id not in seen]
        seen.update(frontier)
        out.extend(u for u in rows if u.id in frontier)
    return out


@dataclass(frozen=True, slots=True)
class PlacedValue:
    """A stored value where documents are compared: indicator × unit × period × goal or result, with
    what names its document whatever order it was stored in (file name, content hash)."""

    document_id: int
    file_name: str
    content_hash: str
    indicator_id: str
    admin_unit_id: int
    period: str
    goal: bool
    value: float
    line: int
    observation_id: int


def lineage(session: Session, unit_id: int) -> tuple[list[tuple[AdminUnit, bool]], list[tuple[AdminUnit, bool]]]:
    """(the units `unit_id` was formed from, the units it went into), each with whether it went whole."""
    before = session.execute(select(AdminUnit, AdminUnitLink.whole).join(
        AdminUnitLink, AdminUnitLink.predecessor_id == AdminUnit.id).where(AdminUnitLink.successor_id == unit_id)
        .order_by(AdminUnit.name)).all()
    after = session.execute(select(AdminUnit, AdminUnitLink.whole).join(
        AdminUnitLink, AdminUnitLink.successor_id == AdminUnit.id).where(AdminUnitLink.predecessor_id == unit_id)
        .order_by(AdminUnit.name)).all()
    return [(u, bool(w)) for u, w in before], [(u, bool(w)) for u, w in after]


def children_went_to(session: Session, parent_id: int) -> list[tuple[AdminUnit, AdminUnit, bool]]:
    """(child, the unit it went into, whole) for each child of `parent_id`: where a district's communes went."""
    child, new = aliased(AdminUnit), aliased(AdminUnit)
    rows = session.execute(select(child, new, AdminUnitLink.whole)
                           .join(AdminUnitLink, AdminUnitLink.predecessor_id == child.id)
                           .join(new, AdminUnitLink.successor_id == new.id)
                           .where(child.parent_id == parent_id).order_by(new.name, child.name)).all()
    return [(c, n, bool(w)) for c, n, w in rows]


def ancestors(session: Session, unit: AdminUnit) -> list[AdminUnit]:
    out: list[AdminUnit] = []
    current = unit
    while current.parent_id is not None and len(out) < 5:
        parent = session.get(AdminUnit, current.parent_id)
        if parent is None:
            break
        out.append(parent)
        current = parent
    return out


def unit_documents(session: Session, unit_ids: list[int]) -> list[tuple[int, int | None, str, str | None]]:
    """(document id, unit id, file name, period) of the documents stored for these units, newest first."""
    rows = session.execute(select(Document.id, Document.admin_unit_id, Document.file_name, Document.period)
                           .where(Document.admin_unit_id.in_(unit_ids)).order_by(Document.id.desc()))
    return [(int(i), u, str(f), p) for i, u, f, p in rows]


def units_by_ids(session: Session, ids: list[int]) -> dict[int, AdminUnit]:
    return {u.id: u for u in session.scalars(select(AdminUnit).where(AdminUnit.id.in_(ids)))} if ids else {}


def units_by_codes(session: Session, codes: list[str]) -> list[AdminUnit]:
    return list(session.scalars(select(AdminUnit).where(AdminUnit.code.in_(codes)))) if codes else []


def units_named_like(session: Session, folded: str, limit: int) -> list[AdminUnit]:
    """Units whose folded name holds `folded`: those a user imported or an ingest created provisionally."""
    return list(session.scalars(select(AdminUnit).where(AdminUnit.name_folded.contains(folded))
                                .order_by(AdminUnit.name).limit(limit)))


def provinces(session: Session) -> list[AdminUnit]:
    return list(session.scalars(select(AdminUnit).where(AdminUnit.level == "tinh").order_by(AdminUnit.name)))


def indicators_by_period(session: Session, unit_id: int) -> dict[str, tuple[int, int]]:
    """For each period of a unit: how many indicators have a goal or a result, and how many a result."""
    rows = session.execute(select(Observation.period, func.count(func.distinct(Observation.indicator_id)),
                                  func.count(func.distinct(case((Observation.role == "actual",
                                                                 Observation.indicator_id)))))
                           .where(Observation.admin_unit_id == unit_id, Observation.period.is_not(None),
                                  Observation.indicator_id.is_not(None),
                                  Observation.role.in_(("actual", *GOAL_ROLES)))
                           .group_by(Observation.period)).all()
    return {period: (any_value, results) for period, any_value, results in rows if period}


def values_at(session: Session, *, unit_ids: list[int], indicator_ids: list[str],
              periods: list[str]) -> list[PlacedValue]:
    """Every stored number for these units, indicators and periods (as extracted: a correction is a
    person's answer to a finding, not a new disagreement), in the order each document wrote them."""
    out: list[PlacedValue] = []
    for k in range(0, len(periods), _CHUNK // 10):
        rows = session.execute(
            select(Observation.document_id, Document.file_name, Document.content_hash, Observation.indicator_id,
                   Observation.admin_unit_id, Observation.period, Observation.role, Observation.value,
                   Observation.line, Observation.id)
            .join(Document, Observation.document_id == Document.id)
            .where(Observation.admin_unit_id.in_(unit_ids), Observation.indicator_id.in_(indicator_ids),
                   Observation.period.in_(periods[k : k + _CHUNK // 10]), Observation.value.is_not(None)))
        out.extend(PlacedValue(doc, name, digest, ind, unit, per, role in GOAL_ROLES, value, line, obs)
                   for doc, name, digest, ind, unit, per, role, value, line, obs in rows
                   if ind and unit is not None and per and value is not None)
    return sorted(out, key=lambda v: (v.document_id, v.line, v.observation_id))
