"""Tokens against cross-site request forgery, beside the Origin check: every form of a page carries
the session's token, and a changing request made with the session cookie must send it back (a form
field, or the X-CSRF-Token header from the page's script). Requests with an API token or a password
carry no cookie a foreign page could borrow, and need none."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Form, Request

from chitieu.services.accounts import Forbidden

SESSION_KEY = "csrf"
HEADER = "x-csrf-token"


def csrf_token(request: Request) -> str:
    """The session's token, made on the first page that needs it (a new one after each login)."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def check(request: Request, sent: str | None) -> None:
    expected = request.session.get(SESSION_KEY)
    if not (isinstance(expected, str) and sent and hmac.compare_digest(expected.encode(), sent.encode())):
        raise Forbidden("web.csrf")


def require_csrf(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> None:
    """For the changing routes of pages (forms)."""
    check(request, csrf_token or request.headers.get(HEADER))
