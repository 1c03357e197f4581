from __future__ import annotations

from sqlalchemy import Select, select

from skillbase.models import User
from skillbase.models.enums import Role


def admins_statement() -> Select[User]:
    return select(User).where(User.role == Role.admin, User.deleted_at.is_(None)).order_by(User.created_at)
