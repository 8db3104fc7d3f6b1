from __future__ import annotations

import pytest

from chitieu.extract.pipeline import extract_document
from chitieu.extract.sentences import FactContext, extract_facts
from chitieu.extract.sums import REASON, settle_by_whole
from chitieu.read.text import read_text

CTX = FactContext(in_targets=False, period="2024", plan_period="2025")
WHOLE = "Tổng thu ngân sách trên địa bàn trong nhiệm kỳ đạt 101,525 tỷ đồng, vượt dự toán."


def _values(text: str, whole: str = WHOLE) -> list[tuple[float | None, str | None]]:
    parts = extract_facts(text, 2, CTX)
    settled = settle_by_whole(parts, extract_facts(whole, 1, CTX))
    return [(f.quantity.value, f.quantity.reason) for f in settled]


def test_parts_that_add_up_only_as_decimals_are_read_as_decimals() -> None:
    got = _values("Năm 2021 đạt 14.302 tỷ đồng; năm 2022 đạt 17.205 tỷ đồng; năm 2023 đạt 25.377 tỷ đồng; "
                  "năm 2024 ước đạt 25.041 tỷ đồng; năm 2025 ước đạt 19.600 tỷ đồng.")
    assert [v for v, _ in got] == pytest.approx([14.302, 17.205, 25.377, 25.041, 19.6])
    assert {r for _, r in got} == {REASON}


def test_parts_that_add_up_as_read_keep_the_vietnamese_reading() -> None:
    got = _values("Năm 2021 đạt 14.302 con; năm 2022 đạt 17.205 con.", "Tổng đàn đạt 31.507 con.")
    assert [v for v, _ in got] == [14302, 17205]
    assert {r for _, r in got} == {"thousands_by_style"}


def test_no_whole_in_the_same_unit_leaves_the_parts_alone() -> None:
    got = _values("Năm 2021 đạt 14.302 tấn; năm 2022 đạt 87.223 tấn.")
    assert [v for v, _ in got] == [14302, 87223]


def test_a_single_figure_is_not_a_sum() -> None:
    got = _values("Năm 2021 đạt 101.525 tỷ đồng.")
    assert [v for v, _ in got] == [101525]


def test_footnote_series_is_settled_against_the_paragraph_citing_it() -> None:
    text = ("Tổng thu ngân sách trên địa bàn trong nhiệm kỳ đạt 101,525 tỷ đồng([footnoteRef:9]) tăng 38,1% so với"
            " dự toán tỉnh giao. [9: Năm 2021 đạt 14.302 tỷ đồng; năm 2022 đạt 17.205 tỷ đồng; năm 2023 đạt"
            " 25.377 tỷ đồng; năm 2024 ước đạt 25.041 tỷ đồng; năm 2025 ước đạt 19.600 tỷ đồng]\n")
    facts = extract_document(read_text(text.encode(), "chu-thich.txt")).facts
    assert [f.quantity.value for f in facts] == pytest.approx([101.525, 14.302, 17.205, 25.377, 25.041, 19.6])
    # the other reading is kept, not thrown away
    assert facts[1].quantity.alternatives == (14302,)
