"""The catalogue's indicators as stored: the figures' indicator ids refer to them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chitieu.store.database import Database
from chitieu.store.schema import IndicatorRow


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    id: str
    name: str
    unit: str
    group: str
    direction: str
    aggregate: str


def sync_indicators(session: Session, records: list[IndicatorRecord]) -> None:
    known = {row.id: row for row in session.scalars(select(IndicatorRow))}
    for r in records:
        row = known.get(r.id)
        if row is None:
            session.add(IndicatorRow(id=r.id, name=r.name, unit=r.unit, group=r.group, direction=r.direction,
                                     aggregate=r.aggregate))
        else:
            row.name, row.unit, row.group, row.direction, row.aggregate = (r.name, r.unit, r.group, r.direction,
                                                                           r.aggregate)


def seed_reference(db: Database, indicators: list[IndicatorRecord]) -> None:
    """The catalogue's indicators, written once; several ingests starting together may race to write
    them, and the loser simply finds them there on its second try."""
    for attempt in range(3):
        try:
            with db.transaction() as session:
                sync_indicators(session, indicators)
            return
        except IntegrityError:
            if attempt == 2:
                raise
