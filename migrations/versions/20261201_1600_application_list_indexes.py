"""application list indexes: (updated_at DESC, id) and one per filter ending in it; a trigram index on organisation names

The list sorts by (updated_at DESC, id) and filters by status, call, base type and organisation: each gets an index
led by its column and ending in the sort (replacing the single-column indexes on status and call_id, which the new
ones cover). The organisation-name search (ILIKE '%x%') gets a pg_trgm GIN index; pg_trgm is a trusted extension,
so the owner role the migrations run as may create it.

Revision ID: a7c3e9f1d2b4
Revises: 286f66a2d99e
Create Date: 2026-12-01 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7c3e9f1d2b4"
down_revision: str | None = "286f66a2d99e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILTERS = ("status", "call_id", "base_type", "organization_id")


def upgrade() -> None:
    op.create_index("ix_applications_updated_at_id", "applications", [sa.text("updated_at DESC"), "id"])
    for column in FILTERS:
        op.create_index(f"ix_applications_{column}_updated_at_id", "applications", [column, sa.text("updated_at DESC"), "id"])
    op.drop_index("ix_applications_status", table_name="applications")
    op.drop_index("ix_applications_call_id", table_name="applications")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_organizations_name_trgm", "organizations", ["name"], postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}
    )


def downgrade() -> None:
    op.drop_index("ix_organizations_name_trgm", table_name="organizations")
    op.create_index("ix_applications_call_id", "applications", ["call_id"])
    op.create_index("ix_applications_status", "applications", ["status"])
    for column in reversed(FILTERS):
        op.drop_index(f"ix_applications_{column}_updated_at_id", table_name="applications")
    op.drop_index("ix_applications_updated_at_id", table_name="applications")
    # pg_trgm stays: other databases objects may use it, and an extension is not this migration's to remove.
