from __future__ import annotations

from chitieu.domain.extraction import DocKind, Metadata
from chitieu.extract import decisions
from chitieu.extract.header import lists_goals
from chitieu.extract.pipeline import extract_document
from chitieu.read.text import read_text


def _metadata(text: str) -> Metadata:
    return extract_document(read_text(text.encode(), "x.txt")).metadata


def test_annual_report_header() -> None:
    m = _metadata("ỦY BAN NHÂN DÂN\nHUYỆN TAM ĐƯỜNG\nSố: 125/BC-UBND\nTam Đường, ngày 10 tháng 12 năm 2023\n"
                  "BÁO CÁO\nTình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023 và kế hoạch năm 2024\n"
                  "Năm 2023, huyện Tam Đường (tỉnh Lai Châu) đạt 18/21 chỉ tiêu.\n")
    assert (m.doc_kind, m.period, m.plan_period, m.unit_level) == (DocKind.BAO_CAO_NAM, "2023", "2024", "huyen")
    assert m.unit_name == "Tam Đường"


def test_a_news_item_is_for_the_first_year_its_title_names() -> None:
    m = _metadata("Huyện Tam Đường hoàn thành 18/21 chỉ tiêu phát triển kinh tế - xã hội năm 2023\n\n"
                  "Năm 2023, huyện Tam Đường (tỉnh Lai Châu) đạt 25.350 tấn lương thực. Năm 2024 huyện phấn đấu"
                  " đạt 26.000 tấn.\n")
    assert (m.doc_kind, m.period, m.unit_name, m.province) == (DocKind.OTHER, "2023", "Tam Đường", "Lai Châu")


def test_a_stored_web_page_is_dated_by_its_address_and_titled_by_its_headline() -> None:
    doc = read_text("URL: https://baomoi.example/kinh-te/thu-ngan-sach-20240712093015123.htm\n"
                    "TITLE: 6 tháng đầu năm, thu ngân sách huyện Tân Uyên đạt 120 tỷ đồng\n\n"
                    "Sáu tháng qua, tổng thu ngân sách trên địa bàn huyện đạt 120 tỷ đồng.\n".encode(), "x.txt")
    extraction = extract_document(doc)
    m = extraction.metadata
    assert (m.doc_kind, m.period, m.title) == (DocKind.BAO_CAO_6_THANG, "6T/2024",
                                              "6 tháng đầu năm, thu ngân sách huyện Tân Uyên đạt 120 tỷ đồng")
    # the headline repeats a figure of the text: it is not a second fact
    assert [(f.quantity.value, f.line) for f in extraction.facts] == [(120.0, 4)]


def test_a_news_item_without_a_year_is_for_the_year_of_its_dateline() -> None:
    m = _metadata("Bắc Giang dẫn đầu cả nước về tăng trưởng\n17:11 | 28/06/2024\n"
                  "Trong 6 tháng đầu năm, tốc độ tăng trưởng kinh tế tỉnh Bắc Giang đạt 14,14%.\n")
    assert m.period == "6T/2024"


def test_a_year_the_title_compares_with_is_not_the_reports() -> None:
    m = _metadata("Tổng sản phẩm (theo giá so sánh năm 2010) 6 tháng đầu năm 2024 đạt 14.927,7 tỷ đồng\n"
                  "Khu vực dịch vụ đạt 7.709,1 tỷ đồng.\n")
    assert (m.doc_kind, m.period) == (DocKind.BAO_CAO_6_THANG, "6T/2024")


def test_without_a_date_a_text_is_for_the_year_after_the_one_it_compares_with() -> None:
    m = _metadata("Chỉ số sản xuất công nghiệp tháng 9 tăng 5,87% so với cùng kỳ năm 2023.\n"
                  "Kim ngạch xuất khẩu tăng 2% so với cùng kỳ năm 2023.\n")
    assert m.period == "T9/2024"  # the month its opening names, of the year after the one compared with


def test_a_year_compared_with_points_to_the_year_after_when_nothing_else_dates_the_text() -> None:
    m = _metadata("Huyện Vĩnh Linh: nhiều chỉ tiêu đạt và vượt kế hoạch\n"
                  "Tổng giá trị sản xuất (theo giá so sánh năm 2010) ước tăng 11,07% so với năm 2021.\n")
    assert m.period == "2022"


def test_a_plan_adopted_for_a_year_reports_the_year_before() -> None:
    m = _metadata("NGHỊ QUYẾT\nVề Kế hoạch phát triển kinh tế - xã hội năm 2024\n"
                  "Năm 2023, tăng trưởng kinh tế đạt 6,5%.")
    assert (m.period, m.plan_period) == ("2023", "2024")
    m = _metadata("HĐND thành phố thông qua Nghị quyết về Kế hoạch phát triển kinh tế-xã hội năm 2024.\n"
                  "Thành phố dự kiến hoàn thành 18/23 chỉ tiêu kinh tế xã hội.")
    assert (m.period, m.plan_period) == ("2023", "2024")


def test_a_plan_a_report_speaks_of_is_no_plan_it_adopts() -> None:
    m = _metadata("Long An đạt và vượt kế hoạch 21 chỉ tiêu kinh tế - xã hội năm 2024\n"
                  "Tăng trưởng kinh tế ước cả năm đạt 8,3%.")
    assert m.period == "2024"
    m = _metadata("Năm 2024, du lịch khởi sắc, tổng thu hơn 25.141 tỷ đồng\n"
                  "Ngành du lịch đã thực hiện có hiệu quả kế hoạch, công tác năm 2024, đến nay các chỉ tiêu đều đạt.")
    assert m.period == "2024"


def test_a_half_year_report_is_for_the_year_whose_six_months_it_names_most() -> None:
    m = _metadata("Thứ ba, ngày 29 tháng 11 năm 2022\nTình hình kinh tế - xã hội 6 tháng đầu năm 2021\n"
                  "GRDP 6 tháng đầu năm 2021 tăng 5,99%, cao hơn mức tăng 4,03% của 6 tháng đầu năm 2020.")
    assert (m.doc_kind, m.period) == (DocKind.BAO_CAO_6_THANG, "6T/2021")


def test_a_half_year_review_names_its_year_with_the_second_half() -> None:
    m = _metadata("Hội nghị đánh giá kết quả thực hiện nhiệm vụ 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối "
                  "năm 2021. Tổng thu ngân sách 6 tháng đầu năm đạt 143,802 tỷ đồng. Mục tiêu đến năm 2030 …")
    assert m.period == "6T/2021"


def test_a_political_report_at_a_congress_reviews_the_term_that_ends_then() -> None:
    m = _metadata("BÁO CÁO CHÍNH TRỊ\nĐại hội đại biểu Đảng bộ xã lần thứ XXIV, nhiệm kỳ 2020-2025\n"
                  "Ngày 24/6/2020. Nhiệm kỳ 2020-2025, Đảng bộ phấn đấu … Nhiệm kỳ 2020-2025 tiếp tục …\n"
                  "Tốc độ tăng trưởng kinh tế bình quân hằng năm đạt 10,66%.")
    assert (m.period, m.plan_period) == ("2015-2020", "2020-2025")


def test_a_report_that_opens_on_part_of_the_year_is_for_those_months() -> None:
    m = _metadata("Tính đến ngày 30/6/2024, huyện Đức Trọng giải ngân hơn 112,3 tỷ đồng vốn đầu tư công, đạt 36% "
                  "kế hoạch năm 2024.\nTrong đó, giải ngân nguồn vốn ngân sách tỉnh 6 tỷ đồng.")
    assert (m.period, m.plan_period) == ("6T/2024", "2024")


def test_the_congress_a_page_is_about_is_the_one_its_headline_names_not_a_banner_above_it() -> None:
    doc = read_text("URL: http://bacson.example.vn/dai-hoi-dang-bo-xa\n"
                    "TITLE: Đại hội đại biểu Đảng bộ xã Long Đống nhiệm kỳ 2020-2025\n\n"
                    "Quyết tâm thực hiện thắng lợi Đại hội Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2015 - 2020\n\n"
                    "Trong 2 ngày 19 và 20/5, Đảng bộ xã tổ chức Đại hội nhiệm kỳ 2020-2025. Tốc độ tăng trưởng "
                    "kinh tế hằng năm tăng 13%.\n".encode(), "x.txt")
    m = extract_document(doc).metadata
    assert (m.period, m.plan_period) == ("2015-2020", "2020-2025")


def test_a_page_dated_years_after_every_year_its_text_names_is_dated_by_its_text() -> None:
    doc = read_text("URL: https://bao.example.vn/tin-tuc/32/88189/dong-hung\n"
                    "TITLE: Đông Hưng: giá trị sản xuất 9 tháng đầu năm tăng 11,58% so với cùng kỳ năm 2018\n\n"
                    "Thứ 7, 23/11/2024, 14:06\n\n"
                    "9 tháng đầu năm, tổng giá trị sản xuất của huyện ước đạt 9.380 tỷ đồng, tăng 11,58% so với "
                    "cùng kỳ năm 2018.\n".encode(), "x.txt")
    assert extract_document(doc).metadata.period == "9T/2019"


def test_a_part_of_the_year_the_headline_names_comes_before_a_crop_season_its_opening_names() -> None:
    doc = read_text("URL: https://example.vn/tin/kinh-te-9-thang.html\n"
                    "TITLE: Tình hình kinh tế - xã hội tỉnh Nghệ An 9 tháng đầu năm 2024\n\n"
                    "Tổng diện tích gieo trồng ước đạt 264.821 ha, trong đó vụ Đông Xuân đạt 184.989 ha. Đến tháng "
                    "9, toàn tỉnh có 320/411 xã đạt chuẩn nông thôn mới.\n".encode(), "x.txt")
    x = extract_document(doc)
    assert x.metadata.period == "9T/2024"
    assert [(f.quantity.value, f.period) for f in x.facts][-1] == (320, "9T/2024")


def test_a_month_and_its_months_to_date_in_a_monthly_report() -> None:
    doc = read_text("TITLE: Tình hình kinh tế - xã hội tháng 11 và 11 tháng năm 2018\n\n"
                    "Ước tổng thu ngân sách nhà nước tháng 11 được 525.969 triệu đồng, lũy kế được 8.812.251 triệu "
                    "đồng. Diện tích lúa thu hoạch trong tháng ước 837,5 ha.\n".encode(), "x.txt")
    got = [(f.quantity.value, f.period) for f in extract_document(doc).facts]
    assert got == [(525969, "T11/2018"), (8812251, "11T/2018"), (837.5, "T11/2018")]


def test_the_sums_of_a_resolution_adopting_a_budget_are_plans_unless_said_reached() -> None:
    doc = read_text("TITLE: Nghị quyết về dự toán và phân bổ ngân sách địa phương năm 2023\n\n"
                    "1. Tổng thu ngân sách nhà nước trên địa bàn: 23.886.700 triệu đồng.\n"
                    "Năm 2022 thu ngân sách đạt 21.500.000 triệu đồng.\n".encode(), "x.txt")
    got = [(f.quantity.value, f.role.value) for f in extract_document(doc).facts]
    assert got == [(23886700, "plan"), (21500000, "actual")]


def test_a_title_setting_the_goals_of_a_year_reports_the_year_before() -> None:
    m = _metadata("Năm 2026, xã Lạc Lương phấn đấu thu ngân sách Nhà nước đạt 18 tỷ đồng\n"
                  "Năm 2025, tổng thu ngân sách đạt 2,27 tỷ đồng, bằng 230,5% kế hoạch.\n")
    assert (m.period, m.plan_period) == ("2025", "2026")
    # one that reports how the year went is of that year
    m = _metadata("HĐND xã Nga Sơn thống nhất mục tiêu, nhiệm vụ năm 2026\n"
                  "Ngày 24/12, HĐND xã tổ chức kỳ họp cuối năm. Tổng thu ngân sách đạt 75 tỷ đồng.\n")
    assert (m.period, m.plan_period) == ("2025", "2026")
    m = _metadata("Xã Biện Thượng hoàn thành và vượt 26/28 chỉ tiêu năm 2025\n"
                  "Tổng thu ngân sách đạt 2,27 tỷ đồng, bằng 230,5% kế hoạch.\n")
    assert m.period == "2025"


def test_an_item_opening_on_the_past_it_has_come_from_is_of_the_year_it_was_published() -> None:
    m = _metadata("URL: https://baodaknong.example/tin/xa-nam-nung.html\nTITLE: Xã Nâm Nung đạt chuẩn\n\n"
                  "07:00:20 19/08/2019 | Các cuộc vận động\n"
                  "Số tiêu chí bình quân/xã năm 2011 chỉ đạt 1,5 tiêu chí/xã, đến nay là 12,6 tiêu chí/1 xã.\n"
                  "Năm 2018, thu nhập bình quân đầu người đạt 25,69 triệu đồng.\n")
    assert m.period == "2019"


def test_a_resolution_adopting_next_years_budget_is_dated_the_year_before() -> None:
    m = _metadata("Nghị quyết 65/NQ-HĐND năm 2022 về dự toán và phân bổ ngân sách địa phương năm 2023\n"
                  "Quảng Ngãi, ngày 06 tháng 12 năm 2022\n"
                  "1. Tổng thu ngân sách nhà nước trên địa bàn: 23.886.700 triệu đồng.\n")
    # 'ngày 06 tháng 12' is a date, not a report on six months
    assert (m.doc_kind, m.period, m.plan_period) != (DocKind.BAO_CAO_6_THANG, "6T/2022", "2022")
    assert (m.period, m.plan_period) == ("2022", "2023")


def test_a_title_opening_on_a_month_is_of_that_month() -> None:
    m = _metadata("URL: https://baomoi.example/tin/thang-5.htm\nTITLE: Tháng 5: Tổng mức bán hàng hóa đạt hơn "
                  "10.125 tỷ đồng\n\n date 2021-06 Tháng 5, tổng mức bán hàng hóa ước đạt 10.125 tỷ đồng.\n")
    assert m.period == "T5/2021"


def test_a_page_titled_as_a_list_of_targets_gives_targets() -> None:
    doc = read_text("TITLE: Các chỉ tiêu chủ yếu đến năm 2025\n\nThứ Năm, 15-10-2020\n\n"
                    "Về kinh tế: (1) GRDP bình quân/người: từ 8.300 đến 8.500 USD. (2) Tỷ trọng kinh tế số "
                    "trong GRDP đạt khoảng 30%.\n".encode(), "x.txt")
    with decisions.using(None):  # the rules alone: a model trained on such a page could learn it by heart
        assert {f.role.value for f in extract_document(doc).facts} == {"target"}


def test_a_headline_comparing_results_with_targets_is_no_list_of_targets() -> None:
    assert lists_goals("Các chỉ tiêu chủ yếu đến năm 2025")
    assert lists_goals("Đảng bộ Hà Tĩnh và những chỉ tiêu quan trọng nhiệm kỳ 2020 - 2025")
    assert lists_goals("Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2023")
    assert not lists_goals("Ba chỉ tiêu kinh tế thấp hơn mục tiêu đề ra")
    assert not lists_goals("Đạt 18/21 chỉ tiêu chủ yếu")
    assert not lists_goals("Tổng kết công tác Đảng năm 2023; triển khai phương hướng, chỉ tiêu nhiệm vụ năm 2024")


def test_an_account_of_a_congress_naming_no_term_reviews_the_five_years_to_it() -> None:
    m = _metadata("TITLE: Đại hội Đảng bộ tỉnh Bắc Ninh: Tốc độ tăng trưởng công nghiệp dẫn đầu cả nước\n\n"
                  " date 2020-10 Nhiệm kỳ qua, tốc độ tăng trưởng GRDP bình quân đạt 9,6%/năm.\n")
    assert (m.period, m.plan_period, m.term) == ("2015-2020", "2020-2025", "2015-2020")
    # the term it names in passing, ending in the congress's year, is the one reviewed
    m = _metadata("TITLE: Đại hội đại biểu Đảng bộ xã Tân Lập lần thứ XX\n\n date 2025-06 Sáng nay đại hội khai mạc. "
                  "Nhiệm kỳ 2022-2025, thu nhập bình quân đầu người đạt 62 triệu đồng.\n")
    assert (m.period, m.plan_period) == ("2022-2025", "2025-2028")


def test_a_horizon_opening_a_news_item_is_not_what_it_reports() -> None:
    m = _metadata("TITLE: Phường Đức Xuân hướng tới chính quyền số\n\n date 2024-05 Đến năm 2030, phường phấn đấu "
                  "có 100% hồ sơ trực tuyến. Năm 2023 thu ngân sách đạt 12 tỷ đồng.\n")
    assert m.period in ("2024", "2023")


def test_an_item_on_the_opening_of_a_span_reviews_the_span_that_ends_then() -> None:
    m = _metadata("TITLE: Trưởng bản được trao Huân chương Lao động hạng Nhất\n\n date 2025-09-18 Ngày 18/9, Đại hội "
                  "Thi đua yêu nước tỉnh lần thứ VI, giai đoạn 2025-2030 diễn ra. Đại hội tôn vinh những tập thể "
                  "xuất sắc giai đoạn 2020-2025. Năm 2021, thu ngân sách đạt 1.200 tỷ đồng.\n")
    # the page's date stands: the text names no year as late, but its spans reach it
    assert (m.period, m.plan_period) == ("2020-2025", "2025-2030")


def test_a_title_naming_a_congress_says_what_the_page_is_whatever_the_links_under_it() -> None:
    m = _metadata("TITLE: Khai mạc Đại hội Đảng bộ Bến Tre lần thứ XI, nhiệm kỳ 2020 - 2025\n\n date 2020-10\n-\n"
                  "Lạm phát vẫn đang được kiểm soát tốt, CPI bình quân 6 tháng chỉ tăng 3,27%\n-\n"
                  "Nhiệm kỳ qua, tốc độ tăng trưởng kinh tế bình quân đạt 6,5%/năm.\n")
    assert (m.period, m.plan_period) == ("2015-2020", "2020-2025")


def test_a_resolution_adjusting_a_years_plan_sets_that_years_targets() -> None:
    text = ("URL: https://example.vn/nq-18\nTITLE: Nghị quyết 18/NQ-HĐND năm 2025 về điều chỉnh, bổ sung nhiệm vụ "
            "phát triển kinh tế - xã hội tỉnh Kiên Giang năm 2025\n\n"
            "(1) Tốc độ tăng trưởng kinh tế đạt từ 8% trở lên.\n"
            "(2) GRDP bình quân đầu người đạt 91,48 triệu đồng/người/năm.\n")
    doc = read_text(text.encode(), "x.txt")
    extraction = extract_document(doc)
    assert (extraction.metadata.period, extraction.metadata.plan_period) == ("2024", "2025")
    with decisions.using(None):
        assert {(f.role.value, f.period) for f in extract_document(doc).facts} == {("target", "2025")}


def test_a_crop_season_opening_a_paragraph_that_announces_a_list_governs_the_crops_listed() -> None:
    text = ("TITLE: Tình hình kinh tế - xã hội 9 tháng năm 2022 huyện Đức Trọng\n\n"
            "Sản xuất vụ Đông Xuân: tổng diện tích gieo trồng đạt 10.207 ha. Kết quả các nhóm cây như sau:\n\n"
            "Cây lúa: tổng diện tích 762 ha, năng suất bình quân đạt 45,85 tạ/ha.\n\n"
            "Chăn nuôi phát triển ổn định, tổng đàn bò 21.000 con.\n\n"
            "Cây cà phê: diện tích 12.384 ha.\n")
    with decisions.using(None):
        facts = extract_document(read_text(text.encode(), "x.txt")).facts
    assert [(f.quantity.value, f.period) for f in facts] == [
        (10207, "vụ đông xuân 2021-2022"), (762, "vụ đông xuân 2021-2022"), (45.85, "vụ đông xuân 2021-2022"),
        (21000, "9T/2022"), (12384, "9T/2022")]  # the list ends where a paragraph is no item of it


def test_an_undated_political_report_reviews_the_term_before_the_congress_it_names() -> None:
    m = _metadata("Đảng bộ xã tổ chức Đại hội đại biểu lần thứ XXI nhiệm kỳ 2020 – 2025.\n\n"
                  "Bí thư Đảng ủy xã trình bày báo cáo chính trị tại đại hội.\n\n"
                  "Nhiệm kỳ qua, thu nhập bình quân đầu người đạt 44 triệu đồng. Phấn đấu đến năm 2025 thu "
                  "nhập đạt 65 triệu đồng.")
    assert (m.period, m.plan_period) == ("2015-2020", "2020-2025")


def test_a_year_to_reach_is_not_the_year_a_text_is_written_in() -> None:
    m = _metadata("BÁO CÁO CHÍNH TRỊ\nĐại hội đại biểu Đảng bộ huyện, nhiệm kỳ 2020-2025\n"
                  "Nhiệm kỳ 2015-2020, năm 2020 thu ngân sách đạt 300 tỷ đồng. Mục tiêu đến năm 2025 thu nhập "
                  "đạt 55 triệu đồng. Định hướng đến năm 2025 có 10 xã nông thôn mới.")
    assert (m.period, m.plan_period) == ("2015-2020", "2020-2025")
