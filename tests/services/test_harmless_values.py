"""A new document's value that `_harmless` lets through changes no other document's finding: what the
incremental comparison of an ingest skips is exactly what a comparison from scratch leaves as it was."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.services.disagreements import _disagreements, _harmless
from chitieu.store.observations import PlacedValue

# (document, file name, value, line): few values and names, so that ends and file names tie, and values
# so far apart that distances to them round alike (1.0 and 1.5 seen from 1e16)
_rows = st.lists(st.tuples(st.integers(1, 5), st.sampled_from(["a.txt", "b.txt", "c.docx", "d.pdf"]),
                           st.sampled_from([1.0, 1.5, 2.0, 3.0, -1.0, 1e16, 1e16 + 2]), st.integers(1, 3)),
                 min_size=1, max_size=14)


def _placed(rows: list[tuple[int, str, float, int]], new_doc: int) -> tuple[list[PlacedValue], list[PlacedValue]]:
    """(the other documents' values, the new document's), each document with one file name."""
    names: dict[int, str] = {}
    values = [PlacedValue(doc, names.setdefault(doc, name), f"hash{doc}", "san_luong_luong_thuc", 1, "2024", False,
                          value, line, k) for k, (doc, name, value, line) in enumerate(rows)]
    return [v for v in values if v.document_id != new_doc], [v for v in values if v.document_id == new_doc]


def _in_order(values: list[PlacedValue]) -> list[PlacedValue]:
    return sorted(values, key=lambda v: (v.document_id, v.line, v.observation_id))


@settings(max_examples=3000)  # the cases that matter (a tie at an end, a rounded distance) are rare draws
@given(_rows, st.integers(1, 5))
def test_a_harmless_value_changes_no_other_documents_finding(rows: list[tuple[int, str, float, int]],
                                                             new_doc: int) -> None:
    kept, new = _placed(rows, new_doc)
    if not new or not all(_harmless(sorted(kept, key=lambda v: v.value), v) for v in new):
        return
    before = _disagreements(_in_order(kept))
    after = {k: v for k, v in _disagreements(_in_order(kept + new)).items() if k[0] != new_doc}
    assert after == before


def test_a_value_beyond_an_end_or_winning_a_tie_is_not_harmless() -> None:
    kept, _ = _placed([(1, "b.txt", 1.0, 1), (2, "c.docx", 1.0, 1), (3, "d.pdf", 3.0, 1), (4, "e.txt", 3.0, 1)], 0)
    assert _harmless(kept, _placed([(5, "f.txt", 2.0, 1)], 0)[0][0])
    assert _harmless(kept, _placed([(5, "f.txt", 3.0, 1)], 0)[0][0])  # two documents win the tie at the end
    assert not _harmless(kept, _placed([(5, "f.txt", 4.0, 1)], 0)[0][0])
    assert not _harmless(kept, _placed([(5, "a.txt", 3.0, 1)], 0)[0][0])
