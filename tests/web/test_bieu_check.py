"""The Biểu checked row by row, through the pages as a user reaches them (links, forms), on the samples."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html import unescape

from fastapi.testclient import TestClient
from openpyxl import load_workbook

Client = Callable[[str | None], TestClient]
PROGRESS = re.compile(r"Đã kiểm (\d+)/(\d+) dòng")


def _bieu_page(client: TestClient) -> tuple[str, str]:
    """The Biểu page reached from the dashboard's visible link, and its address."""
    home = client.get("/").text
    link = re.search(r'<a class="button primary" href="(/bieu\?[^"]+)"', home)
    assert link, "the dashboard links to the Biểu page"
    address = unescape(link.group(1))
    return client.get(address).text, address


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr id="R([0-9a-f]{16})"', page)


def _progress(page: str) -> tuple[int, int]:
    found = PROGRESS.search(page)
    assert found
    return int(found.group(1)), int(found.group(2))


def _form(page: str, key: str) -> dict[str, str]:
    row = page[page.index(f'<tr id="R{key}"'):]
    row = row[:row.index("</tr>")]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', row))


def test_every_row_has_its_source_and_the_check_counts(client_as: Client) -> None:
    client = client_as("bientap")
    page, address = _bieu_page(client)
    assert "Mường Tè" in page
    keys = _rows(page)
    assert _progress(page) == (0, len(keys)) and len(keys) > 30
    # one click from a row to the cell its value was read from, which the document page highlights
    sources = re.findall(r'<a class="source" href="(/van-ban/(\d+)#(L\d+c\d+|O\d+|L\d+))"', page)
    assert len(sources) >= 0.9 * len(keys)
    _, doc, anchor = sources[0]
    assert f'id="{anchor}"' in client.get(f"/van-ban/{doc}").text
    # accepted: counted, and the next unchecked row is where the page opens
    hidden = _form(page, keys[0])
    response = client.post("/bieu/kiem", data={**hidden, "decision": "accept"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].endswith(f"#R{keys[1]}")
    after = client.get(address).text
    assert _progress(after) == (1, len(keys))
    assert "Đã ghi nhận" in after and "bientap" in after


def test_a_correction_needs_a_reason_and_then_wins_everywhere(client_as: Client) -> None:
    client = client_as("bientap")
    page, address = _bieu_page(client)
    key = next(k for k in _rows(page) if "Tổng sản lượng lương thực" in page[page.index(f'id="R{k}"'):][:600])
    hidden = _form(page, key)
    refused = client.post("/bieu/kiem", data={**hidden, "decision": "correct", "value": "17.650", "reason": " "})
    assert "Cần nêu lý do sửa" in refused.text  # said on the page, the row still unchecked
    assert _progress(refused.text)[0] == 0
    bad = client.post("/bieu/kiem", data={**hidden, "decision": "correct", "value": "mười", "reason": "x"})
    assert "không phải là số" in bad.text
    reason = "Số Chi cục Thống kê"
    client.post("/bieu/kiem", data={**hidden, "decision": "correct", "value": "17.650", "reason": reason})
    after = client.get(address).text
    assert _progress(after)[0] == 1
    row = after[after.index(f'id="R{key}"'):]
    row = row[:row.index("</tr>")]
    assert "<strong>17.650</strong>" in row and "Vượt" in row  # judged again on the corrected value
    history = re.search(r'href="(/ra-soat\?observation=\d+)"', row)
    assert history and "Số Chi cục Thống kê" in client.get(history.group(1)).text
    assert "17.650" in client.get("/chi-tieu/san_luong_luong_thuc").text  # the dashboard's value too
    # the downloaded Biểu says who checked what
    xlsx = client.get(f"/tai-ve/bieu?{address.split('?')[1]}&format=xlsx")
    assert "muong-te" in xlsx.headers["content-disposition"]
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws is not None
    texts = [str(c.value) for r in ws.iter_rows() for c in r if c.value is not None]
    assert any("Số Chi cục Thống kê" in t and "bientap" in t for t in texts)
    assert any(t.startswith("Đã kiểm 1/") and "bientap" in t for t in texts)


def test_a_value_changed_after_its_check_asks_for_a_new_one(client_as: Client) -> None:
    client = client_as("bientap")
    page, address = _bieu_page(client)
    key = _rows(page)[0]
    client.post("/bieu/kiem", data={**_form(page, key), "decision": "accept"})
    page = client.get(address).text
    row = page[page.index(f'id="R{key}"'):]
    observation = re.search(r'href="/ra-soat\?observation=(\d+)"', row)
    assert observation and _progress(page)[0] == 1
    client.post(f"/ra-soat/{observation.group(1)}", data={"field": "value", "new_value": "28", "reason": "Số mới"})
    again = client.get(address).text
    assert _progress(again)[0] == 0
    assert "cần kiểm lại" in again


def _row(page: str, key: str) -> str:
    row = page[page.index(f'<tr id="R{key}"'):]
    return row[:row.index("</tr>")]


def test_picking_another_reports_value(client_as: Client) -> None:
    client = client_as("bientap")
    page, address = _bieu_page(client)
    key = next(k for k in _rows(page) if "Tổng sản lượng lương thực" in _row(page, k))
    other = re.search(r'class="agrees"><strong>17.501</strong>.*?href="/van-ban/\d+#O(\d+)"', _row(page, key), re.S)
    assert other, "the report's prose gives the same figure as its table"
    # the prose figure read differently: the row now shows a differing value to pick
    client.post(f"/ra-soat/{other.group(1)}", data={"field": "value", "new_value": "17.700", "reason": "Đọc lại"})
    page = client.get(address).text
    row = _row(page, key)
    assert 'class="differs"><strong>17.700</strong>' in row
    assert f'name="observation" value="{other.group(1)}"' in row
    client.post("/bieu/kiem", data={**_form(page, key), "observation": other.group(1), "decision": "pick"})
    after = client.get(address).text
    assert _progress(after)[0] == 1
    assert "<strong>17.700</strong>" in _row(after, key) and "chọn số khác" in _row(after, key)


def test_a_viewer_sees_the_biểu_but_cannot_check_it(client_as: Client) -> None:
    editor_page, _ = _bieu_page(client_as("bientap"))
    key = _rows(editor_page)[0]
    hidden = _form(editor_page, key)
    viewer = client_as("xem")
    page = viewer.get("/bieu?" + "&".join(f"{k}={v}" for k, v in hidden.items() if k in ("unit", "period"))).text
    assert "Đồng ý" not in page and "chỉ được xem" in page
    response = viewer.post("/bieu/kiem", data={**hidden, "decision": "accept"})
    assert response.status_code == 403
