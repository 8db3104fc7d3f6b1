"""The database as the shells see it: the handle they pass to the services (opened here, so that the
web app and the CLI never import the store), creating or upgrading the schema, counting what is stored."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from chitieu.domain.errors import ChitieuError
from chitieu.store.database import Database, counts, open_database

__all__ = ["Database", "connect", "opened", "stored_counts", "upgrade_database"]


def connect(database_url: str) -> Database:
    """Open (and migrate) the database with the packaged administrative units in it, or raise a
    ChitieuError the shells can show in Vietnamese."""
    from chitieu.services.units import ensure_reference_units

    try:
        db = open_database(database_url)
    except Exception as exc:  # any driver or migration failure: the user needs the URL and the reason
        raise ChitieuError("db.unavailable", url=database_url.split("@")[-1], detail=str(exc).splitlines()[0][:200]) \
            from exc
    try:
        ensure_reference_units(db)
    except Exception:
        db.close()
        raise
    return db


@contextmanager
def opened(database_url: str) -> Iterator[Database]:
    """The database for one command: connected as `connect` does, and closed (its connections too)
    however the command ends."""
    db = connect(database_url)
    try:
        yield db
    finally:
        db.close()


def upgrade_database(database_url: str) -> None:
    with opened(database_url):
        pass


def stored_counts(database_url: str) -> dict[str, int]:
    with opened(database_url) as db, db.transaction() as session:
        return counts(session)
