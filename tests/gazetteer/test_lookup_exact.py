from __future__ import annotations

import pytest

from chitieu.gazetteer import lookup
from chitieu.gazetteer.packaged import provinces_named


@pytest.mark.parametrize(("name", "level"), [("Mường Tè", "huyen"), ("Tủa Chùa", "huyen"), ("Thu Lũm", "xa"),
                                             ("Tân Lập", "xa"), ("Châu Thành", "huyen")])
def test_the_exact_lookup_agrees_with_the_whole_list(name: str, level: str) -> None:
    """A report's unit name as written is looked up in a few rows; the answer is the whole list's."""
    table = lookup._provinces_by_name()
    key, _, _ = lookup.parse_name(name)
    whole = set(table.get((key, level), frozenset()))
    assert provinces_named(name, level) == whole
    assert lookup.province_of(name, level) == (next(iter(whole)) if len(whole) == 1 else None)
