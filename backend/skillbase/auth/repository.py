from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Exists, bindparam, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import RefreshToken, User


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


def _family_live(family_id: uuid.UUID) -> Exists:
    return exists().where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))


# Built once, at import, with bound parameters: every authenticated request runs it, and building the statement anew
# cost more CPU than running it (pyinstrument on /me, issue 9). A statement object reused keeps its cache key, so
# SQLAlchemy finds the compiled form without walking it again.
_USER_AND_FAMILY_LIVE = select(
    User, exists().where(RefreshToken.family_id == bindparam("family_id"), RefreshToken.revoked_at.is_(None))
).where(User.id == bindparam("user_id"))


async def user_and_family_live(session: AsyncSession, user_id: uuid.UUID, family_id: uuid.UUID) -> tuple[User, bool] | None:
    """What authenticating a request asks, in one round trip: the user's row (None: no such user) and whether the
    login the token came from still stands (`family_is_live`)."""
    found = (await session.execute(_USER_AND_FAMILY_LIVE, {"user_id": user_id, "family_id": family_id})).first()
    return None if found is None else (found[0], bool(found[1]))


async def family_is_live(session: AsyncSession, family_id: uuid.UUID) -> bool:
    """Whether a login's token family still stands (not revoked by reuse, logout or disable): one lookup on
    the family_id index. Revocation marks every token of the family, so any unrevoked row means alive."""
    return bool(await session.scalar(select(_family_live(family_id))))
