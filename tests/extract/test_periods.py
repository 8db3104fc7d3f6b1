"""Periods in text, in the notation of the gold files, and which of them govern the figures after them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chitieu.extract import periods
from chitieu.extract.periods import a_year_before, find_periods, first_period, last_period, year_of_part


@pytest.mark.parametrize("text,expected", [
    ("6 tháng đầu năm 2024 tăng", "6T/2024"),
    ("trong 9 tháng năm 2024", "9T/2024"),
    ("tháng 8 và 8 tháng năm 2024", "8T/2024"),
    ("quý III/2024 tăng 7,53%", "Q3/2024"),
    ("quý 2 năm 2023", "Q2/2023"),
    ("tháng 10/2024", "T10/2024"),
    ("tháng 10 năm 2024", "T10/2024"),
    ("Tính đến hết ngày 31/7/2024", "7T/2024"),
    ("Sản lượng vụ mùa 2018 đạt", "vụ mùa 2018"),
    ("vụ Đông Xuân năm 2024 đạt", "vụ đông xuân 2024"),
    ("vụ đông xuân 2023 - 2024 ước", "vụ đông xuân 2023-2024"),
    ("vụ Thu - Mùa năm 2023 đạt", "vụ thu mùa 2023"),
    ("cây trồng vụ thu mùa năm 2023 đã", "vụ thu mùa 2023"),
    ("giai đoạn 2021 - 2025", "2021-2025"),
    ("đến năm 2030", "2030"),
])
def test_period_notation(text: str, expected: str) -> None:
    assert [m.value for m in find_periods(text)] == [expected]


def test_a_period_without_its_year_takes_the_documents() -> None:
    assert [m.value for m in find_periods("6 tháng đầu năm, tổng thu ngân sách", 2024)] == ["6T/2024"]
    assert [m.value for m in find_periods("quý I tăng 5%", 2025)] == ["Q1/2025"]
    assert find_periods("6 tháng đầu năm, tổng thu ngân sách") == []  # no year to complete it with


@pytest.mark.parametrize("text", [
    "tăng 3,1% so với cùng kỳ năm 2023",
    "(theo giá so sánh năm 2010) ước tăng",
    "(theo giá SS năm 2010) đạt 2.000,5 tỷ đồng",
    "đạt mức cao nhất kể từ đầu nhiệm kỳ 2020-2025, đạt",
    "tăng 15 thôn so với năm 2020",
    "Kỳ họp thứ 8 HĐND xã Ngọc Khê XX, nhiệm kỳ 2021-2026",
    "HĐND phường Thành Tâm khoá XII, nhiệm kỳ 2021 - 2026",
    "Hội đồng nhân dân xã Hồng Minh khóa 21, nhiệm kỳ 2016 - 2021",
])
def test_a_period_named_to_compare_with_does_not_govern(text: str) -> None:
    mentions = find_periods(text)
    assert mentions and not any(m.governs for m in mentions)
    assert last_period(mentions, 0, len(text)) is None


def test_the_opening_of_a_news_item_names_its_period() -> None:
    opening = " date 2024-07 GRDP (theo giá so sánh năm 2010) 6 tháng đầu năm tăng 8,16% so với cùng kỳ năm 2023"
    assert first_period(opening, 2024) == "6T/2024"


def test_a_place_name_is_no_comparison() -> None:
    # 'Cao Bằng' ends on 'Bằng', but the period after it is the figure's own ('bằng năm 2023' compares)
    mentions = find_periods("GRDP tỉnh Cao Bằng 6 tháng đầu năm 2024 tăng 4,5%")
    assert [(m.value, m.governs) for m in mentions] == [("6T/2024", True)]
    assert not find_periods("đạt 120 tỷ đồng, bằng năm 2023")[0].governs


@pytest.mark.parametrize(("text", "periods"), [
    ("Riêng trong tháng 9, toàn tỉnh đón 257 nghìn lượt khách", ["T9/2024"]),
    ("Thu ngân sách trên địa bàn tháng 10 ước đạt 420 tỷ đồng", ["T10/2024"]),
    ("tại phiên họp thường kỳ tháng 6 (lần 2), tổng thu đạt 12 tỷ đồng", []),  # a meeting's month
    ("Ngày 5 tháng 9 năm 2024, tổng thu đạt 12 tỷ đồng", []),  # a date
    ("Tháng Chín năm 2024, doanh thu bán lẻ tăng 18,27%", ["T9/2024"]),  # a month by its name
    ("Riêng tháng Giêng, thu ngân sách đạt 52 tỷ đồng", ["T1/2024"]),
    ("Thu ngân sách tháng Mười Hai ước đạt 40 tỷ đồng", ["T12/2024"]),
    ("Tháng 8, tổng mức bán lẻ hàng hóa ước đạt 7.900 tỷ đồng", ["T8/2024"]),  # opening its sentence
    ("Giá giảm. Tháng 9, thu ngân sách đạt 5 tỷ đồng", ["T9/2024"]),
])
def test_a_month_without_its_year_is_a_period_only_where_it_is_the_figures(text: str, periods: list[str]) -> None:
    assert [m.value for m in find_periods(text, 2024) if m.governs] == periods


def test_a_part_of_the_year_gives_its_year_and_any_other_period_stays() -> None:
    assert [year_of_part(p) for p in ("6T/2024", "T10/2024", "Q1/2024", "2024", "2020-2025", None)] == [
        "2024", "2024", "2024", "2024", "2020-2025", None]


@pytest.mark.parametrize(("text", "period"), [
    ("Kết thúc quý III-2021, toàn huyện gieo trồng 17.968,7 ha", "9T/2021"),
    ("Đến hết quý IV năm 2022, giải ngân đạt 95%", "2022"),
    ("Quý III/2021, chỉ số sản xuất tăng 5%", "Q3/2021"),
    ("Ước tính đến ngày 30-9, tổng diện tích gieo trồng là 77 ngàn ha", "9T/2024"),
    ("tính đến cuối tháng 5, tổng thu ngân sách đạt 524 tỷ đồng", "5T/2024"),
    ("tính đến đầu tháng 7/2019, thu ngân sách ước trên 464 tỉ đồng", "6T/2019"),
])
def test_the_months_to_the_end_of_a_quarter_or_a_day(text: str, period: str) -> None:
    assert [m.value for m in find_periods(text, 2024) if m.governs][:1] == [period]


@pytest.mark.parametrize(("text", "period"), [
    ("Ước 9 tháng, tốc độ tăng trưởng GRDP đạt 9,8%", "9T/2024"),
    ("tính chung 11 tháng tăng 8,94% so với cùng kỳ", "11T/2024"),
    ("chỉ số cộng dồn 9 tháng tăng 18,4%", "9T/2024"),
    ("Chỉ số sản xuất công nghiệp ước thực hiện 10 tháng tăng 8,08%", "10T/2024"),
    ("Chỉ số sản xuất công nghiệp 10 tháng tăng 8,08% so với cùng kỳ", "10T/2024"),
])
def test_months_to_date_after_the_words_that_sum_them(text: str, period: str) -> None:
    assert [m.value for m in find_periods(text, 2024) if m.governs] == [period]


@pytest.mark.parametrize("text", ["trẻ em dưới 6 tháng tuổi được tiêm 95%", "cho vay thời hạn 10 tháng, lãi 6%"])
def test_a_number_of_months_that_is_a_duration_is_no_period(text: str) -> None:
    assert find_periods(text, 2024) == []


def test_a_year_is_never_the_first_digits_of_a_larger_number() -> None:
    text = "Tổng diện tích gieo trồng 6 tháng đầu năm 19484 ha"  # no space between the period and the figure
    assert [m.value for m in find_periods(text, 2021)] == ["6T/2021"]


def test_a_winter_spring_season_without_its_years_is_the_one_harvested_in_the_year() -> None:
    assert [m.value for m in find_periods("lúa vụ Đông Xuân đạt 3.625 ha; vụ mùa 2.100 ha", 2022)] == [
        "vụ đông xuân 2021-2022", "vụ mùa 2022"]


def test_the_whole_of_last_year_is_no_period_of_the_figures() -> None:
    assert [m.value for m in find_periods("vượt tốc độ tăng trưởng của cả năm ngoái; cả năm đạt 8%", 2025)] == ["2025"]


def test_the_same_months_a_year_before() -> None:
    assert [a_year_before(p) for p in ("9T/2024", "2024", "T5/2024", "Q1/2024", "2020-2025", None)] == [
        "9T/2023", "2023", "T5/2023", "Q1/2023", "2020-2025", None]


@pytest.mark.parametrize(("text", "period"), [
    ("Một tháng đầu năm 2024 thu", "1T/2024"), ("hai tháng đầu năm 2024", "2T/2024"),
    ("Ba tháng đầu năm 2024", "3T/2024"), ("bốn tháng năm 2024", "4T/2024"), ("Sáu tháng năm 2024", "6T/2024"),
    ("bảy tháng năm 2024", "7T/2024"), ("Tám tháng năm 2024", "8T/2024"), ("chín tháng năm 2024", "9T/2024"),
    ("Mười tháng năm 2024", "10T/2024"), ("mười một tháng năm 2024", "11T/2024"),
    ("Lũy kế 10 tháng năm 2024", "10T/2024"), ("luỹ kế 5 tháng năm 2024", "5T/2024"),
    ("Sau 6 tháng năm 2024", "6T/2024"), ("TRONG 9 THÁNG NĂM 2024", "9T/2024"), ("vào tháng 3/2024", "T3/2024"),
    ("Cả năm ước đạt", "2024"), ("Hết năm 2023, toàn tỉnh", "2023"), ("Tính đến hết quý II/2024", "6T/2024"),
    ("Lúa vụ mùa 2023 đạt", "vụ mùa 2023"), ("Năm 2023 đạt", "2023"), ("QUÝ I/2024 tăng", "Q1/2024"),
    ("Tính đến hết tháng 9/2024", "9T/2024"), ("Đến ngày 30/6/2024", "6T/2024"),
    ("Cộng dồn 9 tháng tăng 18,4%", "9T/2024"), ("Tính chung 11 tháng tăng 8,94%", "11T/2024"),
    ("ƯỚC 9 THÁNG, tốc độ tăng trưởng đạt 9,8%", "9T/2024"),
])
def test_every_form_is_found_whatever_word_it_opens_on(text: str, period: str) -> None:
    # the scan skips a position unless one of the forms' opening words starts there (periods._OPENINGS)
    assert [m.value for m in find_periods(text, 2024) if m.governs][:1] == [period]


CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def test_the_openings_only_skip_positions_where_no_form_starts() -> None:
    # on every page of the corpus, the scan finds what it finds without the lookahead on the openings
    lines = [line for page in sorted(CORPUS.glob("*.txt")) for line in page.read_text(encoding="utf-8").splitlines()]
    for scan in (periods._ANY, periods._ANY_DIGITS):
        without = re.compile(scan.pattern.replace(periods._OPENINGS, "", 1), scan.flags)
        assert without.pattern != scan.pattern
        for line in lines:
            assert [m.span() for m in scan.finditer(line)] == [m.span() for m in without.finditer(line)], line


def test_a_crop_right_after_a_figure_is_what_it_counts_not_a_season_that_governs() -> None:
    mentions = find_periods("thu hoạch 12.848 ha lúa mùa, 143.920 tấn ngô; vụ mùa năm nay", 2024)
    assert [(m.value, m.governs) for m in mentions] == [("vụ mùa 2024", False), ("vụ mùa 2024", True)]


def test_a_year_something_began_in_is_not_named_as_the_texts_own() -> None:
    assert periods.years_named("đạt mức cao nhất từ năm 2019 đến nay; năm 2023 giao 24 chỉ tiêu") == [2023]


def test_months_a_title_names_before_what_comes_next_take_the_years_of_the_text() -> None:
    mentions = find_periods("Tình hình kinh tế - xã hội 9 tháng và nhiệm vụ trọng tâm quý IV năm 2016", 2016)
    assert [m.value for m in mentions] == ["9T/2016", "Q4/2016"]


def test_a_winter_crop_without_its_years_is_the_one_sown_in_the_second_half_of_the_year() -> None:
    assert [m.value for m in find_periods("vụ đông đạt 20.200 ha", 2022)] == ["vụ đông 2022-2023"]
    assert [m.value for m in find_periods("vụ đông đạt 249 ha", 2025, autumn=False)] == ["vụ đông 2024-2025"]
    assert [m.value for m in find_periods("vụ Đông năm 2023 đạt 249 ha", 2023)] == ["vụ đông 2023"]  # as printed
    assert (periods.in_first_half("6T/2024"), periods.in_first_half("Q3/2024"), periods.in_first_half("2024")) \
        == (True, False, False)


def test_a_seasons_name_may_be_spaced_as_printed() -> None:
    mentions = find_periods("ĐÁNH GIÁ KẾT QUẢ SẢN XUẤT VỤ CHIÊM  XUÂN 2021 - 2022")
    assert [m.value for m in mentions] == ["vụ chiêm xuân 2021-2022"]


def test_a_span_written_after_the_word_for_year_is_a_span() -> None:
    # 'năm 2013-2015' is the span, not the year 2013 and a number after it
    assert [m.value for m in find_periods("giai đoạn từ năm 2013-2015, kinh phí thực hiện trên 7,4 tỉ đồng")] == [
        "2013-2015"]
    assert [m.value for m in find_periods("trong năm 2013 - 2015 đạt 12 km")] == ["2013-2015"]
