"""why a figure is, or is not, the value of the indicator its words name

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("candidate_id", sa.String(80), nullable=True))
        batch.add_column(sa.Column("mapping_reason", sa.String(20), nullable=True))
        batch.add_column(sa.Column("mapping_confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("mapping_confidence")
        batch.drop_column("mapping_reason")
        batch.drop_column("candidate_id")
