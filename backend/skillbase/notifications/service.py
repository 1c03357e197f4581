"""In-app notifications. Written in the same transaction as the change they report."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import get_settings
from skillbase.core import clock
from skillbase.core.errors import NotFound
from skillbase.core.pagination import PageParams, paginate
from skillbase.models import Notification, OutboxMessage, User
from skillbase.notifications import repository
from skillbase.users import service as users


async def notify(
    session: AsyncSession,
    user_ids: Iterable[uuid.UUID],
    *,
    kind: str,
    title: str,
    body: str,
    link: str | None = None,
    email: bool = True,
) -> None:
    """An in-app message to each user and (unless `email=False`) an e-mail in the outbox, in the caller's transaction:
    if the change that caused them rolls back, neither exists."""
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return
    base_url = get_settings().public_base_url.rstrip("/")
    for user in await repository.active_users(session, ids):
        session.add(Notification(user_id=user.id, kind=kind, title=title, body=body, link=link))
        if not email:
            continue
        text = f"{user.full_name}，您好：\n\n{body}\n"
        if link:
            text += f"\n查看详情：{base_url}{link}\n"
        text += "\n—— 顺义区技能人才培训基地管理平台（系统邮件，请勿回复）"
        # due now by the application's clock, which the worker compares next_attempt_at with
        session.add(OutboxMessage(to_email=user.email, subject=f"【技能人才培训基地】{title}", body=text, next_attempt_at=clock.now()))
    await session.flush()


async def notify_admins(session: AsyncSession, *, kind: str, title: str, body: str, link: str | None = None, email: bool = True) -> None:
    """`notify` every active administrator: what the bureau must act on (a conflict declared, a panel complete, an
    objection filed, reports newly overdue)."""
    await notify(session, await users.admin_ids(session), kind=kind, title=title, body=body, link=link, email=email)


async def list_for(session: AsyncSession, user: User, page: PageParams, *, unread_only: bool) -> tuple[list[Notification], int]:
    return await paginate(session, repository.readable_statement(user, unread_only=unread_only), page)


async def mark_read(session: AsyncSession, user: User, notification_id: uuid.UUID) -> Notification:
    item = await repository.get_readable(session, user, notification_id)
    if item is None:
        raise NotFound("消息不存在")
    if item.read_at is None:
        item.read_at = clock.now()
        await session.flush()
    return item


async def unread_count(session: AsyncSession, user: User) -> int:
    return await repository.unread_count(session, user)
