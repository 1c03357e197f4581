from __future__ import annotations

import uuid

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import Notification, User


def readable_statement(user: User, *, unread_only: bool = False) -> Select[Notification]:
    """A user reads only their own notifications."""
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return stmt.order_by(Notification.created_at.desc(), Notification.id)


async def get_readable(session: AsyncSession, user: User, notification_id: uuid.UUID) -> Notification | None:
    return (await session.scalars(readable_statement(user).where(Notification.id == notification_id))).first()


async def unread_count(session: AsyncSession, user: User) -> int:
    stmt = select(func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    return int(await session.scalar(stmt) or 0)


async def active_users(session: AsyncSession, ids: list[uuid.UUID]) -> list[User]:
    stmt = select(User).where(User.id.in_(ids), User.is_active, User.deleted_at.is_(None))
    return list((await session.scalars(stmt)).all())
