from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from chitieu.store.database import open_database
from chitieu.store.schema import AdminUnit, Base


# SQLAlchemy cannot reflect SQLite's expression indexes: that one is checked by the test below instead
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migrations_build_exactly_the_schema(database_url: str) -> None:
    """The tables the code declares and the tables the migrations create do not drift apart."""
    db = open_database(database_url)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        db.close()


def test_a_provisional_unit_exists_once(database_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    from chitieu.store.repository import resolve_unit

    db = open_database(database_url)
    try:
        with db.transaction() as session:
            first, created = resolve_unit(session, "Xã Mới", "xa", "Lai Châu")
        assert created
        with pytest.raises(IntegrityError), db.transaction() as session:
            parent = session.get(AdminUnit, first)
            assert parent is not None
            session.add(AdminUnit(name="Xã Mới", name_folded="xa moi", level="xa", parent_id=parent.parent_id,
                                  provisional=True, aliases=[]))
        with db.transaction() as session:
            again, created_again = resolve_unit(session, "Xã Mới", "xa", "Lai Châu")
        assert (again, created_again) == (first, False)
    finally:
        db.close()
