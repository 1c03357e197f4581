"""Every query of the organisations domain. `readable_statement` is the one place that scopes by permission."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.core.auth import Principal
from skillbase.core.permissions import Permission
from skillbase.models import Organization, User


def readable_statement(principal: Principal) -> Select[Organization]:
    """`organization:read_all` (the bureau) sees every organisation; a caller acting for an organisation sees that
    one; anyone else (an expert, a client without the scope) none."""
    stmt = select(Organization)
    if principal.can(Permission.organization_read_all):
        return stmt
    if principal.organization_id is not None:
        return stmt.where(Organization.id == principal.organization_id)
    return stmt.where(false())


def list_statement(principal: Principal, *, status: str | None, q: str | None) -> Select[Organization]:
    stmt = readable_statement(principal)
    if status:
        stmt = stmt.where(Organization.status == status)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(Organization.name.ilike(like), Organization.credit_code.ilike(like)))
    return stmt.order_by(Organization.created_at.desc(), Organization.id)


async def get_readable(session: AsyncSession, principal: Principal, org_id: uuid.UUID, *, for_update: bool = False) -> Organization | None:
    stmt = readable_statement(principal).where(Organization.id == org_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def credit_code_taken(session: AsyncSession, code: str) -> bool:
    return (await session.scalar(select(Organization.id).where(Organization.credit_code == code))) is not None


def members_statement(org_id: uuid.UUID) -> Select[User]:
    return select(User).where(User.organization_id == org_id, User.deleted_at.is_(None)).order_by(User.is_org_owner.desc(), User.created_at)


async def active_member_ids(session: AsyncSession, org_id: uuid.UUID) -> list[uuid.UUID]:
    stmt = select(User.id).where(User.organization_id == org_id, User.deleted_at.is_(None), User.is_active)
    return list((await session.scalars(stmt)).all())
