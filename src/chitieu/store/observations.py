"""Stored figures (observations) and the staff corrections beside them: the values behind a dashboard, a
series or a comparison of documents, the review list, a figure's history of corrections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from chitieu.domain.extraction import GOAL_ROLES as GOALS
from chitieu.store.schema import Correction, Document, Observation, User

GOAL_ROLES = tuple(sorted(role.value for role in GOALS))  # as the column stores them


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
        out.update(_latest_value_corrections(session, Correction.observation_id.in_(ids[k : k + _CHUNK])))
    return out


def _latest_value_corrections(session: Session, which: ColumnElement[bool]) -> dict[int, float | None]:
    newest = (select(Correction.observation_id, func.max(Correction.created_at).label("at"))
              .where(which, Correction.field == "value")
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
    # columns, not mapped objects: a document's every figure is read after it is stored, a dashboard's many
    query = (select(Observation.id, Observation.document_id, Observation.admin_unit_id, Observation.indicator_id,
                    Observation.period, Observation.role, Observation.value, Observation.estimate, Document.draft,
                    Observation.line, Observation.quote, Observation.op, Observation.low, Observation.high,
                    Observation.value_text, Observation.unit, Observation.source, Observation.raw_name)
             .join(Document, Observation.document_id == Document.id))
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
    if document_ids is not None and len(document_ids) < _CHUNK:  # by their documents, not by hundreds of ids
        corrections = _latest_value_corrections(session, Correction.observation_id.in_(
            select(Observation.id).where(Observation.document_id.in_(document_ids))))
    else:
        corrections = latest_value_corrections(session, [row[0] for row in rows])
    return [StoredValue(obs, doc, unit, ind, per, role, value, corrections.get(obs), bool(estimate), bool(draft), doc,
                        line, quote, op, low, high, value_text, measure, source, raw_name)
            for obs, doc, unit, ind, per, role, value, estimate, draft, line, quote, op, low, high, value_text,
            measure, source, raw_name in rows]


def correction_counts(session: Session, ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for k in range(0, len(ids), _CHUNK):
        rows = session.execute(select(Correction.observation_id, func.count()).where(
            Correction.observation_id.in_(ids[k : k + _CHUNK])).group_by(Correction.observation_id))
        out.update({obs_id: n for obs_id, n in rows})
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
    named: dict[int, tuple[str, str]] = {}
    for k in range(0, len(periods), _CHUNK // 10):
        rows = session.execute(
            select(Observation.document_id, Document.file_name, Document.content_hash, Observation.indicator_id,
                   Observation.admin_unit_id, Observation.period, Observation.role, Observation.value,
                   Observation.line, Observation.id)
            .join(Document, Observation.document_id == Document.id)
            .where(Observation.admin_unit_id.in_(unit_ids), Observation.indicator_id.in_(indicator_ids),
                   Observation.period.in_(periods[k : k + _CHUNK // 10]), Observation.value.is_not(None)))
        out.extend(PlacedValue(doc, *named.setdefault(doc, (name, digest)), ind, unit, per, role in GOAL_ROLES, value,
                               line, obs)
                   for doc, name, digest, ind, unit, per, role, value, line, obs in rows
                   if ind and unit is not None and per and value is not None)
    # each document's names are one pair of strings, not a pair per value: an ingest keeps what it compared
    return sorted(out, key=lambda v: (v.document_id, v.line, v.observation_id))


def values_of_document(session: Session, document_id: int) -> list[PlacedValue]:
    """The numbers one document stored at places where documents are compared, as `values_at` gives
    them (one indexed read of the document's own rows, whatever else is stored)."""
    named = session.execute(select(Document.file_name, Document.content_hash)
                            .where(Document.id == document_id)).first()
    if named is None:
        return []
    name, digest = named
    rows = session.execute(
        select(Observation.indicator_id, Observation.admin_unit_id, Observation.period, Observation.role,
               Observation.value, Observation.line, Observation.id)
        .where(Observation.document_id == document_id, Observation.value.is_not(None)))
    out = [PlacedValue(document_id, name, digest, ind, unit, per, role in GOAL_ROLES, value, line, obs)
           for ind, unit, per, role, value, line, obs in rows
           if ind and unit is not None and per and value is not None]
    return sorted(out, key=lambda v: (v.line, v.observation_id))


@dataclass(frozen=True, slots=True)
class StoredObservation:
    """A stored figure as extracted (store/schema.py, Observation)."""

    id: int
    document_id: int
    indicator_id: str | None
    admin_unit_id: int | None
    raw_name: str
    period: str | None
    role: str
    op: str
    value: float | None
    low: float | None
    high: float | None
    value_text: str | None
    unit: str | None
    estimate: bool
    pct: float | None
    pct_basis: str | None
    source: str
    line: int
    span_start: int | None
    span_end: int | None
    quote: str
    candidate_id: str | None
    mapping_reason: str | None
    mapping_confidence: float | None


def _observation(o: Observation) -> StoredObservation:
    return StoredObservation(o.id, o.document_id, o.indicator_id, o.admin_unit_id, o.raw_name, o.period, o.role,
                             o.op, o.value, o.low, o.high, o.value_text, o.unit, bool(o.estimate), o.pct, o.pct_basis,
                             o.source, o.line, o.span_start, o.span_end, o.quote, o.candidate_id, o.mapping_reason,
                             o.mapping_confidence)


def observation(session: Session, observation_id: int) -> StoredObservation | None:
    row = session.get(Observation, observation_id)
    return _observation(row) if row is not None else None


def observations(session: Session, *, search: str | None = None, document_id: int | None = None,
                 indicator_id: str | None = None, unit_id: int | None = None, observation_id: int | None = None,
                 period: str | None = None, limit: int = 300) -> list[tuple[StoredObservation, str]]:
    """(figure, its document's file name) in document and line order; `search`: words in its name or quote."""
    query = select(Observation, Document.file_name).join(Document, Observation.document_id == Document.id)
    if search is not None:
        query = query.where(Observation.raw_name.icontains(search, autoescape=True)
                            | Observation.quote.icontains(search, autoescape=True))
    if document_id is not None:
        query = query.where(Observation.document_id == document_id)
    if indicator_id:
        query = query.where(Observation.indicator_id == indicator_id)
    if unit_id is not None:
        query = query.where(Observation.admin_unit_id == unit_id)
    if observation_id is not None:
        query = query.where(Observation.id == observation_id)
    if period:
        query = query.where(Observation.period == period)
    rows = session.execute(query.order_by(Observation.document_id, Observation.line, Observation.id)
                           .limit(limit)).all()
    return [(_observation(o), f) for o, f in rows]


@dataclass(frozen=True, slots=True)
class StoredCorrection:
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    username: str | None
    created_at: datetime  # naive, in UTC


def corrections(session: Session, observation_id: int) -> list[StoredCorrection]:
    """A figure's corrections, newest first, with who made them."""
    rows = session.execute(select(Correction, User.username).outerjoin(User, Correction.user_id == User.id)
                           .where(Correction.observation_id == observation_id)
                           .order_by(Correction.created_at.desc(), Correction.id.desc())).all()
    return [StoredCorrection(c.field, c.old_value, c.new_value, c.reason, name, c.created_at) for c, name in rows]


def add_correction(session: Session, observation_id: int, *, field: str, old_value: str | None,
                   new_value: str | None, reason: str, user_id: int | None, at: datetime) -> None:
    """Record a correction; one of the figure's keys (indicator, unit, period) is rewritten to the new
    value, because every query selects figures by those keys."""
    row = session.get(Observation, observation_id)
    if row is None:
        return
    if field == "indicator_id":
        row.indicator_id = new_value
    elif field == "admin_unit_id":
        row.admin_unit_id = int(new_value) if new_value else None
    elif field == "period":
        row.period = new_value
    session.add(Correction(observation_id=observation_id, field=field, old_value=old_value, new_value=new_value,
                           reason=reason, user_id=user_id, created_at=at))


def figure_counts_by_indicator(session: Session) -> dict[str, int]:
    rows = session.execute(select(Observation.indicator_id, func.count()).where(
        Observation.indicator_id.is_not(None)).group_by(Observation.indicator_id))
    return {ind: n for ind, n in rows if ind}


def figure_counts_by_document(session: Session) -> dict[int, int]:
    return dict(session.execute(select(Observation.document_id, func.count()).group_by(Observation.document_id))
                .all())
