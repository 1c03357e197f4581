"""In-app notifications. Written in the same transaction as the change they report."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.core.errors import NotFound
from skillbase.core.pagination import PageParams, paginate
from skillbase.models import Notification, User
from skillbase.notifications import repository


async def notify(
    session: AsyncSession, user_ids: Iterable[uuid.UUID], *, kind: str, title: str, body: str, link: str | None = None
) -> None:
    for user_id in user_ids:
        session.add(Notification(user_id=user_id, kind=kind, title=title, body=body, link=link))
    await session.flush()


async def list_for(session: AsyncSession, user: User, page: PageParams, *, unread_only: bool) -> tuple[list[Notification], int]:
    return await paginate(session, repository.readable_statement(user, unread_only=unread_only), page)


async def mark_read(session: AsyncSession, user: User, notification_id: uuid.UUID) -> Notification:
    item = await repository.get_readable(session, user, notification_id)
    if item is None:
        raise NotFound("消息不存在")
    if item.read_at is None:
        item.read_at = datetime.now(UTC)
        await session.flush()
    return item


async def unread_count(session: AsyncSession, user: User) -> int:
    return await repository.unread_count(session, user)
