"""The expert pool (专家库): each expert is a record plus a login account kept in step with it."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import service as audit
from skillbase.auth.service import revoke_all_sessions
from skillbase.core.auth import Principal
from skillbase.core.concurrency import check_version
from skillbase.core.errors import Conflict, NotFound, Unprocessable
from skillbase.core.pagination import PageParams, paginate
from skillbase.core.security import hash_password
from skillbase.experts import repository
from skillbase.experts.schemas import ExpertCreate, ExpertUpdate
from skillbase.models import Expert, Organization, User
from skillbase.models.enums import Role
from skillbase.users import service as users

EMAIL_TAKEN = Conflict("该邮箱已被其他账号使用", code="EMAIL_TAKEN")
NULLABLE = {"organization_id", "organization_credit_code"}  # may be cleared with null


async def _check_employer(session: AsyncSession, organization_id: uuid.UUID | None) -> None:
    if organization_id is not None and await session.get(Organization, organization_id) is None:
        raise Unprocessable(
            "所关联的工作单位不存在",
            code="EXPERT_INVALID",
            details=[{"field": "organization_id", "message": "所关联的工作单位不存在"}],
        )


async def list_experts(
    session: AsyncSession, principal: Principal, page: PageParams, *, q: str | None, is_active: bool | None
) -> tuple[list[Expert], int]:
    return await paginate(session, repository.list_statement(principal, q=q, is_active=is_active), page)


async def get_expert(session: AsyncSession, principal: Principal, expert_id: uuid.UUID, *, for_update: bool = False) -> Expert:
    expert = await repository.get_readable(session, principal, expert_id, for_update=for_update)
    if expert is None:
        raise NotFound("专家不存在")
    return expert


async def create_expert(session: AsyncSession, actor: Principal, data: ExpertCreate) -> Expert:
    if await users.email_taken(session, data.email):
        raise EMAIL_TAKEN
    await _check_employer(session, data.organization_id)
    user = User(
        email=data.email,
        password_hash=hash_password(data.password),
        full_name=data.name,
        mobile=data.mobile,
        role=Role.expert,
    )
    session.add(user)
    await session.flush()
    expert = Expert(
        user_id=user.id,
        name=data.name,
        email=data.email,
        organization_name=data.organization_name,
        organization_id=data.organization_id,
        organization_credit_code=data.organization_credit_code,
        title=data.title,
        specialties=data.specialties,
        mobile=data.mobile,
    )
    session.add(expert)
    await session.flush()
    await audit.record(session, "expert.created", actor=actor, target_type="expert", target_id=expert.id)
    return expert


async def update_expert(session: AsyncSession, actor: Principal, expert_id: uuid.UUID, data: ExpertUpdate, expected_version: int) -> Expert:
    expert = await get_expert(session, actor, expert_id, for_update=True)
    check_version(expert.version, expected_version)
    user = await users.get_live(session, expert.user_id, for_update=True)
    if user is None:
        raise NotFound("专家账号不存在")
    # null means "no change", as in every PATCH, except for the employer link, which null clears
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None or k in NULLABLE}
    if "email" in changes and changes["email"] != expert.email and await users.email_taken(session, changes["email"]):
        raise EMAIL_TAKEN
    if "organization_id" in changes:
        await _check_employer(session, changes["organization_id"])
    for field, value in changes.items():
        setattr(expert, field, value)
    user.full_name, user.mobile, user.email = expert.name, expert.mobile, expert.email
    expert.version += 1
    user.version += 1  # the expert's own profile (GET /me) shows the same name, mobile and e-mail
    if "is_active" in changes and changes["is_active"] is not None and user.is_active != changes["is_active"]:
        user.is_active = changes["is_active"]
        if not user.is_active:
            await revoke_all_sessions(session, user)
        await audit.record(
            session,
            "expert.activated" if user.is_active else "expert.deactivated",
            actor=actor,
            target_type="expert",
            target_id=expert.id,
        )
    await session.flush()
    await audit.record(
        session,
        "expert.updated",
        actor=actor,
        target_type="expert",
        target_id=expert.id,
        details={"fields": sorted(changes)},
    )
    return expert


async def get_by_user(session: AsyncSession, user_id: uuid.UUID, *, for_update: bool = False) -> Expert | None:
    """The pool record of this user account, if the user is an expert; `for_update` locks and reloads it."""
    return await repository.get_by_user(session, user_id, for_update=for_update)
