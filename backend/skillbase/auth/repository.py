from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import RefreshToken


async def get_by_hash(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    return (await session.scalars(select(RefreshToken).where(RefreshToken.token_hash == token_hash))).first()


async def claim(session: AsyncSession, token_id: uuid.UUID, at: datetime) -> bool:
    """Mark the token used, atomically: False when it was already used or revoked (maybe a moment ago,
    by a concurrent request). Only one of two simultaneous refreshes with the same token can win."""
    stmt = (
        update(RefreshToken)
        .where(RefreshToken.id == token_id, RefreshToken.used_at.is_(None), RefreshToken.revoked_at.is_(None))
        .values(used_at=at)
        .returning(RefreshToken.id)
    )
    return (await session.execute(stmt)).first() is not None


async def revoke_family(session: AsyncSession, family_id: uuid.UUID, at: datetime) -> None:
    await session.execute(
        update(RefreshToken).where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None)).values(revoked_at=at)
    )


async def revoke_user(session: AsyncSession, user_id: uuid.UUID, at: datetime) -> None:
    await session.execute(
        update(RefreshToken).where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)).values(revoked_at=at)
    )


async def family_is_live(session: AsyncSession, family_id: uuid.UUID) -> bool:
    """Whether a login's token family still stands (not revoked by reuse, logout or disable): one lookup on
    the family_id index. Revocation marks every token of the family, so any unrevoked row means alive."""
    stmt = select(exists().where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None)))
    return bool(await session.scalar(stmt))
