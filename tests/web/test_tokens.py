"""CSRF tokens on every form (beside the Origin check), and API tokens for scripts: hashed, revocable,
one indexed lookup instead of a password check per request."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from chitieu.cli.app import app as cli
from chitieu.store.database import open_database
from chitieu.store.schema import ApiToken
from tests.conftest import PASSWORD
from tests.web.conftest import page_token

Client = Callable[[str | None], TestClient]


def _without_token(client: TestClient) -> TestClient:
    del client.headers["X-CSRF-Token"]
    return client


def test_every_form_of_every_page_carries_the_sessions_token(client_as: Client) -> None:
    admin = client_as("quantri")
    token = admin.headers["X-CSRF-Token"]
    for path in ("/", "/van-ban", "/kiem-tra", "/ra-soat?observation=1"):
        page = admin.get(path).text
        forms = re.findall(r'<form[^>]*method="post".*?</form>', page, re.S)
        assert forms, path
        assert all(f'name="csrf_token" value="{token}"' in form for form in forms), path


def test_a_form_posted_without_the_token_is_refused_even_from_this_site(client_as: Client) -> None:
    admin = _without_token(client_as("quantri"))
    [finding] = admin.get("/api/v1/findings?resolved=false").json()[:1]
    same_site = {"origin": "http://testserver"}
    refused = admin.post(f"/kiem-tra/{finding['id']}", data={"note": "đã xem"}, headers=same_site)
    assert refused.status_code == 403 and "tải lại trang" in refused.text
    wrong = admin.post(f"/kiem-tra/{finding['id']}", data={"note": "đã xem", "csrf_token": "x" * 43},
                       headers=same_site)
    assert wrong.status_code == 403
    good = admin.post(f"/kiem-tra/{finding['id']}", data={"note": "đã xem", "csrf_token": page_token(admin, "/")},
                      headers=same_site, follow_redirects=False)
    assert good.status_code == 303
    assert admin.get(f"/api/v1/findings?document={finding['document_id']}").json()[0]["resolved"]


def test_an_api_change_with_the_session_cookie_needs_the_token_too(client_as: Client) -> None:
    admin = _without_token(client_as("quantri"))
    [obs] = admin.get("/api/v1/observations?limit=1").json()
    body = {"field": "value", "new_value": "1", "reason": "thử"}
    assert admin.post(f"/api/v1/observations/{obs['id']}/corrections", json=body).status_code == 403
    sent = admin.post(f"/api/v1/observations/{obs['id']}/corrections", json=body,
                      headers={"X-CSRF-Token": page_token(admin, "/")})
    assert sent.status_code == 200


def test_logging_in_needs_the_login_pages_token(client_as: Client) -> None:
    visitor = _without_token(client_as(None))
    forged = visitor.post("/dang-nhap", data={"username": "xem", "password": PASSWORD, "next": "/"})
    assert forged.status_code == 403


def test_an_api_token_opens_the_api_until_it_is_revoked(client_as: Client, web_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(cli, ["token", "create", "xem", "--name", "báo cáo tuần", "--db", web_db])
    assert made.exit_code == 0, made.output
    token = made.output.strip().splitlines()[-1]
    token_id = re.search(r"số (\d+)", made.output).group(1)  # type: ignore[union-attr]
    bearer = {"Authorization": f"Bearer {token}"}
    visitor = client_as(None)
    assert visitor.get("/api/v1/documents", headers=bearer).status_code == 200
    # a viewer's token is a viewer: it reads, it changes nothing
    [obs] = visitor.get("/api/v1/observations?limit=1", headers=bearer).json()
    change = visitor.post(f"/api/v1/observations/{obs['id']}/corrections", headers=bearer,
                          json={"field": "value", "new_value": "1", "reason": "thử"})
    assert change.status_code == 403
    with closing(open_database(web_db)) as db, db.transaction() as session:
        [row] = session.scalars(select(ApiToken)).all()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()  # the token itself is not kept
    listed = runner.invoke(cli, ["token", "list", "--db", web_db])
    assert "báo cáo tuần" in listed.output and "đang dùng" in listed.output and token not in listed.output
    assert runner.invoke(cli, ["token", "revoke", token_id, "--db", web_db]).exit_code == 0
    assert visitor.get("/api/v1/documents", headers=bearer).status_code == 401
    assert "đã thu hồi" in runner.invoke(cli, ["token", "list", "--db", web_db]).output
    again = runner.invoke(cli, ["token", "revoke", token_id, "--db", web_db])
    assert again.exit_code == 2 and "Không có mã" in again.output


def test_a_made_up_token_opens_nothing(client_as: Client) -> None:
    visitor = client_as(None)
    for value in ("ct_" + "a" * 43, "x", "ct_\x00", "ct_" + "b" * 500):
        assert visitor.get("/api/v1/documents", headers={"Authorization": f"Bearer {value}"}).status_code == 401
