from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from chitieu.store.database import open_database
from chitieu.store.schema import Base


def test_migrations_build_exactly_the_schema(database_url: str) -> None:
    """The tables the code declares and the tables the migrations create do not drift apart."""
    db = open_database(database_url)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        db.close()
