"""Vietnam's administrative units before and after the 2025 reorganisation, as published packages ship them.

Nothing here is typed by hand: the units, their codes, types, coordinates and the lineage come from
`vietnamadminunits` (its SQLite dataset and its 2025 converter), and `vietnam-provinces` is read only to
cross-check the 34 provinces and their communes against it. Each unit carries the name and version of
the package it comes from. The data files are found through the packages' installed locations without
importing them (importing `vietnamadminunits` loads its address parsers, which chitieu does not use).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata, util
from pathlib import Path

# The reorganisation: districts abolished, 63 provinces merged into 34, communes merged. The legal acts
# are not named by the packages; docs/units.md says where these dates come from.
REORGANISED_ON = "2025-07-01"
OLD_VALID_TO = "2025-06-30"

OLD, NEW = "old", "new"

# Type words as the package writes them at the start of a name, longest first ('Thành phố' before 'Thị').
_TYPE_LEVEL = {
    "Thành phố": "tinh", "Tỉnh": "tinh",  # at province level; a 'Thành phố' under a province is a district
    "Quận": "huyen", "Huyện": "huyen", "Thị xã": "huyen",
    "Thị trấn": "xa", "Phường": "xa", "Xã": "xa", "Đặc khu": "xa",
}


@dataclass(frozen=True, slots=True)
class PackagedUnit:
    """One unit as published: `code` is the statistics office's code (unique within its era only: the
    new Lai Châu keeps the old one's code 12)."""

    code: str
    name: str  # without its type word: 'Mường Tè'
    unit_type: str  # 'Huyện', 'Thị trấn', 'Đặc khu', …
    level: str  # tinh | huyen | xa
    era: str  # old | new
    parent_code: str | None
    valid_from: str | None
    valid_to: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]  # former names the package knows, folded without spaces ('nguyentrungtruc')
    source: str

    @property
    def full_name(self) -> str:
        return f"{self.unit_type} {self.name}"


@dataclass(frozen=True, slots=True)
class Lineage:
    """`old` (an old commune, or an island district that had none) became `new`, whole or in part."""

    old_code: str
    old_level: str
    new_code: str
    whole: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    units: tuple[PackagedUnit, ...]
    lineage: tuple[Lineage, ...]  # communes → communes (and the five island districts → special zones)
    province_lineage: tuple[tuple[str, str], ...]  # (old province code, new province code)
    source: str


def package_dir(package: str) -> Path:
    """Where an installed package's files are, found without running its __init__."""
    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(next(iter(spec.submodule_search_locations)))


def package_source(distribution: str) -> str:
    return f"{distribution} {metadata.version(distribution)}"


def split_type(full_name: str, fallback: str) -> tuple[str, str]:
    """('Thị trấn', 'Mường Tè') from 'Thị trấn Mường Tè'; the name's own word wins over the package's
    type column, which disagrees with it for a few units."""
    text = " ".join(unicodedata.normalize("NFC", full_name).split())
    for word in sorted(_TYPE_LEVEL, key=len, reverse=True):
        if text.startswith(word + " "):
            return word, text[len(word) + 1:]
    return fallback, text


def _aliases(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    try:
        values = json.loads(raw)
    except ValueError:
        return ()
    return tuple(str(v) for v in values if isinstance(v, str))


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


@contextmanager
def _dataset() -> Iterator[sqlite3.Connection]:
    """The package's dataset, which it ships as SQLite: opened read-only through the standard library."""
    path = package_dir("vietnamadminunits") / "data" / "dataset.db"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield con
    finally:
        con.close()


@cache
def gazetteer() -> Gazetteer:
    """Both hierarchies and the lineage (read once per process, about 0.2 s)."""
    folder = package_dir("vietnamadminunits") / "data"
    source = package_source("vietnamadminunits")
    with _dataset() as con:
        legacy = con.execute(
            "SELECT province, provinceCode, provinceLat, provinceLon, provinceAlias, provinceKey,"
            " district, districtType, districtCode, districtLat, districtLon, districtAlias, districtKey,"
            " ward, wardType, wardCode, wardLat, wardLon, wardAlias, wardKey FROM admin_units_legacy").fetchall()
        current = con.execute(
            "SELECT province, provinceCode, provinceLat, provinceLon, provinceAlias, provinceKey,"
            " ward, wardType, wardCode, wardLat, wardLon, wardAlias, wardKey FROM admin_units").fetchall()
    units: dict[tuple[str, str], PackagedUnit] = {}  # (era, code)
    old_keys: dict[str, tuple[str, str]] = {}  # converter key → (level, code)
    old_province_keys: dict[str, str] = {}
    for (prov, pcode, plat, plon, palias, pkey, dist, dtype, dcode, dlat, dlon, dalias, dkey,
         ward, wtype, wcode, wlat, wlon, walias, wkey) in legacy:
        ptype, pname = split_type(prov, "Tỉnh")
        units.setdefault((OLD, pcode), PackagedUnit(pcode, pname, ptype, "tinh", OLD, None, None, OLD_VALID_TO,
                                                    _float(plat), _float(plon), _aliases(palias), source))
        old_province_keys[pkey] = pcode
        dtype, dname = split_type(dist, dtype)
        units.setdefault((OLD, dcode), PackagedUnit(dcode, dname, dtype, "huyen", OLD, pcode, None, OLD_VALID_TO,
                                                    _float(dlat), _float(dlon), _aliases(dalias), source))
        if not wcode:  # an island district without communes: the converter names the district itself
            old_keys[f"{pkey}_{dkey}_"] = ("huyen", dcode)
            continue
        wtype, wname = split_type(ward, wtype)
        units[(OLD, wcode)] = PackagedUnit(wcode, wname, wtype, "xa", OLD, dcode, None, OLD_VALID_TO,
                                           _float(wlat), _float(wlon), _aliases(walias), source)
        old_keys[f"{pkey}_{dkey}_{wkey}"] = ("xa", wcode)
    new_keys: dict[tuple[str, str], str] = {}
    new_province_keys: dict[str, str] = {}
    for prov, pcode, plat, plon, palias, pkey, ward, wtype, wcode, wlat, wlon, walias, wkey in current:
        ptype, pname = split_type(prov, "Tỉnh")
        units.setdefault((NEW, pcode), PackagedUnit(pcode, pname, ptype, "tinh", NEW, None, REORGANISED_ON, None,
                                                    _float(plat), _float(plon), _aliases(palias), source))
        new_province_keys[pkey] = pcode
        wtype, wname = split_type(ward, wtype)
        units[(NEW, wcode)] = PackagedUnit(wcode, wname, wtype, "xa", NEW, pcode, REORGANISED_ON, None,
                                           _float(wlat), _float(wlon), _aliases(walias), source)
        new_keys[(pkey, wkey)] = wcode
    converter = json.loads((folder / "converter_2025.json").read_text("utf-8"))
    links: dict[tuple[str, str], Lineage] = {}
    for pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            for key in olds:
                if key in old_keys and (pkey, wkey) in new_keys:
                    level, code = old_keys[key]
                    new = new_keys[(pkey, wkey)]
                    links[(code, new)] = Lineage(code, level, new, True)
    for pkey, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for key, targets in divided.items():
            if key not in old_keys:
                continue
            level, code = old_keys[key]
            for target in targets:
                into = new_keys.get((pkey, target["newWardKey"]))
                if into is not None:
                    links[(code, into)] = Lineage(code, level, into, False)
    provinces = tuple((old_province_keys[o], new_province_keys[n]) for n, olds in converter["DICT_PROVINCE"].items()
                      for o in olds if o in old_province_keys and n in new_province_keys)
    return Gazetteer(tuple(units.values()), tuple(links.values()), provinces, source)


@cache
def names_with_provinces() -> tuple[tuple[str, str, str], ...]:
    """(name without its type word, level, province name) of every district and commune of both eras: what
    reading a report's header needs, read alone so that `chitieu extract` does not load the whole list."""
    with _dataset() as con:
        rows = con.execute(
            "SELECT DISTINCT district, districtType, 'huyen', province FROM admin_units_legacy"
            " UNION SELECT ward, wardType, 'xa', province FROM admin_units_legacy WHERE ward IS NOT NULL"
            " UNION SELECT ward, wardType, 'xa', province FROM admin_units").fetchall()
    return tuple((split_type(name, kind)[1], level, split_type(province, "Tỉnh")[1])
                 for name, kind, level, province in rows)


def provinces_named(name: str, level: str) -> set[str]:
    """The provinces of the districts (`level` 'huyen') or communes ('xa') of either era whose name is
    exactly `name` with one of its level's type words ('Mường Tè' → 'Huyện Mường Tè'): a few rows read
    by an exact match, so that reading one report does not load the whole list."""
    return set(_provinces_named(name, level))


@lru_cache(maxsize=4096)
def _provinces_named(name: str, level: str) -> frozenset[str]:
    """Remembered: the query scans the package's table (a few ms), and a batch of reports names few units."""
    full = [f"{word} {unicodedata.normalize('NFC', name)}" for word, lv in _TYPE_LEVEL.items() if lv == level]
    if level not in ("huyen", "xa") or not full:
        return frozenset()
    marks = ",".join("?" * len(full))
    with _dataset() as con:
        if level == "huyen":
            rows = con.execute(f"SELECT DISTINCT province FROM admin_units_legacy WHERE district IN ({marks})", full)
        else:
            rows = con.execute(f"SELECT province FROM admin_units_legacy WHERE ward IN ({marks})"
                               f" UNION SELECT province FROM admin_units WHERE ward IN ({marks})", full + full)
        return frozenset(split_type(province, "Tỉnh")[1] for (province,) in rows)


@dataclass(frozen=True, slots=True)
class ListedUnit:
    code: str
    name: str
    level: str
    province_code: str | None


@cache
def vietnam_provinces_units() -> tuple[str, tuple[ListedUnit, ...]]:
    """(source, the 34 provinces and their communes) as `vietnam-provinces` lists them, codes padded as the
    statistics office writes them (2 digits for a province, 5 for a commune)."""
    path = package_dir("vietnam_provinces") / "data" / "nested-divisions.json"
    out: list[ListedUnit] = []
    for p in json.loads(path.read_text("utf-8")):
        province = f"{int(p['code']):02d}"
        out.append(ListedUnit(province, str(p["name"]), "tinh", None))
        out.extend(ListedUnit(f"{int(w['code']):05d}", str(w["name"]), "xa", province) for w in p["wards"])
    return package_source("vietnam-provinces"), tuple(out)
