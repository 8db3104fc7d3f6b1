"""row-by-row checks of a unit's Biểu for a period: who accepted, picked or corrected which value

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bieu_checks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("admin_unit_id", sa.Integer(), sa.ForeignKey("admin_units.id"), nullable=False),
        sa.Column("period", sa.String(20), nullable=False),
        sa.Column("row_key", sa.String(40), nullable=False),
        sa.Column("row_name", sa.String(500), nullable=False),
        sa.Column("decision", sa.String(12), nullable=False),
        sa.Column("value_text", sa.String(300), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("observation_id", sa.Integer(), sa.ForeignKey("observations.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_bieu_checks_unit_period", "bieu_checks", ["admin_unit_id", "period"])


def downgrade() -> None:
    op.drop_index("ix_bieu_checks_unit_period", table_name="bieu_checks")
    op.drop_table("bieu_checks")
