"""Who is asking: the session cookie (pages), an API token (Authorization: Bearer) or HTTP Basic credentials."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import Path, Query, Request

from chitieu.domain.limits import MAX_ROW_ID
from chitieu.services.accounts import Actor, actor_by_api_token, actor_by_session, authenticate
from chitieu.services.database import Database
from chitieu.web.csrf import HEADER, check

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class LoginRequired(Exception):
    """Raised by page and API dependencies; pages redirect to the login form, the API answers 401."""


# Row ids as both databases can hold them (PostgreSQL integer): a larger one is refused at the edge
# with 422, never sent to the database.
MAX_ID = MAX_ROW_ID
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
MaybeRowId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _basic(request: Request, db: Database) -> Actor | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        username, _, password = base64.b64decode(header[6:]).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return authenticate(db, username, password, request.client.host if request.client else "")


def _bearer(request: Request, db: Database) -> Actor | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    return actor_by_api_token(db, header[7:].strip())


def _from_session(request: Request, db: Database) -> Actor | None:
    token = request.session.get("token")
    return actor_by_session(db, token) if isinstance(token, str) else None


def optional_actor(request: Request) -> Actor | None:
    db = database(request)
    return _from_session(request, db) or _bearer(request, db) or _basic(request, db)


def current_actor(request: Request) -> Actor:
    """The session's user (a changing API request must then send the page's CSRF token), else the API
    token's (Authorization: Bearer), else HTTP Basic's (a password check on every request: slow)."""
    db = database(request)
    actor = _from_session(request, db)
    if actor is not None:
        if request.method not in SAFE_METHODS and request.url.path.startswith("/api/"):
            check(request, request.headers.get(HEADER))
        return actor
    actor = _bearer(request, db) or _basic(request, db)
    if actor is None:
        raise LoginRequired
    return actor
