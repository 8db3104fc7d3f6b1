"""End to end: a table a web page stores one cell per paragraph gives each value cell as a fact of the
page, with the role and the year of its column (read → extract → the observations a document stores)."""

from __future__ import annotations

from chitieu.read.text import read_text
from chitieu.services.document_record import observations_of
from chitieu.services.extraction import analyse

PAGE = """URL: https://example.gov.vn/tin-tuc/ket-qua-thuc-hien-chi-tieu-2022
TITLE: Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2022

""" + "\n\n".join([
    "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2022",
    "Dự ước đến cuối năm 2022 các chỉ tiêu chủ yếu đạt kế hoạch đề ra, cụ thể như sau:",
    "Stt", "Chỉ tiêu chủ yếu", "TH năm 2021", "KH 2022", "Ước TH 2022", "Ghi chú",
    "I", "Kinh tế", " ", " ", " ", " ",
    "1", "Tốc độ tăng GRDP (%)", "4,36", "6,5-7,5", "8,56", "Đạt",
    " ", "Giá trị xuất khẩu", "(triệu USD)", "1.077,5", "1.130,2", "1.230,8",  # its remark left out
    "2", "Tỷ lệ tham gia BHYT (%)", "97,6", ">98", "99,1", "Đạt",
    "Năm 2023, tỉnh tiếp tục tập trung thực hiện các nhiệm vụ, giải pháp phát triển kinh tế - xã hội.",
])


def test_each_value_cell_is_a_figure_with_its_columns_role_and_year() -> None:
    doc = read_text(PAGE.encode("utf-8"), "page.txt")
    stored = observations_of(analyse(doc))
    assert not any(o.source == "table" for o in stored)  # the cells are facts of the page's text, stored once
    observations = [o for o in stored if o.raw_name.startswith(("Tốc độ", "Giá trị", "Tỷ lệ"))]
    assert len(observations) == 9
    got = {(o.raw_name, o.role, o.period, o.op, o.value, o.low, o.high, o.unit, o.estimate)
           for o in observations}
    assert got == {
        ("Tốc độ tăng GRDP (%)", "actual", "2021", "=", 4.36, None, None, "%", False),
        ("Tốc độ tăng GRDP (%)", "plan", "2022", "range", None, 6.5, 7.5, "%", False),
        ("Tốc độ tăng GRDP (%)", "actual", "2022", "=", 8.56, None, None, "%", True),
        ("Giá trị xuất khẩu (triệu USD)", "actual", "2021", "=", 1077.5, None, None, "triệu usd", False),
        ("Giá trị xuất khẩu (triệu USD)", "plan", "2022", "=", 1130.2, None, None, "triệu usd", False),
        ("Giá trị xuất khẩu (triệu USD)", "actual", "2022", "=", 1230.8, None, None, "triệu usd", True),
        ("Tỷ lệ tham gia BHYT (%)", "actual", "2021", "=", 97.6, None, None, "%", False),
        ("Tỷ lệ tham gia BHYT (%)", "plan", "2022", ">", 98.0, None, None, "%", False),
        ("Tỷ lệ tham gia BHYT (%)", "actual", "2022", "=", 99.1, None, None, "%", True),
    }
    lines = PAGE.split("\n")
    for o in observations:  # each figure points at the line its row starts on (the row's number)
        assert lines[o.line - 1].strip() in {"1", "2", ""}
        assert o.raw_name.split(" (")[0] in "\n".join(lines[o.line - 1 : o.line + 2])
