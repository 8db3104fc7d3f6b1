"""Staff corrections of extracted values and of their mapping (indicator, unit, period).

A value correction is kept beside the extraction and wins by the vintage rule; a mapping correction
rewrites the observation's key, because every query selects by those keys. Either way the old and
new value, who, when and why are kept in `corrections`, which is the history shown to reviewers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.catalog.model import by_id
from chitieu.domain.errors import ChitieuError
from chitieu.domain.limits import MAX_NOTE, MAX_VALUE, is_name, plain, row_id
from chitieu.domain.names import fold
from chitieu.domain.numbers import read_number
from chitieu.domain.periods import is_period
from chitieu.services.accounts import Actor, require_edit
from chitieu.store import queries, repository
from chitieu.store.database import Database
from chitieu.store.schema import AdminUnit, Correction, Document, Observation, User

FIELDS = ("value", "indicator_id", "admin_unit_id", "period")


@dataclass(frozen=True, slots=True)
class ReviewItem:
    observation: Observation
    file_name: str
    corrected_value: float | None
    corrections: int


@dataclass(frozen=True, slots=True)
class HistoryItem:
    field: str
    old_value: str | None
    new_value: str | None
    reason: str
    username: str | None
    created_at: datetime


def review_items(db: Database, *, document_id: int | None = None, indicator_id: str | None = None,
                 unit_id: int | None = None, observation_id: int | None = None, period: str | None = None,
                 search: str | None = None, limit: int = 300) -> list[ReviewItem]:
    if (indicator_id and not is_name(indicator_id)) or (period and not is_period(period)):
        return []  # no stored figure has it: the database is not asked
    query = select(Observation, Document.file_name).join(Document, Observation.document_id == Document.id)
    if search and search.strip():
        words = plain(search).strip()[:100]
        query = query.where(Observation.raw_name.icontains(words, autoescape=True)
                            | Observation.quote.icontains(words, autoescape=True))
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
    with db.transaction() as session:
        rows = session.execute(query.order_by(Observation.document_id, Observation.line, Observation.id)
                               .limit(limit)).all()
        ids = [o.id for o, _ in rows]
        values = queries.latest_value_corrections(session, ids)
        edited = queries.correction_counts(session, ids)
    return [ReviewItem(o, f, values.get(o.id), edited.get(o.id, 0)) for o, f in rows]


def history(db: Database, observation_id: int) -> list[HistoryItem]:
    with db.transaction() as session:
        rows = session.execute(select(Correction, User.username).outerjoin(User, Correction.user_id == User.id)
                               .where(Correction.observation_id == observation_id)
                               .order_by(Correction.created_at.desc(), Correction.id.desc())).all()
        # stored naive in UTC (both databases alike); said with its zone, as an ISO date-time must be
        return [HistoryItem(c.field, c.old_value, c.new_value, c.reason, name, c.created_at.replace(tzinfo=UTC))
                for c, name in rows]


def correct(db: Database, actor: Actor, observation_id: int, field: str, new_value: str, reason: str) -> None:
    """Record a correction; the actor must be allowed to edit the observation's unit (and, for a move
    to another unit, that unit too)."""
    if field not in FIELDS:
        raise ChitieuError("review.bad_field", field=field)
    reason, new_value = plain(reason)[:MAX_REASON], plain(new_value)[:MAX_VALUE]
    if not reason.strip():
        raise ChitieuError("review.reason_required")
    with db.transaction() as session:
        obs = session.get(Observation, observation_id)
        if obs is None:
            raise ChitieuError("web.not_found")
        require_edit(actor, obs.admin_unit_id)
        old: str | None
        if field == "value":
            current = queries.latest_value_corrections(session, [obs.id]).get(obs.id, obs.value)
            old = None if current is None else repr(current)
            reading = read_number(new_value.strip()) if new_value.strip() else None
            if new_value.strip() and reading is None:
                raise ChitieuError("review.bad_number", value=new_value)
            new = None if reading is None else repr(reading.value)
        else:
            old, new = _remap(session, actor, obs, field, new_value.strip())
        session.add(Correction(observation_id=obs.id, field=field, old_value=old, new_value=new,
                               reason=reason.strip(), user_id=actor.user_id,
                               created_at=datetime.now(UTC).replace(tzinfo=None)))


def _remap(session: Session, actor: Actor, obs: Observation, field: str, value: str) -> tuple[str | None, str | None]:
    if field == "indicator_id":
        # picked by its name from the list (the id still works, for scripts)
        value = _indicator_named(value)
        if value and value not in by_id():
            raise ChitieuError("review.unknown_indicator", indicator=value)
        old, obs.indicator_id = obs.indicator_id, value or None
        return old, obs.indicator_id
    if field == "admin_unit_id":
        unit_id = row_id(value) if value.isdigit() else None
        unit = (session.get(AdminUnit, unit_id) if unit_id is not None
                else repository.find_unit_by_name_or_code(session, value) if value and not value.isdigit() else None)
        if unit is None:
            raise ChitieuError("review.unknown_unit", unit=value)
        require_edit(actor, unit.id)
        old_id, obs.admin_unit_id = obs.admin_unit_id, unit.id
        return (None if old_id is None else str(old_id)), str(unit.id)
    if value and not is_period(value):
        raise ChitieuError("review.bad_period", period=value[:40])
    old_period, obs.period = obs.period, value or None
    return old_period, obs.period


def _indicator_named(value: str) -> str:
    """The catalogue id of an indicator given by its name (as the review form lists them) or by its id."""
    if value in by_id():
        return value
    wanted = fold(value)
    return next((i.id for i in by_id().values() if fold(i.name) == wanted), value)


MAX_REASON = MAX_NOTE
