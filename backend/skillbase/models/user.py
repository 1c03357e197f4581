from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import Role, check_in


class User(UUIDPrimaryKey, Timestamps, Base):
    """A person who logs in: an applicant organisation's user, an expert or an administrator."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(check_in("role", Role), name="role"),
        # An applicant always belongs to an organisation; experts and administrators never do.
        CheckConstraint("(role = 'applicant') = (organization_id IS NOT NULL)", name="applicant_has_organization"),
        CheckConstraint("NOT is_org_owner OR role = 'applicant'", name="owner_is_applicant"),
        CheckConstraint("version >= 1", name="version_positive"),
        # One live account per e-mail address, case-insensitive; a removed account frees its address.
        Index("uq_users_email_lower", func.lower(text("email")), unique=True, postgresql_where=text("deleted_at IS NULL")),
    )

    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(100))
    mobile: Mapped[str | None] = mapped_column(String(20))
    role: Mapped[Role] = mapped_column(StrEnumColumn(Role, 20))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    is_org_owner: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    # Bumped by logout, password change and disable: every token issued before is refused.
    token_version: Mapped[int] = mapped_column(default=0)
    # Optimistic concurrency of the profile (ETag / If-Match): bumped by every change of what UserRead shows.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    last_login_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]


class RefreshToken(UUIDPrimaryKey, Base):
    """One issued refresh token, stored hashed. Tokens of one login form a family that rotates."""

    __tablename__ = "refresh_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[uuid.UUID] = mapped_column(index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(server_default=func.now())
    expires_at: Mapped[datetime]
    family_expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
