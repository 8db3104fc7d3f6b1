"""Engines and migrations. SQLite gets WAL and a busy timeout so that several ingests can share it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

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
    return create_engine(url, pool_pre_ping=True)


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
    return Database(engine, sessionmaker(engine, expire_on_commit=False))
