from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import User
from skillbase.models.enums import Role


def admins_statement() -> Select[User]:
    return select(User).where(User.role == Role.admin, User.deleted_at.is_(None)).order_by(User.created_at)


async def admin_ids(session: AsyncSession) -> list[uuid.UUID]:
    """Every active administrator. Kept only for reviews/service.py until the reviews split, which calls a service
    instead; the lead deletes it at merge (skillbase.users.service.admin_ids is the one to use)."""
    stmt = select(User.id).where(User.role == Role.admin, User.is_active, User.deleted_at.is_(None))
    return list((await session.scalars(stmt)).all())
