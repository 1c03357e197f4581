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
from skillbase.models.enums import PrincipalKind

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def current_settings(request: Request) -> Settings:
    """The settings the app was created with (`create_app(settings)`; the environment's when none was given). Async on
    purpose: FastAPI runs a plain `def` dependency in a worker thread, a hop that cost more than the lookup itself on
    every request (measured with pyinstrument, issue 9). Tests override this dependency to hand a route other
    settings."""
    settings: Settings | None = getattr(request.app.state, "settings", None)
    return settings if settings is not None else get_settings()


SettingsDep = Annotated[Settings, Depends(current_settings)]


@dataclass(frozen=True)
class Principal:
    """Who is calling: a person (`kind="user"`, with their User row) or a machine (`kind="client"`, a named API client
    with no User row). What it may do and which rows it may see come from `permissions` alone (core/permissions.py),
    never from a role: a client holds only what its token grants and inherits no role's data scope."""

    kind: PrincipalKind
    id: uuid.UUID
    display_name: str
    organization_id: uuid.UUID | None
    permissions: frozenset[Permission]
    user: User | None = None

    @classmethod
    def of_user(cls, user: User, permissions: frozenset[Permission] | None = None) -> Principal:
        """A person; by default with the permissions of their role."""
        if permissions is None:
            permissions = permissions_of(user.role, is_org_owner=user.is_org_owner)
        return cls(
            kind=PrincipalKind.user,
            id=user.id,
            display_name=user.full_name,
            organization_id=user.organization_id,
            permissions=permissions,
            user=user,
        )

    @classmethod
    def of_client(
        cls, client_id: uuid.UUID, name: str, permissions: frozenset[Permission], *, organization_id: uuid.UUID | None = None
    ) -> Principal:
        """A machine: exactly the permissions it was granted, nothing from any role."""
        return cls(kind=PrincipalKind.client, id=client_id, display_name=name, organization_id=organization_id, permissions=permissions)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def belongs_to(self, organization_id: uuid.UUID | None) -> bool:
        """The caller acts for this organisation (an applicant's own-organisation scope)."""
        return self.organization_id is not None and self.organization_id == organization_id

    def person(self) -> User:
        """The User behind the call, for what only a person can do (their profile, password, session, notifications)."""
        if self.user is None:
            raise Forbidden("此操作仅限用户账号", code="PERSON_REQUIRED")
        return self.user


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
    if claims.fid is None:  # a token from before token families: its login cannot be checked, so it is not accepted
        raise Unauthorized("登录凭证已失效，请重新登录", code="INVALID_TOKEN")
    # One round trip: the caller's row and whether the login this token came from still stands (a reused refresh
    # token revokes its family; logout and disabling revoke it too).
    found = await token_families.user_and_family_live(session, claims.sub, claims.fid)
    if found is None:
        raise Unauthorized("登录凭证已失效，请重新登录", code="INVALID_TOKEN")
    user, family_live = found
    if not user.is_active or user.deleted_at is not None or user.token_version != claims.ver or not family_live:
        raise Unauthorized("登录凭证已失效，请重新登录", code="INVALID_TOKEN")
    principal = Principal.of_user(user)
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
