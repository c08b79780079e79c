"""customer_sender: who may send a customer's orders by e-mail (address or @domain)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 09:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_sender",
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("customer_id", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.PrimaryKeyConstraint("address"),
    )
    with op.batch_alter_table("customer_sender", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_sender_customer_id"), ["customer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("customer_sender", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_sender_customer_id"))
    op.drop_table("customer_sender")
