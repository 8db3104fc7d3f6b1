"""A unit named in words → its code, pure and indexed over the packaged units.

'huyện Mường Tè', 'UBND xã Tân Lập', 'HUYỆN ỦY MƯỜNG TÈ', 'thi tran Muong Te': the organisation's words
('UBND', 'Huyện ủy') and the type word are read off, the rest is looked up folded (no diacritics, no
spaces, as the package's own keys are). The report's province and district narrow the candidates, its
date picks the era (a 2023 report speaks of the unit as it was). When more than one unit is left the
answer keeps them all and says so: nothing is picked silently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from chitieu.domain.names import fold
from chitieu.gazetteer.packaged import NEW, OLD, REORGANISED_ON, PackagedUnit, gazetteer

# Folded words of the body that issues a report, before the unit's type word.
_ORGANS = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "ban chap hanh dang bo", "dang bo", "dang uy",
           "mat tran to quoc", "cong an", "van phong")
# Folded type words → level; a party committee's name carries its level ('huyện ủy').
# Folded type words → (level, the package's type word when the word names one type only).
_TYPES = (("thanh pho truc thuoc trung uong", "tinh", "Thành phố"), ("thi tran", "xa", "Thị trấn"),
          ("thi xa", "huyen", "Thị xã"), ("thanh pho", None, "Thành phố"), ("dac khu", "xa", "Đặc khu"),
          ("huyen uy", "huyen", "Huyện"), ("tinh uy", "tinh", "Tỉnh"), ("thi uy", "huyen", "Thị xã"),
          ("thanh uy", None, "Thành phố"), ("quan uy", "huyen", "Quận"), ("tinh", "tinh", "Tỉnh"),
          ("huyen", "huyen", "Huyện"), ("quan", "huyen", "Quận"), ("phuong", "xa", "Phường"), ("xa", "xa", "Xã"),
          ("tt", "xa", "Thị trấn"), ("tp", None, "Thành phố"))


def key_of(name: str) -> str:
    """A name as the index holds it: folded, without spaces ('Mường Tè' → 'muongte')."""
    return fold(name).replace(" ", "")


def split_name(text: str) -> tuple[str, str | None, str | None]:
    """(the unit's own name folded, with spaces; the level its type word gives; the type word) — None
    when unsaid: 'UBND xã Tân Lập' → ('tan lap', 'xa', 'Xã')."""
    words = fold(text)
    for organ in _ORGANS:
        if words.startswith(organ + " "):
            words = words[len(organ) + 1:]
            break
    for word, level, unit_type in _TYPES:
        if words.startswith(word + " "):
            return words[len(word) + 1:], level, unit_type
    return words, None, None


def parse_name(text: str) -> tuple[str, str | None, str | None]:
    """split_name with the name as the index keys it (no spaces)."""
    name, level, unit_type = split_name(text)
    return name.replace(" ", ""), level, unit_type


@dataclass(frozen=True, slots=True)
class Resolution:
    """`unit` when one unit fits; otherwise `candidates` (none: unknown, several: ambiguous)."""

    unit: PackagedUnit | None
    candidates: tuple[PackagedUnit, ...]
    reason: str  # found | context | ambiguous | unknown

    @property
    def code(self) -> str | None:
        return self.unit.code if self.unit else None


@dataclass(frozen=True, slots=True)
class _Index:
    by_key: dict[str, tuple[PackagedUnit, ...]]
    by_alias: dict[str, tuple[PackagedUnit, ...]]  # former names, looked at when no current name fits
    by_code: dict[tuple[str, str], PackagedUnit]  # (era, code)
    province: dict[tuple[str, str], str]  # (era, code) → the province's code


@cache
def _index() -> _Index:
    g = gazetteer()
    by_key: defaultdict[str, list[PackagedUnit]] = defaultdict(list)
    by_alias: defaultdict[str, list[PackagedUnit]] = defaultdict(list)
    by_code = {(u.era, u.code): u for u in g.units}
    for u in g.units:
        own = key_of(u.name)
        by_key[own].append(u)
        # the package lists each former name with and without its type word: the bare one is the key
        type_key = key_of(u.unit_type)
        for alias in {a for a in u.aliases if a != own and not a.startswith(type_key)}:
            by_alias[alias].append(u)
    province: dict[tuple[str, str], str] = {}
    for u in g.units:
        top = u
        while top.parent_code is not None:
            top = by_code[(top.era, top.parent_code)]
        province[(u.era, u.code)] = top.code
    return _Index({k: tuple(v) for k, v in by_key.items()}, {k: tuple(v) for k, v in by_alias.items()}, by_code,
                  province)


def era_on(date: str | None) -> str | None:
    """The era a report's date (ISO 'YYYY-MM-DD', 'YYYY-MM' or a year) speaks of; None when unknown or
    in 2025 without a month (either era)."""
    if not date:
        return None
    year = date[:4]
    if not year.isdigit():
        return None
    if len(date) == 4:
        return OLD if year < REORGANISED_ON[:4] else (NEW if year > REORGANISED_ON[:4] else None)
    day = date if len(date) >= 10 else date[:7] + "-01"  # a month speaks of its first day
    return OLD if day < REORGANISED_ON else NEW


def _lookup(name: str, level: str | None) -> list[PackagedUnit]:
    key, hint, unit_type = parse_name(name)
    index = _index()
    want = level or hint
    found = [u for u in index.by_key.get(key, ()) if want is None or u.level == want]
    if not found:
        found = [u for u in index.by_alias.get(key, ()) if want is None or u.level == want]
    if unit_type is not None:  # 'thị trấn Mường Tè' is not 'xã Mường Tè', unless no unit has that type
        found = [u for u in found if u.unit_type == unit_type] or found
    return found


def province_codes(name: str | None) -> set[tuple[str, str]]:
    """(era, code) of the provinces a name can mean ('Lai Châu', 'tỉnh Lai Châu', 'Thanh pho Ha Noi')."""
    if not name:
        return set()
    return {(u.era, u.code) for u in _lookup(name, "tinh")}


def resolve(name: str, *, level: str | None = None, province: str | None = None, district: str | None = None,
            on: str | None = None) -> Resolution:
    """The unit `name` means, told by its level, its province's and district's names and the date."""
    found = _lookup(name, level)
    era = era_on(on)
    if era is not None:
        found = [u for u in found if u.era == era] or ([] if any(u.era != era for u in found) else found)
    if not found:
        return Resolution(None, (), "unknown")
    if len(found) == 1:
        return Resolution(found[0], tuple(found), "found")
    narrowed = found
    index = _index()
    provinces = province_codes(province)
    if provinces:
        narrowed = [u for u in narrowed if (u.era, index.province[(u.era, u.code)]) in provinces] or narrowed
    if district and len(narrowed) > 1:
        districts = {(u.era, u.code) for u in _lookup(district, "huyen")}
        narrowed = [u for u in narrowed if (u.era, u.parent_code or "") in districts] or narrowed
    if len(narrowed) == 1:
        return Resolution(narrowed[0], tuple(found), "context")
    return Resolution(None, tuple(narrowed), "ambiguous")


def unit(era: str, code: str) -> PackagedUnit | None:
    return _index().by_code.get((era, code))


def province_of_unit(u: PackagedUnit) -> PackagedUnit:
    index = _index()
    return index.by_code[(u.era, index.province[(u.era, u.code)])]


@cache
def _search_choices() -> tuple[list[str], list[PackagedUnit]]:
    index = _index()
    labels, units = [], []
    for u in gazetteer().units:
        parent = index.by_code.get((u.era, u.parent_code)) if u.parent_code else None
        labels.append(fold(" ".join(x for x in (u.full_name, parent.full_name if parent else "") if x)))
        units.append(u)
    return labels, units


def search(query: str, limit: int = 20) -> list[PackagedUnit]:
    """Units whose name (with their parent's) is nearest `query`, typos and missing diacritics forgiven;
    a code finds its unit in both eras."""
    text = query.strip()
    if not text:
        return []
    if text.isdigit():
        index = _index()
        return [u for era in (OLD, NEW) if (u := index.by_code.get((era, text))) is not None]
    exact = _lookup(text, None)
    labels, units = _search_choices()
    hits = process.extract(fold(text), labels, scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=70)
    seen = {id(u) for u in exact}
    out = list(exact)
    for _label, _score, i in sorted(hits, key=lambda h: (-h[1], len(h[0]))):
        if id(units[i]) not in seen:
            seen.add(id(units[i]))
            out.append(units[i])
    return out[:limit]
