"""Reads and writes behind the row-by-row check of a Biểu: the stored figure behind each row, the
other reports' values for it, open findings on its line, and the checks people made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chitieu.store import observations
from chitieu.store.schema import BieuCheck, Observation, User


@dataclass(frozen=True, slots=True)
class TableResult:
    observation_id: int
    corrected: bool  # a person corrected the value (`value` is then theirs, None for 'no figure')
    value: float | None


def table_results(session: Session, document_id: int, lines: list[int], period: str) -> dict[int, TableResult]:
    """The stored result of `period` on each of a report table's `lines`, with its latest correction."""
    if not lines:
        return {}
    rows = session.execute(select(Observation.id, Observation.line).where(
        Observation.document_id == document_id, Observation.line.in_(lines), Observation.role == "actual",
        Observation.period == period, Observation.source == "table").order_by(Observation.id)).all()
    first: dict[int, int] = {}
    for obs_id, line in rows:
        first.setdefault(line, obs_id)
    corrections = observations.latest_value_corrections(session, list(first.values()))
    return {line: TableResult(obs_id, obs_id in corrections, corrections.get(obs_id))
            for line, obs_id in first.items()}


@dataclass(frozen=True, slots=True)
class CheckRecord:
    row_key: str
    row_name: str
    decision: str
    value_text: str
    value: float | None
    observation_id: int | None
    reason: str
    username: str | None
    created_at: datetime


def latest_checks(session: Session, unit_id: int, period: str) -> dict[str, CheckRecord]:
    """The newest check of each row of the unit's Biểu for the period."""
    rows = session.execute(select(BieuCheck, User.username).outerjoin(User, BieuCheck.user_id == User.id).where(
        BieuCheck.admin_unit_id == unit_id, BieuCheck.period == period).order_by(BieuCheck.id)).all()
    out: dict[str, CheckRecord] = {}
    for c, name in rows:  # in order of id: the newest is written last
        out[c.row_key] = CheckRecord(c.row_key, c.row_name, c.decision, c.value_text, c.value, c.observation_id,
                                     c.reason, name, c.created_at)
    return out


def check_counts(session: Session, unit_id: int) -> dict[str, int]:
    """How many checks were recorded for each period of the unit (any row, any age)."""
    return dict(session.execute(select(BieuCheck.period, func.count()).where(BieuCheck.admin_unit_id == unit_id)
                                .group_by(BieuCheck.period)).all())


def add_check(session: Session, *, unit_id: int, period: str, row_key: str, row_name: str, decision: str,
              value_text: str, value: float | None, observation_id: int | None, reason: str, user_id: int | None,
              at: datetime) -> None:
    session.add(BieuCheck(admin_unit_id=unit_id, period=period, row_key=row_key, row_name=row_name[:500],
                          decision=decision, value_text=value_text[:300], value=value, observation_id=observation_id,
                          reason=reason, user_id=user_id, created_at=at))


def observation_unit(session: Session, observation_id: int) -> tuple[int | None, str | None] | None:
    """The unit and the measure unit of a stored figure, or None when there is no such figure."""
    row = session.execute(select(Observation.admin_unit_id, Observation.unit)
                          .where(Observation.id == observation_id)).first()
    return None if row is None else (row[0], row[1])
