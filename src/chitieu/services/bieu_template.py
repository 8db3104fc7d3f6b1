"""A Biểu from the superior's template: an office uploads the template it must fill (an .xlsx or .docx
with its own list and order of indicators, its own columns, value cells empty); its rows are read with
chitieu's readers, each is suggested a catalogue indicator, a person confirms or changes the mapping
(remembered for the template), and the template comes back filled from the stored values — the same
values, checks and notes as the unit's Biểu — written into the uploaded file itself."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from chitieu.catalog.matching import match_indicator
from chitieu.catalog.model import by_id
from chitieu.domain.document import Table
from chitieu.domain.errors import ChitieuError, ReadError
from chitieu.domain.extraction import TableExtraction
from chitieu.domain.measure_units import conversion
from chitieu.domain.names import fold
from chitieu.domain.numbers import read_number
from chitieu.export.model import BieuRow
from chitieu.export.template_fill import CellValue, Filled, RowFill, fill_docx, fill_xlsx
from chitieu.export.xlsx import NUMBER_FORMAT, PCT_FORMAT, goal_number
from chitieu.extract.tables import extract_table
from chitieu.messages import render
from chitieu.messages.formatting import number as vi_number
from chitieu.messages.formatting import percent
from chitieu.read.document import read_bytes, sniff_format
from chitieu.services.accounts import Actor, Forbidden
from chitieu.services.bieu import find_unit, line_row
from chitieu.services.bieu_check import checked_sheet
from chitieu.services.overview import overview
from chitieu.store import templates as store
from chitieu.store.database import Database

MAX_TEMPLATE = 5 * 1024 * 1024  # a template is a table of a few dozen rows
FIELDS = ("goal", "actual", "next_goal", "pct", "status", "note")
_NAME_HEADER = re.compile(r"chi tieu|linh vuc|noi dung|ten |danh muc|^ten$")
_NOTE_HEADER = re.compile(r"ghi chu")
_PLAIN_NUMBER = re.compile(r"^\d[\d.,]*$")


@dataclass(frozen=True, slots=True)
class TemplateTable:
    """The template's indicator table as chitieu reads it: its columns and what each holds, its rows."""

    header: tuple[str, ...]
    name_column: int
    columns: dict[str, int]  # field (FIELDS) → column, for the period asked
    rows: list[store.RowRecord]


def _header_at(table: Table) -> int | None:
    """The row of the table's column titles (a spreadsheet's first rows may be its heading block)."""
    for i, row in enumerate(table.rows[:8]):
        filled = [fold(c) for c in row.cells if c.strip()]
        if len(filled) >= 3 and any(_NAME_HEADER.search(c) for c in filled):
            return i
    return None


def _read_table(name: str, data: bytes) -> tuple[TableExtraction, Table]:
    try:
        doc = read_bytes(data, name)
    except ReadError as problem:
        raise ChitieuError(problem.key, **problem.params) from problem
    best: tuple[int, TableExtraction, Table] | None = None
    for table in doc.tables():
        at = _header_at(table)
        if at is None:
            continue
        part = Table(table.rows[at:], table.rows[at].line)
        extracted = extract_table(part, "")
        named = sum(1 for r in extracted.rows if r.kind in ("indicator", "group") and r.name)
        if named and (best is None or named > best[0]):
            best = (named, extracted, part)
    if best is None:
        raise ChitieuError("template.no_table", file=name)
    return best[1], best[2]


def _columns(extracted: TableExtraction, period: str | None) -> dict[str, int]:
    """Which column of the template takes the goal, the result, next year's plan, the % or verdict and the
    note, for `period` (a column of another year is left as it is)."""
    header = list(extracted.header)
    following = str(int(period) + 1) if period and period.isdigit() else None
    out: dict[str, int] = {}
    for title, (role, year) in extracted.column_roles.items():
        index = header.index(title)
        if role == "verdict":
            kind = "pct" if "%" in title else "status"
        elif role in ("plan", "target"):
            kind = "goal" if year is None or year == period else "next_goal" if year == following else ""
        elif role == "actual":
            kind = "actual" if year is None or year == period else ""
        else:
            kind = ""
        if kind and kind not in out:
            out[kind] = index
    note = next((i for i, h in enumerate(header) if _NOTE_HEADER.search(fold(h))), None)
    if note is not None:
        out["note"] = note
    return out


def _headings(extracted: TableExtraction) -> set[int]:
    """Lines of the rows that head a part rather than measure anything: a Roman number, a name ending in
    ':', a number its next rows extend ('3' over '3.1'), or — in a table with a ĐVT column its rows fill —
    a row without a unit."""
    rows = [r for r in extracted.rows if r.kind in ("indicator", "group") and r.name]
    with_units = sum(1 for r in rows if r.unit) >= 0.5 * len(rows) if rows else False
    out = set()
    for i, r in enumerate(rows):
        tt = r.tt.strip().rstrip(".")
        following = rows[i + 1].tt.strip() if i + 1 < len(rows) else ""
        if re.fullmatch(r"[IVXLC]+", tt) or r.name.rstrip().endswith(":") or (with_units and not r.unit) \
                or (tt and following.startswith(f"{tt}.")):
            out.add(r.line)
    return out


def read_template(name: str, data: bytes, period: str | None = None) -> TemplateTable:
    """The template's indicator table, each row with the catalogue indicator its name suggests (none for
    the headings of its parts)."""
    extracted, table = _read_table(name, data)
    headings = _headings(extracted)
    titles = {fold(h) for h in extracted.header}
    rows: list[store.RowRecord] = []
    for r in extracted.rows:
        if r.kind not in ("indicator", "group") or not r.name or fold(r.name) in titles:
            continue  # the column titles repeated on a later page are no row
        match = None if r.line in headings else match_indicator(r.name, r.unit)
        rows.append(store.RowRecord(r.line, r.tt, r.name, r.unit, match.indicator.id if match else None,
                                    match.confidence if match else None))
    places = Counter(i for row in table.rows[1:] for i, c in enumerate(row.cells)
                     if c.strip() and any(c.strip() == r.name for r in rows))
    name_column = places.most_common(1)[0][0] if places else 1
    return TemplateTable(extracted.header, name_column, _columns(extracted, period), rows)


def upload_template(db: Database, actor: Actor, name: str, data: bytes) -> tuple[int, bool]:
    """Store an uploaded template (or find it stored: its mapping is remembered); (id, new)."""
    if not actor.may_change_anything:
        raise Forbidden("auth.forbidden", user=actor.username)
    if len(data) > MAX_TEMPLATE:
        raise ChitieuError("template.too_large", file=name, limit_mb=MAX_TEMPLATE // 2**20)
    fmt = sniff_format(data, name) if data.strip() else ""
    if fmt not in ("xlsx", "docx"):
        raise ChitieuError("template.bad_format", file=name)
    parsed = read_template(name, data)
    if not parsed.rows:
        raise ChitieuError("template.no_table", file=name)
    content_hash = hashlib.sha256(data).hexdigest()
    with db.transaction() as session:
        known = store.template_by_hash(session, content_hash)
        if known is not None:
            return known, False
        return store.add_template(session, content_hash=content_hash, file_name=name, fmt=fmt, content=data,
                                  user_id=actor.user_id, at=datetime.now(UTC).replace(tzinfo=None),
                                  rows=parsed.rows), True


def list_templates(db: Database) -> list[store.TemplateRecord]:
    with db.transaction() as session:
        return store.templates(session)


def _template(db: Database, template_id: int) -> tuple[store.TemplateRecord, bytes, list[store.RowRecord]]:
    with db.transaction() as session:
        found = store.template(session, template_id)
    if found is None:
        raise ChitieuError("web.not_found")
    return found


def save_mapping(db: Database, actor: Actor, template_id: int, mapping: dict[int, str | None]) -> int:
    """A person's mapping of the template's rows (line → indicator id, None: not filled), remembered."""
    if not actor.may_change_anything:
        raise Forbidden("auth.forbidden", user=actor.username)
    record, _, rows = _template(db, template_id)
    lines = {r.line for r in rows}
    catalogue = by_id()
    for indicator in mapping.values():
        if indicator and indicator not in catalogue:
            raise ChitieuError("template.unknown_indicator", indicator=indicator[:80])
    with db.transaction() as session:
        return store.confirm_rows(session, record.id, {k: v for k, v in mapping.items() if k in lines},
                                  actor.user_id, datetime.now(UTC).replace(tzinfo=None))


@dataclass(frozen=True, slots=True)
class FilledRow:
    template: store.RowRecord
    source: BieuRow | None  # the Biểu row its values come from
    checked_by: str | None  # who checked that row of the Biểu, if anyone did
    values: dict[str, CellValue] = field(default_factory=dict)  # by field, as written into the template


@dataclass
class TemplateSheet:
    record: store.TemplateRecord
    table: TemplateTable
    rows: list[FilledRow]
    unit_id: int | None = None
    unit_name: str = ""
    period: str | None = None

    @property
    def filled(self) -> int:
        return sum(1 for r in self.rows if r.values)

    @property
    def mapped(self) -> int:
        return sum(1 for r in self.rows if r.template.indicator_id)

    @property
    def footer(self) -> str:
        done = [r for r in self.rows if r.values]
        users = sorted({r.checked_by for r in done if r.checked_by})
        if not users:
            return ""
        return render("bieu.check.footer", checked=sum(1 for r in done if r.checked_by), total=len(done),
                      users=", ".join(users))


def _sources(db: Database, unit_id: int, period: str) -> tuple[list[tuple[BieuRow, str | None]], list[BieuRow]]:
    """The unit's checked Biểu of the period, row by row with who checked it; and the dashboard's lines
    for the indicators the Biểu leaves out (a template may ask for more than the report's table has)."""
    rows: list[tuple[BieuRow, str | None]] = []
    try:
        sheet, bieu = checked_sheet(db, unit_id, period)
        rows = [(sent, r.check.username or "?" if r.checked and r.check else None)
                for r, sent in zip(sheet.rows, bieu.rows, strict=True) if not sent.group]
    except ChitieuError as problem:
        if problem.key not in ("bieu.no_period", "bieu.empty"):
            raise
    data = overview(db, unit_id, period)
    lines = [line_row("", line) for _, group in data.groups for line in group] if data.period == period else []
    return rows, lines


def _scaled(row: BieuRow, unit: str | None) -> BieuRow | None:
    """The row's values in the template's measure unit (None: a unit that measures something else)."""
    if not unit or not row.unit:
        return row
    factor = conversion(row.unit, unit)
    if factor is None:
        return None
    if factor == 1:
        return row

    def times(v: float | None) -> float | None:
        return None if v is None else round(v * factor, 9)

    q = row.goal_quantity
    goal_q = replace(q, value=times(q.value), low=times(q.low), high=times(q.high)) if q is not None else None
    return replace(row, unit=unit, goal_value=times(row.goal_value), actual_value=times(row.actual_value),
                   goal=vi_number(times(row.goal_value)) if row.goal_value is not None else row.goal,
                   actual=vi_number(times(row.actual_value)) if row.actual_value is not None else row.actual,
                   goal_quantity=goal_q)


def _values(row: BieuRow, columns: dict[str, int]) -> dict[str, CellValue]:
    goal, goal_format = goal_number(row)
    reading = read_number(row.next_goal) if _PLAIN_NUMBER.match(row.next_goal or "") else None
    next_number = reading.value if reading is not None else None
    every = {
        "goal": CellValue(row.goal, goal, goal_format),
        "actual": CellValue(row.actual, row.actual_value, NUMBER_FORMAT),
        "next_goal": CellValue(row.next_goal, next_number, NUMBER_FORMAT),
        "pct": CellValue(percent(row.pct), None if row.pct is None else round(row.pct, 2), PCT_FORMAT),
        "status": CellValue(render(f"status.{row.status}") if row.status else ""),
        "note": CellValue(row.note),
    }
    return {k: v for k, v in every.items() if k in columns and v.text}


def _pick(template: store.RowRecord, checked: list[tuple[BieuRow, str | None]], lines: list[BieuRow],
          used: set[int]) -> tuple[BieuRow, str | None] | None:
    """The Biểu row a template row takes its values from: of its indicator, the one of the same name first,
    each used once; else the dashboard's line of the indicator."""
    mine = [(i, r) for i, r in enumerate(checked) if r[0].indicator_id == template.indicator_id and i not in used]
    named = [(i, r) for i, r in mine if fold(r[0].name) == fold(template.name)]
    if named or mine:
        index, chosen = (named or mine)[0]
        used.add(index)
        return chosen
    line = next((r for r in lines if r.indicator_id == template.indicator_id), None)
    return (line, None) if line is not None else None


def template_sheet(db: Database, template_id: int, unit_ref: str | int | None = None,
                   period: str | None = None) -> TemplateSheet:
    """The template's rows with their mapping and, for a unit and period, the values each would be filled
    with and who checked them."""
    record, data, rows = _template(db, template_id)
    table = read_template(record.file_name, data, period)
    if unit_ref is None or not period:
        return TemplateSheet(record, table, [FilledRow(r, None, None) for r in rows])
    unit = find_unit(db, unit_ref)
    checked, lines = _sources(db, unit.id, period)
    used: set[int] = set()
    out = []
    for r in rows:
        picked = _pick(r, checked, lines, used) if r.indicator_id else None
        if picked is None:
            out.append(FilledRow(r, None, None))
            continue
        source, checker = picked
        scaled = _scaled(source, r.unit)
        out.append(FilledRow(r, source, checker, _values(scaled, table.columns) if scaled is not None else {}))
    return TemplateSheet(record, table, out, unit.id, unit.name, period)


def filled_file(db: Database, template_id: int, unit_ref: str | int, period: str) -> tuple[bytes, str, Filled]:
    """The template filled for the unit and period, its file name (unit and period in it) and what was
    placed."""
    sheet = template_sheet(db, template_id, unit_ref, period)
    _, data, _ = _template(db, template_id)
    fills = [RowFill(r.template.name, {sheet.table.columns[k]: v for k, v in r.values.items()})
             for r in sheet.rows if r.values]
    writer = fill_xlsx if sheet.record.format == "xlsx" else fill_docx
    result = writer(data, fills, sheet.table.name_column, sheet.footer)
    stem = re.sub(r"[^\w-]+", "-", fold(sheet.record.file_name.rsplit(".", 1)[0])).strip("-")[:60] or "mau"
    name = f"{stem}-{fold(sheet.unit_name).replace(' ', '-')}-{period.replace('/', '-')}.{sheet.record.format}"
    return result.data, name, result
