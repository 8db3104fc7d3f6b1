"""Biểu templates and the catalogue indicator each of their rows is (suggested, then confirmed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from chitieu.store.schema import BieuTemplate, BieuTemplateRow, IndicatorRow, User


@dataclass(frozen=True, slots=True)
class RowRecord:
    line: int
    tt: str
    name: str
    unit: str | None
    suggested_id: str | None
    confidence: float | None
    indicator_id: str | None = None
    confirmed: bool = False
    confirmed_by: str | None = None  # user name
    confirmed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TemplateRecord:
    id: int
    file_name: str
    format: str
    created_at: datetime
    rows: int
    confirmed: int


def template_by_hash(session: Session, content_hash: str) -> int | None:
    return session.scalar(select(BieuTemplate.id).where(BieuTemplate.content_hash == content_hash))


def add_template(session: Session, *, content_hash: str, file_name: str, fmt: str, content: bytes,
                 user_id: int | None, at: datetime, rows: list[RowRecord]) -> int:
    """A new template with its rows, each mapped to its suggestion until a person confirms one."""
    known = set(session.scalars(select(IndicatorRow.id)))
    template = BieuTemplate(content_hash=content_hash, file_name=file_name[-500:], format=fmt, content=content,
                            user_id=user_id, created_at=at)
    session.add(template)
    session.flush()
    for r in rows:
        suggested = r.suggested_id if r.suggested_id in known else None
        session.add(BieuTemplateRow(template_id=template.id, line=r.line, tt=r.tt[:40], name=r.name[:500],
                                    unit=(r.unit or None) and (r.unit or "")[:60], suggested_id=suggested,
                                    confidence=r.confidence, indicator_id=suggested, confirmed=False))
    return template.id


def templates(session: Session) -> list[TemplateRecord]:
    out = []
    for t in session.scalars(select(BieuTemplate).order_by(BieuTemplate.id.desc())):
        rows = list(session.scalars(select(BieuTemplateRow.confirmed).where(BieuTemplateRow.template_id == t.id)))
        out.append(TemplateRecord(t.id, t.file_name, t.format, t.created_at, len(rows), sum(rows)))
    return out


def template(session: Session, template_id: int) -> tuple[TemplateRecord, bytes, list[RowRecord]] | None:
    """The template, its file as uploaded and its rows in order; None when there is no such template."""
    t = session.get(BieuTemplate, template_id)
    if t is None:
        return None
    rows = [RowRecord(r.line, r.tt, r.name, r.unit, r.suggested_id, r.confidence, r.indicator_id, r.confirmed,
                      name, r.confirmed_at)
            for r, name in session.execute(select(BieuTemplateRow, User.username)
                                           .outerjoin(User, BieuTemplateRow.confirmed_by == User.id)
                                           .where(BieuTemplateRow.template_id == template_id)
                                           .order_by(BieuTemplateRow.line))]
    record = TemplateRecord(t.id, t.file_name, t.format, t.created_at, len(rows), sum(r.confirmed for r in rows))
    return record, t.content, rows


def confirm_rows(session: Session, template_id: int, mapping: dict[int, str | None], user_id: int | None,
                 at: datetime) -> int:
    """Each listed row (by line) mapped to the indicator given (None: a row not to fill), confirmed by the
    user; returns how many rows changed their indicator."""
    known = set(session.scalars(select(IndicatorRow.id)))
    changed = 0
    for row in session.scalars(select(BieuTemplateRow).where(BieuTemplateRow.template_id == template_id,
                                                             BieuTemplateRow.line.in_(list(mapping)))):
        wanted = mapping[row.line]
        indicator = wanted if wanted in known else None
        changed += indicator != row.indicator_id
        row.indicator_id = indicator
        row.confirmed = True
        row.confirmed_by = user_id
        row.confirmed_at = at
    return changed
