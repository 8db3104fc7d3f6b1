"""Engines and migrations. SQLite gets WAL and a busy timeout so that several ingests can share it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import JSON, Engine, Table, create_engine, event, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from chitieu.store.schema import AdminUnit, DataVersion, Document, FindingRow, IndicatorRow, Observation

__all__ = ["Conflict", "Database", "Engine", "Session", "counts", "data_version", "open_database", "upgrade"]

# What a write colliding with another one raises (a unique key taken meanwhile, by another process): the
# services retry or refuse on it by this name, and the store's `Session` is the unit of work they hand
# to the store's functions; neither needs SQLAlchemy itself.
Conflict = IntegrityError

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=60000")
            cursor.close()

        return engine
    # as many connections as the web server has threads working at once (uvicorn's pool: 40), so that
    # concurrent requests do not queue for a connection
    return create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=20)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


_MIGRATION_LOCK = 7_386_104_019  # the advisory lock all chitieu processes take to migrate a PostgreSQL database


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (idempotent). On PostgreSQL, under an advisory lock held
    for the transaction: processes started together on an empty database migrate it once, one after
    the other, instead of racing to create the same tables."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    if engine.dialect.name == "sqlite":
        engine.dispose()  # a migration may have turned foreign keys off: new connections turn them on


@dataclass
class Database:
    """An engine and its sessions; `transaction()` commits on success and rolls back on any error."""

    engine: Engine
    make_session: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.make_session.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str, migrate: bool = True) -> Database:
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    make_session = sessionmaker(engine, expire_on_commit=False)
    _version_changes(make_session)
    return Database(engine, make_session)


# Tables whose changes are no data a page shows: logins, sessions, tokens, accounts, the version itself.
_UNVERSIONED = frozenset({"web_sessions", "login_attempts", "api_tokens", "users", "data_version"})


def _version_changes(make_session: sessionmaker[Session]) -> None:
    """Every transaction that changes stored data bumps `data_version` before it commits (in the same
    transaction), whichever code made the change: through the ORM or by a bulk statement."""

    def changed(session: Session, table: Any) -> None:
        if getattr(table, "name", None) not in _UNVERSIONED:
            session.info["changed"] = True

    @event.listens_for(make_session, "after_flush")
    def _flushed(session: Session, _context: Any) -> None:
        for obj in (*session.new, *session.deleted, *session.dirty):
            if obj in session.dirty and not session.is_modified(obj):
                continue
            changed(session, getattr(obj, "__table__", None))

    @event.listens_for(make_session, "do_orm_execute")
    def _executed(state: Any) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            changed(state.session, getattr(state.statement, "table", None))

    @event.listens_for(make_session, "before_commit")
    def _commit(session: Session) -> None:
        session.flush()
        if session.info.pop("changed", False):
            session.execute(update(DataVersion).values(version=DataVersion.version + 1))

    @event.listens_for(make_session, "after_rollback")
    def _rolled_back(session: Session) -> None:
        session.info.pop("changed", None)


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many rows into one table, in the session's transaction. PostgreSQL: by COPY (an executemany
    costs a round of the driver per row, a document has hundreds); SQLite: by executemany. A change of
    stored data, as any other (`data_version`)."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    session.info["changed"] = True
    columns = list(rows[0])
    encode = [_json_text if isinstance(table.c[name].type, JSON) else None for name in columns]
    driver = connection.connection.driver_connection
    assert driver is not None
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    with driver.cursor() as cursor, cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] if code is None else code(row[name]) for name, code in zip(columns, encode,
                                                                                                 strict=True)])


def _json_text(value: object) -> str | None:
    """A JSON column's value as SQLAlchemy's JSON type writes it (json.dumps)."""
    return None if value is None else json.dumps(value)


def data_version(session: Session) -> int:
    return session.scalar(select(DataVersion.version)) or 0


def counts(session: Session) -> dict[str, int]:
    """How many documents, figures, findings, units and indicators are stored."""
    return {name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in (("documents", Document), ("observations", Observation), ("findings", FindingRow),
                                ("admin_units", AdminUnit), ("indicators", IndicatorRow))}
