"""Administrative units: the one a report or a user names, the packaged and imported lists written in,
the hierarchy and the lineage read back. Units leave the store as `Unit`, a frozen copy of the row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from chitieu.domain.names import fold
from chitieu.gazetteer.resolve import split_name
from chitieu.store.schema import AdminUnit, AdminUnitLink, Document, Observation


@dataclass(frozen=True, slots=True)
class Unit:
    """An administrative unit as stored (store/schema.py, AdminUnit)."""

    id: int
    code: str | None
    name: str
    level: str  # tinh | huyen | xa
    parent_id: int | None
    valid_from: str | None
    valid_to: str | None
    provisional: bool
    unit_type: str | None
    lat: float | None
    lon: float | None
    source: str | None
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """'Huyện Mường Tè' when the type is known."""
        return f"{self.unit_type} {self.name}" if self.unit_type else self.name


def unit_of(row: AdminUnit) -> Unit:
    return Unit(row.id, row.code, row.name, row.level, row.parent_id, row.valid_from, row.valid_to,
                bool(row.provisional), row.unit_type, row.lat, row.lon, row.source, tuple(row.aliases or ()))


def _units(rows: Iterable[AdminUnit]) -> list[Unit]:
    return [unit_of(r) for r in rows]


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """One line of an administrative-unit list (the statistics office's layout)."""

    code: str | None
    name: str
    level: str
    parent_code: str | None
    valid_from: str | None
    valid_to: str | None
    predecessor_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReferenceUnit:
    """A unit of a published list, keyed by (code, valid_from); its parent by the parent's code in the same era."""

    code: str
    name: str
    level: str
    unit_type: str
    parent_code: str | None
    valid_from: str | None
    valid_to: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class ReferenceLink:
    old_code: str
    old_valid_from: str | None
    new_code: str
    new_valid_from: str | None
    whole: bool


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: int
    code: str | None
    name: str
    level: str
    unit_type: str | None
    parent_id: int | None
    valid_from: str | None
    valid_to: str | None
    provisional: bool
    source: str | None


# ---------------------------------------------------------------- one unit


def unit(session: Session, unit_id: int) -> Unit | None:
    row = session.get(AdminUnit, unit_id)
    return unit_of(row) if row is not None else None


def _find_unit(session: Session, name: str, level: str | None, parent_name: str | None = None,
               provisional_only: bool = False) -> AdminUnit | None:
    query = select(AdminUnit).where(AdminUnit.name_folded == fold(name))
    if provisional_only:
        query = query.where(AdminUnit.provisional)
    if level:
        query = query.where(AdminUnit.level == level)
    candidates = list(session.scalars(query))
    if parent_name and len(candidates) > 1:
        parents = {u.id for u in session.scalars(select(AdminUnit).where(AdminUnit.name_folded == fold(parent_name)))}
        candidates = [u for u in candidates if u.parent_id in parents] or candidates
    return candidates[0] if candidates else None


def find_unit_by_name_or_code(session: Session, text: str) -> Unit | None:
    """A unit a user names ('Mường Tè', 'huyện Mường Tè', '107'): by code (the current unit first), else
    by name, its type word narrowing the level; among several of one name, the one with documents, and
    None when that does not decide either."""
    by_code = session.scalars(select(AdminUnit).where(AdminUnit.code == text.strip())
                              .order_by(AdminUnit.valid_from.is_(None))).first()
    if by_code is not None:
        return unit_of(by_code)
    name, level, unit_type = split_name(text)
    found = _units_named(session, name, level, unit_type)
    if len(found) > 1:
        with_documents = _units_with_documents(session, [u.id for u in found])
        found = [u for u in found if u.id in with_documents] or found
    return unit_of(found[0]) if len(found) == 1 else None


def _units_named(session: Session, name_folded: str, level: str | None, unit_type: str | None) -> list[AdminUnit]:
    query = select(AdminUnit).where(AdminUnit.name_folded == name_folded)
    if level:
        query = query.where(AdminUnit.level == level)
    found = list(session.scalars(query.order_by(AdminUnit.id)))
    return [u for u in found if u.unit_type == unit_type] or found if unit_type else found


def _units_with_documents(session: Session, ids: list[int]) -> set[int]:
    return set(session.scalars(select(Document.admin_unit_id).distinct().where(Document.admin_unit_id.in_(ids))))


def unit_by_code(session: Session, code: str, valid_from: str | None) -> Unit | None:
    row = _unit_by_code(session, code, valid_from)
    return unit_of(row) if row is not None else None


def _unit_by_code(session: Session, code: str, valid_from: str | None) -> AdminUnit | None:
    same_era = func.coalesce(AdminUnit.valid_from, "") == (valid_from or "")
    return session.scalars(select(AdminUnit).where(AdminUnit.code == code, same_era)).first()


def resolve_unit(session: Session, name: str | None, level: str | None,
                 province: str | None, provisional_only: bool = False) -> tuple[int | None, bool]:
    """(unit id, created now as provisional). A unit never seen before is created without a code;
    `provisional_only`: the name fits several official units, none of which may be picked for it."""
    if not name:
        return None, False
    found = _find_unit(session, name, level, province, provisional_only)
    if found is not None:
        return found.id, False
    parent_id = None
    if province and level != "tinh":
        parent = _find_unit(session, province, "tinh")
        if parent is None:
            parent = AdminUnit(name=province, name_folded=fold(province), level="tinh", provisional=True, aliases=[])
            session.add(parent)
            session.flush()
        parent_id = parent.id
    new = AdminUnit(name=name, name_folded=fold(name), level=level or "huyen", parent_id=parent_id,
                    provisional=True, aliases=[])
    try:
        with session.begin_nested():  # another ingest may create the same unit at this moment
            session.add(new)
    except IntegrityError:
        found = _find_unit(session, name, level, province, provisional_only)
        if found is None:
            raise
        return found.id, False
    return new.id, True


# ---------------------------------------------------------------- lists of units


def all_units(session: Session) -> list[Unit]:
    return _units(session.scalars(select(AdminUnit).order_by(AdminUnit.level, AdminUnit.name)))


def unit_rows(session: Session) -> list[UnitRow]:
    """Every unit as plain rows, by level and name: columns only, not mapped objects, for the whole list."""
    u = AdminUnit
    rows = session.execute(select(u.id, u.code, u.name, u.level, u.unit_type, u.parent_id, u.valid_from, u.valid_to,
                                  u.provisional, u.source).order_by(u.level, u.name, u.id))
    return [UnitRow(i, code, name, level, unit_type, parent, start, end, bool(provisional), source)
            for i, code, name, level, unit_type, parent, start, end, provisional, source in rows]


def units_with_figures(session: Session) -> list[Unit]:
    """The units some stored figure of a catalogue indicator is about."""
    ids = select(Observation.admin_unit_id).distinct().where(Observation.indicator_id.is_not(None))
    return _units(session.scalars(select(AdminUnit).where(AdminUnit.id.in_(ids))))


def unit_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    return dict(session.execute(select(AdminUnit.id, AdminUnit.name).where(AdminUnit.id.in_(list(ids)))).all())


def units_by_ids(session: Session, ids: list[int]) -> dict[int, Unit]:
    return {u.id: unit_of(u) for u in session.scalars(select(AdminUnit).where(AdminUnit.id.in_(ids)))} if ids else {}


def units_by_codes(session: Session, codes: list[str]) -> list[Unit]:
    return _units(session.scalars(select(AdminUnit).where(AdminUnit.code.in_(codes)))) if codes else []


def units_named_like(session: Session, folded: str, limit: int) -> list[Unit]:
    """Units whose folded name holds `folded`: those a user imported or an ingest created provisionally."""
    return _units(session.scalars(select(AdminUnit).where(AdminUnit.name_folded.contains(folded))
                                  .order_by(AdminUnit.name).limit(limit)))


def provinces(session: Session) -> list[Unit]:
    return _units(session.scalars(select(AdminUnit).where(AdminUnit.level == "tinh").order_by(AdminUnit.name)))


# ---------------------------------------------------------------- the hierarchy and the lineage


def children(session: Session, parent_id: int) -> list[Unit]:
    return _units(session.scalars(select(AdminUnit).where(AdminUnit.parent_id == parent_id).order_by(AdminUnit.name)))


def descendants(session: Session, unit_id: int) -> set[int]:
    """Every unit below `unit_id` in the hierarchy, at any depth."""
    out: set[int] = set()
    frontier = [unit_id]
    while frontier:
        frontier = [i for i in session.scalars(select(AdminUnit.id).where(AdminUnit.parent_id.in_(frontier)))
                    if i not in out]
        out.update(frontier)
    return out


def ancestors(session: Session, of: Unit) -> list[Unit]:
    out: list[Unit] = []
    parent_id = of.parent_id
    while parent_id is not None and len(out) < 5:
        parent = session.get(AdminUnit, parent_id)
        if parent is None:
            break
        out.append(unit_of(parent))
        parent_id = parent.parent_id
    return out


def successors(session: Session, unit_id: int) -> list[Unit]:
    new = aliased(AdminUnit)
    return _units(session.scalars(select(new).join(AdminUnitLink, AdminUnitLink.successor_id == new.id)
                                  .where(AdminUnitLink.predecessor_id == unit_id)))


def predecessors(session: Session, unit_id: int) -> list[Unit]:
    """Every unit that became (part of) `unit_id`, through any number of reorganisations."""
    out: list[Unit] = []
    frontier = [unit_id]
    seen = {unit_id}
    old = aliased(AdminUnit)
    while frontier:
        rows = session.scalars(select(old).join(AdminUnitLink, AdminUnitLink.predecessor_id == old.id)
                               .where(AdminUnitLink.successor_id.in_(frontier))).all()
        frontier = [u.id for u in rows if u.id not in seen]
        seen.update(frontier)
        out.extend(unit_of(u) for u in rows if u.id in frontier)
    return out


def lineage(session: Session, unit_id: int) -> tuple[list[tuple[Unit, bool]], list[tuple[Unit, bool]]]:
    """(the units `unit_id` was formed from, the units it went into), each with whether it went whole."""
    before = session.execute(select(AdminUnit, AdminUnitLink.whole).join(
        AdminUnitLink, AdminUnitLink.predecessor_id == AdminUnit.id).where(AdminUnitLink.successor_id == unit_id)
        .order_by(AdminUnit.name)).all()
    after = session.execute(select(AdminUnit, AdminUnitLink.whole).join(
        AdminUnitLink, AdminUnitLink.successor_id == AdminUnit.id).where(AdminUnitLink.predecessor_id == unit_id)
        .order_by(AdminUnit.name)).all()
    return [(unit_of(u), bool(w)) for u, w in before], [(unit_of(u), bool(w)) for u, w in after]


def children_went_to(session: Session, parent_id: int) -> list[tuple[Unit, Unit, bool]]:
    """(child, the unit it went into, whole) for each child of `parent_id`: where a district's communes went."""
    child, new = aliased(AdminUnit), aliased(AdminUnit)
    rows = session.execute(select(child, new, AdminUnitLink.whole)
                           .join(AdminUnitLink, AdminUnitLink.predecessor_id == child.id)
                           .join(new, AdminUnitLink.successor_id == new.id)
                           .where(child.parent_id == parent_id).order_by(new.name, child.name)).all()
    return [(unit_of(c), unit_of(n), bool(w)) for c, n, w in rows]


# ---------------------------------------------------------------- writing lists in


def reference_units_loaded(session: Session, source: str) -> int:
    return session.scalar(select(func.count()).select_from(AdminUnit).where(AdminUnit.source == source)) or 0


def codeless_units(session: Session) -> list[tuple[int, str, str, str | None]]:
    """(id, name, level, parent's name) of the units without an official code (shipped by name or provisional)."""
    parent = aliased(AdminUnit)
    rows = session.execute(select(AdminUnit.id, AdminUnit.name, AdminUnit.level, parent.name)
                           .outerjoin(parent, AdminUnit.parent_id == parent.id).where(AdminUnit.code.is_(None)))
    return [(int(i), str(n), str(lv), p) for i, n, lv, p in rows]


def sync_reference_units(session: Session, units: list[ReferenceUnit], links: list[ReferenceLink],
                         adopt: dict[int, tuple[str, str | None]]) -> tuple[int, int]:
    """Write a published list (idempotent): units missing by (code, valid_from) are inserted in bulk, level
    by level so that parents exist first; stored ones get the list's names and source; `adopt` gives codes
    to units stored without one (id → (code, valid_from)), so their documents stay attached. Returns
    (units added, links added)."""
    def key(code: str | None, valid_from: str | None) -> tuple[str, str]:
        return code or "", valid_from or ""

    for unit_id, (code, valid_from) in adopt.items():
        if _unit_by_code(session, code, valid_from) is None:
            session.execute(update(AdminUnit).where(AdminUnit.id == unit_id).values(
                code=code, valid_from=valid_from, provisional=False))
    ids = {key(c, v): int(i) for i, c, v in session.execute(
        select(AdminUnit.id, AdminUnit.code, AdminUnit.valid_from).where(AdminUnit.code.is_not(None)))}
    added = 0
    for level in ("tinh", "huyen", "xa"):
        rows: list[dict[str, object]] = []
        updates: list[tuple[int, dict[str, object]]] = []
        for u in units:
            if u.level != level:
                continue
            values: dict[str, object] = {
                "code": u.code, "name": u.name, "name_folded": fold(u.name), "level": u.level,
                "parent_id": ids.get(key(u.parent_code, u.valid_from)) if u.parent_code else None,
                "valid_from": u.valid_from, "valid_to": u.valid_to, "provisional": False, "aliases": list(u.aliases),
                "unit_type": u.unit_type, "lat": u.lat, "lon": u.lon, "source": u.source}
            stored = ids.get(key(u.code, u.valid_from))
            if stored is None:
                rows.append(values)
            else:
                updates.append((stored, values))
        if rows:
            session.execute(insert(AdminUnit), rows)
            added += len(rows)
        if updates:
            stored_source = dict(session.execute(select(AdminUnit.id, AdminUnit.source).where(
                AdminUnit.id.in_([uid for uid, _ in updates]))).all())
            for uid, values in updates:
                if stored_source.get(uid) != values["source"]:  # a newer version of the list: its names win
                    session.execute(update(AdminUnit).where(AdminUnit.id == uid).values(**values))
        if rows:
            ids.update({key(c, v): int(i) for i, c, v in session.execute(
                select(AdminUnit.id, AdminUnit.code, AdminUnit.valid_from).where(AdminUnit.level == level,
                                                                                 AdminUnit.code.is_not(None)))})
    stored_links = {(int(a), int(b)) for a, b in session.execute(
        select(AdminUnitLink.predecessor_id, AdminUnitLink.successor_id))}
    new_links = []
    for link in links:
        old, new = ids.get(key(link.old_code, link.old_valid_from)), ids.get(key(link.new_code, link.new_valid_from))
        if old is not None and new is not None and (old, new) not in stored_links:
            stored_links.add((old, new))
            new_links.append({"predecessor_id": old, "successor_id": new, "whole": link.whole})
    if new_links:
        session.execute(insert(AdminUnitLink), new_links)
    return added, len(new_links)


def import_units(session: Session, records: list[UnitRecord], source: str | None = None) -> tuple[int, int]:
    """(added, updated). Units are matched by code and the date it took effect (a code is unique within
    its era only), else by name and level; parents and predecessors are found by code, the parent in the
    unit's own era, a predecessor in an earlier one; lineage links are added."""
    stored: dict[str, list[AdminUnit]] = {}
    for u in session.scalars(select(AdminUnit).where(AdminUnit.code.is_not(None))):
        stored.setdefault(u.code or "", []).append(u)

    def by_code(code: str, valid_from: str | None) -> AdminUnit | None:
        same = [u for u in stored.get(code, []) if (u.valid_from or "") == (valid_from or "")]
        return same[0] if same else None

    added = updated = 0
    for r in records:
        unit = by_code(r.code, r.valid_from) if r.code else None
        if unit is None and not r.code:
            unit = _find_unit(session, r.name, r.level)
        if unit is None:
            unit = AdminUnit(name=r.name, name_folded=fold(r.name), level=r.level, aliases=[])
            session.add(unit)
            added += 1
        else:
            updated += 1
        unit.code, unit.valid_from, unit.valid_to, unit.provisional = r.code, r.valid_from, r.valid_to, False
        if source and unit.source is None:
            unit.source = source[:60]
        session.flush()
        if r.code and unit not in stored.setdefault(r.code, []):
            stored[r.code].append(unit)
    for r in records:
        unit = by_code(r.code, r.valid_from) if r.code else _find_unit(session, r.name, r.level)
        if unit is None:
            continue
        if r.parent_code:
            parent = by_code(r.parent_code, r.valid_from) or next(iter(stored.get(r.parent_code, [])), None)
            if parent is not None:
                unit.parent_id = parent.id
        for code in r.predecessor_codes:
            earlier = [u for u in stored.get(code, [])
                       if u is not unit and (u.valid_from or "") < (r.valid_from or "~")]
            old = earlier[0] if earlier else None
            if old is not None and session.get(AdminUnitLink, (old.id, unit.id)) is None:
                session.add(AdminUnitLink(predecessor_id=old.id, successor_id=unit.id, whole=True))
    return added, updated
