"""Import an administrative-unit list (CSV in the statistics office's layout) into the store.

Columns (header names, in Vietnamese or English): code/ma, name/ten, level/cap, parent_code/ma_cha,
valid_from/hieu_luc_tu, valid_to/hieu_luc_den, predecessor_codes/ma_tien_than (separated by ';').
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from chitieu.domain.errors import ReadError
from chitieu.read.encoding import decode_text
from chitieu.store import repository
from chitieu.store.database import Database, open_database
from chitieu.store.schema import AdminUnit, AdminUnitLink

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


def parse_units(text: str, name: str) -> list[repository.UnitRecord]:
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
        out.append(repository.UnitRecord(
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
            added, updated = repository.import_units(session, records)
    finally:
        db.close()
    return UnitImport(added, updated)


@dataclass
class UnitNode:
    unit: AdminUnit
    children: list[UnitNode]
    predecessors: list[AdminUnit]
    successors: list[AdminUnit]


def unit_tree(db: Database, on: str | None = None) -> list[UnitNode]:
    """The hierarchy in force on date `on` (ISO; None: every unit ever), with lineage links."""
    with db.transaction() as session:
        units = list(session.scalars(select(AdminUnit).order_by(AdminUnit.name)))
        links = session.execute(select(AdminUnitLink.predecessor_id, AdminUnitLink.successor_id)).all()
    by_id = {u.id: u for u in units}

    def valid(u: AdminUnit) -> bool:
        return on is None or ((u.valid_from or "") <= on and (u.valid_to is None or on <= u.valid_to))

    kept = [u for u in units if valid(u)]
    nodes = {u.id: UnitNode(u, [], [], []) for u in kept}
    for old, new in links:
        if new in nodes and old in by_id:
            nodes[new].predecessors.append(by_id[old])
        if old in nodes and new in by_id:
            nodes[old].successors.append(by_id[new])
    roots: list[UnitNode] = []
    for u in kept:
        parent = nodes.get(u.parent_id) if u.parent_id is not None else None
        (parent.children if parent else roots).append(nodes[u.id])
    return roots


def all_units(db: Database) -> list[AdminUnit]:
    with db.transaction() as session:
        return list(session.scalars(select(AdminUnit).order_by(AdminUnit.level, AdminUnit.name)))
