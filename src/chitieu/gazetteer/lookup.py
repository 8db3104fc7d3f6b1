"""Which province a district or commune named in a report belongs to, from the packaged units."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from chitieu.gazetteer.packaged import names_with_provinces, provinces_named
from chitieu.gazetteer.resolve import key_of, parse_name


@cache
def _provinces_by_name() -> dict[tuple[str, str], frozenset[str]]:
    out: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for name, level, province in names_with_provinces():
        out[(key_of(name), level)].add(province)
    return {k: frozenset(v) for k, v in out.items()}


def province_of(name: str | None, level: str | None) -> str | None:
    """The province of a unit by its name and level, in either era, or None when unknown or when units of
    that name lie in several provinces."""
    if not name:
        return None
    if level in ("huyen", "xa") and name[:1].isupper():
        # the name as written, with its level's type word: a few rows, not the whole list
        exact = provinces_named(name, level)
        if exact:
            return exact.pop() if len(exact) == 1 else None
    key, hint, _ = parse_name(name)
    table = _provinces_by_name()
    levels = [level or hint] if (level or hint) else ["huyen", "xa"]
    matches: set[str] = set()
    for lv in levels:
        matches |= table.get((key, lv or ""), frozenset())
    return matches.pop() if len(matches) == 1 else None
