from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.security import OAuth2PasswordRequestForm

from skillbase.auth import service
from skillbase.auth.schemas import RefreshRequest, TokenPair
from skillbase.core.auth import Principal, SettingsDep, current_principal
from skillbase.core.errors import responses
from skillbase.db import SessionDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", response_model=TokenPair, summary="登录（OAuth2 密码模式）", responses=responses(401, 422, 429))
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep, settings: SettingsDep) -> TokenPair:
    return await service.login(session, settings, email=form.username, password=form.password)


@router.post("/refresh", response_model=TokenPair, summary="刷新令牌（轮换）", responses=responses(401, 422))
async def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep) -> TokenPair:
    return await service.refresh(session, settings, body.refresh_token)


@router.post("/logout", status_code=204, summary="退出登录（注销全部会话）", responses=responses(401))
async def logout(session: SessionDep, me: Annotated[Principal, Depends(current_principal)]) -> Response:
    await service.logout(session, me.person())
    return Response(status_code=204)
