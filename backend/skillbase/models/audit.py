from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Identity, Index, String, Text, func
from sqlalchemy.dialects.postgresql import INET, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn
from skillbase.models.enums import PrincipalKind, check_in


class AuditEvent(Base):
    """Append-only trail: a trigger refuses UPDATE, DELETE and TRUNCATE (see the migration).

    The actor is a person (`actor_kind` user: actor_id, actor_email, actor_role) or a machine client (`actor_kind`
    client: actor_client_id and actor_name, no user), or nobody (system jobs, anonymous attempts: all empty)."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_action_occurred_at", "action", "occurred_at"),
        Index("ix_audit_events_occurred_at_id", "occurred_at", "id"),  # the log's order, read backwards (newest first)
        Index("ix_audit_events_target_id_occurred_at_id", "target_id", "occurred_at", "id"),  # a record's history, the timeline
        CheckConstraint(check_in("actor_kind", PrincipalKind), name="actor_kind"),
        CheckConstraint(
            "(actor_kind = 'user' AND actor_client_id IS NULL)"
            " OR (actor_kind = 'client' AND actor_id IS NULL AND actor_client_id IS NOT NULL)",
            name="actor_matches_kind",
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(server_default=func.now())
    actor_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    actor_email: Mapped[str | None] = mapped_column(String(254))
    actor_role: Mapped[str | None] = mapped_column(String(20))
    actor_kind: Mapped[PrincipalKind] = mapped_column(StrEnumColumn(PrincipalKind, 10), default=PrincipalKind.user, server_default="user")
    actor_client_id: Mapped[uuid.UUID | None]  # an API client's id; clients are no users, so no foreign key to users
    actor_name: Mapped[str | None] = mapped_column(String(200))  # a client's name as it was when it acted
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(INET)
    user_agent: Mapped[str | None] = mapped_column(String(300))
    request_id: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
