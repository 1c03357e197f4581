"""The user records every domain looks up: by e-mail, by id, the active administrators."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import User
from skillbase.models.enums import Role


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    stmt = select(User).where(func.lower(User.email) == email.lower(), User.deleted_at.is_(None))
    return (await session.scalars(stmt)).first()


async def email_taken(session: AsyncSession, email: str) -> bool:
    return await get_by_email(session, email) is not None


async def get_live(session: AsyncSession, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
    stmt = select(User).where(User.id == user_id, User.deleted_at.is_(None))
    if for_update:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return (await session.scalars(stmt)).first()


async def admin_ids(session: AsyncSession) -> list[uuid.UUID]:
    """Every active administrator: whom to tell when something needs the bureau."""
    stmt = select(User.id).where(User.role == Role.admin, User.is_active, User.deleted_at.is_(None))
    return list((await session.scalars(stmt)).all())
