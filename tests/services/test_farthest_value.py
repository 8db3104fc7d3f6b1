"""Across documents, each document's value is compared with the farthest other value (ties settled by
file name, content hash, line, value): found from the two ends of the values sorted, it must be the
one a scan of every other value finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chitieu.services.disagreements import _farthest
from chitieu.store.observations import PlacedValue

_values = st.lists(st.tuples(st.integers(1, 4), st.sampled_from(["a.txt", "b.txt", "c.docx"]),
                             st.sampled_from([0.0, 1.5, 2.0, 3.0, -1.0, 1e16, 1e16 + 2, 7.25]), st.integers(1, 3)),
                   min_size=1, max_size=12)


def _placed(rows: list[tuple[int, str, float, int]]) -> list[PlacedValue]:
    return [PlacedValue(doc, name, f"hash{doc}", "ind", 1, "2024", False, value, line, k)
            for k, (doc, name, value, line) in enumerate(rows)]


def _key(o: PlacedValue | None) -> tuple[float, str, str, int] | None:
    return None if o is None else (o.value, o.file_name, o.content_hash, o.line)


@given(_values, st.integers(1, 4), st.sampled_from([0.0, 2.0, 1e16 + 1, -3.0]))
def test_the_farthest_other_value_is_the_one_a_full_scan_finds(rows: list[tuple[int, str, float, int]], doc: int,
                                                               value: float) -> None:
    placed = _placed(rows)
    others = [o for o in placed if o.document_id != doc]
    expected = min(others, key=lambda o: (-abs(o.value - value), o.file_name, o.content_hash, o.line, o.value),
                   default=None)
    found = _farthest(sorted(placed, key=lambda o: o.value), doc, value)
    assert _key(found) == _key(expected)


def test_a_document_alone_at_a_place_has_no_rival() -> None:
    placed = _placed([(1, "a.txt", 5.0, 1), (1, "a.txt", 9.0, 2)])
    assert _farthest(placed, 1, 5.0) is None
    assert _farthest(placed, 2, 5.0) is not None
