"""audit list indexes: the audit log and a record's history (an application's timeline) read in index order

The audit log (newest first) scanned and sorted every event, spilling to disk on deep pages of the city-scale
benchmark; a record's history (the application timeline, the log filtered by target) scanned every event.

Revision ID: 7c41d9e2a5b8
Revises: a7c3e9f1d2b4
Create Date: 2026-12-01 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "7c41d9e2a5b8"
down_revision: str | None = "a7c3e9f1d2b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_events_occurred_at_id", "audit_events", ["occurred_at", "id"])
    op.create_index("ix_audit_events_target_id_occurred_at_id", "audit_events", ["target_id", "occurred_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_target_id_occurred_at_id", table_name="audit_events")
    op.drop_index("ix_audit_events_occurred_at_id", table_name="audit_events")
