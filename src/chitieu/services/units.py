"""Import an administrative-unit list (CSV in the statistics office's layout) into the store.

Columns (header names, in Vietnamese or English): code/ma, name/ten, level/cap, parent_code/ma_cha,
valid_from/hieu_luc_tu, valid_to/hieu_luc_den, predecessor_codes/ma_tien_than (separated by ';').
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chitieu.catalog.model import Indicator, by_id
from chitieu.domain.errors import ReadError
from chitieu.domain.names import fold
from chitieu.gazetteer import resolve as gz
from chitieu.gazetteer.packaged import NEW, OLD, OLD_VALID_TO, REORGANISED_ON, PackagedUnit, gazetteer
from chitieu.messages.formatting import is_year
from chitieu.read.encoding import decode_text
from chitieu.services.browse import choose_value, in_indicator_units
from chitieu.store import documents as stored_documents
from chitieu.store import observations as stored_observations
from chitieu.store import units as stored_units
from chitieu.store.database import Conflict, Database, Session, open_database
from chitieu.store.units import Unit

_COLUMNS = {
    "code": ("code", "ma", "mã"), "name": ("name", "ten", "tên"), "level": ("level", "cap", "cấp"),
    "parent_code": ("parent_code", "ma_cha", "mã cha"), "valid_from": ("valid_from", "hieu_luc_tu"),
    "valid_to": ("valid_to", "hieu_luc_den"), "predecessors": ("predecessor_codes", "ma_tien_than"),
}
_LEVELS = {"tinh": "tinh", "tỉnh": "tinh", "thành phố trực thuộc trung ương": "tinh", "huyen": "huyen",
           "huyện": "huyen", "quận": "huyen", "thị xã": "huyen", "thành phố": "huyen", "xa": "xa", "xã": "xa",
           "phường": "xa", "thị trấn": "xa", "đặc khu": "xa"}


@dataclass
class UnitImport:
    added: int
    updated: int


def parse_units(text: str, name: str) -> list[stored_units.UnitRecord]:
    reader = csv.DictReader(io.StringIO(text))
    fields = {f.strip().lower(): f for f in reader.fieldnames or []}
    column = {key: next((fields[a] for a in aliases if a in fields), None) for key, aliases in _COLUMNS.items()}
    if column["name"] is None or column["level"] is None:
        raise ReadError("units.missing_columns", file=name)
    out = []
    for row in reader:
        def get(key: str, row: dict[str, str] = row) -> str:
            col = column[key]
            return (row.get(col) or "").strip() if col else ""
        level = _LEVELS.get(get("level").lower())
        if not get("name") or level is None:
            continue
        out.append(stored_units.UnitRecord(
            code=get("code") or None, name=get("name"), level=level, parent_code=get("parent_code") or None,
            valid_from=get("valid_from") or None, valid_to=get("valid_to") or None,
            predecessor_codes=tuple(c.strip() for c in get("predecessors").split(";") if c.strip()),
        ))
    return out


def import_units_file(path: Path, database_url: str) -> UnitImport:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError("read.not_found", file=str(path)) from exc
    text, _ = decode_text(data, str(path))
    records = parse_units(text, str(path))
    db = open_database(database_url)
    try:
        with db.transaction() as session:
            added, updated = stored_units.import_units(session, records, source=path.name)
    finally:
        db.close()
    return UnitImport(added, updated)


def all_units(db: Database) -> list[Unit]:
    with db.transaction() as session:
        return stored_units.all_units(session)


# ---------------------------------------------------------------- the packaged units, in every database


@cache
def _reference() -> tuple[list[stored_units.ReferenceUnit], list[stored_units.ReferenceLink]]:
    g = gazetteer()
    units = [stored_units.ReferenceUnit(u.code, u.name, u.level, u.unit_type, u.parent_code, u.valid_from, u.valid_to,
                                      u.lat, u.lon, u.aliases, u.source) for u in g.units]
    new_from = REORGANISED_ON
    links = [stored_units.ReferenceLink(link.old_code, None, link.new_code, new_from, link.whole) for link in g.lineage]
    links += [stored_units.ReferenceLink(old, None, new, new_from, True) for old, new in g.province_lineage]
    return units, links


def ensure_reference_units(db: Database) -> int:
    """Both hierarchies and their lineage in the database, once (a count when they are there already).
    Units stored without a code — named by an earlier chitieu, or created while ingesting — get theirs
    when their name, level and province name one packaged unit, so their documents stay attached.
    Returns how many units were added."""
    units, links = _reference()
    source = gazetteer().source
    for attempt in range(3):  # processes started together on an empty database: the loser finds them there
        try:
            with db.transaction() as session:
                if stored_units.reference_units_loaded(session, source) >= len(units):
                    return 0
                adopt: dict[int, tuple[str, str | None]] = {}
                for unit_id, name, level, parent in stored_units.codeless_units(session):
                    # stored before both eras were known: from reports before the reorganisation, mostly
                    found = gz.resolve(name, level=level, province=parent if level != "tinh" else None,
                                       on=OLD_VALID_TO if level != "xa" else None)
                    if found.unit is not None:
                        adopt[unit_id] = (found.unit.code, found.unit.valid_from)
                added, _ = stored_units.sync_reference_units(session, units, links, adopt)
            return added
        except Conflict:
            if attempt == 2:
                raise
    return 0


# ---------------------------------------------------------------- a unit named in a report


def report_date(date: str | None, period: str | None) -> str | None:
    """The date a report speaks of, as precisely as it says: its own date ('ngày 15 tháng 12 năm 2023',
    a month and year) or else its period's last year."""
    import re

    if date:
        m = re.search(r"(?:tháng|/)\s*(\d{1,2})\s*(?:năm|/)\s*(\d{4})", date)
        if m and 1 <= int(m.group(1)) <= 12:
            return f"{m.group(2)}-{int(m.group(1)):02d}"
        m = re.search(r"\b(19|20)\d\d\b", date)
        if m:
            return m.group(0)
    if period:
        years: list[str] = re.findall(r"\b(?:19|20)\d\d\b", period)
        if years:
            return max(years)
    return None


def unit_place(u: PackagedUnit) -> str:
    """Where a packaged unit is: its district and province ('Huyện Mường Tè, Tỉnh Lai Châu')."""
    out = []
    current = u
    while current.parent_code is not None:
        parent = gz.unit(current.era, current.parent_code)
        if parent is None:
            break
        out.append(parent.full_name)
        current = parent
    return ", ".join(out)


def resolve_report_unit(name: str | None, level: str | None, province: str | None, date: str | None,
                        period: str | None) -> gz.Resolution | None:
    if not name:
        return None
    return gz.resolve(name, level=level, province=province, on=report_date(date, period))


# ---------------------------------------------------------------- finding units, and a unit's page


@dataclass(frozen=True, slots=True)
class UnitHit:
    id: int
    code: str | None
    name: str
    label: str
    level: str
    parent_id: int | None
    era: str  # old | new | '' (a unit of no packaged list)
    valid_from: str | None
    valid_to: str | None
    provisional: bool
    within: str = ""  # its district and province, or province


def _era(u: Unit) -> str:
    return era_of(u)


def era_of(u: Unit | stored_units.UnitRow) -> str:
    """old | new for a unit of a packaged list; '' for one a user imported or an ingest created."""
    package = gazetteer().source.split()[0]  # any version of the package the units are loaded from
    if u.code is None or not (u.source or "").startswith(package + " "):
        return ""
    return NEW if u.valid_from else OLD


def unit_rows(db: Database) -> list[UnitHit]:
    """Every unit, read as plain rows (the whole list is 14,000 units)."""
    with db.transaction() as session:
        rows = stored_units.unit_rows(session)
    return [UnitHit(r.id, r.code, r.name, f"{r.unit_type} {r.name}" if r.unit_type else r.name, r.level, r.parent_id,
                    era_of(r), r.valid_from, r.valid_to, r.provisional) for r in rows]


def _within(session: Session, u: Unit) -> str:
    return ", ".join(a.label for a in stored_units.ancestors(session, u))


def search_units(db: Database, query: str, era: str | None = None, limit: int = 30) -> list[UnitHit]:
    """Units by name or code, typos and missing diacritics forgiven; `era` 'old' or 'new' keeps one era."""
    found: list[PackagedUnit] = gz.search(query, limit=limit * 2)
    if era in (OLD, NEW):
        found = [u for u in found if u.era == era]
    with db.transaction() as session:
        codes = [u.code for u in found]
        stored = {(u.code, u.valid_from or ""): u for u in stored_units.units_by_codes(session, codes)}
        units = [stored[(u.code, u.valid_from or "")] for u in found if (u.code, u.valid_from or "") in stored]
        seen = {u.id for u in units}
        folded = fold(query)
        if folded and era is None:
            units += [u for u in stored_units.units_named_like(session, folded, limit) if u.id not in seen]
        return [UnitHit(u.id, u.code, u.name, u.label, u.level, u.parent_id, _era(u), u.valid_from, u.valid_to,
                        u.provisional, _within(session, u)) for u in units[:limit]]


@dataclass(frozen=True, slots=True)
class HistoryPart:
    unit: Unit
    whole: bool  # the whole predecessor went into this unit
    value: float | None
    document_id: int | None
    line: int | None
    share: float | None  # of the sum, when the indicator sums


@dataclass(frozen=True, slots=True)
class HistoryLine:
    indicator: Indicator
    period: str
    total: float | None  # summed over the predecessors that went in whole, when the indicator sums
    complete: bool  # every predecessor that went in whole has a value
    parts: list[HistoryPart]


@dataclass
class UnitView:
    unit: Unit
    era: str
    within: list[Unit]
    children: list[Unit]
    predecessors: list[tuple[Unit, bool]]
    successors: list[tuple[Unit, bool]]
    went_to: list[tuple[Unit, Unit, bool]]  # a district's communes, and where each went
    documents: list[tuple[int, str, str | None]]
    history: list[HistoryLine]


def unit_view(db: Database, unit_id: int) -> UnitView | None:
    with db.transaction() as session:
        unit = stored_units.unit(session, unit_id)
        if unit is None:
            return None
        within = stored_units.ancestors(session, unit)
        children = stored_units.children(session, unit_id)
        before, after = stored_units.lineage(session, unit_id)
        went_to = stored_units.children_went_to(session, unit_id) if unit.level == "huyen" else []
        documents = [(i, f, p) for i, _u, f, p in stored_documents.unit_documents(session, [unit_id])]
        values = in_indicator_units(stored_observations.stored_values(session, unit_ids=[u.id for u, _ in before],
                                                          roles=("actual",)), None) if before else []
    return UnitView(unit, _era(unit), within, children, before, after, went_to, documents,
                    history_lines(before, values))


def history_lines(predecessors: list[tuple[Unit, bool]],
                  values: list[stored_observations.StoredValue]) -> list[HistoryLine]:
    """The predecessors' results, year by year up to the reorganisation: summed where the catalogue says
    the indicator sums (over the predecessors that went in whole: a part of a divided one is not known),
    side by side otherwise; every number keeps its document and line."""
    catalogue = by_id()
    cutoff = int(REORGANISED_ON[:4])
    grouped: dict[tuple[str, str], dict[int, list[stored_observations.StoredValue]]] = {}
    for v in values:
        if v.indicator_id in catalogue and is_year(v.period) and int(v.period or 0) <= cutoff \
                and v.admin_unit_id is not None:
            grouped.setdefault((v.indicator_id or "", v.period or ""), {}).setdefault(v.admin_unit_id, []).append(v)
    out = []
    for (indicator_id, period), by_unit in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        indicator = catalogue[indicator_id]
        parts = []
        for unit, whole in predecessors:
            chosen = choose_value(by_unit.get(unit.id, []))
            parts.append((unit, whole, chosen.number if chosen else None,
                          chosen.value.document_id if chosen else None, chosen.value.line if chosen else None))
        sums = indicator.aggregate == "sum"
        summed = [p[2] for p in parts if p[1] and p[2] is not None]
        total = sum(summed) if sums and summed else None
        complete = all(p[2] is not None for p in parts if p[1])
        out.append(HistoryLine(indicator, period, total, complete, [
            HistoryPart(u, w, val, doc, line, (val / total) if total and val is not None and w else None)
            for u, w, val, doc, line in parts if val is not None]))
    return out


def provinces_by_era(db: Database) -> tuple[list[Unit], list[Unit]]:
    with db.transaction() as session:
        rows = stored_units.provinces(session)
    return [u for u in rows if not u.valid_from], [u for u in rows if u.valid_from]


# ---------------------------------------------------------------- a province's units side by side


@dataclass(frozen=True, slots=True)
class ComparedUnit:
    unit: Unit
    actual: float | None
    goal: float | None
    status: str
    document_id: int | None
    line: int | None
    x: float | None  # on the dot map, from the packaged point
    y: float | None


@dataclass
class Comparison:
    indicator: Indicator | None
    period: str | None
    indicators: list[Indicator]
    periods: list[str]
    rows: list[ComparedUnit]
    width: int = 360
    height: int = 360


def project(points: list[tuple[float, float]], width: int, height: int, pad: int = 12) -> list[tuple[float, float]]:
    """(lon, lat) → (x, y) on a width × height map: equirectangular, a degree of longitude shortened by
    the cosine of the middle latitude, the whole set fitted in the frame and centred."""
    import math

    if not points:
        return []
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * shrink, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2
    return [(round(off_x + (lon - min(lons)) * shrink * scale, 1), round(off_y + (max(lats) - lat) * scale, 1))
            for lon, lat in points]


def province_comparison(db: Database, province_id: int, indicator_id: str | None,
                        period: str | None) -> Comparison:
    """The province's units (districts before the reorganisation, communes after) on one indicator and
    period: result, goal and the rulebook's status, each placed on a dot map by its packaged point."""
    from chitieu.services.overview import indicator_line

    with db.transaction() as session:
        units = stored_units.children(session, province_id)
        values = in_indicator_units(stored_observations.stored_values(session, unit_ids=[u.id for u in units]), None)
    catalogue = by_id()
    present = sorted({v.indicator_id for v in values if v.indicator_id in catalogue})
    indicators = [catalogue[i] for i in present]
    indicator = catalogue.get(indicator_id or "") or (indicators[0] if indicators else None)
    mine = [v for v in values if indicator is not None and v.indicator_id == indicator.id]
    # the years some unit has a result for: a plan for next year alone compares nothing
    periods = sorted({v.period for v in mine if v.period and is_year(v.period) and v.role == "actual"}, reverse=True)
    period = period if period in periods else (periods[0] if periods else None)
    placed = [u for u in units if u.lat is not None and u.lon is not None]
    result = Comparison(indicator, period, indicators, periods, [])
    xy = dict(zip([u.id for u in placed], project([(u.lon or 0.0, u.lat or 0.0) for u in placed], result.width,
                                                   result.height), strict=True))
    for u in units:
        line = indicator_line(indicator, [v for v in mine if v.admin_unit_id == u.id], period) \
            if indicator is not None and period is not None else None
        actual = line.actual if line else None
        x, y = xy.get(u.id, (None, None))
        result.rows.append(ComparedUnit(u, actual.number if actual else None, line.goal.number if line and line.goal
                                        else None, line.status if line else "khong_co_so_lieu",
                                        actual.value.document_id if actual else None,
                                        actual.value.line if actual else None, x, y))
    return result
