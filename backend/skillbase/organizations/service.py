"""Registering, reading and verifying applicant organisations; managing an organisation's users."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import service as audit
from skillbase.auth.service import revoke_all_sessions
from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.context import current_request
from skillbase.core.errors import Conflict, Forbidden, NotFound, TooManyRequests
from skillbase.core.pagination import PageParams, paginate
from skillbase.core.security import hash_password
from skillbase.models import Organization, User
from skillbase.models.enums import OrganizationStatus, Role
from skillbase.notifications import service as notifications
from skillbase.organizations import repository, workflow
from skillbase.organizations.rules import check_credit_code
from skillbase.organizations.schemas import NewUser, OrganizationRegistration, VerificationDecision, Warning
from skillbase.users import service as users

EMAIL_TAKEN = Conflict("该邮箱已被其他账号使用", code="EMAIL_TAKEN")


REGISTRATION_ACCEPTED = "注册申请已提交，请查收发送到该邮箱的邮件。单位信息经区人社局审核通过后即可在线申报。"


async def register(session: AsyncSession, settings: Settings, data: OrganizationRegistration) -> list[Warning]:
    """Register an organisation and its owner. The answer is the same whether or not the e-mail already has an
    account (security.md 16: nothing may reveal that): for a taken e-mail nothing is created and the account's
    holder is told by e-mail that someone tried to register with it; a new owner gets a confirmation e-mail.
    The password is hashed either way, so the two take the same time."""
    info = current_request()
    if info and info.ip:
        since = clock.now() - timedelta(hours=1)
        tried = 0
        for action in ("organization.registered", "organization.registration_email_taken"):
            tried += await audit.count_actions_from(session, action=action, ip=info.ip, since=since)
        if tried >= settings.registrations_per_ip_per_hour:
            raise TooManyRequests("注册过于频繁，请稍后再试", retry_after=3600)
    profile = data.organization
    if await repository.credit_code_taken(session, profile.credit_code):
        raise Conflict("该统一社会信用代码已注册，请联系本单位管理员添加账号", code="CREDIT_CODE_TAKEN")
    warnings = [Warning(code="CREDIT_CODE_DIVISION", message=w) for w in check_credit_code(profile.credit_code).warnings]
    holder = await users.get_by_email(session, data.user.email)
    if holder is not None:
        hash_password(data.user.password)  # the same work as a real registration
        await audit.record(
            session,
            "organization.registration_email_taken",
            actor=None,
            target_type="user",
            target_id=holder.id,
            details={"email": data.user.email, "credit_code": profile.credit_code, "organization_name": profile.name},
        )
        await notifications.notify(
            session,
            [holder.id],
            kind="account.registration_attempt",
            title="有人尝试用您的邮箱注册单位",
            body=(
                f"有人尝试使用您的邮箱注册单位“{profile.name}”。该邮箱已有账号，因此本次注册未被受理，您的账号没有任何变化。"
                "如果是您本人操作，请直接登录；如需为其他单位注册，请使用另一个邮箱。如果不是您本人操作，请忽略本邮件。"
            ),
            link="/login",
        )
        return warnings
    org = Organization(
        **profile.model_dump(exclude={"legal_representative", "contact_person"}, mode="json"),
        legal_representative=profile.legal_representative.model_dump(mode="json"),
        contact_person=profile.contact_person.model_dump(mode="json"),
        status=OrganizationStatus.pending,
    )
    session.add(org)
    await session.flush()
    owner = _new_user(data.user, org, owner=True)
    session.add(owner)
    await session.flush()
    await audit.record(
        session,
        "organization.registered",
        actor=owner,
        target_type="organization",
        target_id=org.id,
        details={"credit_code": org.credit_code, "warnings": [w.code for w in warnings]},
    )
    await notifications.notify(
        session,
        [owner.id],
        kind="organization.registered",
        title="单位注册已提交",
        body=f"单位“{org.name}”的注册信息已提交，区人力资源和社会保障局审核后将通知您。现在即可使用本邮箱和注册时设置的密码登录。",
        link="/app",
    )
    return warnings


def _new_user(data: NewUser, org: Organization, *, owner: bool) -> User:
    return User(
        email=data.email,
        password_hash=hash_password(data.password),
        full_name=data.full_name,
        mobile=data.mobile,
        role=Role.applicant,
        organization_id=org.id,
        is_org_owner=owner,
    )


async def list_organizations(
    session: AsyncSession, principal: Principal, page: PageParams, *, status: OrganizationStatus | None, q: str | None
) -> tuple[list[Organization], int]:
    stmt = repository.list_statement(principal, status=status.value if status else None, q=q)
    return await paginate(session, stmt, page)


async def get_organization(session: AsyncSession, principal: Principal, org_id: uuid.UUID, *, for_update: bool = False) -> Organization:
    org = await repository.get_readable(session, principal, org_id, for_update=for_update)
    if org is None:
        raise NotFound("单位不存在")
    return org


async def decide_verification(session: AsyncSession, actor: Principal, org_id: uuid.UUID, decision: VerificationDecision) -> Organization:
    org = await get_organization(session, actor, org_id, for_update=True)
    target = OrganizationStatus.verified if decision.decision == "approve" else OrganizationStatus.rejected
    org.status = workflow.transition(org.status, target)
    org.status_reason = decision.reason
    org.decided_at = clock.now()
    org.decided_by_id = actor.id
    await session.flush()
    await audit.record(
        session,
        f"organization.{target.value}",
        actor=actor,
        target_type="organization",
        target_id=org.id,
        reason=decision.reason,
    )
    if target is OrganizationStatus.verified:
        title, body = "单位信息审核通过", f"{org.name} 的注册信息已通过区人力资源和社会保障局审核，现在可以在线申报。"
    else:
        title, body = "单位信息审核未通过", f"{org.name} 的注册信息未通过审核。理由：{decision.reason}"
    await notifications.notify(
        session,
        await repository.active_member_ids(session, org.id),
        kind=f"organization.{target.value}",
        title=title,
        body=body,
        link="/app",
    )
    return org


async def list_members(session: AsyncSession, principal: Principal, org_id: uuid.UUID, page: PageParams) -> tuple[list[User], int]:
    org = await get_organization(session, principal, org_id)
    return await paginate(session, repository.members_statement(org.id), page)


async def _owned_organization(session: AsyncSession, principal: Principal, org_id: uuid.UUID) -> Organization:
    org = await get_organization(session, principal, org_id)
    # organization:manage_users (the route's permission) is what an owner holds; here: for this very organisation
    if not principal.belongs_to(org.id):
        raise Forbidden("只有本单位的主账号可以管理单位用户", code="NOT_ORG_OWNER")
    return org


async def add_member(session: AsyncSession, principal: Principal, org_id: uuid.UUID, data: NewUser) -> User:
    org = await _owned_organization(session, principal, org_id)
    if await users.email_taken(session, data.email):
        raise EMAIL_TAKEN
    member = _new_user(data, org, owner=False)
    session.add(member)
    await session.flush()
    await audit.record(
        session,
        "organization.user_added",
        actor=principal,
        target_type="user",
        target_id=member.id,
        details={"organization_id": str(org.id), "email": member.email},
    )
    return member


async def remove_member(session: AsyncSession, principal: Principal, org_id: uuid.UUID, user_id: uuid.UUID) -> None:
    org = await _owned_organization(session, principal, org_id)
    member = await users.get_live(session, user_id)
    if member is None or member.organization_id != org.id:
        raise NotFound("用户不存在")
    if member.id == principal.id:
        raise Conflict("不能删除自己的账号", code="CANNOT_REMOVE_SELF")
    member.deleted_at = clock.now()
    member.is_active = False
    await revoke_all_sessions(session, member)
    await audit.record(
        session,
        "organization.user_removed",
        actor=principal,
        target_type="user",
        target_id=member.id,
        details={"organization_id": str(org.id), "email": member.email},
    )


async def active_member_ids(session: AsyncSession, org_id: uuid.UUID) -> list[uuid.UUID]:
    """The active, not deleted users of this organisation: whom to tell about its applications."""
    return await repository.active_member_ids(session, org_id)
