from __future__ import annotations

from chitieu.domain.extraction import DocKind, Metadata
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
