"""Look-ups of user records shared by every domain (the lowest domain above core: it imports no other).

Accounts, auth, experts, organizations and notifications all need "the user with this e-mail" or "the live user
with this id"; they call these functions instead of another domain's repository, so no domain cycle forms."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import User
from skillbase.users import repository


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    """The live (not deleted) user with this e-mail, compared case-insensitively."""
    return await repository.get_by_email(session, email)


async def email_taken(session: AsyncSession, email: str) -> bool:
    """Whether a live user already has this e-mail."""
    return await repository.email_taken(session, email)


async def get_live(session: AsyncSession, user_id: uuid.UUID, *, for_update: bool = False) -> User | None:
    """The user with this id unless deleted; `for_update` locks the row and reloads it."""
    return await repository.get_live(session, user_id, for_update=for_update)


async def admin_ids(session: AsyncSession) -> list[uuid.UUID]:
    """Every active administrator: whom to tell when something needs the bureau."""
    return await repository.admin_ids(session)
