"""audit actor kind: an event's actor is a person (a user) or a machine (an API client, recorded without a user)

Existing rows were all written by people or by nobody: they become actor_kind 'user' (the server default), which
the new CHECK accepts with an empty actor_client_id. Adding columns with a constant default rewrites no row, so the
append-only trigger (which refuses UPDATE) is not in the way.

Revision ID: 286f66a2d99e
Revises: 5f2a9c4e7b13
Create Date: 2026-12-01 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "286f66a2d99e"
down_revision: str | None = "5f2a9c4e7b13"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_events", sa.Column("actor_kind", sa.String(length=10), server_default="user", nullable=False))
    op.add_column("audit_events", sa.Column("actor_client_id", sa.UUID(), nullable=True))
    op.add_column("audit_events", sa.Column("actor_name", sa.String(length=200), nullable=True))
    op.create_check_constraint(op.f("ck_audit_events_actor_kind"), "audit_events", "actor_kind IN ('user', 'client')")
    op.create_check_constraint(
        op.f("ck_audit_events_actor_matches_kind"),
        "audit_events",
        "(actor_kind = 'user' AND actor_client_id IS NULL) OR (actor_kind = 'client' AND actor_id IS NULL AND actor_client_id IS NOT NULL)",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_audit_events_actor_matches_kind"), "audit_events", type_="check")
    op.drop_constraint(op.f("ck_audit_events_actor_kind"), "audit_events", type_="check")
    op.drop_column("audit_events", "actor_name")
    op.drop_column("audit_events", "actor_client_id")
    op.drop_column("audit_events", "actor_kind")
