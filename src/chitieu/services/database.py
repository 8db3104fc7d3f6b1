"""Database housekeeping for the shells: create or upgrade the schema, count what is stored."""

from __future__ import annotations

from chitieu.store import repository
from chitieu.store.database import open_database


def upgrade_database(database_url: str) -> None:
    open_database(database_url).close()


def stored_counts(database_url: str) -> dict[str, int]:
    db = open_database(database_url)
    try:
        with db.transaction() as session:
            return repository.counts(session)
    finally:
        db.close()
