"""The database as the shells see it: the handle they pass to the services (opened here, so that the
web app and the CLI never import the store), creating or upgrading the schema, counting what is stored."""

from __future__ import annotations

from chitieu.domain.errors import ChitieuError
from chitieu.store import repository
from chitieu.store.database import Database, open_database

__all__ = ["Database", "connect", "stored_counts", "upgrade_database"]


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


def upgrade_database(database_url: str) -> None:
    connect(database_url).close()


def stored_counts(database_url: str) -> dict[str, int]:
    db = connect(database_url)
    try:
        with db.transaction() as session:
            return repository.counts(session)
    finally:
        db.close()
