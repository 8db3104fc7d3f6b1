from __future__ import annotations

import re

import pytest

from chitieu.domain.measure_units import UnitFamily, match_unit, normalize_unit, unit_family


@pytest.mark.parametrize(
    ("text", "unit", "family"),
    [
        ("17.501 tấn, đạt", "tấn", UnitFamily.MASS),
        ("26,34 triệu đồng/người/năm", "triệu đồng/người/năm", UnitFamily.MONEY),
        ("18,2%o so với", "‰", UnitFamily.PERMILLE),
        ("66,8%, đạt", "%", UnitFamily.PERCENT),
        ("3.163,2m² đất", "m²", UnitFamily.AREA),
        ("23.373 lượt người dân", "lượt người dân", UnitFamily.COUNT),
        ("12/14 xã, thị trấn", "xã, thị trấn", UnitFamily.COUNT),
        ("11 bác sỹ/vạn dân", "bác sỹ/vạn dân", UnitFamily.COUNT),
        ("24 chuyến/ngày", "chuyến/ngày", UnitFamily.COUNT),
        ("13 Phó Bí thư chi, đảng bộ", "người", UnitFamily.COUNT),  # posts count people
        ("01 TCĐ bị kỷ luật", "tổ chức đảng", UnitFamily.COUNT),
        ("189 tờ trình, 1930", "tờ trình", UnitFamily.COUNT),
    ],
)
def test_match_unit(text: str, unit: str, family: UnitFamily) -> None:
    m = re.match(r"[\d.,/]+", text)
    assert m is not None
    found = match_unit(text, m.end())
    assert found is not None
    assert found.text == unit
    assert found.unit.family is family


@pytest.mark.parametrize("text", ["5 tuổi", "12, 13 và", "2023 của"])
def test_no_unit(text: str) -> None:
    assert match_unit(text, text.index(" ")) is None


def test_normalize_unit() -> None:
    assert normalize_unit("%o") == "‰"
    assert normalize_unit("Tr. đồng") == "triệu đồng"
    assert unit_family("Tỷ đồng") is UnitFamily.MONEY


def test_scale_words_before_counting_nouns() -> None:
    from chitieu.domain.measure_units import conversion, unit_scale

    found = match_unit("2 vạn cây chè", 1)
    assert found is not None
    assert (found.text, found.factor) == ("cây", 1e4)
    assert match_unit("4 nghìn đồng", 1) is not None  # money keeps its own 'nghìn đồng'
    assert unit_scale("Nghìn cây") == 1e3
    assert conversion("nghìn cây", "cây") == 1e3


def test_trieu_before_a_counting_noun_is_part_of_the_unit() -> None:
    from chitieu.domain.measure_units import unit_scale

    found = match_unit("7,2 triệu viên/năm gạch", 3)
    assert found is not None
    assert (found.text, found.factor, found.unit.family) == ("triệu viên/năm", 1.0, UnitFamily.COUNT)
    assert unit_scale("Triệu viên") == 1e6
    money = match_unit("50 triệu cho mỗi hộ", 2)
    assert money is not None and money.unit.family is UnitFamily.MONEY  # a bare 'triệu' is money


def test_scale_word_before_a_measure_scales_the_unit() -> None:
    from chitieu.domain.measure_units import conversion, unit_scale

    found = match_unit("33,3 nghìn ha, giảm 1,6%", 4)
    assert found is not None
    assert (found.text, found.factor, found.unit.family) == ("nghìn ha", 1.0, UnitFamily.AREA)
    assert unit_scale("vạn tấn") == 1e7 and conversion("nghìn ha", "ha") == 1e3
    spelled = match_unit("38 ngàn hécta", 2)
    assert spelled is not None and unit_scale(spelled.text) == 1e7
