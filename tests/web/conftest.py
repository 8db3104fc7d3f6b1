"""A database with the sample reports and one account per role, copied fresh for each test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chitieu.services.accounts import add_user
from chitieu.services.database import connect
from chitieu.services.ingest import ingest
from chitieu.web.app import create_app
from tests.conftest import SAMPLES

PASSWORD = "mat-khau-thu"
# editor of Mường Tè (Lai Châu): documents 002 and 004 are theirs, 000, 001 and 003 are not
USERS = {"quantri": ("admin", None), "bientap": ("editor", "Mường Tè"), "xem": ("viewer", None)}


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "template.sqlite3"
    url = f"sqlite:///{path}"
    summary = ingest([str(SAMPLES)], url)
    assert summary.added == 5 and not summary.failures
    db = connect(url)
    for name, (role, unit) in USERS.items():
        add_user(db, name, PASSWORD, role, unit)
    db.close()
    return path


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
