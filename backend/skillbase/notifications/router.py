from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from skillbase.core.auth import Principal, require
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.notifications import service
from skillbase.notifications.schemas import NotificationPage, NotificationRead

router = APIRouter(prefix="/notifications", tags=["notifications"], responses=AUTH_RESPONSES)
Reader = Annotated[Principal, Depends(require(Permission.notification_read))]


@router.get("", response_model=NotificationPage, summary="我的消息")
async def list_notifications(session: SessionDep, page: PageDep, me: Reader, unread_only: bool = False) -> NotificationPage:
    items, total = await service.list_for(session, me.person(), page, unread_only=unread_only)
    unread = await service.unread_count(session, me.person())
    return NotificationPage(
        items=[NotificationRead.model_validate(i) for i in items],
        total=total,
        limit=page.limit,
        offset=page.offset,
        unread=unread,
    )


@router.post("/{notification_id}/read", response_model=NotificationRead, summary="标为已读", responses=responses(404))
async def mark_notification_read(session: SessionDep, me: Reader, notification_id: uuid.UUID) -> NotificationRead:
    return NotificationRead.model_validate(await service.mark_read(session, me.person(), notification_id))
