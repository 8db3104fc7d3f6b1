from __future__ import annotations

import re
from pathlib import Path

import pytest

from chitieu.domain import lexicon

SRC = Path(__file__).resolve().parents[2] / "src" / "chitieu"

# Each entry with a text its words are found in and one they are not.
EXAMPLES = {
    "target": ("Năm 2025 phấn đấu thu ngân sách đạt 120 tỷ đồng", "Chương trình mục tiêu quốc gia giảm nghèo"),
    "plan": ("kế hoạch vốn được giao", "đã giải ngân"),
    "allocation": ("vốn được tỉnh giao là 12 tỷ đồng", "đã giải ngân 12 tỷ đồng"),
    "goal_setting": ("Đảng bộ xã đặt mục tiêu đến năm 2030", "Chương trình nông thôn mới"),
    "budget_reached": ("thu ngân sách đạt 30 tỷ đồng", "dự toán chi ngân sách là"),
    "budget_subject": ("Dự toán chi ngân sách địa phương cả năm 2025 là", "thu ngân sách đạt 30 tỷ đồng"),
    "spending": ("giải ngân 71 tỷ đồng", "kế hoạch vốn 80 tỷ đồng"),
    "target_reference": ("so với chỉ tiêu Nghị quyết đại hội là", "so với cùng kỳ năm trước"),
    "goal_name": ("(KH 39-40%)", "(cùng kỳ 5%)"),
    "target_column": ("Kế hoạch năm 2024", "Thực hiện năm 2024"),
    "forecast": ("dự ước cả năm đạt", "đã đạt"),
    "intent": ("dự kiến đạt", "đã đạt"),
    "estimate": ("ước thực hiện được 17.501 tấn", "thực hiện được 17.501 tấn"),
    "result": ("đạt được 17 tiêu chí", "phấn đấu 17 tiêu chí"),
    "goal_opening": ("Đến năm 2030 tỷ lệ đô thị hóa", "Đến năm 2015 tỷ lệ hộ nghèo"),
    "goal_list": ("Nghị quyết đề ra 24 chỉ tiêu chủ yếu", "Tổng thu ngân sách đạt 120 tỷ đồng"),
    "result_list": ("Kết quả thực hiện các chỉ tiêu", "Các chỉ tiêu chủ yếu năm 2024"),
    "result_opening": ("nhiệm kỳ qua đã đạt", "nhiệm kỳ tới phấn đấu"),
    "rank": ("xếp vị thứ 19 cả nước", "lần thứ 19"),
    "share": ("chiếm tỷ trọng 41,5%", "tăng 4,1%"),
    "breakdown": ("trong đó: vốn ngân sách", "tổng vốn"),
    "change": ("giảm 2,95%", "đạt 2,95%"),
    "approximation": ("tăng gần 6 triệu đồng", "tăng 6 triệu đồng"),
    "comparison": ("cao hơn 1,2%", "là 1,2%"),
    "not_met": ("còn chưa đạt chỉ tiêu", "đạt chỉ tiêu"),
    "completed": ("Hoàn thành", "Chưa thực hiện"),
    "goal_cue": ("phan dau dat", "da dat"),
    "result_cue": ("ket qua dat duoc", "muc tieu"),
    "now": ("đến nay đã có 12 xã", "đến năm 2025"),
    "per_area": ("Giá trị sản xuất nông nghiệp bình quân trên", "Diện tích gieo trồng đạt trên"),
    "budget_title": ("Nghị quyết về dự toán và phân bổ ngân sách địa phương năm 2023", "Kết quả phát triển kinh tế"),
    "results_in_title": ("Báo cáo tình hình thực hiện dự toán năm 2023", "Nghị quyết về dự toán năm 2024"),
    "strive": ("toàn huyện phấn đấu trồng 104 ha", "toàn huyện đã trồng 104 ha"),
    "this_year": ("dự kiến cả năm đạt", "dự kiến năm 2025"),
    "this_month": ("Diện tích thu hoạch trong tháng ước 837,5 ha", "trong tháng tới thu hoạch"),
    "to_date": ("tháng 11 được 525 tỷ đồng, lũy kế được 8.812 tỷ đồng", "tháng 11 được 525 tỷ đồng"),
    "span_cue": ("tang binh quan 8%/nam", "ty le do thi hoa"),
    "point_cue": ("den nam 2030 ty le do thi hoa", "tang binh quan"),
    "row_number_heading": ("STT", "Số lượng"),
    "row_name_heading": ("Chỉ tiêu chủ yếu", "Ghi chú"),
    "unit_heading": ("Đơn vị tính", "Ghi chú"),
    "note_heading": ("Ghi chú", "Chỉ tiêu"),
    "column_heading": ("Ước TH 2022", "Tổng sản phẩm"),
    "table_verdict": ("Vượt dự toán", "Tổng vốn đầu tư"),
    "cell_qualifier": ("trên 98", "98"),
    "goal_year_title": ("Năm 2026, xã Lạc Lương phấn đấu thu ngân sách đạt 18 tỷ đồng",
                        "Xã Biện Thượng hoàn thành 26/28 chỉ tiêu năm 2025"),
    "change_verb": ("tỷ lệ hộ nghèo giảm từ 4,19%", "tỷ lệ hộ nghèo là 4,19%"),
    "change_to": ("từ 4,19% xuống 2,76%", "từ 4,19% năm 2020"),
    "baseline_name": ("(đầu nhiệm kỳ 6,67%)", "(cuối năm 2020 là 3,41%)"),
    "unit_of_government": ("Huyện Tiên Du 374,5 tỷ đồng", "Tổng vốn 374,5 tỷ đồng"),
    "month_on_month": ("tăng 0,61% so với tháng trước", "tăng 5,2% so với cùng kỳ"),
    "goal_list_title": ("Các chỉ tiêu chủ yếu đến năm 2025", "Hoàn thành 26/28 chỉ tiêu năm 2025"),
    "horizon": ("định hướng đến năm 2030", "đến năm 2023: 419.014 tỷ đồng"),
    "goals_named": ("vượt 14/16 chỉ tiêu chủ yếu", "Đảng bộ xã đặt mục tiêu"),
    "goals_reached": ("thực hiện đạt và vượt kế hoạch", "Chương trình hành động thực hiện Nghị quyết"),
}


def _found(name: str, text: str) -> bool:
    pattern = re.compile(r"(?<!\w)" + lexicon.words(name) + r"(?!\w)", re.IGNORECASE)
    return pattern.search(text) is not None


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_entry_finds_its_words_and_no_others(name: str) -> None:
    found, not_found = EXAMPLES[name]
    assert _found(name, found), f"{name!r} should find its words in {found!r}"
    assert not _found(name, not_found), f"{name!r} should find nothing in {not_found!r}"


def test_every_entry_has_its_example_and_a_rule_that_uses_it() -> None:
    assert set(lexicon.names()) == set(EXAMPLES)
    sources = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    unused = [n for n in lexicon.names()
              if f'"{n}"' not in sources and not (n.endswith("_cue") and 'f"{kind}_cue"' in sources)]
    assert unused == []


@pytest.mark.parametrize(("phrase", "matches", "does_not_match"), [
    ("kế hoạch [vốn] [giao]", ["kế hoạch", "kế hoạch vốn", "kế hoạch  vốn giao"], ["kế vốn"]),
    ("đến năm {year} đạt", ["đến năm 2030 đạt", "đến năm 1999 đạt"], ["đến năm 30 đạt"]),
    ("được {words:2} giao", ["được giao", "được tỉnh giao", "được UBND tỉnh giao"], ["được UBND tỉnh Lai giao"]),
    ("KH", ["KH"], ["KHO"]),
])
def test_the_phrase_notation(phrase: str, matches: list[str], does_not_match: list[str]) -> None:
    pattern = re.compile(lexicon.phrase_pattern(phrase) + r"(?!\w)")
    assert all(pattern.fullmatch(text) for text in matches)
    assert not any(pattern.fullmatch(text) for text in does_not_match)


def test_the_first_letters_cover_both_cases() -> None:
    lookahead = re.compile(lexicon.first_letters("plan"))
    assert lookahead.match("Kế hoạch") and lookahead.match("dự toán") and not lookahead.match("vốn")
