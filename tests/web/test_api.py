"""The JSON API: every route, its filters, its authentication, and that it agrees with its page."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import PASSWORD, SAMPLES

Client = Callable[[str | None], TestClient]
ROUTES = ["/api/v1/documents", "/api/v1/documents/1", "/api/v1/indicators", "/api/v1/observations",
          "/api/v1/findings", "/api/v1/units", "/api/v1/overview"]


@pytest.mark.parametrize("url", ROUTES)
def test_api_needs_credentials(client_as: Client, url: str) -> None:
    response = client_as(None).get(url)
    assert response.status_code == 401
    assert response.json()["detail"] == "Cần đăng nhập để tiếp tục."


@pytest.mark.parametrize("url", ROUTES)
def test_api_answers_with_a_session_or_basic_credentials(client_as: Client, url: str) -> None:
    assert client_as("xem").get(url).status_code == 200
    token = base64.b64encode(f"xem:{PASSWORD}".encode()).decode()
    assert client_as(None).get(url, headers={"Authorization": f"Basic {token}"}).status_code == 200
    bad = base64.b64encode(b"xem:wrong-password").decode()
    assert client_as(None).get(url, headers={"Authorization": f"Basic {bad}"}).status_code == 401


def test_openapi_lists_every_route(client_as: Client) -> None:
    paths = client_as(None).get("/openapi.json").json()["paths"]
    for route in ["/api/v1/documents", "/api/v1/documents/{document_id}", "/api/v1/indicators",
                  "/api/v1/observations", "/api/v1/findings", "/api/v1/units", "/api/v1/overview",
                  "/api/v1/observations/{observation_id}/corrections", "/api/v1/findings/{finding_id}/resolve"]:
        assert route in paths
    assert "post" in paths["/api/v1/documents"]
    assert not any(p.startswith("/ra-soat") for p in paths)  # pages stay out of the API description


def test_documents_and_detail(client_as: Client) -> None:
    client = client_as("xem")
    docs = client.get("/api/v1/documents").json()
    assert len(docs) == 5
    assert {d["unit_name"] for d in docs} == {"Mường Ảng", "Tủa Chùa", "Mường Tè", "Tam Đường"}
    for doc in docs:
        detail = client.get(f"/api/v1/documents/{doc['id']}").json()
        assert detail["document"] == doc
        assert len(detail["findings"]) == doc["open_findings"]
    grain = client.get("/api/v1/observations", params={"indicator": "san_luong_luong_thuc"}).json()[0]
    lines = dict(client.get(f"/api/v1/documents/{grain['document_id']}").json()["lines"])
    assert "17" in lines[grain["line"]]  # provenance lines point into the stored text
    assert any("\t" in text for text in lines.values())  # table rows kept as cells
    assert client.get("/api/v1/documents/99999").status_code == 404


def test_observation_filters(client_as: Client) -> None:
    client = client_as("xem")
    units = {u["name"]: u["id"] for u in client.get("/api/v1/units").json() if u["level"] == "huyen"}
    rows = client.get("/api/v1/observations", params={"unit": units["Mường Tè"], "indicator": "san_luong_luong_thuc",
                                                      "period": "2023"}).json()
    assert rows
    assert all(r["admin_unit_id"] == units["Mường Tè"] and r["indicator_id"] == "san_luong_luong_thuc"
               and r["period"] == "2023" for r in rows)
    assert any(r["value"] == 17501 for r in rows)
    text = next(r for r in rows if r["source"] == "text")
    assert text["span"] and text["quote"]


def test_findings_filters(client_as: Client) -> None:
    client = client_as("xem")
    everything = client.get("/api/v1/findings").json()
    errors = client.get("/api/v1/findings", params={"severity": "error"}).json()
    assert errors and len(errors) < len(everything)
    assert all(f["severity"] == "error" for f in errors)
    doc = everything[0]["document_id"]
    assert all(f["document_id"] == doc for f in client.get("/api/v1/findings", params={"document": doc}).json())


def test_indicators_carry_counts(client_as: Client) -> None:
    indicators = client_as("xem").get("/api/v1/indicators").json()
    assert len(indicators) >= 80
    assert sum(i["observations"] for i in indicators) > 300  # the tables and the figures sure to be the indicator


def test_overview_api_and_page_agree(client_as: Client) -> None:
    client = client_as("xem")
    unit = next(u["id"] for u in client.get("/api/v1/units").json()
                if u["name"] == "Mường Tè" and u["level"] == "huyen")
    data = client.get("/api/v1/overview", params={"unit": unit, "period": "2023"}).json()
    page = client.get("/", params={"unit": unit, "period": "2023"}).text
    statuses = re.findall(r'<tr class="st-(\w+)">', page)
    assert len(statuses) == len(data["indicators"])
    classes = {"vuot": "vuot", "dat": "dat", "khong_dat": "khong", "chua_danh_gia": "chua", "khong_co_so_lieu": "none"}
    assert sorted(statuses) == sorted(classes[i["status"]] for i in data["indicators"])
    grain = next(i for i in data["indicators"] if i["indicator_id"] == "san_luong_luong_thuc")
    assert grain["status"] == "khong_dat" and round(grain["pct"], 2) == 99.44


def test_upload_through_the_api(client_as: Client) -> None:
    client = client_as("quantri")
    stored = sorted(SAMPLES.glob("003_*.txt"))[0]
    resaved = stored.read_bytes() + b"\n"  # the same report saved again: other bytes, same content
    response = client.post("/api/v1/documents", files=[("file", ("bao-cao.txt", resaved, "text/plain")),
                                                        ("file", ("hong.docx", b"PK\x03\x04 hong", "application/zip"))])
    assert response.status_code == 200
    body = response.json()
    assert body["added"] == 0 and body["duplicates"][0]["file"] == "bao-cao.txt"
    assert stored.name in body["duplicates"][0]["message"]
    assert body["failures"][0]["file"] == "hong.docx" and "hong.docx" in body["failures"][0]["message"]
    other = sorted(SAMPLES.glob("004_*.txt"))[0].read_text(encoding="utf-8").replace("Mường Tè", "Nậm Nhùn")
    added = client.post("/api/v1/documents", files={"file": ("nam-nhun.txt", other.encode(), "text/plain")}).json()
    assert added["added"] == 1 and len(added["document_ids"]) == 1 and added["duplicates"] == []
    again = client.post("/api/v1/documents", files={"file": ("lai.txt", other.encode(), "text/plain")}).json()
    assert again["added"] == 0 and again["unchanged"] == 1


def test_upload_without_a_file_is_a_clear_error(client_as: Client) -> None:
    response = client_as("quantri").post("/api/v1/documents", files={"file": ("", b"", "text/plain")})
    assert response.status_code in (400, 422)
    detail = response.json()["detail"]
    messages = [detail] if isinstance(detail, str) else [item["msg"] for item in detail]
    assert any("tệp" in m or ("file" in m and "không hợp lệ" in m) for m in messages)


def test_invalid_requests_are_answered_in_vietnamese(client_as: Client) -> None:
    client = client_as("quantri")
    response = client.post("/api/v1/observations/1/corrections", json={"field": "value"})
    assert response.status_code == 422
    detail = response.json()["detail"]  # as the OpenAPI declares it: one item per field, in Vietnamese
    assert [item["loc"] for item in detail] == [["body", "new_value"], ["body", "reason"]]
    assert all(item["msg"].startswith("Giá trị của ") and "không hợp lệ" in item["msg"] for item in detail)
    page = client.post("/ra-soat/1", data={})
    assert page.status_code == 422 and "Dữ liệu gửi lên không hợp lệ" in page.text


def test_ids_texts_and_periods_are_checked_at_the_edge(client_as: Client) -> None:
    client = client_as("quantri")
    assert client.get("/api/v1/documents/99999999999999999999").status_code == 422
    assert client.get("/api/v1/observations", params={"unit": 2**40}).status_code == 422
    assert client.get("/van-ban/99999999999999999999").status_code == 422
    obs = client.get("/api/v1/observations", params={"limit": 1}).json()[0]
    bad = client.post(f"/api/v1/observations/{obs['id']}/corrections",
                      json={"field": "period", "new_value": "<b>" + "x" * 150 + "</b>", "reason": "thử"})
    assert bad.status_code == 400 and "không đúng cách ghi" in bad.json()["detail"]
    fine = client.post(f"/api/v1/observations/{obs['id']}/corrections",
                       json={"field": "period", "new_value": "6T/2023", "reason": "theo\x00 báo cáo"})
    assert fine.status_code == 200


def test_units_search_finds_the_district_with_its_code(client_as: Client) -> None:
    client = client_as("xem")
    hits = client.get("/api/v1/units", params={"q": "Mường Tè"}).json()
    district = next(h for h in hits if h["level"] == "huyen")
    assert (district["label"], district["code"], district["era"], district["valid_to"]) == (
        "Huyện Mường Tè", "107", "old", "2025-06-30")
    assert district["within"] == "Tỉnh Lai Châu"
    assert hits[0]["id"] == district["id"]  # the district first: the samples are its reports
    assert any(h["era"] == "new" and h["label"] == "Xã Mường Tè" for h in hits)
    assert {h["era"] for h in client.get("/api/v1/units", params={"q": "muong te", "era": "new"}).json()} == {"new"}
    detail = client.get(f"/api/v1/units/{district['id']}").json()
    assert detail["name"] == "Huyện Mường Tè" and len(detail["documents"]) == 2
    assert detail["within"] == ["Tỉnh Lai Châu"] and detail["predecessors"] == []
    assert client.get("/api/v1/units/99999").status_code == 404
