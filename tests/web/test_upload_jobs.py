"""An upload answered at once with a job the page asks about until it is done; only its owner (or an
administrator) can see it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.hostile_corpus import DENSE

Client = Callable[[str | None], TestClient]
REPORT = ("HUYỆN ỦY MƯỜNG TÈ\nBÁO CÁO tình hình thực hiện nhiệm vụ năm 2019 của huyện Mường Tè, tỉnh Lai Châu\n"
          "Năm 2019 tổng sản lượng lương thực có hạt đạt 15.001 tấn.\n").encode()


def _until_done(client: TestClient, job_id: str) -> dict[str, Any]:
    for _ in range(600):
        job: dict[str, Any] = client.get(f"/api/v1/uploads/{job_id}").json()
        if job["state"] != "running":
            return job
        time.sleep(0.1)
    raise AssertionError("the job never ended")


def test_an_upload_is_answered_at_once_and_its_job_tells_how_it_went(client_as: Client) -> None:
    admin = client_as("quantri")
    dense = ("BÁO CÁO năm 2023 của huyện Mường Tè\n" + "\n".join(DENSE * 20 for _ in range(100))).encode()
    started = time.perf_counter()
    response = admin.post("/api/v1/uploads", files=[("file", ("a.txt", REPORT, "text/plain")),
                                                     ("file", ("day-dac.txt", dense, "text/plain"))])
    answered = time.perf_counter() - started
    assert response.status_code == 202
    job = response.json()
    assert job["state"] == "running" and job["total"] == 2 and job["result"] is None
    assert answered < 2  # generous: the dense file alone takes seconds, the answer does not wait for it
    assert client_as("bientap").get(f"/api/v1/uploads/{job['id']}").status_code == 404  # not the editor's
    done = _until_done(admin, job["id"])
    assert done["state"] == "done" and done["done"] == 2
    assert done["result"]["added"] == 2, done["result"]


def test_an_editors_job_is_theirs_and_an_administrators_to_see(client_as: Client) -> None:
    editor = client_as("bientap")
    job = editor.post("/api/v1/uploads", files=[("file", ("a.txt", REPORT, "text/plain"))]).json()
    assert _until_done(editor, job["id"])["result"]["added"] == 1
    assert client_as("quantri").get(f"/api/v1/uploads/{job['id']}").status_code == 200
    assert client_as("xem").get(f"/api/v1/uploads/{job['id']}").status_code == 404


def test_a_viewer_gets_no_job_and_a_made_up_job_is_unknown(client_as: Client) -> None:
    viewer = client_as("xem")
    assert viewer.post("/api/v1/uploads", files=[("file", ("a.txt", REPORT, "text/plain"))]).status_code == 403
    assert viewer.get("/api/v1/uploads/khong-co").status_code == 404
    assert viewer.get("/api/v1/uploads/" + "x" * 41).status_code == 422
