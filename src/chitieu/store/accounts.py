"""Accounts as stored: users, failed logins, the web app's login sessions and the scripts' API tokens.
Who may do what is decided in services/accounts.py; here only what is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chitieu.store.schema import ApiToken, LoginAttempt, User, WebSession


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    username: str
    password_hash: str
    role: str
    admin_unit_id: int | None


def _account(row: User | None) -> Account | None:
    return None if row is None else Account(row.id, row.username, row.password_hash, row.role, row.admin_unit_id)


def account_named(session: Session, username: str) -> Account | None:
    return _account(session.scalars(select(User).where(User.username == username)).first())


def account(session: Session, user_id: int) -> Account | None:
    return _account(session.get(User, user_id))


def add_account(session: Session, username: str, password_hash: str, role: str, admin_unit_id: int | None) -> bool:
    """False when the name is taken (by another process meanwhile too); the caller's transaction is then
    to be rolled back."""
    session.add(User(username=username, password_hash=password_hash, role=role, admin_unit_id=admin_unit_id))
    try:
        session.flush()
    except IntegrityError:
        return False
    return True
def login_locked_until(session: Session, username: str) -> datetime | None:
    row = session.get(LoginAttempt, username[:80])
    return row.locked_until if row is not None else None


def record_login_failure(session: Session, username: str, now: datetime, lock_after: int,
                         lock_for: timedelta) -> int:
    """Count one more failed login; lock the name once `lock_after` failures follow each other. Returns
    the count."""
    row = session.get(LoginAttempt, username[:80])
    if row is None:
        row = LoginAttempt(username=username[:80], failures=0)
        session.add(row)
    row.failures = (row.failures or 0) + 1
    row.last_failure = now
    if row.failures >= lock_after:
        row.locked_until = now + lock_for
        row.failures = 0
    return row.failures


def clear_login_failures(session: Session, username: str) -> None:
    row = session.get(LoginAttempt, username[:80])
    if row is not None:
        session.delete(row)


def add_web_session(session: Session, token_hash: str, user_id: int, now: datetime) -> None:
    session.add(WebSession(token_hash=token_hash, user_id=user_id, created_at=now))


def web_session_user(session: Session, token_hash: str, not_before: datetime) -> int | None:
    row = session.get(WebSession, token_hash)
    return row.user_id if row is not None and row.created_at >= not_before else None


def end_web_session(session: Session, token_hash: str) -> None:
    row = session.get(WebSession, token_hash)
    if row is not None:
        session.delete(row)



def add_api_token(session: Session, token_hash: str, user_id: int, name: str, now: datetime) -> int:
    row = ApiToken(token_hash=token_hash, user_id=user_id, name=name, created_at=now)
    session.add(row)
    session.flush()
    return row.id


def api_token_user(session: Session, token_hash: str) -> int | None:
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash)).first()
    return row.user_id if row is not None and row.revoked_at is None else None


def revoke_api_token(session: Session, token_id: int, now: datetime) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = now
    return True


def api_tokens(session: Session) -> list[tuple[int, str, str, datetime, datetime | None]]:
    """(id, user name, token name, created, revoked) of every token, newest first."""
    rows = session.execute(select(ApiToken.id, User.username, ApiToken.name, ApiToken.created_at, ApiToken.revoked_at)
                           .join(User, ApiToken.user_id == User.id).order_by(ApiToken.id.desc()))
    return [(int(i), str(u), str(n), c, r) for i, u, n, c, r in rows]
