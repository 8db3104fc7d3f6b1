"""The sample database (tests/conftest.py), copied fresh for each test, and clients logged in to it."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chitieu.web.app import create_app
from tests.conftest import PASSWORD


@pytest.fixture
def web_db(template_db: Path, tmp_path: Path) -> str:
    path = tmp_path / "web.sqlite3"
    shutil.copy(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def client_as(web_db: str) -> Iterator[Callable[[str | None], TestClient]]:
    """A TestClient logged in as the named account (None: not logged in), all on one database."""
    app = create_app(web_db, "test-secret-" + "x" * 20)
    clients: list[TestClient] = []

    def make(username: str | None) -> TestClient:
        client = TestClient(app)
        clients.append(client)
        if username is not None:
            response = client.post("/dang-nhap", data={"username": username, "password": PASSWORD, "next": "/"},
                                   follow_redirects=False)
            assert response.status_code == 303 and response.headers["location"] == "/"
        return client

    yield make
    for client in clients:
        client.close()
    app.state.db.close()
