from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from skillbase.core.auth import Principal, SettingsDep, require
from skillbase.core.concurrency import set_etag
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.models.enums import OrganizationStatus
from skillbase.organizations import service
from skillbase.organizations.schemas import (
    NewUser,
    OrganizationRead,
    OrganizationRegistration,
    RegistrationResult,
    VerificationDecision,
)
from skillbase.users.schemas import UserRead

router = APIRouter(prefix="/organizations", tags=["organizations"], responses=AUTH_RESPONSES)
public_router = APIRouter(prefix="/public/organizations", tags=["public"])

Reader = Annotated[Principal, Depends(require(Permission.organization_read))]
Verifier = Annotated[Principal, Depends(require(Permission.organization_verify))]
MemberManager = Annotated[Principal, Depends(require(Permission.organization_manage_users))]


@public_router.post(
    "",
    response_model=RegistrationResult,
    status_code=202,
    summary="申报单位注册（公开，按来源地址限频）",
    description="受理后答复 202，无论该邮箱是否已有账号答复都相同（不泄露账号是否存在）；结果通过邮件告知该邮箱。",
    responses=responses(409, 422, 429),
)
async def register_organization(session: SessionDep, settings: SettingsDep, body: OrganizationRegistration) -> RegistrationResult:
    warnings = await service.register(session, settings, body)
    return RegistrationResult(
        message=service.REGISTRATION_ACCEPTED, organization_name=body.organization.name, email=body.user.email, warnings=warnings
    )


@router.get("", response_model=Page[OrganizationRead], summary="单位列表")
async def list_organizations(
    session: SessionDep,
    page: PageDep,
    me: Reader,
    status: OrganizationStatus | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[OrganizationRead]:
    items, total = await service.list_organizations(session, me, page, status=status, q=q)
    return Page(items=[OrganizationRead.model_validate(i) for i in items], total=total, limit=page.limit, offset=page.offset)


@router.get("/{organization_id}", response_model=OrganizationRead, summary="单位详情", responses=responses(404))
async def get_organization(session: SessionDep, me: Reader, organization_id: uuid.UUID) -> OrganizationRead:
    return OrganizationRead.model_validate(await service.get_organization(session, me, organization_id))


@router.post(
    "/{organization_id}/verification",
    response_model=OrganizationRead,
    summary="审核单位（通过 / 驳回）",
    responses=responses(404, 409),
)
async def verify_organization(
    session: SessionDep, me: Verifier, organization_id: uuid.UUID, body: VerificationDecision
) -> OrganizationRead:
    return OrganizationRead.model_validate(await service.decide_verification(session, me, organization_id, body))


@router.get("/{organization_id}/users", response_model=Page[UserRead], summary="单位用户", responses=responses(404))
async def list_organization_users(session: SessionDep, page: PageDep, me: Reader, organization_id: uuid.UUID) -> Page[UserRead]:
    items, total = await service.list_members(session, me, organization_id, page)
    return Page(items=[UserRead.model_validate(i) for i in items], total=total, limit=page.limit, offset=page.offset)


@router.post("/{organization_id}/users", response_model=UserRead, status_code=201, summary="添加单位用户", responses=responses(404, 409))
async def add_organization_user(
    session: SessionDep, me: MemberManager, organization_id: uuid.UUID, body: NewUser, response: Response
) -> UserRead:
    member = await service.add_member(session, me, organization_id, body)
    set_etag(response, member.version)
    return UserRead.model_validate(member)


@router.delete("/{organization_id}/users/{user_id}", status_code=204, summary="删除单位用户", responses=responses(404, 409))
async def remove_organization_user(session: SessionDep, me: MemberManager, organization_id: uuid.UUID, user_id: uuid.UUID) -> Response:
    await service.remove_member(session, me, organization_id, user_id)
    return Response(status_code=204)
