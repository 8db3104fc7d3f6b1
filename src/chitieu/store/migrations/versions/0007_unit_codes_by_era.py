"""administrative units of both eras: a code is unique with the date it took effect; type, point, source;
lineage links say whether the whole predecessor went in

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# 0001 created UNIQUE(code) without a name: SQLite's batch copy finds it under this convention
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _provisional_index() -> None:
    op.create_index("ux_admin_units_provisional", "admin_units",
                    ["name_folded", "level", sa.text("coalesce(parent_id, 0)")], unique=True,
                    sqlite_where=sa.text("provisional"), postgresql_where=sa.text("provisional"))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # SQLite cannot reflect the expression index, so the table copy below would lose it: made again after
        op.drop_index("ux_admin_units_provisional", table_name="admin_units")
        # The copy drops and renames admin_units, which other tables reference, so the references must not
        # be checked until the new table is in place. The sqlite3 module opens its transaction only at the
        # first row written: before it, foreign_keys=OFF takes effect (store.database.upgrade renews the
        # connections afterwards); inside one, only defer_foreign_keys does (checked at commit).
        op.execute("PRAGMA foreign_keys = OFF")
        op.execute("PRAGMA defer_foreign_keys = ON")
        with op.batch_alter_table("admin_units", naming_convention=_NAMING) as batch:
            batch.drop_constraint("uq_admin_units_code", type_="unique")
        _provisional_index()
    else:
        op.drop_constraint("admin_units_code_key", "admin_units", type_="unique")
    op.add_column("admin_units", sa.Column("unit_type", sa.String(30), nullable=True))
    op.add_column("admin_units", sa.Column("lat", sa.Float(), nullable=True))
    op.add_column("admin_units", sa.Column("lon", sa.Float(), nullable=True))
    op.add_column("admin_units", sa.Column("source", sa.String(60), nullable=True))
    op.create_index("ix_admin_units_code", "admin_units", ["code"])
    op.create_index("ix_admin_units_source", "admin_units", ["source"])
    op.create_index("ux_admin_units_code", "admin_units", ["code", sa.text("coalesce(valid_from, '')")], unique=True)
    op.add_column("admin_unit_links", sa.Column("whole", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_index("ix_admin_unit_links_successor_id", "admin_unit_links", ["successor_id"])


def downgrade() -> None:
    op.drop_index("ix_admin_unit_links_successor_id", table_name="admin_unit_links")
    with op.batch_alter_table("admin_unit_links") as batch:
        batch.drop_column("whole")
    op.drop_index("ux_admin_units_code", table_name="admin_units")
    op.drop_index("ix_admin_units_source", table_name="admin_units")
    op.drop_index("ix_admin_units_code", table_name="admin_units")
    with op.batch_alter_table("admin_units") as batch:
        batch.drop_column("source")
        batch.drop_column("lon")
        batch.drop_column("lat")
        batch.drop_column("unit_type")
        batch.create_unique_constraint("admin_units_code_key", ["code"])
