"""Staff corrections of extracted values and of their mapping (indicator, unit, period).

A value correction is kept beside the extraction and wins by the vintage rule; a mapping correction
rewrites the observation's key, because every query selects by those keys. Either way the old and
new value, who, when and why are kept in `corrections`, which is the history shown to reviewers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from chitieu.catalog.model import by_id
from chitieu.domain.errors import ChitieuError
from chitieu.domain.limits import MAX_NOTE, MAX_VALUE, is_name, plain, row_id
from chitieu.domain.names import fold
from chitieu.domain.numbers import read_number
from chitieu.domain.periods import is_period
from chitieu.services.accounts import Actor, require_edit
from chitieu.store import observations as stored_observations
from chitieu.store import units as stored_units
from chitieu.store.database import Database, Session
from chitieu.store.observations import StoredObservation

FIELDS = ("value", "indicator_id", "admin_unit_id", "period")


@dataclass(frozen=True, slots=True)
class ReviewItem:
    observation: StoredObservation
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
    words = plain(search).strip()[:100] if search and search.strip() else None
    with db.transaction() as session:
        rows = stored_observations.observations(session, search=words, document_id=document_id,
                                                indicator_id=indicator_id, unit_id=unit_id,
                                                observation_id=observation_id, period=period, limit=limit)
        ids = [o.id for o, _ in rows]
        values = stored_observations.latest_value_corrections(session, ids)
        edited = stored_observations.correction_counts(session, ids)
    return [ReviewItem(o, f, values.get(o.id), edited.get(o.id, 0)) for o, f in rows]


def history(db: Database, observation_id: int) -> list[HistoryItem]:
    with db.transaction() as session:
        rows = stored_observations.corrections(session, observation_id)
    # stored naive in UTC (both databases alike); said with its zone, as an ISO date-time must be
    return [HistoryItem(c.field, c.old_value, c.new_value, c.reason, c.username, c.created_at.replace(tzinfo=UTC))
            for c in rows]


def correct(db: Database, actor: Actor, observation_id: int, field: str, new_value: str, reason: str) -> None:
    """Record a correction; the actor must be allowed to edit the observation's unit (and, for a move
    to another unit, that unit too)."""
    if field not in FIELDS:
        raise ChitieuError("review.bad_field", field=field)
    reason, new_value = plain(reason)[:MAX_REASON], plain(new_value)[:MAX_VALUE]
    if not reason.strip():
        raise ChitieuError("review.reason_required")
    with db.transaction() as session:
        obs = stored_observations.observation(session, observation_id)
        if obs is None:
            raise ChitieuError("web.not_found")
        require_edit(actor, obs.admin_unit_id)
        old: str | None
        if field == "value":
            current = stored_observations.latest_value_corrections(session, [obs.id]).get(obs.id, obs.value)
            old = None if current is None else repr(current)
            reading = read_number(new_value.strip()) if new_value.strip() else None
            if new_value.strip() and reading is None:
                raise ChitieuError("review.bad_number", value=new_value)
            new = None if reading is None else repr(reading.value)
        else:
            old, new = _remap(session, actor, obs, field, new_value.strip())
        stored_observations.add_correction(session, obs.id, field=field, old_value=old, new_value=new,
                                           reason=reason.strip(), user_id=actor.user_id,
                                           at=datetime.now(UTC).replace(tzinfo=None))


def _remap(session: Session, actor: Actor, obs: StoredObservation, field: str,
           value: str) -> tuple[str | None, str | None]:
    """(old, new) of a figure's key; the store rewrites the key with the correction."""
    if field == "indicator_id":
        # picked by its name from the list (the id still works, for scripts)
        value = _indicator_named(value)
        if value and value not in by_id():
            raise ChitieuError("review.unknown_indicator", indicator=value)
        return obs.indicator_id, value or None
    if field == "admin_unit_id":
        unit_id = row_id(value) if value.isdigit() else None
        unit = (stored_units.unit(session, unit_id) if unit_id is not None
                else stored_units.find_unit_by_name_or_code(session, value) if value and not value.isdigit() else None)
        if unit is None:
            raise ChitieuError("review.unknown_unit", unit=value)
        require_edit(actor, unit.id)
        return (None if obs.admin_unit_id is None else str(obs.admin_unit_id)), str(unit.id)
    if value and not is_period(value):
        raise ChitieuError("review.bad_period", period=value[:40])
    return obs.period, value or None


def _indicator_named(value: str) -> str:
    """The catalogue id of an indicator given by its name (as the review form lists them) or by its id."""
    if value in by_id():
        return value
    wanted = fold(value)
    return next((i.id for i in by_id().values() if fold(i.name) == wanted), value)


MAX_REASON = MAX_NOTE
