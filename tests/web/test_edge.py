"""What used to end in a 500 (and a dropped connection) on one database or the other: ids beyond what it
holds, NUL bytes, over-long texts and periods — each refused or cleaned at the edge, on both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chitieu.services.accounts import add_user, create_api_token
from chitieu.services.database import connect
from chitieu.services.ingest import ingest
from chitieu.web.app import create_app

REPORT = ("HUYỆN ỦY MƯỜNG TÈ\nBÁO CÁO tình hình thực hiện nhiệm vụ năm 2023 của huyện Mường Tè, tỉnh Lai Châu\n"
          "Năm 2023 tổng sản lượng lương thực có hạt đạt 17.501 tấn, đạt 101,2% kế hoạch.\n"
          "Thu ngân sách trên địa bàn đạt 120 tỷ đồng, vượt 5% dự toán.\n"
          "Có 12/14 xã đạt chuẩn nông thôn mới, chiếm tỷ lệ 80%.\n")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def admin(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An administrator's client on one database of each kind, shared by the tests of this module."""
    tmp_path = tmp_path_factory.mktemp("edge")
    if request.param == "sqlite":
        database_url = f"sqlite:///{tmp_path / 'edge.sqlite3'}"
    else:
        from tests.pg_server import fresh_database

        database_url = fresh_database(request.getfixturevalue("postgres_url"), "edge")
    (tmp_path / "bc.txt").write_text(REPORT, encoding="utf-8")
    assert ingest([str(tmp_path / "bc.txt")], database_url).added == 1
    db = connect(database_url)
    add_user(db, "quantri", "mat-khau-thu", "admin", None)
    _, token = create_api_token(db, "quantri", "edge tests")
    db.close()
    app = create_app(database_url, "edge-secret-" + "x" * 20)
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as client:  # as a script would
        yield client
    app.state.db.close()


HUGE = str(2**70)


@pytest.mark.parametrize("path", [
    f"/api/v1/documents/{HUGE}", f"/api/v1/observations?unit={HUGE}", f"/api/v1/findings?document={HUGE}",
    "/api/v1/observations?period=2023%00", "/api/v1/observations?period=" + "2" * 30,
    "/api/v1/observations?indicator=a%00b", "/api/v1/findings?kind=" + "k" * 300, "/api/v1/overview?period=abc",
])
def test_an_impossible_filter_or_id_is_refused_at_the_edge_with_the_declared_body(admin: TestClient,
                                                                                   path: str) -> None:
    response = admin.get(path)
    assert response.status_code == 422
    [item] = response.json()["detail"]  # the OpenAPI's HTTPValidationError, said in Vietnamese
    assert item["loc"][0] in ("path", "query") and "không hợp lệ" in item["msg"]


@pytest.mark.parametrize("path", [
    f"/?unit={HUGE}&period=2023%00", f"/kiem-tra?kind=x%00&severity={'s' * 300}", "/ra-soat?indicator=a%00&unit=1",
    f"/van-ban?unit={HUGE}", f"/chi-tieu/x%00?unit={HUGE}",
])
def test_pages_take_impossible_filters_as_no_filter(admin: TestClient, path: str) -> None:
    assert admin.get(path).status_code in (200, 404)


def test_nul_bytes_in_a_reason_or_a_note_are_dropped_before_the_database(admin: TestClient) -> None:
    [obs] = admin.get("/api/v1/observations?limit=1").json()
    corrected = admin.post(f"/api/v1/observations/{obs['id']}/corrections",
                           json={"field": "value", "new_value": "17.600\x00", "reason": "sửa\x00 lại"})
    assert corrected.status_code == 200
    assert corrected.json()["history"][0]["reason"] == "sửa lại"
    finding = admin.get("/api/v1/findings").json()[0]
    resolved = admin.post(f"/api/v1/findings/{finding['id']}/resolve", json={"note": "đã\x00 xem"})
    assert resolved.status_code == 200
    assert admin.get(f"/api/v1/findings?document={finding['document_id']}").json()[0]["resolution_note"] == "đã xem"


def test_a_correction_to_a_unit_id_beyond_the_database_is_a_message(admin: TestClient) -> None:
    [obs] = admin.get("/api/v1/observations?limit=1").json()
    response = admin.post(f"/api/v1/observations/{obs['id']}/corrections",
                          json={"field": "admin_unit_id", "new_value": HUGE, "reason": "chuyển"})
    assert response.status_code == 400 and HUGE in response.json()["detail"]


def test_a_batch_of_uploads_goes_past_a_bad_file(admin: TestClient) -> None:
    files = [("file", ("a.txt", REPORT.replace("17.501", "17.600").encode(), "text/plain")),
             ("file", ("b" * 600 + ".txt", b"\x00\x00 NUL \x00" + REPORT.replace("2023", "2022").encode(),
                       "text/plain")),
             ("file", ("c.docx", b"PK\x03\x04 not a zip", "application/octet-stream")),
             ("file", ("d.txt", REPORT.replace("17.501", "16.000").encode(), "text/plain"))]
    response = admin.post("/api/v1/documents", files=files)
    assert response.status_code == 200
    body = response.json()
    assert body["added"] == 3 and [f["file"] for f in body["failures"]] == ["c.docx"]
