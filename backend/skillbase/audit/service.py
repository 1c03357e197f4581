"""Writing the audit trail, always inside the caller's transaction (refusals that must leave a trace raise
their error with persist=True, so the row is committed with the refusal)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import repository
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.context import current_request
from skillbase.core.pagination import PageParams, paginate
from skillbase.models import AuditEvent, User
from skillbase.models.enums import PrincipalKind


def _event(
    action: str,
    *,
    actor: Principal | User | None,
    target_type: str | None,
    target_id: uuid.UUID | str | None,
    reason: str | None,
    details: dict[str, Any] | None,
) -> AuditEvent:
    info = current_request()
    event = AuditEvent(
        # the application's clock, not the database's: the login throttle compares these times with clock.now()
        occurred_at=clock.now(),
        action=action,
        actor_kind=PrincipalKind.user,
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        ip=info.ip if info else None,
        user_agent=info.user_agent if info else None,
        request_id=info.request_id if info else None,
        reason=reason,
        details=details or {},
    )
    person = actor.user if isinstance(actor, Principal) else actor
    if person is not None:
        event.actor_id, event.actor_email, event.actor_role = person.id, person.email, person.role
    elif isinstance(actor, Principal):  # a machine client: who it is, without pretending to be a user
        event.actor_kind, event.actor_client_id, event.actor_name = actor.kind, actor.id, actor.display_name
    return event


async def record(
    session: AsyncSession,
    action: str,
    *,
    actor: Principal | User | None,
    target_type: str | None = None,
    target_id: uuid.UUID | str | None = None,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """One row of the trail. `actor`: the Principal who acted (a person, or a machine client recorded by kind, id and
    name without a user), or a User where a service has no principal (login, registration), or None (system jobs)."""
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
