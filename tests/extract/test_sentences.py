from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.domain.extraction import Op, PctBasis, Role
from chitieu.extract.sentences import FactContext, extract_facts

RESULTS = FactContext(in_targets=False, period="2023", plan_period="2024")
TARGETS = FactContext(in_targets=True, period="2023", plan_period="2024")


def facts(text: str, ctx: FactContext = RESULTS) -> list[tuple[float | None, str | None, str]]:
    return [(f.quantity.value, f.unit, f.quantity.op.value) for f in extract_facts(text, 1, ctx)]


def test_figure_with_its_percentage_of_plan() -> None:
    [f] = extract_facts("tổng sản lượng lương thực có hạt ước thực hiện được 17.501 tấn, đạt 99,4% kế hoạch.",
                        32, RESULTS)
    assert f.quantity.value == 17501
    assert f.unit == "tấn"
    assert f.pct == pytest.approx(99.4)
    assert f.pct_basis is PctBasis.KE_HOACH
    assert f.role is Role.ACTUAL
    assert f.line == 32
    assert "17.501 tấn" in f.quote


def test_percentage_after_a_noun_phrase_belongs_to_the_figure_before_it() -> None:
    [f] = extract_facts("88,1% số khu dân cư đạt tiêu chuẩn văn hóa đạt 102,4% Nghị quyết", 1, RESULTS)
    assert (f.quantity.value, f.pct, f.pct_basis) == (88.1, 102.4, PctBasis.NGHI_QUYET)


def test_rate_change_is_its_own_figure() -> None:
    got = facts("tỷ lệ hộ dân dùng điện là 92%, tăng 2,2% so với năm 2022, vượt 6,5% kế hoạch")
    assert got == [(92, "%", "="), (2.2, "%", "=")]


def test_count_change_against_last_year_is_the_percentage() -> None:
    [f] = extract_facts("đã khám chữa bệnh cho 74.995 lượt bệnh nhân (tăng 2% so với cùng kỳ năm 2022)", 1, RESULTS)
    assert (f.quantity.value, f.pct, f.pct_basis) == (74995, 2, PctBasis.CUNG_KY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Căn cứ Quy chế số 09-QC/HU, ngày 01/7/2022 của BCH Đảng bộ huyện", []),
        ("theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 6 năm 2023 của UBND tỉnh", []),
        ("sửa chữa đoạn Km 12+300 đến Km 15+200 tuyến đường tỉnh 127", []),
        ("kỷ niệm 70 năm chiến thắng Điện Biên Phủ, Chương trình 135, Nghị quyết 28-NQ/TW", []),
        ("hội nghị thường kỳ lần thứ 12, 13 và 04 hội nghị đột xuất", [(4, "hội nghị", "=")]),
        ("trẻ em dưới 5 tuổi suy dinh dưỡng dưới 14,5%", [(14.5, "%", "<")]),
        ("thu ngân sách trên 69 tỷ đồng", [(69, "tỷ đồng", ">=")]),
        ("duy trì 98,5% dân số đô thị được sử dụng nước sạch", [(98.5, "%", "maintain")]),
        ("phấn đấu tốc độ tăng trưởng đàn gia súc đạt 5-6%/năm", [(None, "%/năm", "range")]),
        ("tổng thiệt hại ước khoảng 36,407 tỷ đồng", [(36.407, "tỷ đồng", "approx")]),
        ("tỷ lệ tăng dân số tự nhiên là 18,2%o", [(18.2, "‰", "=")]),
        ("thực hiện 47 triệu đồng trở lên", [(47, "triệu đồng", ">=")]),
    ],
)
def test_comparators_units_and_non_values(text: str, expected: list[tuple[float | None, str, str]]) -> None:
    assert facts(text) == expected


def test_ratio_keeps_its_denominator() -> None:
    [f] = extract_facts("có 97/110 bản, khu phố có nhà văn hóa", 1, RESULTS)
    assert (f.quantity.value, f.denominator, f.unit) == (97, 110, "bản, khu phố")


def test_targets_section_gives_targets_for_the_plan_period() -> None:
    [f] = extract_facts("Tỷ lệ che phủ rừng đạt 68,5%", 1, TARGETS)
    assert f.role is Role.TARGET
    assert f.period == "2024"


def test_range_of_counts() -> None:
    [f] = extract_facts("thu hút từ 1-2 doanh nghiệp", 1, TARGETS)
    assert (f.quantity.op, f.quantity.low, f.quantity.high) == (Op.RANGE, 1, 2)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,%/- trênduớikhoảngtấnhaxã‰;:()đạt")), max_size=120))
def test_extract_facts_never_raises(text: str) -> None:
    extract_facts(text, 1, RESULTS)


@given(st.text(max_size=200))
def test_extract_facts_never_raises_on_any_text(text: str) -> None:
    extract_facts(text, 1, TARGETS)


def test_breakdown_inherits_the_role_of_what_it_splits() -> None:
    got = extract_facts("Tổng kế hoạch vốn năm 2022 là 210 tỷ đồng (trong đó: Vốn NSTW là 60 tỷ đồng; "
                        "vốn NSDP là 65 tỷ đồng).", 1, RESULTS)
    assert [(f.quantity.value, f.role) for f in got] == [(210, Role.PLAN), (60, Role.PLAN), (65, Role.PLAN)]


def test_disbursement_is_a_result_even_next_to_the_word_plan() -> None:
    [f] = extract_facts("giải ngân đạt 40,701 tỷ đồng, đạt 100% kế hoạch vốn", 1, RESULTS)
    assert (f.role, f.pct, f.pct_basis) == (Role.ACTUAL, 100, PctBasis.KE_HOACH)


def test_past_years_in_a_targets_part_are_results() -> None:
    got = extract_facts("Số lao động được tạo việc làm: năm 2020: 132 lao động; năm 2021: 140 lao động", 1,
                        TARGETS)
    assert [(f.quantity.value, f.role, f.period) for f in got] == [(132, Role.ACTUAL, "2020"),
                                                                  (140, Role.ACTUAL, "2021")]


def test_units_glued_to_numbers_and_people_counted_as_persons() -> None:
    assert facts("diện tích 2.015m² cây thuốc phiện, hỗ trợ 8.000.000đ cho hộ") == [
        (2015, "m²", "="), (8000000, "đồng", "=")]
    assert facts("tuyển dụng 133 công chức, viên chức") == [(133, "người", "=")]


def _named(text: str) -> list[tuple[float | None, str]]:
    return [(f.quantity.value, f.indicator) for f in extract_facts(text, 1, RESULTS)]


def test_figure_without_a_name_continues_the_indicator_before_it() -> None:
    found = extract_facts("Tổng thu trên địa bàn giai đoạn 2020 - 2025 ước đạt 192 tỷ đồng, riêng năm 2025 ước đạt "
                          "22,5 tỷ đồng.", 1, RESULTS)
    assert [f.indicator for f in found][-1] == found[0].indicator


def test_in_a_figure_first_list_each_figure_is_named_by_the_words_after_it() -> None:
    names = _named("Hằng năm có 75% hộ gia đình, 30% thôn, bản, tổ dân phố, 95% cơ quan, đơn vị đạt danh hiệu văn "
                   "hóa.")
    assert names[1:] == [(30.0, "thôn, bản, tổ dân phố"), (95.0, "cơ quan, đơn vị đạt danh hiệu văn hóa")]


def test_a_change_from_one_level_to_another_with_the_years_after_the_figures() -> None:
    found = extract_facts("Tỷ lệ hộ nghèo đa chiều giảm từ 47,4% năm 2020 xuống còn 21,3% năm 2025.", 1, RESULTS)
    assert [(f.quantity.value, f.quantity.op, f.period) for f in found] == [(47.4, Op.EQ, "2020"),
                                                                           (21.3, Op.EQ, "2025")]


def test_paired_counts_after_a_slash_are_two_figures() -> None:
    got = extract_facts("Phát hiện, bắt 120 vụ/150 đối tượng phạm tội về ma túy.", 1, RESULTS)
    assert [(f.quantity.value, f.unit) for f in got] == [(120, "vụ"), (150, "đối tượng")]


def test_same_unit_after_a_slash_is_the_total_of_the_figure_before() -> None:
    [f] = extract_facts("Đến nay có 128,3km/365,8km đường nội bản được cứng hóa.", 1, RESULTS)
    assert (f.quantity.value, f.unit, f.denominator) == (128.3, "km", 365.8)


def test_rate_per_one_and_dates_after_a_slash_are_not_figures() -> None:
    got = extract_facts("Có 12 cơ sở chăn nuôi quy mô trên 15 con/1 cơ sở đến tháng 6/2023.", 1, RESULTS)
    assert [(f.quantity.value, f.unit) for f in got] == [(12, "cơ sở"), (15, "con")]


def test_scale_word_before_a_counting_noun_multiplies_the_value() -> None:
    got = extract_facts("Dân số trên 5,8 vạn người; trồng mới 89,6 nghìn cây chè.", 1, RESULTS)
    assert [(f.quantity.value, f.unit) for f in got] == [(58000, "người"), (89600, "cây")]


def test_target_without_a_period_is_for_the_end_of_the_plan_or_over_all_of_it() -> None:
    plan = FactContext(in_targets=True, period="2020-2025", plan_period="2025-2030")
    level, yearly, added = (extract_facts(text, 1, plan)[0] for text in (
        "Nâng độ che phủ rừng đạt 36,3%.",
        "Tổng đàn gia súc hằng năm tăng 2,5%/năm.",
        "Thực hiện trồng mới 1.185 ha cà phê."))
    assert (level.period, yearly.period, added.period) == ("2030", "2025-2030", "2025-2030")


@pytest.mark.parametrize("text", [
    "Nhiệm kỳ 2020 - 2025 tỷ lệ hộ nghèo giảm mạnh.",  # a span of years, and 'tỷ lệ' is no money
    "Kế hoạch đầu tư công giai đoạn 2026 - 2030 huyện đã trình.",
    "Lập quy hoạch chi tiết tỉ lệ 1/500 Khu trung tâm.",  # the scale of a plan
    "Giá trị sản xuất đến tháng 6/2023, tỷ lệ 45% so cùng kỳ.",  # a month, not a count over a total
    "Báo cáo (13-14 trang) trình Đại hội.",  # a draft's page count
    "Kết quả thực hiện kế hoạch 06 tháng đầu năm 2024 và 9 tháng năm 2024.",  # parts of a year
])
def test_periods_scales_and_page_counts_are_not_figures(text: str) -> None:
    assert [f.quantity for f in extract_facts(text, 1, RESULTS) if f.unit != "%"] == []


def test_bare_percentage_after_a_short_noun_tail_belongs_to_the_figure() -> None:
    [f] = extract_facts("Tổ chức hội nghị với 885/942 lượt người tham dự, đạt 94% và giao chỉ tiêu.", 1, RESULTS)
    assert (f.quantity.value, f.denominator, f.pct) == (885, 942, 94)
    # a percentage after a longer clause is a figure of its own
    got = extract_facts("Có 8 xã, trong đó số hộ dùng nước sạch trên địa bàn đạt 66,7%.", 1, RESULTS)
    assert [(f.quantity.value, f.pct) for f in got] == [(8, None), (66.7, None)]


def test_items_after_a_semicolon_share_the_lead_in_of_their_sentence() -> None:
    text = ("Năm 2024, huyện phấn đấu tốc độ tăng trưởng kinh tế đạt trên 8%; thu nhập bình quân đầu người "
            "đạt 42 triệu đồng/người/năm; giảm tỷ lệ hộ nghèo từ 3-4%.")
    got = extract_facts(text, 1, FactContext(in_targets=False, period="2023", plan_period=None))
    assert [(f.role, f.period) for f in got] == [(Role.TARGET, "2024")] * 3
    # a programme's name is not a target word
    [f] = extract_facts("Thực hiện các chương trình mục tiêu quốc gia, giải ngân đạt 95%.", 1, RESULTS)
    assert f.role is Role.ACTUAL


def test_a_count_after_a_verb_is_named_by_its_noun() -> None:
    [f] = extract_facts("Thu hút 03 nhà đầu tư trồng rừng tập trung, giải quyết việc làm.", 1, RESULTS)
    assert f.indicator == "Số nhà đầu tư trồng rừng tập trung thu hút"
    [g] = extract_facts("Tổng số lớp học là 22 lớp.", 1, RESULTS)
    assert g.indicator == "Tổng số lớp học"  # a name that opens with its measure is kept


def test_a_percentage_with_a_subject_of_its_own_is_its_own_figure() -> None:
    text = ("Giải ngân năm 2023 là 118.125 triệu đồng, bằng 49,67% kế hoạch (vốn đầu tư đạt 73,37% kế hoạch, "
            "vốn sự nghiệp đạt 17,94% kế hoạch); giải ngân 34.683 triệu đồng, giải ngân đạt 100% kế hoạch vốn.")
    got = [(f.quantity.value, f.pct) for f in extract_facts(text, 1, RESULTS)]
    assert got == [(118125, 49.67), (73.37, 73.37), (17.94, 17.94), (34683, 100)]


def test_a_count_in_another_unit_is_no_comparison_of_the_one_before() -> None:
    got = extract_facts("Bắt 120 vụ (tăng 22 vụ, 19 đối tượng so với cùng kỳ năm 2022).", 1, RESULTS)
    assert [(f.quantity.value, f.unit) for f in got] == [(120, "vụ"), (22, "vụ"), (19, "đối tượng")]


@pytest.mark.parametrize("text,pct,basis", [
    ("Tổng thu ngân sách ước đạt 9.300 tỷ đồng, tăng 6%.", 6, PctBasis.CUNG_KY),
    ("Tổng mức bán lẻ hàng hóa ước đạt hơn 34.000 tỷ đồng, tăng 21%. Toàn tỉnh", 21, PctBasis.CUNG_KY),
    ("Số xã đạt chuẩn nông thôn mới là 86 xã, chiếm 57,33%;", 57.33, None),
])
def test_a_bare_percentage_after_an_amount_qualifies_it(text: str, pct: float, basis: PctBasis | None) -> None:
    [f] = extract_facts(text, 1, RESULTS)
    assert (f.pct, f.pct_basis) == (pytest.approx(pct), basis)


def test_a_rate_after_a_rate_is_still_its_own_figure() -> None:
    assert facts("tỷ lệ hộ nghèo còn 4,12%, giảm 0,85%.") == [(4.12, "%", "="), (0.85, "%", "=")]


def test_a_level_in_an_end_of_term_report_is_as_of_its_year_and_an_amount_over_the_term() -> None:
    ctx = FactContext(in_targets=False, period="2020-2025", plan_period="2025-2030", as_of="2024")
    rate, amount = extract_facts("tỷ lệ văn bản điện tử có ký số đạt trên 95%; đã quyên góp gần 45 tỷ đồng", 1, ctx)
    assert (rate.period, amount.period) == ("2024", "2020-2025")


def test_a_rank_is_a_figure() -> None:
    [f] = extract_facts("Tăng trưởng kinh tế 6 tháng đầu năm 2024 đứng thứ 7 cả nước.", 1, RESULTS)
    assert (f.quantity.value, f.unit) == (7, "thứ hạng")
    assert f.indicator.startswith("Thứ hạng Tăng trưởng kinh tế")
    assert extract_facts("Kỳ họp thứ 7 HĐND huyện khóa XXI.", 1, RESULTS) == []


@pytest.mark.parametrize("text,pairs", [
    ("Tổng thu ước thực hiện 259.765/286.000 triệu đồng.", [(259765, Role.ACTUAL), (286000, Role.PLAN)]),
    ("diện tích lúa đạt 61,5/60 ha.", [(61.5, Role.ACTUAL), (60, Role.PLAN)]),
    ("đã giảm 121/246 hộ nghèo, bằng 49% kế hoạch năm.", [(121, Role.ACTUAL), (246, Role.PLAN)]),
    ("có 12/14 xã đạt chuẩn nông thôn mới.", [(12, Role.ACTUAL)]),
    ("đạt 80/80 chỉ tiêu, đạt và vượt kế hoạch.", [(80, Role.ACTUAL)]),
])
def test_a_result_over_its_plan_is_two_facts_a_part_of_a_whole_one(text: str, pairs: list[tuple[float, Role]]) -> None:
    assert [(f.quantity.value, f.role) for f in extract_facts(text, 1, RESULTS)] == pairs


@pytest.mark.parametrize("text", ["Năng suất lao động ước tăng 8,1% (KH 8-9%).",
                                  "GRDP bình quân đầu người 3.500 USD (chỉ tiêu Nghị quyết là 3.320 USD)."])
def test_a_goal_in_brackets_after_a_result(text: str) -> None:
    assert [f.role for f in extract_facts(text, 1, RESULTS)] == [Role.ACTUAL, Role.TARGET]


@pytest.mark.parametrize("text,pct", [
    ("Tổng thu 493 tỷ đồng (tương đương gần 39,3% kế hoạch, tăng 4,13% so với cùng kỳ năm 2023).", 39.3),
    ("sản lượng 8.300 tấn, tăng 7,14% so với năm trước.", 7.14),
    ("cây hàng năm 80.464,3 ha, chiếm 23,99% tổng diện tích gieo trồng.", 23.99),
])
def test_percentages_written_other_ways_qualify_the_amount(text: str, pct: float) -> None:
    [f] = extract_facts(text, 1, RESULTS)
    assert f.pct == pytest.approx(pct)


def test_a_part_of_the_year_is_no_figure() -> None:
    assert extract_facts("Tình hình kinh tế - xã hội 6 tháng, trong 9 tháng qua", 1, RESULTS) == []


def test_a_paragraph_that_opens_on_its_goals_lists_goals_in_the_sentences_after() -> None:
    text = ("Về kinh tế: Phấn đấu tốc độ tăng trưởng bình quân giai đoạn 2026-2030 đạt 12%/năm. "
            "Tỷ trọng công nghiệp chế biến trong GRDP đạt trên 18%. GRDP bình quân đầu người đạt 20.000 USD.")
    assert [f.role for f in extract_facts(text, 1, RESULTS)] == [Role.TARGET] * 3
    done = "Phấn đấu trồng 500 ha rừng. Kết quả đã trồng được 527 ha."
    assert [f.role for f in extract_facts(done, 1, RESULTS)] == [Role.TARGET, Role.ACTUAL]


def test_a_paragraph_that_opens_on_a_part_of_the_year_gives_it_to_all_its_figures() -> None:
    text = ("Trong 9 tháng đầu năm 2024, Bắc Ninh duy trì vị trí dẫn đầu cả nước về thu hút vốn đầu tư trực "
            "tiếp nước ngoài với tổng số vốn đăng ký hơn 4,5 tỷ USD. Cụ thể, tỉnh cấp mới 339 dự án, tăng 1,3 lần "
            "so với cùng kỳ năm trước, với tổng vốn 1,568 tỷ USD, tăng 1,8 lần. Đã có 147 dự án điều chỉnh vốn, "
            "với tổng vốn tăng thêm 2.000 triệu USD, và các nhà đầu tư góp vốn mua cổ phần với giá trị 313 triệu USD.")
    facts = extract_facts(text, 1, FactContext(False, "2024", None))
    assert {f.period for f in facts} == {"9T/2024"}


def test_a_crop_season_that_opens_a_paragraph_governs_its_crops_not_its_herds() -> None:
    text = ("Vụ xuân năm 2024, toàn xã gieo cấy được 177 ha lúa, năng suất bình quân đạt 60 tạ/ha. "
            "Tổng đàn trâu, bò có 1.095 con, tổng đàn lợn 1.450 con.")
    facts = extract_facts(text, 1, FactContext(False, "6T/2024", None))
    assert [(f.quantity.value, f.period) for f in facts] == [
        (177, "vụ xuân 2024"), (60, "vụ xuân 2024"), (1095, "6T/2024"), (1450, "6T/2024")]


def test_a_second_percentage_right_after_the_first_qualifies_the_same_figure() -> None:
    text = "Sản lượng lúa 998.512 tấn, đạt 86,83% kế hoạch, tăng 6,49%; sản lượng muối 76.438 tấn."
    facts = extract_facts(text, 1, FactContext(False, "9T/2024", None))
    assert [(f.quantity.value, f.pct) for f in facts] == [(998512, 86.83), (76438, None)]


def test_in_a_report_on_part_of_the_year_the_plan_measured_against_is_the_years() -> None:
    half = FactContext(in_targets=False, period="6T/2023", plan_period="2023")
    text = "Trong 6 tháng đầu năm, tổng chi ngân sách là 225.922/456.006 triệu đồng."
    found = [(f.quantity.value, f.role, f.period) for f in extract_facts(text, 1, half)]
    assert found == [(225922, Role.ACTUAL, "6T/2023"), (456006, Role.PLAN, "2023")]


def test_a_figure_said_to_stand_now_is_for_the_reports_own_period() -> None:
    text = "Năm 2015 bình quân đạt 9 tiêu chí/xã, đến nay là 12,6 tiêu chí/xã."
    found = [(f.quantity.value, f.period) for f in extract_facts(text, 1, RESULTS)]
    assert found == [(9, "2015"), (12.6, "2023")]


def test_a_list_of_goals_announced_inside_a_paragraph_runs_on_after_its_colon() -> None:
    text = ("Năm 2025 xã đã thực hiện đạt và vượt 19/19 chỉ tiêu. Năm 2026 xã tiếp tục đề ra các chỉ tiêu như: "
            "tổng giá trị sản phẩm tăng trên 12%/năm; tổng thu ngân sách tăng trên 10%; tỷ lệ thu gom chất thải "
            "đạt trên 98%. Kết quả năm 2025, thu ngân sách đạt 45 tỷ đồng.")
    found = [(f.quantity.value, f.role) for f in extract_facts(text, 1, RESULTS)]
    assert found == [(19, Role.ACTUAL), (12, Role.TARGET), (10, Role.TARGET), (98, Role.TARGET), (45, Role.ACTUAL)]


def test_a_plan_written_after_a_slash_and_its_name_is_a_plan() -> None:
    text = "Tổng sản lượng lương thực 50.754 tấn/KH 52.663 tấn, đạt 96,38% KH; đàn bò 16.133 con/KH 16.200-16.500 con."
    found = [(f.quantity.value, f.quantity.low, f.role) for f in extract_facts(text, 1, RESULTS)]
    assert found == [(50754, None, Role.ACTUAL), (52663, None, Role.PLAN), (16133, None, Role.ACTUAL),
                     (None, 16200, Role.PLAN)]


@pytest.mark.parametrize("text", [
    "Tổng mức bán lẻ hàng hóa 9 tháng tăng 19,86% so với cùng kỳ năm trước.",
    "Kim ngạch xuất nhập khẩu 6 tháng ước tăng 13,19% so với cùng kỳ.",
])
def test_the_months_of_a_period_are_no_figure_and_its_growth_is(text: str) -> None:
    half = FactContext(in_targets=False, period="9T/2023", plan_period="2023")
    [fact] = extract_facts(text, 1, half)
    assert fact.unit == "%" and fact.quantity.value in (19.86, 13.19)


def test_a_duration_in_months_is_still_a_figure() -> None:
    [fact] = extract_facts("Thời gian thi công kéo dài 18 tháng để hoàn thành công trình.", 1, RESULTS)
    assert (fact.quantity.value, fact.unit) == (18, "tháng")


@pytest.mark.parametrize(("text", "amount", "unit"), [
    ("Thu ngân sách năm 2025 ước đạt 40 tỷ 300 triệu đồng, đạt 106,7% chỉ tiêu.", 40.3, "tỷ đồng"),
    ("Được giao chỉ tiêu thu ngân sách là 147 triệu 700 nghìn đồng.", 147.7, "triệu đồng"),
    ("Tổng vốn 12 tỉ 35 triệu đồng.", 12.035, "tỷ đồng"),
])
def test_an_amount_written_in_two_parts_is_one_figure(text: str, amount: float, unit: str) -> None:
    [fact] = extract_facts(text, 1, RESULTS)
    assert (fact.quantity.value, fact.unit) == (pytest.approx(amount), unit)


def test_a_signed_change_in_brackets_is_a_figure() -> None:
    text = "Sản lượng lúa đạt 14.500 tấn, tăng 1,8% (+265,5 tấn); diện tích giảm 2,0% (-608,1 ha)."
    found = [(f.quantity.value, f.unit) for f in extract_facts(text, 1, RESULTS)]
    assert (265.5, "tấn") in found and (608.1, "ha") in found
    assert [(f.quantity.value, f.quantity.high) for f in extract_facts("Năng suất 5-6 tấn/ha.", 1, RESULTS)] == [
        (None, 6)]  # the end of a range is no signed figure


def test_an_item_that_only_compares_qualifies_the_amount_of_the_item_before() -> None:
    half = FactContext(in_targets=False, period="6T/2023", plan_period="2023")
    text = ("Tổng mức bán lẻ ước đạt 36.150 tỷ đồng; thực hiện 48,62% kế hoạch năm. "
            "Thu ngân sách đạt 1.532,8 tỷ đồng (so với cùng kỳ giảm 2,1%); đạt 82,1% KH TW giao.")
    found = [(f.quantity.value, f.unit, f.pct) for f in extract_facts(text, 1, half)]
    assert (36150, "tỷ đồng", 48.62) in found and (1532.8, "tỷ đồng", 82.1) in found
    assert not any(value in (48.62, 82.1) for value, _, _ in found)


def test_a_figure_in_brackets_of_the_same_period_last_year_is_for_that_period() -> None:
    ctx = FactContext(in_targets=False, period="9T/2024", plan_period="2024")
    got = [(f.quantity.value, f.period) for f in extract_facts(
        "Chỉ số sản xuất công nghiệp 9 tháng tăng 5,2% (cùng kỳ tăng 4,2%).", 1, ctx)]
    assert got == [(5.2, "9T/2024"), (4.2, "9T/2023")]


@pytest.mark.parametrize(("text", "role"), [
    ("Dự toán chi ngân sách địa phương cả năm 2025 là hơn 318,6 tỷ đồng.", Role.PLAN),
    ("Cụ thể, dự toán thu ngân sách cả năm 2025 được thống nhất ở mức 30,2 tỷ đồng.", Role.PLAN),
    ("Thu ngân sách đạt 30,2 tỷ đồng, bằng 80% dự toán.", Role.ACTUAL),
    ("So với dự toán, thu ngân sách ước đạt 30,2 tỷ đồng.", Role.ACTUAL),
])
def test_the_sums_of_a_budget_named_as_the_subject_are_plans(text: str, role: Role) -> None:
    [f] = extract_facts(text, 1, FactContext(in_targets=False, period="6T/2025", plan_period="2025"))
    assert f.role is role


def test_the_sentences_after_goals_are_set_list_them_until_one_says_what_was_done() -> None:
    text = ("Đảng bộ xã nhiệm kỳ 2025-2030 đặt mục tiêu đến năm 2030, thu ngân sách đạt trên 20 tỷ đồng. "
            "Thu nhập bình quân đầu người đạt trên 58 triệu đồng/năm. Năm 2025, xã đã đạt 45 triệu đồng/người.")
    got = [(f.quantity.value, f.role) for f in extract_facts(text, 1, RESULTS)]
    assert got == [(20, Role.TARGET), (58, Role.TARGET), (45, Role.ACTUAL)]


@pytest.mark.parametrize(("opening", "role"), [
    ("Năm 2020, thị trấn thực hiện đạt và vượt kế hoạch 14/16 chỉ tiêu chủ yếu.", Role.ACTUAL),
    ("Tỉnh đã hoàn thành và vượt 17/17 chỉ tiêu chủ yếu.", Role.ACTUAL),
    ("Đại hội thông qua Chương trình hành động thực hiện Nghị quyết với các chỉ tiêu cụ thể.", Role.TARGET),
    ("Trên cơ sở kết quả đạt được, năm 2026 xã đề ra các chỉ tiêu chủ yếu.", Role.TARGET),
])
def test_goals_named_as_reached_are_not_set(opening: str, role: Role) -> None:
    text = opening + " Thu nhập bình quân đầu người đạt 63 triệu đồng."
    assert [(f.quantity.value, f.role) for f in extract_facts(text, 1, RESULTS)][-1] == (63, role)


def test_an_estimate_in_a_review_up_to_a_cut_off_date_is_for_the_year_of_the_review() -> None:
    ctx = FactContext(in_targets=False, period="2020-6/2023", plan_period="2023-2025", as_of="2020-6/2023")
    got = [(f.quantity.value, f.period) for f in extract_facts(
        "Thu ngân sách trên địa bàn ước đạt 43,6 tỷ đồng. Kết nạp 120 đảng viên mới.", 1, ctx)]
    assert got == [(43.6, "2023"), (120, "2020-6/2023")]


@pytest.mark.parametrize(("text", "expected"), [
    ("toàn tỉnh có 160 trong tổng số 178 xã được công nhận đạt chuẩn", (160, "xã")),
    ("Hiện toàn xã có 8/10 xóm đạt Làng văn hóa", (8, "xóm")),
])
def test_a_count_over_a_total_is_its_count(text: str, expected: tuple[float, str]) -> None:
    assert facts(text)[0][:2] == expected


@pytest.mark.parametrize(("text", "role"), [
    ("Các chỉ tiêu kinh tế-xã hội chủ yếu năm 2024 là: tổng giá trị sản xuất đạt 8.962,72 tỷ đồng.", Role.TARGET),
    ("Một số chỉ tiêu cụ thể như: huy động vốn đầu tư phát triển 5 năm đạt hơn 1.500 tỷ đồng.", Role.TARGET),
    ("Kết quả thực hiện một số chỉ tiêu cụ thể như: huy động vốn đầu tư đạt 1.500 tỷ đồng.", Role.ACTUAL),
    ("Các chỉ tiêu kinh tế - xã hội năm 2025 1. Tổng thu ngân sách đạt 120 tỷ đồng.", Role.TARGET),
])
def test_an_announced_list_of_targets_unless_it_is_of_their_results(text: str, role: Role) -> None:
    assert [f.role for f in extract_facts(text, 1, RESULTS)] == [role]


def test_a_goal_measured_against_its_goal_is_what_was_reached() -> None:
    text = "Mục tiêu: tổng thu ngân sách trên địa bàn đạt 7,9 tỷ đồng, vượt 12% mục tiêu đề ra."
    [f] = extract_facts(text, 1, RESULTS)
    assert (f.quantity.value, f.role, f.pct_basis) == (7.9, Role.ACTUAL, PctBasis.NGHI_QUYET)


def test_a_rate_that_is_itself_the_share_of_its_goal_stays_a_goal() -> None:
    ctx = FactContext(in_targets=True, period="2020-2025", plan_period="2025-2030")
    [f] = extract_facts("Tuyển chọn, gọi công dân nhập ngũ hằng năm đạt 100% chỉ tiêu.", 1, ctx)
    assert (f.quantity.value, f.role) == (100, Role.TARGET)


def test_money_approved_or_assigned_is_a_plan() -> None:
    got = extract_facts("HĐND huyện phê duyệt bổ sung 4 công trình với tổng kinh phí hơn 14,7 tỷ đồng; giao cho các "
                        "xã 220 tỷ đồng.", 1, RESULTS)
    assert [(f.quantity.value, f.role) for f in got if f.unit == "tỷ đồng"] == [(14.7, Role.PLAN), (220, Role.PLAN)]


def test_a_list_of_goals_set_for_a_year_even_after_the_word_carry_out() -> None:
    got = extract_facts("Kỳ họp xác định nhiệm vụ thực hiện trong năm 2024 với các chỉ tiêu cơ bản, trong đó: giá trị "
                        "sản xuất nông nghiệp tăng 4,0%; sản xuất công nghiệp tăng 8,8%.", 1, RESULTS)
    assert [(f.quantity.value, f.role) for f in got] == [(4.0, Role.TARGET), (8.8, Role.TARGET)]


def test_an_amount_measured_against_its_goal_is_a_result_of_the_report_not_of_the_goals_year() -> None:
    ctx = FactContext(in_targets=True, period="2020-2025", plan_period="2025-2030", as_of="2025")
    got = extract_facts("Tổng thu ngân sách trên địa bàn đạt 7,9 tỷ đồng, vượt 12% mục tiêu đề ra; thu nhập bình "
                        "quân đầu người 60 triệu đồng.", 1, ctx)
    # an amount of a report over a term adds up over the term, as any result of it would
    assert [(f.quantity.value, f.role, f.period) for f in got] == [(7.9, Role.ACTUAL, "2020-2025"),
                                                                  (60, Role.TARGET, "2030")]


def test_the_one_hectare_a_value_is_per_is_no_figure() -> None:
    assert facts("Giá trị sản phẩm bình quân trên 1 ha đất canh tác đạt 120 triệu đồng; trồng mới 1 ha rừng") == [
        (120, "triệu đồng", "="), (1, "ha", "=")]


def test_a_year_opening_brackets_of_their_own_is_another_figures() -> None:
    term = FactContext(in_targets=False, period="2011-2015", plan_period="2016-2020")
    got = extract_facts("Tốc độ tăng trưởng kinh tế bình quân giai đoạn 2011-2015 đạt 12,5%/năm (năm 2015 đạt "
                        "13,4%); tỷ lệ hộ nghèo còn 3,2% (năm 2015).", 1, term)
    assert [(f.quantity.value, f.period) for f in got] == [(12.5, "2011-2015"), (13.4, "2015"), (3.2, "2015")]


def test_months_to_date_opening_a_clause_govern_the_sentences_after() -> None:
    month = FactContext(in_targets=False, period="9T/2022", plan_period="2022")
    got = extract_facts("Chỉ số sản xuất công nghiệp tháng 9 giảm 9,06% so với tháng trước; tính chung 9 tháng đầu "
                        "năm tăng 8,2% so với cùng kỳ. Một số sản phẩm tăng: sản phẩm may mặc tăng 15,8%.", 1, month)
    assert [(f.quantity.value, f.period) for f in got] == [(9.06, "T9/2022"), (8.2, "9T/2022"), (15.8, "9T/2022")]


def test_the_level_a_change_starts_from_is_a_baseline() -> None:
    term = FactContext(in_targets=False, period="2020-2025", plan_period="2025-2030", as_of="2025")
    got = [(f.quantity.value, f.role, f.period) for text in (
        "Tỷ lệ hộ nghèo đa chiều giảm từ 47,4% năm 2020 xuống còn 21,3% năm 2025.",
        "Thu nhập bình quân đầu người tăng từ 45,8 triệu đồng lên 58,6 triệu đồng.",
        "Hiện tỷ lệ hộ nghèo còn 3,41% (đầu nhiệm kỳ 6,67%).") for f in extract_facts(text, 1, term)]
    # a result with no year of its own takes the report's default (the learned stage says which amounts
    # are levels); a baseline with none is of the term's start
    assert got == [(47.4, Role.BASELINE, "2020"), (21.3, Role.ACTUAL, "2025"), (45.8, Role.BASELINE, "2020"),
                   (58.6, Role.ACTUAL, "2020-2025"), (3.41, Role.ACTUAL, "2025"), (6.67, Role.BASELINE, "2020")]


def test_a_bound_or_a_comparison_with_the_terms_start_is_no_baseline() -> None:
    term = FactContext(in_targets=False, period="2020-2025", plan_period="2025-2030", as_of="2025")
    got = extract_facts("Tỷ lệ hộ nghèo giảm từ 5,5%/năm trở lên; so với đầu nhiệm kỳ tăng 01 doanh nghiệp.", 1, term)
    assert Role.BASELINE not in [f.role for f in got]


def test_a_crops_season_is_named_after_its_unit_or_before_a_cut_off_date() -> None:
    report = FactContext(in_targets=False, period="9T/2022", plan_period="2022")
    got = [(f.quantity.value, f.period) for text in (
        "Toàn tỉnh gieo cấy được 25.122 ha lúa vụ Mùa, đạt 100,3% kế hoạch; tổng đàn lợn 200.000 con.",
        "Vụ Mùa 2022, tính đến 15/9/2022 toàn tỉnh gieo trồng được 2.520 ha.",
        "Vụ Hè Thu đến nay đã thực hiện được 5.321 ha.",
        "Tính đến ngày 15/9 toàn tỉnh gieo trồng được 300 ha.") for f in extract_facts(text, 1, report)]
    assert got == [(25122, "vụ mùa 2022"), (200000, "9T/2022"), (2520, "vụ mùa 2022"), (5321, "vụ hè thu 2022"),
                   (300, "9T/2022")]


def test_in_a_document_adopting_a_budget_its_sums_are_the_plan_of_the_budgets_year() -> None:
    budget = FactContext(in_targets=False, period="2022", plan_period="2023", budget_document=True)
    [f] = extract_facts("Tổng thu ngân sách nhà nước trên địa bàn: 23.886.700 triệu đồng.", 1, budget)
    assert (f.role, f.period) == (Role.PLAN, "2023")


def test_each_unit_of_a_list_takes_the_role_of_the_first_item() -> None:
    got = extract_facts("Cụ thể: Thành phố Bắc Ninh được giao hơn 667 tỷ đồng; Huyện Tiên Du 374,5 tỷ đồng "
                        "và huyện Lương Tài hơn 91,66 tỷ đồng. Huyện Quế Võ đã giải ngân 200 tỷ đồng.", 1, RESULTS)
    assert [(f.quantity.value, f.role) for f in got] == [
        (667, Role.PLAN), (374.5, Role.PLAN), (91.66, Role.PLAN), (200, Role.ACTUAL)]


def test_money_collected_is_a_result_even_in_a_sentence_naming_what_was_assigned() -> None:
    [f] = extract_facts("hoàn thành các nhiệm vụ được giao: Ngân sách phường thu được 209.376.000 đồng", 1, RESULTS)
    assert f.role is Role.ACTUAL


def test_a_figure_compared_with_the_month_before_is_the_months_own() -> None:
    monthly = FactContext(in_targets=False, period="8T/2013", plan_period=None)
    got = extract_facts("Chỉ số giá tiêu dùng tăng 0,61% so với tháng trước. Tổng mức bán lẻ đạt 2.300 tỷ đồng, "
                        "tăng 12% so với cùng kỳ.", 1, monthly)
    assert [(f.quantity.value, f.period) for f in got] == [(0.61, "T8/2013"), (2300, "8T/2013")]


def test_a_year_in_brackets_right_after_a_figure_is_its_period() -> None:
    text = "Tỷ lệ hộ nghèo giảm 20,65%, từ 32,21% (đầu năm 2016) xuống còn 11,56% (vào cuối năm 2019)."
    got = [(f.quantity.value, f.period) for f in extract_facts(text, 1, RESULTS)]
    assert (32.21, "2016") in got and (11.56, "2019") in got


def test_a_figure_whose_bracket_compares_it_with_the_month_before_is_the_months_own() -> None:
    monthly = FactContext(in_targets=False, period="8T/2024", plan_period=None)
    got = extract_facts("Trong đó, doanh thu bán lẻ hàng hóa đạt 4.310 tỷ đồng (tăng 0,6% so với tháng trước, tăng "
                        "4,4% so với cùng kỳ); doanh thu dịch vụ khác đạt 780 tỷ đồng.", 1, monthly)
    assert [(f.quantity.value, f.period) for f in got] == [(4310, "T8/2024"), (780, "8T/2024")]


def test_a_change_in_the_clause_of_a_month_on_month_change_is_the_months_too() -> None:
    monthly = FactContext(in_targets=False, period="8T/2023", plan_period=None)
    got = extract_facts("Trong đó, công nghiệp khai khoáng tăng 1,0% so với tháng trước và giảm 9,7% so với cùng kỳ. "
                        "Lũy kế 8 tháng, IIP tăng 2,8% so với cùng kỳ.", 1, monthly)
    assert [(f.quantity.value, f.period) for f in got] == [(1.0, "T8/2023"), (9.7, "T8/2023"), (2.8, "8T/2023")]


@pytest.mark.parametrize("text", ["Năm 2022, ngân sách nhà nước bố trí trên 17,5 tỷ đồng cho chương trình.",
                                  "UBND tỉnh vừa quyết định giao hơn 3.057 tỷ đồng kế hoạch đầu tư công năm 2023.",
                                  "Thành phố cấp bổ sung hơn 409 tỉ đồng cho ngân sách các xã, phường.",
                                  "Hiện tỉnh đã giao chi tiết 4.240 tỷ đồng cho các dự án."])
def test_money_allotted_right_before_its_figure_is_a_plan(text: str) -> None:
    [f] = extract_facts(text, 1, RESULTS)
    assert f.role is Role.PLAN


def test_a_figure_right_after_the_months_it_adds_up_is_a_figure() -> None:
    monthly = FactContext(in_targets=False, period="11T/2023", plan_period="2023")
    [f] = extract_facts("Tổng mức bán lẻ lũy kế 11 tháng 14.007 tỷ đồng, đạt 91,7% kế hoạch.", 1, monthly)
    assert (f.quantity.value, f.unit, f.pct) == (14007, "tỷ đồng", 91.7)
    # a month's number is no figure, with or without its year
    assert extract_facts("Trong tháng 9/2019 huyện đã hướng dẫn Nhân dân chăm sóc cây trồng", 1, monthly) == []


def test_scale_word_before_a_measure_stays_in_its_unit() -> None:
    got = extract_facts("Toàn tỉnh gieo trồng được 33,3 nghìn ha; sản lượng ước đạt 17,47 vạn tấn; "
                        "số ngày khách lưu trú 1.376,6 nghìn ngày.", 1, RESULTS)
    assert [(f.quantity.value, f.unit) for f in got] == [(33.3, "nghìn ha"), (17.47, "vạn tấn"),
                                                          (1376.6, "nghìn ngày")]


def test_an_amount_of_change_written_near_its_figure_is_a_fact_of_its_own() -> None:
    text = ("Thu nhập bình quân đầu người ước tính 10,5 triệu đồng/năm, tăng gần 6 triệu đồng so với năm 2015; "
            "sản lượng đạt 1.200 tấn, tăng hơn 150 tấn so với cùng kỳ.")
    got = extract_facts(text, 1, RESULTS)
    assert [(f.quantity.value, f.unit) for f in got] == [(10.5, "triệu đồng/năm"), (6, "triệu đồng"),
                                                          (1200, "tấn"), (150, "tấn")]


def test_a_number_glued_to_its_verb_is_read_but_not_one_glued_to_a_code() -> None:
    got = extract_facts("Sản xuất điện tăng1,06%; năm 2010 đạt gần135,5 tỷ đồng; cúm H5N1 tại 3 xã.", 1, RESULTS)
    assert [(f.quantity.value, f.unit) for f in got] == [(1.06, "%"), (135.5, "tỷ đồng"), (3, "xã")]


def test_the_parts_of_a_breakdown_are_of_the_period_of_the_whole_before_them() -> None:
    monthly = FactContext(in_targets=False, period="T5/2024", plan_period=None)
    got = extract_facts("Nguyên nhân chủ yếu là nhờ nhà máy lọc dầu đã hoạt động trở lại sau thời gian bảo dưỡng "
                        "định kỳ nên sản phẩm lọc hóa dầu tăng mạnh và nhiều sản phẩm công nghiệp khác cũng tăng. "
                        "Tuy nhiên, tính chung 5 tháng đầu năm chỉ số sản xuất công nghiệp của tỉnh lại giảm 8,3% so "
                        "với cùng kỳ. Trong đó, sản phẩm lọc dầu giảm 25,2%, điện sản xuất giảm 26%, bánh kẹo các loại "
                        "giảm 1,7%, sản phẩm may mặc giảm 1,2%.", 1, monthly)
    assert {f.period for f in got} == {"5T/2024"}
    to_date = FactContext(in_targets=False, period="11T/2018", plan_period=None)
    got = extract_facts("Tổng thu ngân sách tháng 11 được 525.969 triệu đồng, lũy kế được 8.812.251 triệu đồng. "
                        "Trong đó, thu nội địa được 230.000 triệu đồng, lũy kế được 3.115.491 triệu đồng.", 1, to_date)
    assert [f.period for f in got] == ["T11/2018", "11T/2018", "T11/2018", "11T/2018"]


def test_a_price_base_year_is_no_period() -> None:
    got = extract_facts("Báo cáo tình hình của huyện trong 9 tháng đầu năm cho thấy: Giá trị tăng trưởng kinh tế "
                        "(Theo giá cố định năm 2010) ước đạt 7,41%.",
                        1, FactContext(in_targets=False, period="9T/2018", plan_period=None))
    assert [(f.quantity.value, f.period) for f in got] == [(7.41, "9T/2018")]
