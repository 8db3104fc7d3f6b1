"""The two packages compared on the 34 provinces and their communes: where they agree, where they spell
a name differently (tone mark placement, spaces, apostrophes, capitals), and where they disagree — a
different name under one code, or a code only one of them has. Nothing is reconciled silently: the
disagreements are returned for the test and the documentation to list."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from chitieu.gazetteer.packaged import NEW, gazetteer, vietnam_provinces_units

# grave, acute, hook above, tilde, dot below: the marks whose placement old and new spellings differ on
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}


def spelling_key(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A name compared word by word, each word's tone mark counted wherever it sits ('Hoà' = 'Hòa'),
    capitals, spaces and apostrophes aside."""
    text = unicodedata.normalize("NFD", name.casefold().replace("’", "'").replace("‘", "'").replace("–", "-"))
    words = []
    for word in text.split():
        tones = tuple(sorted(c for c in word if c in _TONES))
        words.append(("".join(c for c in word if c not in _TONES), tones))
    return tuple(words)


@dataclass
class CrossCheck:
    first: str  # source of the units chitieu stores
    second: str
    same: int = 0
    spelling: list[tuple[str, str, str]] = field(default_factory=list)  # (code, first's name, second's)
    different_names: list[tuple[str, str, str]] = field(default_factory=list)
    # the same commune (same province, same name up to spelling) under another code: (name, code, other)
    different_codes: list[tuple[str, str, str]] = field(default_factory=list)
    only_first: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    only_second: list[tuple[str, str]] = field(default_factory=list)

    @property
    def disagreements(self) -> int:
        return len(self.different_names) + len(self.different_codes) + len(self.only_first) + len(self.only_second)


def cross_check() -> CrossCheck:
    g = gazetteer()
    second_source, listed = vietnam_provinces_units()
    ours = {(u.level, u.code): u for u in g.units if u.era == NEW}
    theirs = {(u.level, u.code): u for u in listed}
    result = CrossCheck(g.source, second_source)
    unmatched_first: dict[tuple[object, ...], str] = {}
    unmatched_second: dict[tuple[object, ...], str] = {}
    for key in sorted(ours.keys() | theirs.keys()):
        mine, other = ours.get(key), theirs.get(key)
        if other is None:
            assert mine is not None
            unmatched_first[(mine.level, mine.parent_code, spelling_key(mine.full_name))] = mine.code
            continue
        if mine is None:
            unmatched_second[(other.level, other.province_code, spelling_key(other.name))] = other.code
            continue
        # vietnam-provinces names a province without 'Tỉnh' ('Lai Châu'), a commune with its type
        names = {mine.full_name, mine.name}
        if other.name in names:
            result.same += 1
        elif spelling_key(other.name) in {spelling_key(n) for n in names}:
            result.spelling.append((mine.code, mine.full_name, other.name))
        else:
            result.different_names.append((mine.code, mine.full_name, other.name))
    full_names = {(u.level, u.code): u.full_name for u in ours.values()}
    for place, code in unmatched_first.items():
        other_code = unmatched_second.pop(place, None)
        if other_code is not None:
            result.different_codes.append((full_names[(str(place[0]), code)], code, other_code))
        else:
            result.only_first.append((code, full_names[(str(place[0]), code)]))
    listed_names = {(u.level, u.code): u.name for u in theirs.values()}
    result.only_second = [(code, listed_names[(str(place[0]), code)]) for place, code in unmatched_second.items()]
    return result
