"""index observations by unit and period (a unit's dashboard)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_observations_unit_period", "observations", ["admin_unit_id", "period"])


def downgrade() -> None:
    op.drop_index("ix_observations_unit_period", table_name="observations")
