"""Every class of hostile file through the upload: a message naming it in the batch's outcome, nothing
stored of it, and the server answering other requests meanwhile (the work is in a child process)."""

from __future__ import annotations

import re
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chitieu.messages import MESSAGES
from tests.hostile_corpus import DENSE, corpus, write

Client = Callable[[str | None], TestClient]


def fragment(key: str) -> str:
    return max(re.split(r"\{[^}]*\}", MESSAGES[key]), key=len).strip()


@pytest.mark.slow
def test_a_batch_of_hostile_uploads_gets_one_message_each_and_stores_none_of_them(client_as: Client,
                                                                                   tmp_path: Path) -> None:
    admin = client_as("quantri")
    before = {d["file_name"] for d in admin.get("/api/v1/documents").json()}
    expected = {name: key for name, (_, key) in corpus().items()} | {"too-large.txt": "read.too_large"}
    files = [("file", (p.name, p.read_bytes(), "application/octet-stream")) for p in write(tmp_path)]
    started = time.perf_counter()
    response = admin.post("/api/v1/documents", files=files)
    elapsed = time.perf_counter() - started
    print(f"{len(files)} hostile uploads: {elapsed:.1f} s")
    assert response.status_code == 200 and elapsed < 10 * len(files)
    failures = {f["file"]: f["message"] for f in response.json()["failures"]}
    refused = {name: key for name, key in expected.items() if key != "stored"}
    assert set(failures) == set(refused)
    for name, key in refused.items():
        assert name in failures[name] and fragment(key) in failures[name]
    assert "60.0 MB" in failures["too-large.txt"]
    after = {d["file_name"] for d in admin.get("/api/v1/documents").json()}
    assert after - before == {name for name, key in expected.items() if key == "stored"}


def test_the_server_answers_while_an_upload_is_worked_on_and_stops_it_at_its_budget(
        client_as: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHITIEU_WORK_SECONDS", "2")
    dense = ("BÁO CÁO năm 2023 của huyện Mường Tè\n" + "\n".join(DENSE * 20 for _ in range(200))).encode()
    uploader, reader = client_as("quantri"), client_as("xem")
    outcome: dict[str, object] = {}

    def upload() -> None:
        outcome["response"] = uploader.post("/api/v1/documents", files=[("file", ("day-dac.txt", dense, "text/plain"))])

    worker = threading.Thread(target=upload)
    worker.start()
    latencies = []
    while worker.is_alive():
        started = time.perf_counter()
        assert reader.get("/api/v1/documents").status_code == 200
        latencies.append(time.perf_counter() - started)
        time.sleep(0.05)
    worker.join()
    print(f"{len(latencies)} requests during the upload: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"slowest {max(latencies) * 1000:.0f} ms")
    assert len(latencies) >= 5 and statistics.median(latencies) < 0.2  # generous: this is a shared machine
    body = outcome["response"].json()  # type: ignore[attr-defined]
    [failure] = body["failures"]
    assert failure["file"] == "day-dac.txt" and fragment("read.over_time") in failure["message"]
    assert "2 giây" in failure["message"] and body["added"] == 0
