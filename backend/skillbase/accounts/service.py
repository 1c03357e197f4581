"""The caller's own account, administrators, and disabling accounts."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.accounts import repository
from skillbase.accounts.schemas import AdminCreate, Me, PasswordChange, ProfileUpdate, UserRead
from skillbase.audit import service as audit
from skillbase.auth.service import revoke_all_sessions
from skillbase.core.auth import Principal
from skillbase.core.concurrency import check_version
from skillbase.core.errors import Conflict, NotFound, Unprocessable
from skillbase.core.pagination import PageParams, paginate
from skillbase.core.security import hash_password, verify_password
from skillbase.experts import service as experts
from skillbase.experts.schemas import ExpertRead
from skillbase.models import Organization, User
from skillbase.models.enums import Role
from skillbase.organizations.schemas import OrganizationRead
from skillbase.users import service as users


async def me(session: AsyncSession, principal: Principal) -> Me:
    org = await session.get(Organization, principal.organization_id) if principal.organization_id else None
    user = principal.person()
    expert = await experts.get_by_user(session, user.id) if user.role == Role.expert else None  # the person's pool record
    return Me(
        user=UserRead.model_validate(user),
        organization=OrganizationRead.model_validate(org) if org else None,
        expert=ExpertRead.model_validate(expert) if expert else None,
        permissions=sorted(principal.permissions, key=lambda p: p.value),
    )


async def update_profile(session: AsyncSession, principal: Principal, data: ProfileUpdate, expected_version: int) -> User:
    user = await users.get_live(session, principal.person().id, for_update=True)
    if user is None:
        raise NotFound("用户不存在")
    check_version(user.version, expected_version)
    for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(user, field, value)
    user.version += 1
    if user.role == Role.expert:
        expert = await experts.get_by_user(session, user.id, for_update=True)
        if expert is not None:
            expert.name, expert.mobile = user.full_name, user.mobile or expert.mobile
            expert.version += 1  # the pool's record shows the same name and mobile
    await session.flush()
    await audit.record(session, "user.profile_updated", actor=user, target_type="user", target_id=user.id)
    return user


async def change_password(session: AsyncSession, principal: Principal, data: PasswordChange) -> None:
    user = principal.person()
    if not verify_password(data.current_password, user.password_hash):
        raise Unprocessable("当前密码不正确", code="WRONG_PASSWORD", details=[{"field": "current_password", "message": "当前密码不正确"}])
    user.password_hash = hash_password(data.new_password)
    await revoke_all_sessions(session, user)
    await audit.record(session, "auth.password_changed", actor=user, target_type="user", target_id=user.id)


async def list_admins(session: AsyncSession, page: PageParams) -> tuple[list[User], int]:
    return await paginate(session, repository.admins_statement(), page)


async def create_admin(session: AsyncSession, actor: Principal | User | None, data: AdminCreate) -> User:
    if await users.email_taken(session, data.email):
        raise Conflict("该邮箱已被其他账号使用", code="EMAIL_TAKEN")
    admin = User(
        email=data.email.lower(),
        password_hash=hash_password(data.password),
        full_name=data.full_name,
        mobile=data.mobile,
        role=Role.admin,
    )
    session.add(admin)
    await session.flush()
    await audit.record(session, "admin.created", actor=actor, target_type="user", target_id=admin.id, details={"email": admin.email})
    return admin


async def set_active(session: AsyncSession, actor: Principal, user_id: uuid.UUID, *, active: bool, reason: str) -> User:
    user = await users.get_live(session, user_id, for_update=True)
    if user is None:
        raise NotFound("用户不存在")
    if user.id == actor.id:
        raise Conflict("不能停用自己的账号", code="CANNOT_DISABLE_SELF")
    if user.is_active != active:
        user.is_active = active
        user.version += 1
        if not active:
            await revoke_all_sessions(session, user)
        if user.role == Role.expert:
            expert = await experts.get_by_user(session, user.id, for_update=True)
            if expert is not None:
                expert.is_active = active
                expert.version += 1
        await session.flush()
        await audit.record(
            session,
            "user.enabled" if active else "user.disabled",
            actor=actor,
            target_type="user",
            target_id=user.id,
            reason=reason,
        )
    return user
