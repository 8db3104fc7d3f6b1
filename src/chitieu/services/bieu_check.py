"""Checking a unit's Biểu row by row before it is sent: each row with the stored figure it comes from,
the values other reports give for it, and what a person decided — accepted, picked another report's
value, or corrected it with a reason. The exported Biểu records who checked what.

A pick or a correction of a row that comes from a stored figure is recorded as a correction of that
figure (services.review), so the dashboard, the API and every export show the same value; a row no
stored figure fills takes the value from the check itself."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from chitieu.catalog.model import by_id
from chitieu.domain.errors import ChitieuError
from chitieu.domain.evaluation import Direction
from chitieu.domain.extraction import Op, Quantity
from chitieu.domain.limits import plain
from chitieu.domain.measure_units import conversion
from chitieu.domain.names import fold
from chitieu.domain.numbers import format_number, read_number
from chitieu.evaluate.achievement import evaluate_target
from chitieu.export.model import Bieu, BieuRow, Layout
from chitieu.messages import render
from chitieu.messages.formatting import quantity
from chitieu.services import review
from chitieu.services.accounts import Actor, require_edit
from chitieu.services.bieu import build_bieu, find_unit
from chitieu.services.overview import period_choices
from chitieu.store import checks
from chitieu.store import documents as stored_documents
from chitieu.store import findings as stored_findings
from chitieu.store import observations as stored_observations
from chitieu.store.database import Database

DECISIONS = ("accept", "pick", "correct")
_STORED = {"accept": "accepted", "pick": "picked", "correct": "corrected"}


@dataclass(frozen=True, slots=True)
class Figure:
    """A stored value of a row's indicator, in the row's measure unit, and where it was read."""

    observation_id: int
    document_id: int
    file_name: str
    line: int
    anchor: str  # the place in the document view that is highlighted when opened: figure, cell or line
    quote: str
    text: str  # as shown: '> 17.600', '17.501'
    value: float | None
    agrees: bool  # the same as the row shows


@dataclass(frozen=True, slots=True)
class CheckRow:
    key: str
    row: BieuRow
    source: Figure | None
    candidates: list[Figure]  # the other reports' values for the row, the differing ones first
    check: checks.CheckRecord | None
    current: bool  # the latest check is of the value the row shows now
    open_findings: int  # on the source line
    corrections: int  # of the source figure

    @property
    def checked(self) -> bool:
        return self.check is not None and self.current

    @property
    def disputed(self) -> bool:
        return any(not c.agrees for c in self.candidates)


@dataclass(frozen=True, slots=True)
class BieuSheet:
    unit_id: int
    unit_name: str
    unit_level: str
    period: str
    periods: list[str]
    bieu: Bieu
    rows: list[CheckRow]  # group rows included, in the Biểu's order

    @property
    def indicator_rows(self) -> list[CheckRow]:
        return [r for r in self.rows if not r.row.group]

    @property
    def checked(self) -> int:
        return sum(r.checked for r in self.indicator_rows)

    @property
    def total(self) -> int:
        return len(self.indicator_rows)

    def find(self, key: str) -> CheckRow | None:
        return next((r for r in self.indicator_rows if r.key == key), None)


def row_key(row: BieuRow) -> str:
    """A row's name within its Biểu, stable while the source table keeps its number, name and unit."""
    return hashlib.sha1(f"{row.tt}|{fold(row.name)}|{fold(row.unit)}".encode()).hexdigest()[:16]


def _number(v: stored_observations.StoredValue) -> float | None:
    return v.corrected_value if v.corrected_value is not None else v.value


def _figure(v: stored_observations.StoredValue, unit: str | None, names: dict[int, str], row: BieuRow,
            cell: int | None = None) -> Figure | None:
    factor = conversion(v.unit, unit) if unit and v.unit else 1.0
    if factor is None:
        return None
    scaled = [None if x is None else round(x * factor, 9) for x in (_number(v), v.low, v.high)]
    text = quantity(v.op, scaled[0], scaled[1], scaled[2], v.value_text)
    agrees = text == row.actual or (scaled[0] is not None and row.actual_value is not None
                                    and abs(scaled[0] - row.actual_value) <= 1e-9 * max(1.0, abs(scaled[0])))
    anchor = f"L{v.line}c{cell}" if cell is not None else f"O{v.observation_id}" if v.source == "text" \
        else f"L{v.line}"
    return Figure(v.observation_id, v.document_id, names.get(v.document_id, ""), v.line, anchor, v.quote, text,
                  scaled[0], agrees)


def _judged(row: BieuRow, check: checks.CheckRecord) -> BieuRow:
    """A row no stored figure fills, with the value a person gave it in the check."""
    indicator = by_id().get(row.indicator_id or "")
    direction = indicator.direction if indicator else Direction.HIGHER
    actual = Quantity(Op.EQ, check.value, None, None, None)
    achievement = evaluate_target(row.goal_quantity, actual, direction) if row.goal_quantity else None
    return replace(row, actual=check.value_text, actual_value=check.value,
                   pct=achievement.pct if achievement else None,
                   status=achievement.status.value if achievement else "chua_danh_gia")


def bieu_sheet(db: Database, unit_ref: str | int, period: str, layout: Layout | None = None) -> BieuSheet:
    unit = find_unit(db, unit_ref)
    bieu = build_bieu(db, unit.id, period, None, layout)
    rows = bieu.rows
    indicator_ids = sorted({r.indicator_id for r in rows if r.indicator_id})
    with db.transaction() as session:
        values = stored_observations.stored_values(session, unit_ids=[unit.id], indicator_ids=indicator_ids,
                                                   periods=[period], roles=("actual",))
        source_ids = {r.source_observation_id for r in rows if r.source_observation_id}
        sources = {v.observation_id: v for v in values}
        missing = sorted(source_ids - set(sources))
        if missing:  # a source figure no longer mapped to the row's indicator is still its source
            sources.update({v.observation_id: v for v in stored_observations.stored_values(
                session, document_ids=sorted({r.source_document_id for r in rows if r.source_document_id}),
                periods=[period], roles=("actual",)) if v.observation_id in source_ids})
        doc_ids = sorted({v.document_id for v in [*values, *sources.values()]})
        names = stored_documents.file_names(session, doc_ids)
        findings = stored_findings.open_findings_by_line(session, doc_ids)
        edits = stored_observations.correction_counts(session, sorted(source_ids))
        latest = checks.latest_checks(session, unit.id, period)
    out: list[CheckRow] = []
    for row in rows:
        if row.group:
            out.append(CheckRow(row_key(row), row, None, [], None, False, 0, 0))
            continue
        key = row_key(row)
        check = latest.get(key)
        stored = sources.get(row.source_observation_id or 0)
        if stored is None and check is not None and check.value is not None:
            row = _judged(row, check)
        indicator = by_id().get(row.indicator_id or "")
        unit_of_row = stored.unit if stored else (indicator.unit if indicator else None)
        source = _figure(stored, stored.unit, names, row, row.source_cell) if stored else None
        others = [f for v in values if v.indicator_id == row.indicator_id and v.observation_id != (
            stored.observation_id if stored else None) and (f := _figure(v, unit_of_row, names, row)) is not None]
        others.sort(key=lambda f: (f.agrees, f.file_name, f.line))
        place = (stored.document_id, stored.line) if stored else None
        out.append(CheckRow(key, row, source, others, check, check is not None and check.value_text == row.actual,
                            findings.get(place, 0) if place else 0,
                            edits.get(stored.observation_id, 0) if stored else 0))
    return BieuSheet(unit.id, unit.name, unit.level, period, period_choices(db, unit.id), bieu, out)


def check_row(db: Database, actor: Actor, unit_id: int, period: str, key: str, decision: str, *,
              value: str = "", observation_id: int | None = None, reason: str = "") -> tuple[str, dict[str, object]]:
    """Record a person's check of one row; returns the message that confirms it (key, parameters)."""
    require_edit(actor, unit_id)
    if decision not in DECISIONS:
        raise ChitieuError("bieu.check.bad_decision", decision=decision[:20])
    sheet = bieu_sheet(db, unit_id, period)
    row = sheet.find(key)
    if row is None:
        raise ChitieuError("bieu.check.unknown_row")
    reason = plain(reason).strip()[:review.MAX_REASON]
    number: float | None = None
    chosen: int | None = None
    if decision == "pick":
        picked = next((c for c in row.candidates if c.observation_id == observation_id and c.value is not None), None)
        if picked is None:
            raise ChitieuError("bieu.check.unknown_candidate")
        number, chosen = picked.value, picked.observation_id
        reason = reason or render("bieu.check.picked_reason", file=picked.file_name, line=picked.line)
    elif decision == "correct":
        if not reason:
            raise ChitieuError("review.reason_required")
        reading = read_number(value.strip()) if value.strip() else None
        if reading is None:
            raise ChitieuError("review.bad_number", value=value[:40])
        number = reading.value
    if decision != "accept" and row.source is not None:
        assert number is not None
        review.correct(db, actor, row.source.observation_id, "value", format_number(number), reason)
    shown = row.row.actual
    if decision != "accept":
        shown = quantity("=", number)
        if row.source is not None:  # the value as the Biểu now shows it, the correction applied
            again = bieu_sheet(db, unit_id, period).find(key)
            shown = again.row.actual if again is not None else shown
    with db.transaction() as session:
        checks.add_check(session, unit_id=unit_id, period=period, row_key=key, row_name=row.row.name,
                         decision=_STORED[decision], value_text=shown, value=number if decision != "accept"
                         else row.row.actual_value, observation_id=chosen, reason=reason, user_id=actor.user_id,
                         at=datetime.now(UTC).replace(tzinfo=None))
    return f"bieu.check.saved.{decision}", {"row": row.row.name, "value": shown or "—"}


def _note(check: checks.CheckRecord) -> str:
    when = check.created_at.strftime("%d/%m/%Y")
    return render(f"bieu.check.note.{check.decision}", user=check.username or "?", date=when, reason=check.reason)


def checked_bieu(db: Database, unit_ref: str | int, period: str, layout: Layout | None = None) -> Bieu:
    """The Biểu as the check page shows it, each checked row's note saying who checked it and how, and a
    line under the table with the count of rows checked and by whom."""
    return checked_sheet(db, unit_ref, period, layout)[1]


def checked_sheet(db: Database, unit_ref: str | int, period: str,
                  layout: Layout | None = None) -> tuple[BieuSheet, Bieu]:
    """The check page's sheet and the Biểu it sends (`checked_bieu`), row for row."""
    sheet = bieu_sheet(db, unit_ref, period, layout)
    rows = []
    for r in sheet.rows:
        if r.checked and r.check is not None:
            rows.append(replace(r.row, note="; ".join(n for n in (r.row.note, _note(r.check)) if n)))
        else:
            rows.append(r.row)
    users = sorted({r.check.username or "?" for r in sheet.indicator_rows if r.checked and r.check})
    line = render("bieu.check.footer", checked=sheet.checked, total=sheet.total, users=", ".join(users)) \
        if users else ""
    return sheet, replace(sheet.bieu, rows=rows, checked_line=line)
