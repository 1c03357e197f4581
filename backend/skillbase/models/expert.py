from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, Timestamps, UUIDPrimaryKey


class Expert(UUIDPrimaryKey, Timestamps, Base):
    """A member of the expert pool (专家库); logs in through its own user account."""

    __tablename__ = "experts"
    __table_args__ = (
        CheckConstraint("organization_credit_code IS NULL OR char_length(organization_credit_code) = 18", name="credit_code_length"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    # The employer (工作单位): its name as declared, and where known a link to a registered organisation and/or
    # the employer's unified social credit code. The conflict check compares ids and codes first, names last.
    organization_name: Mapped[str] = mapped_column(String(200))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    organization_credit_code: Mapped[str | None] = mapped_column(String(18))
    title: Mapped[str] = mapped_column(String(100))
    specialties: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    mobile: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(254))
    is_active: Mapped[bool] = mapped_column(default=True, index=True)
    # Optimistic concurrency: bumped by every change (ETag / If-Match).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
