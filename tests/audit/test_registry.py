"""Each audit check of the registry alone: on a text where it finds what it is for, and on the same kind
of text written right, where it finds nothing. Every registered check has both cases here."""

from __future__ import annotations

import pytest

from chitieu.audit.checks import CHECKS, audit_extraction, run_check
from chitieu.extract import decisions
from chitieu.extract.pipeline import extract_document
from chitieu.read.text import parse_text

TABLE = "TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2023\tTH năm 2023\tTH/KH (%)"
VERDICT = "TT\tChỉ tiêu\tĐVT\tNghị quyết\tƯớc thực hiện đến 31/12/2025\tSo sánh với NQ (%)"
DOCUMENTS = "\n".join([
    "DANH MỤC VĂN BẢN", "TT\tSố, ký hiệu\tNgày ban hành\tTrích yếu",
    "1\t50-KH/HU\t1/4/2021\tKế hoạch tổ chức học tập, quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII",
    "2\t68-KH/HU\t12/7/2021\tKế hoạch thực hiện Kết luận số 98-KL/TU, ngày 28/4/2021 của Tỉnh ủy về nông thôn mới",
    "3\t70-KH/HU\t20/8/2021\tKế hoạch thực hiện Chỉ thị số 05-CT/TW về học tập và làm theo tư tưởng, đạo đức",
])
TARGETS = "phấn đấu đạt 11,5 bác sỹ/vạn dân, {beds} giường/1 vạn dân, 100% xã có trạm y tế."
RESTATED = ["1. Mục tiêu đến năm 2030", "Các chỉ tiêu chủ yếu", TARGETS.format(beds=250),
            "2. Nhiệm vụ và giải pháp", "Về y tế: " + TARGETS.format(beds="{beds}")]
LEVELS = ["1. Kết quả", "Tỷ lệ tăng dân số tự nhiên ước thực hiện năm 2025 là 18,2‰.",
          "2. Mục tiêu giai đoạn 2025 - 2030", "Các chỉ tiêu chủ yếu",
          "Đến năm 2030, tỷ lệ tăng dân số tự nhiên dưới {target}‰/năm."]
REDUCTION = ["1. Kết quả", "Tỷ lệ hộ nghèo đa chiều giảm từ 47,4% năm 2020 xuống còn 21,3% năm 2025.",
             "2. Mục tiêu giai đoạn 2025 - 2030", "Các chỉ tiêu chủ yếu",
             "Đến năm 2030, tỷ lệ hộ nghèo giảm {cut}%/năm."]
TEXT_TARGET = ["Đến năm 2030, tổng đàn gia súc tăng {rate}%/năm.",
               "BIỂU", "TT\tChỉ tiêu\tĐVT\tMục tiêu đến năm 2030",
               "1\tTổng đàn gia súc hằng năm\t%/năm\t2,5"]
PCT_OF_PLAN = ["Tổng vốn đầu tư được giao giai đoạn 2021 - 2024 là 817 tỷ đồng, giải ngân vốn đầu tư công là 793 tỷ "
               "đồng, đạt {pct}% kế hoạch.",
               "BIỂU", "TT\tChỉ tiêu\tNghị quyết\tƯớc thực hiện đến 31/12/2025\tSo sánh với NQ",
               "1\tGiải ngân vốn đầu tư công\tĐạt 100% kế hoạch giao\t100% kế hoạch vốn giao\tĐạt 100% kế hoạch"]
SAID = ["Dự ước năm 2025 có 03 xã đạt chuẩn nông thôn mới, đạt 100% chỉ tiêu Nghị quyết.",
        "Tỷ lệ hộ nghèo giảm còn 12%, đạt 100% chỉ tiêu Nghị quyết."]
NUMBERED = ["BIỂU KẾT QUẢ", TABLE, "1\tCác chỉ tiêu nông nghiệp\t\t\t\t", "1.1\tTrồng rừng mới\tha\t500\t527.3\t105",
            "{n}\tSố lao động có việc làm\tNgười\t695\t705\t101"]
PLAN = "Tổng kế hoạch vốn năm 2023 là 326.071 triệu đồng; giải ngân 132.998 triệu đồng, bằng {pct}% kế hoạch."
CITED = ["Triển khai Kết luận số 122-KL/TU của Tỉnh ủy về tiếp tục thực hiện Đề án nâng cao chất lượng giáo dục.",
         "Thực hiện Kết luận số {number}-KL/TU, ngày 03/6/2021 của Tỉnh ủy về tiếp tục thực hiện Đề án \"Nâng cao "
         "chất lượng giáo dục\"."]

# check name → (a text where it finds the key, the same kind of text where it finds nothing, the key)
CASES: dict[str, tuple[str, str, str]] = {
    "ratio": ("Số xã được thu gom rác là 12/14 xã, thị trấn, chiếm tỷ lệ 84,6%, đạt Nghị quyết.",
              "Có 97/110 bản, tỷ lệ 88,2%.", "audit.ratio_pct"),
    "plan_pct": (PLAN.replace("{pct}", "40,84"), PLAN.replace("{pct}", "40,79"), "audit.plan_pct"),
    "share_sum": ("Đến cuối năm 2024 có 73,5% phòng học kiên cố, 23% bán kiên cố, 3,3% tạm.",
                  "Đến cuối năm 2024 có 73,5% phòng học kiên cố, 23,2% bán kiên cố, 3,3% tạm.", "audit.shares_sum"),
    "outline": ("I. KẾT QUẢ\n1. Kinh tế\n2.1. Nông nghiệp", "I. KẾT QUẢ\n1. Kinh tế\n1.1. Nông nghiệp",
                "audit.heading_no_parent"),
    "roman_numeral": ("Ban Chấp hành Đảng bộ huyện khoá XVIIII nhiệm kỳ 2020-2025",
                      "Ban Chấp hành Đảng bộ huyện khoá XVIII nhiệm kỳ 2020-2025", "audit.roman_numeral"),
    "citation_number": ("\n".join(CITED).replace("{number}", "112"), "\n".join(CITED).replace("{number}", "122"),
                        "audit.citation_number"),
    "said_not_met": ("\n".join([*SAID, "- Việc xây dựng xã, thôn, bản đạt chuẩn nông thôn mới chưa đạt mục tiêu "
                                       "nghị quyết đề ra."]),
                     "\n".join([*SAID, "- Việc xây dựng xã, thôn, bản đạt chuẩn nông thôn mới đạt mục tiêu nghị quyết "
                                       "đề ra."]), "audit.said_not_met"),
    "document_list": ("Huyện ủy ban hành 4 văn bản lãnh đạo thực hiện nghị quyết.\n" + DOCUMENTS,
                      "Huyện ủy ban hành 3 văn bản lãnh đạo thực hiện nghị quyết.\n" + DOCUMENTS,
                      "audit.document_count"),
    "text_vs_table": ("\n".join(["Mẫu giáo 99,5%, vượt 1,5% kế hoạch.", "BIỂU", TABLE,
                                 "1\tTrong đó: + Mẫu giáo\t%\t98.4\t99.9\t102"]),
                      "\n".join(["Mẫu giáo 99,9%, vượt 1,5% kế hoạch.", "BIỂU", TABLE,
                                 "1\tTrong đó: + Mẫu giáo\t%\t98.4\t99.9\t102"]), "audit.text_vs_table_value"),
    "text_vs_table_target": ("\n".join(TEXT_TARGET).replace("{rate}", "1,5"),
                             "\n".join(TEXT_TARGET).replace("{rate}", "2,5"), "audit.text_vs_table_target"),
    "pct_of_plan": ("\n".join(PCT_OF_PLAN).replace("{pct}", "97"), "\n".join(PCT_OF_PLAN).replace("{pct}", "100"),
                    "audit.text_vs_table_pct"),
    "target_level": ("\n".join(LEVELS).replace("{target}", "0,4"), "\n".join(LEVELS).replace("{target}", "16"),
                     "audit.target_implausible"),
    "restated_target": ("\n".join(RESTATED).replace("{beds}", "200"), "\n".join(RESTATED).replace("{beds}", "250"),
                        "audit.restated_target"),
    "reduction": ("\n".join(REDUCTION).replace("{cut}", "5,5"), "\n".join(REDUCTION).replace("{cut}", "3"),
                  "audit.reduction_too_large"),
    "verdict": ("\n".join(["BIỂU KẾT QUẢ", TABLE, "1\tTổng sản lượng lương thực\tTấn\t>17600\t17.501\tĐạt"]),
                "\n".join(["BIỂU KẾT QUẢ", TABLE, "1\tTổng sản lượng lương thực\tTấn\t>17600\t17.501\tKhông đạt"]),
                "audit.status_wrong"),
    "completed_but_partial": (
        "\n".join(["BIỂU", VERDICT, "1\tRà soát quy hoạch\t\tHoàn thành\tHoàn thành\tĐạt 90,94% chỉ tiêu NQ"]),
        "\n".join(["BIỂU", VERDICT, "1\tRà soát quy hoạch\t\tHoàn thành\tHoàn thành\tĐạt 100% chỉ tiêu NQ"]),
        "audit.completed_but_partial"),
    "impossible_share": ("\n".join(["BIỂU KẾT QUẢ", TABLE, "1\tTỷ lệ trường kiên cố\t%\tDuy trì 101\t100\t99"]),
                         "\n".join(["BIỂU KẾT QUẢ", TABLE, "1\tTỷ lệ trường kiên cố\t%\tDuy trì 100\t100\t100"]),
                         "audit.share_over_100"),
    "numbering": ("\n".join(NUMBERED).replace("{n}", "1.3"), "\n".join(NUMBERED).replace("{n}", "1.2"),
                  "audit.numbering_gap"),
}


def _keys(name: str, text: str) -> list[str]:
    doc = parse_text(text, "x.txt")
    with decisions.using(None):  # the rules' figures: what a check finds must not move when the model is retrained
        return [f.key for f in run_check(name, extract_document(doc), doc)]


def test_every_registered_check_is_named_once_documented_and_tested_here() -> None:
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names))
    assert all(c.finds.strip() for c in CHECKS)
    assert set(names) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_check_alone_finds_what_it_is_for(name: str) -> None:
    found, _, key = CASES[name]
    assert key in _keys(name, found)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_check_alone_is_quiet_on_the_text_written_right(name: str) -> None:
    _, right, _ = CASES[name]
    assert _keys(name, right) == []


def test_the_audit_is_every_check_of_the_registry() -> None:
    text = CASES["verdict"][0] + "\n" + CASES["ratio"][0]
    doc = parse_text(text, "x.txt")
    with decisions.using(None):
        x = extract_document(doc)
    alone = {f.key for c in CHECKS for f in run_check(c.name, x, doc)}
    assert alone and {f.key for f in audit_extraction(x, doc).findings} == alone | {f.key for f in x.findings}


def test_an_unknown_check_is_refused() -> None:
    with pytest.raises(KeyError):
        run_check("no_such_check", extract_document(parse_text("x", "x.txt")), parse_text("x", "x.txt"))
