"""Who is asking: the signed session cookie (pages) or HTTP Basic credentials (scripts using the API)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated

from fastapi import Path, Query, Request

from chitieu.domain.limits import MAX_ROW_ID
from chitieu.services.accounts import Actor, actor_by_session, authenticate
from chitieu.services.database import Database


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


def optional_actor(request: Request) -> Actor | None:
    db = database(request)
    token = request.session.get("token")
    if isinstance(token, str):
        actor = actor_by_session(db, token)
        if actor is not None:
            return actor
    return _basic(request, db)


def current_actor(request: Request) -> Actor:
    actor = optional_actor(request)
    if actor is None:
        raise LoginRequired
    return actor
