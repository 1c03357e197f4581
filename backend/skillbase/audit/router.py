from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from skillbase.audit import service
from skillbase.audit.schemas import AuditEventRead
from skillbase.core.auth import Principal, require
from skillbase.core.errors import AUTH_RESPONSES
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep

router = APIRouter(prefix="/audit-events", tags=["audit"], responses=AUTH_RESPONSES)


@router.get("", response_model=Page[AuditEventRead], summary="审计日志")
async def list_audit_events(
    session: SessionDep,
    page: PageDep,
    _: Annotated[Principal, Depends(require(Permission.audit_read))],
    action: Annotated[str | None, Query(max_length=60)] = None,
    actor_id: uuid.UUID | None = None,
    target_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Page[AuditEventRead]:
    items, total = await service.list_events(session, page, action=action, actor_id=actor_id, target_id=target_id)
    return Page(items=[AuditEventRead.model_validate(i) for i in items], total=total, limit=page.limit, offset=page.offset)
