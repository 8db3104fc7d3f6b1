"""The dashboard's chart of the unit's statuses (server-drawn SVG), and the document list's titles and
dates as the documents write them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from html import unescape
from itertools import pairwise

import pytest
from fastapi.testclient import TestClient

from chitieu.services.document_labels import IssuedDate, document_title, issued_date

Client = Callable[[str | None], TestClient]


def test_the_dashboard_charts_the_units_statuses(client_as: Client) -> None:
    client = client_as("bientap")
    page = client.get("/").text
    data = client.get("/api/v1/overview").json()  # the same unit and period the dashboard opens on
    counts = Counter(i["status"] for i in data["indicators"])
    chart = re.search(r'<figure class="card status-figure" id="status-chart">(.*?)</figure>', page, re.S)
    assert chart, "the dashboard shows the chart"
    svg = chart.group(1)
    bars = {k: (int(n), float(w)) for k, n, w in re.findall(
        r'<g class="bar [^"]*" data-status="(\w+)" data-count="(\d+)">.*?<rect [^>]*width="([\d.]+)"', svg)}
    assert {k: n for k, (n, _) in bars.items() if n} == dict(counts)
    # the bars' lengths follow the counts
    ordered = sorted(bars.values())
    assert all(w1 <= w2 for (_, w1), (_, w2) in pairwise(ordered))
    assert "style=" not in svg and "<script" not in svg  # drawn under the strict content policy
    assert f"Tình trạng {sum(counts.values())} chỉ tiêu" in unescape(svg)


def test_the_document_list_shows_each_documents_own_title_and_a_real_date(client_as: Client) -> None:
    client = client_as("quantri")
    page = client.get("/van-ban").text
    rows = re.findall(r'<tr>\s*<td><a href="/van-ban/(\d+)">([^<]+)</a>.*?</tr>', page, re.S)
    assert len(rows) == 5
    for doc_id, title in rows:
        text = client.get("/api/v1/documents/" + doc_id).json()
        opening = " ".join(t for _, t in text["lines"][:40])[:300]
        assert unescape(title) != opening and len(title) < 250  # not the text's first characters
    assert "ngày tháng" not in page and "ngày  tháng" not in page
    dates = re.findall(r'<time datetime="([\d-]+)">([^<]+)</time>', page)
    assert dates and all(re.fullmatch(r"\d{2}/\d{2}/\d{4}|tháng \d{1,2}/\d{4}|\d{4}", d) for _, d in dates)
    mine = next(d for d in client.get("/api/v1/documents").json() if d["file_name"].startswith("002_"))
    assert mine["display_title"].startswith("Báo cáo tình hình thực hiện nhiệm vụ năm 2023")
    assert (mine["date"], mine["date_iso"]) == ("tháng 12/2023", "2023-12")


@pytest.mark.parametrize(("lines", "meta", "title"), [
    (["UBND HUYỆN A", "Số: 12/BC-UBND", "BÁO CÁO", "Kết quả thực hiện kế hoạch năm 2024", "-----",
      "Căn cứ Nghị quyết …"], None, "Báo cáo kết quả thực hiện kế hoạch năm 2024"),
    (["**KẾ HOẠCH**", "**Phát triển kinh tế - xã hội năm 2025,**", "**của xã B**", "Thực hiện …"], None,
     "Kế hoạch phát triển kinh tế - xã hội năm 2025, của xã B"),
    (["BÁO CÁO", "TỔNG KẾT NHIỆM KỲ 2020 - 2025", "I. KẾT QUẢ"], None, "BÁO CÁO TỔNG KẾT NHIỆM KỲ 2020 - 2025"),
    (["Số -BC/HU", "(Dự thảo lần 1)", "“KHẨU HIỆU”",
      "(Báo cáo chính trị trình Đại hội lần thứ XX, nhiệm kỳ 2025-2030)"], "Số -BC/HU",
     "Báo cáo chính trị trình Đại hội lần thứ XX, nhiệm kỳ 2025-2030"),
    (["Một bài báo về kết quả năm 2024"], "Kết quả năm 2024 của huyện C", "Kết quả năm 2024 của huyện C"),
    (["ĐẢNG BỘ TỈNH D"], "ĐẢNG BỘ TỈNH D", None),
])
def test_a_documents_title_from_its_opening_lines(lines: list[str], meta: str | None, title: str | None) -> None:
    assert document_title(lines, meta) == title


@pytest.mark.parametrize(("written", "expected"), [
    ("ngày 05 tháng 12 năm 2023", IssuedDate(2023, 12, 5)),
    ("ngày    tháng 12 năm 2023", IssuedDate(2023, 12, None)),
    ("ngày tháng  năm 2024", IssuedDate(2024, None, None)),
    ("Hà Nội, 15/6/2024", IssuedDate(2024, 6, 15)),
    ("ngày 40 tháng 13 năm 2024", IssuedDate(2024, None, None)),
    ("không rõ", None),
    (None, None),
])
def test_a_documents_date_as_a_date(written: str | None, expected: IssuedDate | None) -> None:
    assert issued_date(written) == expected


def test_dates_are_written_the_vietnamese_way() -> None:
    assert [IssuedDate(2023, 12, 5).text, IssuedDate(2023, 12).text, IssuedDate(2023).text] == \
        ["05/12/2023", "tháng 12/2023", "2023"]
    assert IssuedDate(2023, 2, 5).iso == "2023-02-05"
