"""competition version: edits and deletions of a competition carry If-Match like the report's draft

Revision ID: 5d7e9b1c3a24
Revises: 3c0f2a7d5e91
Create Date: 2026-12-01 22:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5d7e9b1c3a24"
down_revision: str | None = "3c0f2a7d5e91"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("competitions", sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    op.drop_column("competitions", "version")
