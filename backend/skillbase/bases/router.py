from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from skillbase.bases import service
from skillbase.bases.schemas import BaseContactsUpdate, BaseDetail, BaseRead, PlaqueIssue
from skillbase.core.auth import Principal, require
from skillbase.core.concurrency import expected_version, set_etag
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep

# The tags (and so the operation ids `publicity-list_bases`, `public-list_public_bases`, ...) are those the routes had
# when they lived in publicity: the generated client and the SPA keep their names.
router = APIRouter(tags=["publicity"], responses=AUTH_RESPONSES)
public_router = APIRouter(prefix="/public", tags=["public"])
Manager = Annotated[Principal, Depends(require(Permission.publicity_manage))]
BaseReader = Annotated[Principal, Depends(require(Permission.base_read))]
BaseWriter = Annotated[Principal, Depends(require(Permission.base_write))]
Version = Annotated[int, Depends(expected_version)]


@public_router.get("/bases", response_model=Page[BaseRead], summary="已认定的基地（公开）", responses=responses(422))
async def list_public_bases(session: SessionDep, page: PageDep) -> Page[BaseRead]:
    items, total = await service.list_bases(session, None, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/bases", response_model=Page[BaseRead], summary="基地列表（申报单位只见本单位）")
async def list_bases(session: SessionDep, page: PageDep, me: BaseReader) -> Page[BaseRead]:
    items, total = await service.list_bases(session, me, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/bases/{base_id}",
    response_model=BaseDetail,
    summary="基地详情，含认定时确定的建设承诺（补助、指标、奖励、建设期）",
    responses=responses(404),
)
async def get_base(session: SessionDep, me: BaseReader, base_id: uuid.UUID, response: Response) -> BaseDetail:
    detail = await service.get_base(session, me, base_id)
    set_etag(response, detail.version)
    return detail


@router.patch(
    "/bases/{base_id}",
    response_model=BaseDetail,
    summary="修改基地专账与联系人（基地所属单位；需 If-Match）",
    responses=responses(404, 409, 412, 428),
)
async def update_base_contacts(
    session: SessionDep, me: BaseWriter, base_id: uuid.UUID, body: BaseContactsUpdate, version: Version, response: Response
) -> BaseDetail:
    detail = await service.update_contacts(session, me, base_id, body, version)
    set_etag(response, detail.version)
    return detail


@router.post("/bases/{base_id}/plaque", response_model=BaseRead, summary="登记铭牌发放", responses=responses(404, 409))
async def issue_plaque(session: SessionDep, me: Manager, base_id: uuid.UUID, body: PlaqueIssue) -> BaseRead:
    return await service.issue_plaque(session, me, base_id, body.issued_on)
