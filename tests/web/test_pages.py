"""Every page, through the TestClient: logged out, logged in, and what each one shows."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

Client = Callable[[str | None], TestClient]
PAGES = ["/", "/chi-tieu", "/chi-tieu/san_luong_luong_thuc", "/van-ban", "/van-ban/1", "/kiem-tra", "/ra-soat",
         "/don-vi"]


def _unit_id(client: TestClient, name: str) -> int:
    return next(u["id"] for u in client.get("/api/v1/units").json() if u["name"] == name and u["level"] != "xa")


@pytest.mark.parametrize("url", PAGES)
def test_pages_need_a_login(client_as: Client, url: str) -> None:
    response = client_as(None).get(url, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/dang-nhap?next=")


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_in_vietnamese(client_as: Client, url: str) -> None:
    response = client_as("xem").get(url)
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert "Đăng xuất" in response.text


def test_wrong_password_is_refused_with_a_vietnamese_message(client_as: Client) -> None:
    client = client_as(None)
    response = client.post("/dang-nhap", data={"username": "quantri", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_does_not_redirect_off_site(client_as: Client) -> None:
    from tests.conftest import PASSWORD

    response = client_as(None).post("/dang-nhap", data={"username": "xem", "password": PASSWORD,
                                                        "next": "//evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_logout_ends_the_session(client_as: Client) -> None:
    client = client_as("xem")
    client.post("/dang-xuat")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_dashboard_judges_by_the_rulebook_not_by_the_document(client_as: Client) -> None:
    # seed 002 prints 'Đạt' for grain output 17.501 tấn against a plan of over 17.600 tấn
    client = client_as("xem")
    unit = _unit_id(client, "Mường Tè")
    page = client.get("/", params={"unit": unit, "period": "2023"}).text
    row = re.search(r'<tr class="st-\w+">\s*<td class="name"><a href="/chi-tieu/san_luong_luong_thuc.*?</tr>', page,
                    re.S)
    assert row is not None
    assert "17.501" in row.group(0) and "&gt; 17.600" in row.group(0)
    assert "Không đạt" in row.group(0) and "99,44" in row.group(0)
    for heading in ("Kinh tế", "Văn hóa - xã hội", "Tài nguyên - môi trường"):
        assert f"<h2>{heading}</h2>" in page
    assert "phát hiện chưa xử lý" in page


def test_indicator_page_has_chart_units_and_sources(client_as: Client) -> None:
    page = client_as("xem").get("/chi-tieu/san_luong_luong_thuc").text
    assert "/static-lib/plotly.min.js" in page
    figure = re.search(r"data-figure='([^']*)'", page)
    assert figure is not None and '"type": "scatter"' in figure.group(1).replace("&#34;", '"')
    links = re.findall(r'href="/van-ban/(\d+)#L(\d+)"', page)
    assert links
    doc, line = links[0]
    document = client_as("xem").get(f"/van-ban/{doc}").text
    assert f'id="L{line}"' in document


def test_plotly_is_served_from_the_installed_package(client_as: Client) -> None:
    response = client_as(None).get("/static-lib/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert b"plotly" in response.content[:2000].lower()


def test_document_view_highlights_every_text_figure(client_as: Client) -> None:
    client = client_as("xem")
    doc = client.get("/api/v1/documents").json()[-1]
    page = client.get(f"/van-ban/{doc['id']}").text
    text_facts = [o for o in client.get("/api/v1/observations", params={"document": doc["id"], "limit": 10000}).json()
                  if o["source"] == "text"]
    highlighted = set(re.findall(r'class="fig role-\w+" href="/ra-soat\?observation=(\d+)"', page))
    assert len(highlighted) >= 0.9 * len(text_facts)  # overlapping spans show once
    assert "<table" in page  # the document's tables are rendered as tables


def test_findings_filter(client_as: Client) -> None:
    client = client_as("xem")
    all_ = client.get("/api/v1/findings").json()
    kind = all_[0]["kind"]
    page = client.get("/kiem-tra", params={"kind": kind}).text
    assert page.count('<tr class="sev-') == sum(f["kind"] == kind for f in all_)
    errors = client.get("/kiem-tra", params={"severity": "error"}).text
    assert errors.count('<tr class="sev-') == sum(f["severity"] == "error" for f in all_)


def test_units_page_lists_the_provinces_of_both_eras_and_finds_units(client_as: Client) -> None:
    client = client_as("xem")
    page = client.get("/don-vi").text
    before, after = page.split("34 tỉnh, thành phố từ 01/7/2025")
    assert before.count('<li><a href="/don-vi/') == 63 and after.count('<li><a href="/don-vi/') == 34
    assert "Tỉnh Hà Giang" in before and "Tỉnh Hà Giang" not in after  # merged into Tuyên Quang
    found = client.get("/don-vi", params={"q": "huyen muong te"}).text  # no diacritics
    assert "Huyện Mường Tè" in found and ">107<" in found
    assert "Không tìm thấy" in client.get("/don-vi", params={"q": "zzzzqqq"}).text


def test_a_units_page_shows_its_lineage_documents_and_its_provinces_dot_map(client_as: Client) -> None:
    client = client_as("xem")
    district = _unit_id(client, "Mường Tè")
    page = client.get(f"/don-vi/{district}").text
    assert "Huyện Mường Tè" in page and "vietnamadminunits" in page
    assert page.count('href="/van-ban/') >= 2  # its two sample reports
    assert "Các xã, phường, thị trấn của huyện nay thuộc" in page and "Xã Bum Tở" in page
    province = next(h["id"] for h in client.get("/api/v1/units", params={"q": "Lai Châu", "era": "old"}).json()
                    if h["level"] == "tinh")
    page = client.get(f"/don-vi/{province}", params={"chi_tieu": "san_luong_luong_thuc"}).text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<circle") == 8  # the old Lai Châu's eight districts, drawn from the packaged points
    assert "<script" not in page.split("</main>")[0] and "http" not in svg
    assert 'class="dot st-' in svg and "Huyện Mường Tè" in svg


def test_unknown_pages_say_so_in_vietnamese(client_as: Client) -> None:
    client = client_as("xem")
    assert client.get("/chi-tieu/khong_co").status_code == 404
    response = client.get("/van-ban/99999")
    assert response.status_code == 404 and "Không tìm thấy" in response.text


def test_dashboard_downloads_the_bieu(client_as: Client) -> None:
    client = client_as("xem")
    unit = _unit_id(client, "Mường Tè")
    page = client.get("/", params={"unit": unit, "period": "2023"}).text
    assert 'action="/tai-ve/bieu"' in page and f'name="unit" value="{unit}"' in page
    assert 'name="issuer"' in page and 'value="hd36"' in page  # the issuing body can be chosen
    for fmt, magic in (("xlsx", b"PK"), ("docx", b"PK")):
        response = client.get("/tai-ve/bieu", params={"unit": unit, "period": "2023", "format": fmt, "issuer": "hd36"})
        assert response.status_code == 200 and response.content[:2] == magic
        assert response.headers["content-disposition"] == f'attachment; filename="bieu-muong-te-2023.{fmt}"'
    assert client.get("/tai-ve/bieu", params={"unit": unit, "period": "1999"}).status_code == 400


def test_pages_carry_security_headers_and_never_redirect_elsewhere(client_as: Client) -> None:
    client = client_as("quantri")
    page = client.get("/")
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    finding = client.get("/api/v1/findings").json()[0]
    away = client.post(f"/kiem-tra/{finding['id']}", data={"note": "đã xem"},
                       headers={"origin": "http://testserver", "referer": "https://ke-gian.example/lua-dao"},
                       follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"] == "/kiem-tra"
    home = client.post(f"/kiem-tra/{finding['id']}", data={"note": "đã xem"},
                       headers={"referer": "http://testserver/kiem-tra?unit=1"}, follow_redirects=False)
    assert home.headers["location"] == "/kiem-tra?unit=1"


def test_a_form_posted_from_another_site_is_refused(client_as: Client) -> None:
    client = client_as("quantri")
    finding = client.get("/api/v1/findings").json()[0]
    forged = client.post(f"/kiem-tra/{finding['id']}", data={"note": "giả mạo"},
                         headers={"origin": "https://ke-gian.example"}, follow_redirects=False)
    assert forged.status_code == 403 and "trang web khác" in forged.json()["detail"]
    assert client.get("/api/v1/findings").json()[0]["resolved"] is False
    own = client.post(f"/kiem-tra/{finding['id']}", data={"note": "đã xem"},
                      headers={"origin": "http://testserver"}, follow_redirects=False)
    assert own.status_code == 303
