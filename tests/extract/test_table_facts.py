"""The value cells of a table a page stores one cell per paragraph are facts of its text."""

from __future__ import annotations

from chitieu.domain.extraction import Role
from chitieu.extract.columns import column_year
from chitieu.extract.pipeline import extract_document
from chitieu.read.text import read_text

PAGE = "\n\n".join([
    "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2022",
    "Stt", "Chỉ tiêu chủ yếu", "TH năm 2021", "KH 2022", "Ước TH 2022", "Ghi chú",
    "1", "Giá trị xuất khẩu (triệu USD)", "1.077", "1.130", "1.230", "Đạt",
    "2", "Tỷ lệ lao động được đào tạo nghề (%)", "66,8", "68", "68,5", "Đạt",
    "3", "Số bác sỹ trên vạn dân", "14,1", "13-14", "14,5", "Đạt",
])


def _facts(text: str) -> list[tuple[float | None, Role, str | None]]:
    x = extract_document(read_text(text.encode(), "trang.txt"))
    return [(f.quantity.value, f.role, f.period) for f in x.facts if f.indicator.startswith(("Giá trị", "Tỷ lệ"))]


def test_each_value_cell_of_a_flattened_table_is_a_fact_with_its_columns_role_and_period() -> None:
    found = _facts(PAGE)
    assert (1077, Role.ACTUAL, "2021") in found and (1230, Role.ACTUAL, "2022") in found
    assert any(value == 1130 and role in (Role.TARGET, Role.PLAN) and period == "2022" for value, role, period in found)
    assert (66.8, Role.ACTUAL, "2021") in found


def test_a_table_written_with_tabs_stays_a_table_of_rows() -> None:
    tabbed = "\n".join(["Stt\tChỉ tiêu chủ yếu\tTH năm 2021\tKH 2022\tƯớc TH 2022",
                        "1\tGiá trị xuất khẩu (triệu USD)\t1.077\t1.130\t1.230",
                        "2\tTỷ lệ lao động được đào tạo nghề (%)\t66,8\t68\t68,5"])
    x = extract_document(read_text(tabbed.encode(), "bao_cao.txt"))
    assert x.tables and not any(f.indicator.startswith("Giá trị") for f in x.facts)


def test_a_column_for_part_of_a_year_gives_its_months() -> None:
    assert [column_year(h) for h in ("6 tháng đầu năm 2015", "Tháng 10/2024", "KH 2022", "Nhiệm kỳ 2020-2025")] == [
        "6T/2015", "T10/2024", "2022", "2025"]
