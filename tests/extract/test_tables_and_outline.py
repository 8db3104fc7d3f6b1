from __future__ import annotations

import pytest

from chitieu.domain.document import Paragraph, Table, TableRow
from chitieu.domain.extraction import Op
from chitieu.extract.outline import build_outline, classify_heading
from chitieu.extract.tables import extract_table


def _table(rows: list[list[str]]) -> Table:
    return Table(tuple(TableRow(tuple(r), i + 10) for i, r in enumerate(rows)), 10)


def test_indicator_table_rows_groups_and_ambiguous_numbers() -> None:
    t = extract_table(_table([
        ["TT", "Chỉ tiêu", "ĐVT", "KH 2023", "TH 2023", "TH/KH (%)"],
        ["1", "2", "3", "", "", ""],
        ["1", "Thu ngân sách", "Tỷ đồng", "61.000", "49.960", "82"],
        ["2", "Các chỉ tiêu nông nghiệp", "", "", "", ""],
        ["2.1", "Tổng sản lượng lương thực", "Tấn", ">17600", "17.501", "Đạt"],
        ["2.2", "Tốc độ tăng đàn gia súc", "%", "3.9", "3.9", "100"],
        ["", "Số lao động được đào tạo", "Người", "1.000", "1.105", "110"],
    ]), "BIỂU KẾT QUẢ")
    assert t.kind == "indicator_results"
    kinds = [r.kind for r in t.rows]
    assert kinds == ["column_numbers", "indicator", "group", "indicator", "indicator", "indicator"]
    budget, rice = t.rows[1], t.rows[3]
    assert budget.values["KH 2023"].value == 61.0 and budget.values["TH 2023"].value == pytest.approx(49.96)
    assert budget.values["KH 2023"].alternatives == (61000.0,)
    assert rice.parent == "Các chỉ tiêu nông nghiệp"
    assert (rice.values["KH 2023"].op, rice.values["KH 2023"].value) == (Op.GT, 17600)
    assert rice.values["TH 2023"].value == 17501
    assert rice.values["TH/KH (%)"].op is Op.TEXT
    assert t.rows[5].values["TH 2023"].value == 1105
    assert t.rows[5].parent == "Các chỉ tiêu nông nghiệp"


def test_merged_cells_give_named_sub_rows() -> None:
    t = extract_table(_table([
        ["TT", "Chỉ tiêu chủ yếu", "Đơn vị tính", "Mục tiêu", "Kết quả", "So với NQ", "Ghi chú"],
        ["", "Tỷ lệ học sinh đến trường", "Mẫu giáo", "%", ">98", "100", "102,04%"],
        ["", "", "Tiểu học", "%", ">98", "100", "102,04%"],
    ]), "")
    assert [r.name for r in t.rows] == ["Tỷ lệ học sinh đến trường - Mẫu giáo", "Tỷ lệ học sinh đến trường - Tiểu học"]
    assert all(r.unit == "%" and r.parent == "Tỷ lệ học sinh đến trường" for r in t.rows)


def test_document_list_rows_carry_number_and_date() -> None:
    t = extract_table(_table([
        ["TT", "Số, ký hiệu văn bản", "Ngày tháng năm ban hành", "Trích yếu nội dung văn bản"],
        ["1", "50-KH/HU", "1/4/2021", "Kế hoạch tổ chức học tập"],
    ]), "BIỂU 02")
    assert t.kind == "document_list"
    ref = t.rows[0].reference
    assert ref is not None
    assert (ref.number, ref.date, ref.summary) == ("50-KH/HU", "1/4/2021", "Kế hoạch tổ chức học tập")


@pytest.mark.parametrize(
    ("title", "level", "purpose"),
    [
        ("KẾT QUẢ PHÁT TRIỂN KINH TẾ - XÃ HỘI", 1, "results"),
        ("MỤC TIÊU", 1, "targets"),
        ("CÁC NHIỆM VỤ CỤ THỂ VÀ GIẢI PHÁP CHỦ YẾU", 1, "tasks"),
        ("Việc thực hiện các chương trình mục tiêu quốc gia", 2, "other"),
        ("Các chỉ tiêu chủ yếu đến năm 2030", 2, "targets"),
        ("Tiếp tục thực hiện có hiệu quả công tác dân tộc", 3, "other"),
    ],
)
def test_heading_purpose(title: str, level: int, purpose: str) -> None:
    assert classify_heading(title, "2025-2030", level) == purpose


def test_targets_part_covers_its_unclassified_subsections() -> None:
    paragraphs = [Paragraph(t, i + 1) for i, t in enumerate([
        "I. KẾT QUẢ ĐẠT ĐƯỢC", "Thu nhập đạt 42 triệu đồng.", "II. MỤC TIÊU", "1. Về kinh tế",
        "Thu nhập đạt 60 triệu đồng.", "III. CÁC GIẢI PHÁP CHỦ YẾU", "Đào tạo 1.000 lao động."])]
    _, in_targets = build_outline(paragraphs, "2025-2030")
    assert [in_targets[p.line] for p in paragraphs] == [False, False, True, True, True, True, True]


def test_row_units_without_a_unit_column() -> None:
    t = extract_table(_table([
        ["STT", "Lĩnh vực", "Nghị quyết", "Thực hiện 2024", "So sánh với NQ (%)"],
        ["1", "Tỷ lệ bác sỹ/vạn dân", "12", "11.5", "96%"],  # the name closes with its unit
        ["2", "Số giường bệnh/1 vạn dân", "", "200 giường bệnh/1 vạn dân", ""],
        ["3", "Gạch không nung", "5 triệu viên", "6 triệu viên", "120%"],
        ["4", "Diện tích cà phê", "2.000 ha", "2.815 ha", "141%"],
    ]), "BIỂU")
    assert [r.unit for r in t.rows] == ["bác sỹ/vạn dân", "giường bệnh/vạn dân", "triệu viên", "ha"]


def test_the_items_of_a_list_announced_as_goals_are_targets_until_the_list_ends() -> None:
    paragraphs = [Paragraph(t, i + 1) for i, t in enumerate([
        "Nghị quyết về Kế hoạch năm 2024 đề ra 24 chỉ tiêu chủ yếu.", "1. Tốc độ tăng GRDP: 6,5-7%.",
        "2. GRDP bình quân đầu người: 160,8-162 triệu đồng.", "Năm 2023, GRDP tăng 6,27%.",
        "Kết quả thực hiện các chỉ tiêu chủ yếu năm 2023:", "- Thu ngân sách đạt 400.421 tỷ đồng."])]
    _, in_targets = build_outline(paragraphs, None)
    assert [in_targets[p.line] for p in paragraphs] == [False, True, True, False, False, False]


def test_a_web_pages_unnumbered_heading_over_a_list_opens_a_part() -> None:
    paragraphs = [Paragraph(t, i + 1) for i, t in enumerate([
        "Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)", "- Về kinh tế:",
        "(1) Thu nhập bình quân đầu người: 45 triệu đồng.", "Xã có 5 thôn, không có ngành nghề."])]
    sections, in_targets = build_outline(paragraphs, None)
    assert [s.purpose for s in sections] == ["targets"]
    assert in_targets[3] is True
    # a short line that opens no list and names no purpose is no heading
    _, plain = build_outline([Paragraph("Xã Tân Lập đổi thay", 1), Paragraph("Thu nhập đạt 45 triệu đồng.", 2)], None)
    assert plain == {1: False, 2: False}


def test_a_heading_gives_its_period_to_what_is_under_it() -> None:
    from chitieu.extract.outline import heading_periods

    paragraphs = [Paragraph("I. Đánh giá kết quả sản xuất vụ chiêm xuân 2021 - 2022", 1),
                  Paragraph("1. Kết quả thực hiện", 2), Paragraph("Toàn xã gieo cấy được 177 ha.", 3),
                  Paragraph("II. Kế hoạch nhiệm kỳ 2020 - 2025", 4), Paragraph("1. Mục tiêu 6 tháng đầu năm", 5),
                  Paragraph("Diện tích 180 ha.", 6)]
    sections, _ = build_outline(paragraphs, None)
    assert heading_periods(sections, 2023) == [(1, "vụ chiêm xuân 2021-2022"), (2, "vụ chiêm xuân 2021-2022"),
                                               (4, None), (5, "6T/2023")]


def test_a_heading_without_a_number_gives_its_period_to_the_numbered_sections_after_it() -> None:
    from chitieu.extract.outline import heading_periods

    paragraphs = [Paragraph("PHƯƠNG ÁN", 1), Paragraph("ĐÁNH GIÁ KẾT QUẢ SẢN XUẤT VỤ CHIÊM XUÂN 2021 - 2022", 2),
                  Paragraph("1. Kết quả thực hiện về diện tích, năng suất, sản lượng", 3),
                  Paragraph("Toàn xã gieo cấy được 177 ha.", 4), Paragraph("a) Cây lúa:", 5),
                  Paragraph("Diện tích gieo cấy là 177 ha.", 6)]
    sections, _ = build_outline(paragraphs, None)
    assert [period for _, period in heading_periods(sections, 2023)][-2:] == ["vụ chiêm xuân 2021-2022"] * 2


def test_items_announced_as_a_group_of_targets_are_targets() -> None:
    paragraphs = [Paragraph("11 chỉ tiêu kinh tế gồm:", 1), Paragraph("- Tốc độ tăng trưởng kinh tế: Trên 10%", 2),
                  Paragraph("- Thu ngân sách nhà nước: 12.800 tỷ đồng", 3)]
    _, in_targets = build_outline(paragraphs, None)
    assert [in_targets[p.line] for p in paragraphs] == [False, True, True]


def test_under_a_results_part_a_heading_naming_indicators_is_a_topic_not_a_list_of_goals() -> None:
    paragraphs = [Paragraph(t, i + 1) for i, t in enumerate([
        "I. Kết quả thực hiện một số chỉ tiêu kinh tế tổng hợp (tính hết năm 2016)", "1. Các chỉ tiêu kinh tế",
        "(1) Tổng giá trị sản xuất đạt 2.000,5 tỷ đồng, tăng 11,5% so với năm 2015.",
        "II. Phương hướng năm 2017", "1. Các chỉ tiêu chủ yếu", "(1) Tổng giá trị sản xuất tăng 11%."])]
    sections, in_targets = build_outline(paragraphs, "2017")
    assert [s.purpose for s in sections] == ["results", "other", "targets", "targets"]
    assert [in_targets[p.line] for p in paragraphs] == [False, False, False, True, True, True]


def test_a_document_titled_as_a_list_of_targets_is_one_until_a_heading_says_otherwise() -> None:
    paragraphs = [Paragraph(t, i + 1) for i, t in enumerate([
        "Về kinh tế: (1) GRDP bình quân/người: từ 8.300 đến 8.500 USD.",
        "I. KẾT QUẢ NĂM 2020", "Thu ngân sách đạt 1.200 tỷ đồng."])]
    _, in_targets = build_outline(paragraphs, None, titled_goals=True)
    assert [in_targets[p.line] for p in paragraphs] == [True, False, False]
    _, in_targets = build_outline(paragraphs, None)
    assert in_targets[1] is False
