"""The sample database (tests/conftest.py), copied fresh for each test, and clients logged in to it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chitieu.web.app import create_app
from tests.conftest import PASSWORD

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def page_token(client: TestClient, path: str) -> str:
    """The CSRF token the forms of a page carry (the session's)."""
    found = _TOKEN.search(client.get(path).text)
    assert found is not None, f"no form token on {path}"
    return found.group(1)


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
            response = client.post("/dang-nhap", data={"username": username, "password": PASSWORD, "next": "/",
                                                       "csrf_token": page_token(client, "/dang-nhap")},
                                   follow_redirects=False)
            assert response.status_code == 303 and response.headers["location"] == "/"
        # as the page's script does: every changing request sends the session's token back
        client.headers["X-CSRF-Token"] = page_token(client, "/dang-nhap" if username is None else "/")
        return client

    yield make
    for client in clients:
        client.close()
    app.state.db.close()
