"""one provisional unit per name, level and parent, whoever creates it first

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # keep the first of any duplicates left by earlier concurrent ingests, pointing their uses at it
    for table in ("documents", "observations"):
        op.execute(f"""
            UPDATE {table} SET admin_unit_id = (
                SELECT MIN(k.id) FROM admin_units k, admin_units d
                WHERE d.id = {table}.admin_unit_id AND d.provisional AND k.provisional
                  AND k.name_folded = d.name_folded AND k.level = d.level
                  AND COALESCE(k.parent_id, 0) = COALESCE(d.parent_id, 0))
            WHERE admin_unit_id IN (SELECT id FROM admin_units WHERE provisional)
        """)
    op.execute("""
        DELETE FROM admin_units WHERE provisional AND id NOT IN (
            SELECT MIN(id) FROM admin_units WHERE provisional
            GROUP BY name_folded, level, COALESCE(parent_id, 0))
          AND id NOT IN (SELECT parent_id FROM admin_units WHERE parent_id IS NOT NULL)
          AND id NOT IN (SELECT admin_unit_id FROM users WHERE admin_unit_id IS NOT NULL)
    """)
    op.create_index("ux_admin_units_provisional", "admin_units",
                    ["name_folded", "level", sa.text("coalesce(parent_id, 0)")], unique=True,
                    sqlite_where=sa.text("provisional"), postgresql_where=sa.text("provisional"))


def downgrade() -> None:
    op.drop_index("ux_admin_units_provisional", table_name="admin_units")
