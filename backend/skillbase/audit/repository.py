from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, ScalarSelect, Select, and_, exists, false, func, select
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


@dataclass(frozen=True)
class LoginFailures:
    """What login throttling needs to know, read in one statement as of `now` (the application's clock)."""

    by_ip: int  # failures from this address (any account) within the window
    by_account: int  # failures on this account since its last successful login (within the memory)
    last_on_account: datetime | None
    by_account_from_ip: int  # the same, from this address only
    last_on_account_from_ip: datetime | None
    known_address: bool  # the account logged in successfully from this address recently
    now: datetime


async def login_failures(
    session: AsyncSession,
    *,
    email: str,
    ip: str | None,
    now: datetime,
    window: timedelta,
    memory: timedelta,
    trusted_for: timedelta,
) -> LoginFailures:
    failed = AuditEvent.action == "auth.login_failed"
    last_success = (
        select(func.max(AuditEvent.occurred_at))
        .where(AuditEvent.action == "auth.login", func.lower(AuditEvent.actor_email) == email)
        .scalar_subquery()
    )
    on_account = and_(
        failed,
        AuditEvent.occurred_at >= now - memory,
        AuditEvent.details["email"].astext == email,
        AuditEvent.occurred_at > func.coalesce(last_success, now - memory),
    )
    from_ip = AuditEvent.ip == ip if ip else false()

    def count(*where: ColumnElement[bool]) -> ScalarSelect[int]:
        return select(func.count()).where(*where).scalar_subquery()

    def latest(*where: ColumnElement[bool]) -> ScalarSelect[datetime]:
        return select(func.max(AuditEvent.occurred_at)).where(*where).scalar_subquery()

    known = select(
        exists().where(
            AuditEvent.action == "auth.login",
            func.lower(AuditEvent.actor_email) == email,
            from_ip,
            AuditEvent.occurred_at >= now - trusted_for,
        )
    ).scalar_subquery()
    row = (
        await session.execute(
            select(
                count(failed, AuditEvent.occurred_at >= now - window, from_ip),
                count(on_account),
                latest(on_account),
                count(on_account, from_ip),
                latest(on_account, from_ip),
                known,
            )
        )
    ).one()
    return LoginFailures(int(row[0]), int(row[1]), row[2], int(row[3]), row[4], bool(row[5]), now)


async def count_actions_from(session: AsyncSession, *, action: str, ip: str, since: datetime) -> int:
    stmt = select(func.count()).where(AuditEvent.action == action, AuditEvent.ip == ip, AuditEvent.occurred_at >= since)
    return int(await session.scalar(stmt) or 0)
