from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from skillbase.accounts import service
from skillbase.accounts.schemas import AccountStatusChange, AdminCreate, Me, PasswordChange, ProfileUpdate, UserRead
from skillbase.core.auth import Principal, require
from skillbase.core.concurrency import expected_version, set_etag
from skillbase.core.errors import AUTH_RESPONSES, responses
from skillbase.core.pagination import Page, PageDep
from skillbase.core.permissions import Permission
from skillbase.db import SessionDep
from skillbase.models import User

me_router = APIRouter(prefix="/me", tags=["me"], responses=AUTH_RESPONSES)
admins_router = APIRouter(prefix="/admins", tags=["admins"], responses=AUTH_RESPONSES)
users_router = APIRouter(prefix="/users", tags=["users"], responses=AUTH_RESPONSES)

Self = Annotated[Principal, Depends(require(Permission.profile_manage))]
AdminManager = Annotated[Principal, Depends(require(Permission.admin_manage))]
UserManager = Annotated[Principal, Depends(require(Permission.user_manage))]
Version = Annotated[int, Depends(expected_version)]


@me_router.get("", response_model=Me, summary="当前用户、单位与权限（ETag 为个人资料的版本号）")
async def get_me(session: SessionDep, me: Self, response: Response) -> Me:
    set_etag(response, me.person().version)
    return await service.me(session, me)


@me_router.patch("", response_model=UserRead, summary="修改个人资料（需 If-Match）", responses=responses(412, 428))
async def update_me(session: SessionDep, me: Self, body: ProfileUpdate, version: Version, response: Response) -> UserRead:
    user = await service.update_profile(session, me, body, version)
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@me_router.post("/password", status_code=204, summary="修改密码（注销全部会话）")
async def change_password(session: SessionDep, me: Self, body: PasswordChange) -> Response:
    await service.change_password(session, me, body)
    return Response(status_code=204)


@admins_router.get("", response_model=Page[UserRead], summary="管理员列表")
async def list_admins(session: SessionDep, page: PageDep, _: AdminManager) -> Page[UserRead]:
    items, total = await service.list_admins(session, page)
    return Page(items=[UserRead.model_validate(i) for i in items], total=total, limit=page.limit, offset=page.offset)


@admins_router.post("", response_model=UserRead, status_code=201, summary="新增管理员", responses=responses(409))
async def create_admin(session: SessionDep, me: AdminManager, body: AdminCreate, response: Response) -> UserRead:
    return _with_etag(await service.create_admin(session, me, body), response)


@users_router.post("/{user_id}/disable", response_model=UserRead, summary="停用账号（注销全部会话）", responses=responses(404, 409))
async def disable_user(session: SessionDep, me: UserManager, user_id: uuid.UUID, body: AccountStatusChange, response: Response) -> UserRead:
    return _with_etag(await service.set_active(session, me, user_id, active=False, reason=body.reason), response)


@users_router.post("/{user_id}/enable", response_model=UserRead, summary="启用账号", responses=responses(404, 409))
async def enable_user(session: SessionDep, me: UserManager, user_id: uuid.UUID, body: AccountStatusChange, response: Response) -> UserRead:
    return _with_etag(await service.set_active(session, me, user_id, active=True, reason=body.reason), response)


def _with_etag(user: User, response: Response) -> UserRead:
    set_etag(response, user.version)
    return UserRead.model_validate(user)
