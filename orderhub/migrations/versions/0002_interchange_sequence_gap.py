"""received_interchange.sequence_gap: interchanges whose ISA13 does not follow the sender's previous one

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 07:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("received_interchange") as batch:
        batch.add_column(sa.Column("sequence_gap", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("received_interchange") as batch:
        batch.drop_column("sequence_gap")
