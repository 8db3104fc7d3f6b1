"""Accounts and permissions. Every change goes through `require_edit`, so a viewer or an editor
outside their units is refused by the service itself, whatever page or API route calls it."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache

from chitieu.domain.errors import ChitieuError
from chitieu.store import accounts as store_accounts
from chitieu.store.database import Database, Session
from chitieu.store.units import descendants, find_unit_by_name_or_code

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class Role(StrEnum):
    ADMIN = "admin"  # everything, everywhere
    EDITOR = "editor"  # changes within their unit and its subunits
    VIEWER = "viewer"  # reads only


class Forbidden(ChitieuError):
    """The actor may not make this change (shown as HTTP 403)."""


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int
    username: str
    role: Role
    unit_ids: frozenset[int] | None  # the units an editor may change; None: all (admin) or none (viewer)

    def may_edit(self, unit_id: int | None) -> bool:
        if self.role is Role.ADMIN:
            return True
        if self.role is Role.VIEWER or self.unit_ids is None:
            return False
        return unit_id is not None and unit_id in self.unit_ids

    @property
    def may_change_anything(self) -> bool:
        return self.role is not Role.VIEWER


def require_edit(actor: Actor, unit_id: int | None) -> None:
    if not actor.may_edit(unit_id):
        raise Forbidden("auth.forbidden", user=actor.username)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    computed = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(computed.hex(), digest)


def add_user(db: Database, username: str, password: str, role: str, unit_name: str | None = None) -> None:
    """Create an account; an editor needs the unit (by name or official code) they are responsible for."""
    try:
        role_ = Role(role)
    except ValueError:
        raise ChitieuError("user.bad_role", role=role) from None
    if len(password) < 8:
        raise ChitieuError("user.short_password")
    with db.transaction() as session:
        unit_id = None
        if unit_name:
            unit = find_unit_by_name_or_code(session, unit_name)
            if unit is None:
                raise ChitieuError("user.unknown_unit", unit=unit_name)
            unit_id = unit.id
        elif role_ is Role.EDITOR:
            raise ChitieuError("user.editor_needs_unit")
        if store_accounts.account_named(session, username) is not None:
            raise ChitieuError("user.exists", user=username)
        if not store_accounts.add_account(session, username, hash_password(password), role_.value, unit_id):
            raise ChitieuError("user.exists", user=username)


def _actor(session: Session, user: store_accounts.Account) -> Actor:
    role = Role(user.role)
    units = None
    if role is Role.EDITOR and user.admin_unit_id is not None:
        units = frozenset({user.admin_unit_id, *descendants(session, user.admin_unit_id)})
    return Actor(user.id, user.username, role, units)


LOCK_AFTER = 10  # failed logins in a row under one name
LOCK_FOR = timedelta(minutes=15)
_log = logging.getLogger("chitieu.auth")


class AccountLocked(ChitieuError):
    """Too many failed logins under this name: refused for a while, even with the right password."""


@cache
def _decoy_hash() -> str:
    return hash_password("no such account")


def authenticate(db: Database, username: str, password: str, source: str = "") -> Actor | None:
    """The account whose password this is; None otherwise. An unknown name costs the same as a known
    one; ten failures in a row lock the name for fifteen minutes, each failure logged."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with db.transaction() as session:
        locked = store_accounts.login_locked_until(session, username)
        if locked is not None and locked > now:
            _log.warning("login refused for %r from %s: locked until %s", username, source or "?", locked)
            raise AccountLocked("auth.locked", minutes=max(1, round((locked - now).total_seconds() / 60)))
        user = store_accounts.account_named(session, username)
        right = verify_password(password, user.password_hash if user is not None else _decoy_hash())
        if user is not None and right:
            store_accounts.clear_login_failures(session, username)
            return _actor(session, user)
        failures = store_accounts.record_login_failure(session, username, now, LOCK_AFTER, LOCK_FOR)
        _log.warning("failed login for %r from %s (%s in a row)", username, source or "?", failures or LOCK_AFTER)
        return None


SESSION_LIFETIME = timedelta(hours=12)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(db: Database, actor: Actor) -> str:
    """A new login session for the web app: its token (kept by the browser; the database keeps its hash)."""
    token = secrets.token_urlsafe(32)
    with db.transaction() as session:
        store_accounts.add_web_session(session, _token_hash(token), actor.user_id,
                                       datetime.now(UTC).replace(tzinfo=None))
    return token


def actor_by_session(db: Database, token: str) -> Actor | None:
    """The actor of a live session; None for a token ended at logout, expired or never issued."""
    not_before = datetime.now(UTC).replace(tzinfo=None) - SESSION_LIFETIME
    with db.transaction() as session:
        user_id = store_accounts.web_session_user(session, _token_hash(token), not_before)
        user = store_accounts.account(session, user_id) if user_id is not None else None
        return _actor(session, user) if user is not None else None


def close_session(db: Database, token: str) -> None:
    with db.transaction() as session:
        store_accounts.end_web_session(session, _token_hash(token))


# API tokens: random enough that a plain hash suffices (no password stretching on every request).
TOKEN_PREFIX = "ct_"


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    username: str
    name: str
    created_at: datetime
    revoked_at: datetime | None


def create_api_token(db: Database, username: str, name: str) -> tuple[int, str]:
    """A new token for `username`'s scripts: (its id, the token — shown once, only its hash is kept)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with db.transaction() as session:
        user = store_accounts.account_named(session, username)
        if user is None:
            raise ChitieuError("user.unknown", user=username)
        token_id = store_accounts.add_api_token(session, _token_hash(token), user.id, name.strip()[:80] or username,
                                            datetime.now(UTC).replace(tzinfo=None))
    return token_id, token


def revoke_api_token(db: Database, token_id: int) -> None:
    with db.transaction() as session:
        if not store_accounts.revoke_api_token(session, token_id, datetime.now(UTC).replace(tzinfo=None)):
            raise ChitieuError("token.unknown", id=token_id)


def api_tokens(db: Database) -> list[TokenInfo]:
    with db.transaction() as session:
        return [TokenInfo(*row) for row in store_accounts.api_tokens(session)]


def actor_by_api_token(db: Database, token: str) -> Actor | None:
    """The actor of a live API token; None for a revoked or unknown one (one indexed lookup, no scrypt)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    with db.transaction() as session:
        user_id = store_accounts.api_token_user(session, _token_hash(token))
        user = store_accounts.account(session, user_id) if user_id is not None else None
        return _actor(session, user) if user is not None else None
