from __future__ import annotations

from pathlib import Path

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

    from chitieu.store.units import resolve_unit

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


def test_a_database_of_0006_keeps_its_units_and_documents_and_gets_the_codes(database_url: str,
                                                                            tmp_path: Path) -> None:
    """Upgrading: the codeless unit an earlier chitieu shipped gets its code (its documents stay on it),
    a unit an ingest created provisionally too, and nothing is stored twice."""
    from alembic import command
    from sqlalchemy import create_engine, func, select, text

    from chitieu.services.database import connect
    from chitieu.store.database import alembic_config
    from chitieu.store.schema import Document

    url = database_url if database_url.startswith("postgresql") else f"sqlite:///{tmp_path / 'v6.sqlite3'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        config = alembic_config(url)
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
        conn.execute(text("INSERT INTO admin_units (name, name_folded, level, provisional, aliases) VALUES "
                          "('Lai Châu', 'lai chau', 'tinh', false, '[]')"))
        province = conn.execute(text("SELECT id FROM admin_units WHERE name = 'Lai Châu'")).scalar_one()
        conn.execute(text("INSERT INTO admin_units (name, name_folded, level, parent_id, valid_to, provisional, "
                          "aliases) VALUES ('Mường Tè', 'muong te', 'huyen', :p, '2025-06-30', false, '[]'), "
                          "('Tam Đường', 'tam duong', 'huyen', :p, NULL, true, '[]')"), {"p": province})
        district = conn.execute(text("SELECT id FROM admin_units WHERE name = 'Mường Tè'")).scalar_one()
        other = conn.execute(text("SELECT id FROM admin_units WHERE name = 'Tam Đường'")).scalar_one()
        conn.execute(text("INSERT INTO documents (content_hash, file_name, format, admin_unit_id, draft, meta, "
                          "text, extractor_version, ingested_at) VALUES ('h', 'a.txt', 'txt', :u, false, '{}', '', "
                          "'0', '2024-01-01 00:00:00')"), {"u": district})
    engine.dispose()
    db = connect(url)
    try:
        with db.transaction() as session:
            mine, theirs = session.get(AdminUnit, district), session.get(AdminUnit, other)
            assert mine is not None and theirs is not None
            assert (mine.code, mine.unit_type, mine.provisional, mine.source) == ("107", "Huyện", False,
                                                                                   "vietnamadminunits 1.0.4")
            assert theirs.code is not None and not theirs.provisional
            doc = session.scalars(select(Document)).one()
            assert doc.admin_unit_id == district
            assert session.scalar(select(func.count()).select_from(AdminUnit).where(AdminUnit.code == "107")) == 1
            assert session.scalar(select(func.count()).select_from(AdminUnit)) == 63 + 34 + 696 + 10035 + 3321
            if url.startswith("sqlite"):  # the copy of the table turned them off for a while, not for good
                assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()
