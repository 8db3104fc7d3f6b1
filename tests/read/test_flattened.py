"""Tables a web page stores one cell per paragraph (read/flattened.py), read through read/text.py."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.domain.document import Paragraph, Table
from chitieu.read.flattened import find_tables
from chitieu.read.markup import clean_line
from chitieu.read.text import parse_text


def flat(*cells: str) -> str:
    """Cells the way a stored page gives them: one paragraph each, an empty cell a line of a space."""
    return "\n\n".join(c if c else " " for c in cells)


def tables(text: str) -> list[Table]:
    return parse_text(text, "page.txt").tables()


def grid(table: Table) -> list[list[str]]:
    return [list(r.cells) for r in table.rows]


OPENING = "Kết quả thực hiện các chỉ tiêu chủ yếu năm 2023 của huyện như sau:"
CLOSING = ("Nhìn chung, tình hình kinh tế - xã hội của huyện tiếp tục phát triển ổn định, "
           "quốc phòng an ninh được giữ vững.")

NUMBERED = flat(
    OPENING,
    "TT", "Chỉ tiêu", "Thực hiện năm 2022", "Kế hoạch năm 2023", "Ước thực hiện năm 2023", "Ghi chú",
    "I", "Kinh tế", "", "", "", "",
    "1", "Tổng giá trị sản xuất", "(Tỷ đồng)", "3.120,5", "3.400", "3.452", "Vượt kế hoạch",
    "", "- Nông nghiệp (%)", "4,1", "", "(1,2)",  # its last cell left out
    "2", "Thu ngân sách trên địa bàn (triệu đồng)", "85.200", "90.000-95.000", "101.300",
    "II", "Xã hội", "", "", "", "",
    "3", "Tỷ lệ hộ nghèo (%)", "3,2", "<2,5", "2,4", "Đạt",
    CLOSING,
)


def test_a_numbered_table_with_group_rows_a_unit_line_and_missing_cells() -> None:
    doc = parse_text(NUMBERED, "page.txt")
    [table] = doc.tables()
    assert grid(table) == [
        ["TT", "Chỉ tiêu", "Thực hiện năm 2022", "Kế hoạch năm 2023", "Ước thực hiện năm 2023", "Ghi chú"],
        ["I", "Kinh tế", "", "", "", ""],
        ["1", "Tổng giá trị sản xuất (Tỷ đồng)", "3.120,5", "3.400", "3.452", "Vượt kế hoạch"],
        ["", "- Nông nghiệp (%)", "4,1", "", "(1,2)", ""],
        ["2", "Thu ngân sách trên địa bàn (triệu đồng)", "85.200", "90.000-95.000", "101.300", ""],
        ["II", "Xã hội", "", "", "", ""],
        ["3", "Tỷ lệ hộ nghèo (%)", "3,2", "<2,5", "2,4", "Đạt"],
    ]
    lines = NUMBERED.split("\n")
    for row in table.rows:  # each row is numbered by the line of its first cell
        assert clean_line(lines[row.line - 1]).text == (row.cells[0] or "")
    texts = [p.text for p in doc.paragraphs()]
    assert texts == [OPENING, CLOSING]  # the prose around the table stays as it was


def test_an_unnumbered_table_of_changes_and_amounts() -> None:
    text = flat(
        "Lĩnh vực", "6 tháng đầu năm 2024", "So với cùng kỳ năm trước (%)",
        "Tổng thu ngân sách", "1.500 tỷ đồng", "Tăng 20,3",
        "Thu nội địa", "1.120 tỷ đồng",  # its last cell left out
        "Tổng chi ngân sách", "2.310 tỷ đồng", "Giảm 3,1",
        "II. Đầu tư phát triển",
        CLOSING,
    )
    [table] = tables(text)
    assert grid(table) == [
        ["Lĩnh vực", "6 tháng đầu năm 2024", "So với cùng kỳ năm trước (%)"],
        ["Tổng thu ngân sách", "1.500 tỷ đồng", "Tăng 20,3"],
        ["Thu nội địa", "1.120 tỷ đồng", ""],
        ["Tổng chi ngân sách", "2.310 tỷ đồng", "Giảm 3,1"],
    ]
    assert "II. Đầu tư phát triển" in [p.text for p in parse_text(text, "page.txt").paragraphs()]


def test_a_table_with_a_unit_column_on_consecutive_lines() -> None:
    lines = ["STT", "Nội dung", "ĐVT", "KH 2024", "TH 2024", "So sánh (%)",
             "1", "Sản lượng lương thực", "Tấn", "17.500", "17.501", "100,01",
             "2", "Diện tích trồng rừng", "ha", "450", "", "",
             "3", "Tỷ lệ che phủ rừng", "%", "45", "45,2", "100,4"]
    [table] = tables("\n".join(lines))
    assert table.rows[0].cells == ("STT", "Nội dung", "ĐVT", "KH 2024", "TH 2024", "So sánh (%)")
    assert table.rows[2].cells == ("2", "Diện tích trồng rừng", "ha", "450", "", "")
    assert [r.line for r in table.rows] == [1, 7, 13, 19]


def test_two_tables_one_after_the_other() -> None:
    text = flat(
        "Chỉ tiêu", "Năm 2023", "Năm 2024",
        "Dân số trung bình (người)", "52.100", "52.900",
        "Số hộ nghèo (hộ)", "812", "640",
        "Tỷ lệ hộ nghèo (%)", "5,8", "4,5",
        "Nội dung", "Kế hoạch", "Thực hiện",
        "Xã đạt chuẩn nông thôn mới", "3", "4",
        "Đường giao thông nông thôn (km)", "12", "12,6",
    )
    first, second = tables(text)
    assert len(first.rows) == 4 and len(second.rows) == 3
    assert second.rows[0].cells == ("Nội dung", "Kế hoạch", "Thực hiện")


def test_a_list_of_short_headings_is_no_table() -> None:
    text = flat(
        "Chỉ tiêu kinh tế", "Kế hoạch năm 2024", "Thực hiện các chỉ tiêu", "Đánh giá chung",
        "Năm 2024, tổng giá trị sản xuất ước đạt 3.452 tỷ đồng, tăng 7,2% so với cùng kỳ, đạt 101,5% kế hoạch.",
        "Thu ngân sách trên địa bàn đạt 101.300 triệu đồng, vượt 6,6% dự toán tỉnh giao.",
    )
    assert tables(text) == []


def test_a_numbered_list_of_sentences_is_no_table() -> None:
    text = flat(
        "STT", "Nội dung", "Kết quả năm 2023",
        "1", "Tổng thu ngân sách nhà nước trên địa bàn đạt 1.200 tỷ đồng, tăng 5% so với cùng kỳ năm trước.",
        "2", "Giải quyết việc làm mới cho 2.500 lao động, trong đó xuất khẩu lao động 320 người.",
        "3", "Tỷ lệ hộ nghèo giảm còn 2,4%",
        "4", "Có thêm 2 xã đạt chuẩn nông thôn mới",
    )
    assert tables(text) == []


def test_a_page_of_short_lines_that_is_no_table() -> None:
    text = flat(
        "Lĩnh vực", "Thống kê năm 2024", "Tin tức", "Hỏi đáp", "Văn bản", "Lượt truy cập", "12.345",
        "Đang trực tuyến", "27", "Bản quyền thuộc Ủy ban nhân dân tỉnh", "Điện thoại", "0203 3825 123",
    )
    assert tables(text) == []


def test_a_heading_over_two_rows_leaves_the_paragraphs_alone() -> None:
    # 'Năm 2023' and 'Năm 2024' each span a 'Kế hoạch' and a 'Thực hiện' column: the flattened header does
    # not say which heading is whose, so no reading of its columns can be trusted.
    text = flat(
        "TT", "Chỉ tiêu", "Năm 2023", "Năm 2024", "Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện",
        "1", "Thu ngân sách (tỷ đồng)", "120", "131", "140", "152",
        "2", "Tỷ lệ hộ nghèo (%)", "5", "4,8", "4", "3,9",
    )
    assert tables(text) == []


def test_tab_separated_tables_are_left_to_their_reader() -> None:
    text = "STT\tChỉ tiêu\tKH 2024\tTH 2024\n1\tThu ngân sách\t120\t131\n2\tChi ngân sách\t300\t290\n"
    assert find_tables(text.split("\n")) == []
    [table] = tables(text)
    assert table.rows[1].cells == ("1", "Thu ngân sách", "120", "131")


POOL = [
    "", " ", "  ", "STT", "TT", "Chỉ tiêu", "Nội dung", "ĐVT", "KH 2024", "Ước TH 2024", "So sánh (%)",
    "Ghi chú", "I", "II", "1", "2", "3", "a", "-", "Tổng thu ngân sách", "- Nông nghiệp (%)", "(Tỷ đồng)",
    "4,36", "6,5-7,5", "(3,26)", ">98", "1.077", "Tăng 6,89", "Đạt", "Vượt dự toán", "**Kinh tế**",
    "x", "| a | b |", "a\tb\tc", OPENING, CLOSING, "[1: chú thích]", "Năm 2024", "%", CLOSING * 12,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(POOL), max_size=60), st.booleans())
def test_reading_never_fails_and_keeps_every_line(cells: list[str], blank_separated: bool) -> None:
    text = ("\n\n" if blank_separated else "\n").join(cells)
    doc = parse_text(text, "page.txt")
    kept: dict[int, list[str]] = {}
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            kept.setdefault(block.line, []).append(block.text)
        else:
            for row in block.rows:
                kept.setdefault(row.line, []).extend(row.cells)
    everything = " ".join(t for texts in kept.values() for t in texts)
    for raw in text.split("\n"):
        line = clean_line(raw)
        if line.text and "\t" not in raw and "|" not in raw:
            assert line.text in everything, raw
    for flat_table in find_tables(text.split("\n")):
        assert flat_table.first_line <= flat_table.last_line
        assert all(len(r.cells) == len(flat_table.table.rows[0].cells) for r in flat_table.table.rows)
