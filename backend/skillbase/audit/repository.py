from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import AuditEvent


def list_statement(*, action: str | None, actor_id: uuid.UUID | None, target_id: str | None) -> Select[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if actor_id:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if target_id:
        stmt = stmt.where(AuditEvent.target_id == target_id)
    return stmt


async def count_failed_logins(session: AsyncSession, *, email: str, ip: str | None, since: datetime) -> tuple[int, int]:
    """Failed logins in the window: (for this account since its last successful login, from this address)."""
    base = select(func.count()).where(AuditEvent.action == "auth.login_failed", AuditEvent.occurred_at >= since)
    last_success = (
        select(func.max(AuditEvent.occurred_at))
        .where(AuditEvent.action == "auth.login", func.lower(AuditEvent.actor_email) == email)
        .scalar_subquery()
    )
    by_account = await session.scalar(
        base.where(AuditEvent.details["email"].astext == email, AuditEvent.occurred_at > func.coalesce(last_success, since))
    )
    by_ip = await session.scalar(base.where(AuditEvent.ip == ip)) if ip else 0
    return int(by_account or 0), int(by_ip or 0)


async def count_actions_from(session: AsyncSession, *, action: str, ip: str, since: datetime) -> int:
    stmt = select(func.count()).where(AuditEvent.action == action, AuditEvent.ip == ip, AuditEvent.occurred_at >= since)
    return int(await session.scalar(stmt) or 0)
