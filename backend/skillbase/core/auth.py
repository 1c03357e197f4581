"""Who is calling, and may they? `require(Permission.x)` is the only way a route gets a caller."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from skillbase.auth import repository as token_families
from skillbase.config import Settings, get_settings
from skillbase.core.errors import Forbidden, Unauthorized
from skillbase.core.permissions import Permission, permissions_of
from skillbase.core.security import InvalidToken, decode_token
from skillbase.db import SessionDep
from skillbase.models import User
from skillbase.models.enums import Role

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)

SettingsDep = Annotated[Settings, Depends(get_settings)]


@dataclass(frozen=True)
class Principal:
    user: User
    permissions: frozenset[Permission]

    @property
    def id(self) -> uuid.UUID:
        return self.user.id

    @property
    def role(self) -> Role:
        return Role(self.user.role)

    @property
    def organization_id(self) -> uuid.UUID | None:
        return self.user.organization_id

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions


async def current_principal(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Principal:
    if not token:
        raise Unauthorized()
    try:
        claims = decode_token(settings, token, "access")
    except InvalidToken as exc:
        raise Unauthorized("登录凭证无效或已过期", code="INVALID_TOKEN") from exc
    user = await session.get(User, claims.sub)
    if user is None or not user.is_active or user.deleted_at is not None or user.token_version != claims.ver:
        raise Unauthorized("登录凭证已失效，请重新登录", code="INVALID_TOKEN")
    if claims.fid is None or not await token_families.family_is_live(session, claims.fid):
        # the login this token came from was ended (a reused refresh token revoked its family)
        raise Unauthorized("登录凭证已失效，请重新登录", code="INVALID_TOKEN")
    principal = Principal(user=user, permissions=permissions_of(user.role, is_org_owner=user.is_org_owner))
    request.state.principal = principal
    return principal


def require(permission: Permission) -> Callable[..., Awaitable[Principal]]:
    """Dependency factory: the caller must hold `permission` (403 otherwise)."""

    async def dependency(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        if not principal.can(permission):
            raise Forbidden(code="PERMISSION_DENIED", details={"required": permission.value})
        return principal

    dependency.__name__ = f"require_{permission.name}"
    # Marker read by the route-walking test and the OpenAPI: which permission a route needs.
    dependency.required_permission = permission  # type: ignore[attr-defined]
    return dependency
