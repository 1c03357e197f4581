"""version columns on experts and users (If-Match on PATCH /experts/{id} and PATCH /me)

Revision ID: 839e9747ba09
Revises: 7b4e2d91c5a3
Create Date: 2026-12-01 12:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "839e9747ba09"
down_revision: str | None = "7b4e2d91c5a3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("experts", "users"):
        op.add_column(table, sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        op.create_check_constraint(op.f(f"ck_{table}_version_positive"), table, "version >= 1")


def downgrade() -> None:
    for table in ("users", "experts"):
        op.drop_constraint(op.f(f"ck_{table}_version_positive"), table, type_="check")
        op.drop_column(table, "version")
