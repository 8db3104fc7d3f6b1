from __future__ import annotations

import pytest

from chitieu.extract.published import published


@pytest.mark.parametrize(("url", "head", "expected"), [
    (None, [" date 2024-07 Theo Cục Thống kê …"], (2024, 7)),
    ("https://news.example/son-la-xuat-khau-20241023174555259.htm", [], (2024, 10)),
    ("https://news.example/gia-vien/d2013071009377837.htm", [], (2013, 7)),
    ("https://news.example/2019/08/duc-hoa-thu-ngan-sach/", [], (2019, 8)),
    ("https://news.example/tra-vinh-nong-thon-moi-1733123327215.htm", [], (2024, 12)),
    # a page's own clock can stand over the item's dateline: the latest date is the item's
    (None, ["Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27", "Tác giả - 14:08, 02/12/2024"], (2024, 12)),
    # an account that opens on the day of its event is as of that day
    (None, ["Ngày 18/7/2024, HĐND huyện Hiệp Đức khóa VIII nhiệm kỳ 2021-2026 tổ chức kỳ họp thứ 19 để đánh giá "
            "kết quả 6 tháng đầu năm và bàn nhiệm vụ những tháng cuối năm."], (2024, 7)),
    # a date inside a sentence is what it speaks of, not when it was written
    (None, ["Kỳ họp xem xét Báo cáo số 12 ngày 18/7/2024 của UBND huyện về kết quả 6 tháng đầu năm và bàn "
            "nhiệm vụ những tháng cuối năm."], None),
    ("https://news.example/bi-thu-post1215077.vov", [], None),
])
def test_when_a_page_was_published(url: str | None, head: list[str], expected: tuple[int, int] | None) -> None:
    assert published(url, head) == expected


def test_the_date_stamp_comes_before_the_address() -> None:
    assert published("https://news.example/2019/08/x", [" date 2024-07 …"]) == (2024, 7)


def test_an_account_is_dated_by_the_day_of_the_event_it_opens_on() -> None:
    head = ["KỲ HỌP THỨ 6 HỘI ĐỒNG NHÂN DÂN THỊ TRẤN", "Sáng ngày 28/7/2023 Hội đồng nhân dân thị trấn khóa XII, "
            "nhiệm kỳ 2021-2026 tổ chức kỳ họp thứ 6. Tham dự có đồng chí Bí thư, Chủ tịch UBND thị trấn."]
    assert published(None, head) == (2023, 7)
    assert published(None, ["Kỳ họp xem xét báo cáo ngày 28/7/2023 của Ủy ban nhân dân thị trấn về kết quả "
                            "thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm và nhiều nội dung"]) is None


def test_a_dateline_under_the_headline_is_the_items_not_the_sites_clock_above_it() -> None:
    head = ["Thứ sáu 29/03/2024 17:54 24h qua English RSS", "Tiền Giang: Công nhận huyện Chợ Gạo đạt chuẩn",
            "19:11 | 07/10/2020", "Đến nay, thu nhập bình quân đầu người đạt hơn 62 triệu đồng/năm."]
    assert published(None, head, "Tiền Giang: Công nhận huyện Chợ Gạo đạt chuẩn") == (2020, 10)
    assert published(None, head) == (2024, 3)  # without the headline, the latest
