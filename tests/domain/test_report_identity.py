"""Two reports are the same when most of the smaller one's figures are in the other: as sets of figures
tagged by occurrence (how an ingest compares a report with a unit's many), exactly as multisets."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from chitieu.domain.report_identity import SAME_SHARE, figure_set, same_figures

_figures = st.lists(st.sampled_from(["1|row", "2|row", "17501|actual", "3.5|target", "40|plan"]), max_size=30)


@given(_figures, _figures)
def test_sets_of_figures_meet_as_the_multisets_do(mine: list[str], theirs: list[str]) -> None:
    a, b = Counter(mine), Counter(theirs)
    smaller = min(len(mine), len(theirs))
    assert len(figure_set(mine) & figure_set(theirs)) == sum((a & b).values())
    assert same_figures(figure_set(mine), figure_set(theirs)) == (
        smaller > 0 and sum((a & b).values()) >= SAME_SHARE * smaller)
