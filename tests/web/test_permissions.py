"""Who may change what, enforced by the services whatever the route: viewers nothing, editors only
their unit and its subunits, admins everything; and a correction wins over the extraction."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SAMPLES
from tests.docx_builder import text_to_docx

Client = Callable[[str | None], TestClient]


def _observation(client: TestClient, unit_name: str, indicator: str = "san_luong_luong_thuc") -> dict[str, object]:
    unit = next(u["id"] for u in client.get("/api/v1/units").json() if u["name"] == unit_name and u["level"] == "huyen")
    rows = client.get("/api/v1/observations", params={"unit": unit, "indicator": indicator}).json()
    return next(r for r in rows if r["role"] == "actual" and r["period"] == "2023") if unit_name == "Mường Tè" \
        else rows[0]


def _correct(client: TestClient, obs_id: object, value: str = "17.650,5") -> int:
    return client.post(f"/api/v1/observations/{obs_id}/corrections",
                       json={"field": "value", "new_value": value, "reason": "Theo niên giám thống kê"}).status_code


def test_viewer_changes_nothing(client_as: Client) -> None:
    viewer = client_as("xem")
    obs = _observation(viewer, "Mường Tè")
    assert _correct(viewer, obs["id"]) == 403
    page = viewer.post(f"/ra-soat/{obs['id']}", data={"field": "value", "new_value": "1", "reason": "x"})
    assert page.status_code == 403 and "không có quyền" in page.text
    finding = viewer.get("/api/v1/findings").json()[0]
    assert viewer.post(f"/api/v1/findings/{finding['id']}/resolve", json={"note": "đã xem"}).status_code == 403
    upload = viewer.post("/api/v1/documents", files={"file": ("a.txt", b"x", "text/plain")})
    assert upload.status_code == 403
    assert "form" not in viewer.get("/ra-soat").text.split("<tbody>")[1].split("</tbody>")[0]


def test_editor_changes_only_their_unit(client_as: Client) -> None:
    editor = client_as("bientap")  # Mường Tè
    assert _correct(editor, _observation(editor, "Mường Tè")["id"]) == 200
    assert _correct(editor, _observation(editor, "Tam Đường")["id"]) == 403
    findings = editor.get("/api/v1/findings").json()
    own = next(f for f in findings if f["unit_name"] == "Mường Tè")
    other = next(f for f in findings if f["unit_name"] == "Tam Đường")
    assert editor.post(f"/api/v1/findings/{own['id']}/resolve", json={"note": "Đã sửa trong báo cáo"}).status_code \
        == 200
    assert editor.post(f"/api/v1/findings/{other['id']}/resolve", json={"note": "x"}).status_code == 403


def test_editor_cannot_move_a_value_out_of_their_units(client_as: Client) -> None:
    editor = client_as("bientap")
    obs = _observation(editor, "Mường Tè")
    other = next(u["id"] for u in editor.get("/api/v1/units").json()
                 if u["name"] == "Tam Đường" and u["level"] == "huyen")
    response = editor.post(f"/api/v1/observations/{obs['id']}/corrections",
                           json={"field": "admin_unit_id", "new_value": str(other), "reason": "nhầm đơn vị"})
    assert response.status_code == 403
    moved = editor.get("/api/v1/observations", params={"document": obs["document_id"], "limit": 10000}).json()
    assert next(r for r in moved if r["id"] == obs["id"])["admin_unit_id"] != other


def test_editor_upload_outside_their_unit_is_not_stored(client_as: Client) -> None:
    editor = client_as("bientap")
    tam_duong = sorted(SAMPLES.glob("003_*.txt"))[0].read_text(encoding="utf-8") + "\nBản sao.\n"
    before = len(editor.get("/api/v1/documents").json())
    body = editor.post("/api/v1/documents", files={"file": ("tam-duong.docx", text_to_docx(tam_duong))}).json()
    assert body["added"] == 0 and "ngoài phạm vi" in body["failures"][0]["message"]
    assert len(editor.get("/api/v1/documents").json()) == before


def test_correction_wins_everywhere_and_keeps_history(client_as: Client) -> None:
    admin = client_as("quantri")
    obs = _observation(admin, "Mường Tè")
    unit = obs["admin_unit_id"]
    assert _correct(admin, obs["id"], "17.650,5") == 200
    overview = admin.get("/api/v1/overview", params={"unit": unit, "period": "2023"}).json()
    grain = next(i for i in overview["indicators"] if i["indicator_id"] == "san_luong_luong_thuc")
    assert grain["actual"] == 17650.5 and grain["status"] == "vuot"
    page = admin.get("/", params={"unit": unit, "period": "2023"}).text
    assert "17.650,5" in page
    assert "17.650,5" in admin.get("/chi-tieu/san_luong_luong_thuc").text
    history = admin.get(f"/ra-soat?observation={obs['id']}").text
    assert "Theo niên giám thống kê" in history and "quantri" in history


@pytest.mark.parametrize("field,value,message", [("value", "abc", "không phải là số"),
                                                 ("indicator_id", "khong_co", "Không có chỉ tiêu")])
def test_bad_corrections_are_refused_with_reasons(client_as: Client, field: str, value: str, message: str) -> None:
    admin = client_as("quantri")
    obs = _observation(admin, "Mường Tè")
    response = admin.post(f"/api/v1/observations/{obs['id']}/corrections",
                          json={"field": field, "new_value": value, "reason": "thử"})
    assert response.status_code == 400 and message in response.json()["detail"]


def test_a_field_that_cannot_be_corrected_is_refused_at_the_edge(client_as: Client) -> None:
    admin = client_as("quantri")
    obs = _observation(admin, "Mường Tè")
    response = admin.post(f"/api/v1/observations/{obs['id']}/corrections",
                          json={"field": "colour", "new_value": "x", "reason": "thử"})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "field"]


def test_a_correction_needs_a_reason(client_as: Client) -> None:
    admin = client_as("quantri")
    obs = _observation(admin, "Mường Tè")
    response = admin.post(f"/api/v1/observations/{obs['id']}/corrections",
                          json={"field": "value", "new_value": "1", "reason": " "})
    assert response.status_code == 400 and "lý do" in response.json()["detail"]


def test_repeated_wrong_passwords_lock_the_account_for_a_while_and_are_logged(
        client_as: Client, caplog: pytest.LogCaptureFixture) -> None:
    from tests.conftest import PASSWORD

    client = client_as(None)
    with caplog.at_level("WARNING", logger="chitieu.auth"):
        for _ in range(10):
            page = client.post("/dang-nhap", data={"username": "xem", "password": "sai", "next": "/"})
            assert "không đúng" in page.text
        locked = client.post("/dang-nhap", data={"username": "xem", "password": PASSWORD, "next": "/"},
                             follow_redirects=False)
    assert locked.status_code == 200 and "tạm khóa" in locked.text  # even the right password, for now
    assert sum("failed login for 'xem'" in r.getMessage() for r in caplog.records) == 10
    api = client.get("/api/v1/documents", auth=("xem", PASSWORD))
    assert api.status_code == 429
    other = client.post("/dang-nhap", data={"username": "quantri", "password": PASSWORD, "next": "/"},
                        follow_redirects=False)
    assert other.status_code == 303  # another account is not affected


def test_a_session_cookie_opens_nothing_after_logout(client_as: Client) -> None:
    client = client_as("quantri")
    cookie = client.cookies.get("chitieu_session")
    assert cookie and client.get("/", follow_redirects=False).status_code == 200
    client.post("/dang-xuat")
    replay = client_as(None)
    replay.cookies.set("chitieu_session", cookie)
    assert replay.get("/", follow_redirects=False).status_code == 303  # back to the login page
