from __future__ import annotations

import uuid

from sqlalchemy import Select, String, cast, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.core.auth import Principal
from skillbase.core.permissions import Permission
from skillbase.models import Expert


def readable_statement(principal: Principal) -> Select[Expert]:
    """`expert:read_all` (the bureau) sees the whole pool; a person sees only their own record (if they are in the
    pool); a client without the scope sees nothing."""
    stmt = select(Expert)
    if principal.can(Permission.expert_read_all):
        return stmt
    if principal.user is not None:
        return stmt.where(Expert.user_id == principal.user.id)
    return stmt.where(false())


def list_statement(principal: Principal, *, q: str | None, is_active: bool | None) -> Select[Expert]:
    stmt = readable_statement(principal)
    if is_active is not None:
        stmt = stmt.where(Expert.is_active.is_(is_active))
    if q:
        like = f"%{q}%"
        stmt = stmt.where(
            or_(
                Expert.name.ilike(like),
                Expert.organization_name.ilike(like),
                Expert.email.ilike(like),
                cast(func.array_to_string(Expert.specialties, " "), String).ilike(like),
            )
        )
    return stmt.order_by(Expert.created_at.desc(), Expert.id)


async def get_readable(session: AsyncSession, principal: Principal, expert_id: uuid.UUID, *, for_update: bool = False) -> Expert | None:
    stmt = readable_statement(principal).where(Expert.id == expert_id)
    if for_update:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return (await session.scalars(stmt)).first()


async def get_by_user(session: AsyncSession, user_id: uuid.UUID, *, for_update: bool = False) -> Expert | None:
    stmt = select(Expert).where(Expert.user_id == user_id)
    if for_update:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return (await session.scalars(stmt)).first()
