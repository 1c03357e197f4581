"""Writing the audit trail, always inside the caller's transaction (refusals that must leave a trace raise
their error with persist=True, so the row is committed with the refusal)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import repository
from skillbase.core import clock
from skillbase.core.context import current_request
from skillbase.core.pagination import PageParams, paginate
from skillbase.models import AuditEvent, User


def _event(
    action: str,
    *,
    actor: User | None,
    target_type: str | None,
    target_id: uuid.UUID | str | None,
    reason: str | None,
    details: dict[str, Any] | None,
) -> AuditEvent:
    info = current_request()
    return AuditEvent(
        # the application's clock, not the database's: the login throttle compares these times with clock.now()
        occurred_at=clock.now(),
        action=action,
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else None,
        actor_role=actor.role if actor else None,
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        ip=info.ip if info else None,
        user_agent=info.user_agent if info else None,
        request_id=info.request_id if info else None,
        reason=reason,
        details=details or {},
    )


async def record(
    session: AsyncSession,
    action: str,
    *,
    actor: User | None,
    target_type: str | None = None,
    target_id: uuid.UUID | str | None = None,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(_event(action, actor=actor, target_type=target_type, target_id=target_id, reason=reason, details=details))
    await session.flush()


async def list_events(
    session: AsyncSession, page: PageParams, *, action: str | None, actor_id: uuid.UUID | None, target_id: str | None
) -> tuple[list[AuditEvent], int]:
    return await paginate(session, repository.list_statement(action=action, actor_id=actor_id, target_id=target_id), page)


async def login_failures(
    session: AsyncSession,
    *,
    email: str,
    ip: str | None,
    now: datetime,
    window: timedelta,
    memory: timedelta,
    trusted_for: timedelta,
) -> repository.LoginFailures:
    """The failed-login counts that login throttling needs, read from the trail as of `now`."""
    return await repository.login_failures(session, email=email, ip=ip, now=now, window=window, memory=memory, trusted_for=trusted_for)


async def count_actions_from(session: AsyncSession, *, action: str, ip: str, since: datetime) -> int:
    """How many times `action` was recorded from this address since `since`."""
    return await repository.count_actions_from(session, action=action, ip=ip, since=since)
