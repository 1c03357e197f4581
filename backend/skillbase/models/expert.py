from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, Timestamps, UUIDPrimaryKey


class Expert(UUIDPrimaryKey, Timestamps, Base):
    """A member of the expert pool (专家库); logs in through its own user account."""

    __tablename__ = "experts"
    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    organization_name: Mapped[str] = mapped_column(String(200))
    # The employer's unified social credit code, when known: the surest way to see an expert of the applicant itself.
    organization_credit_code: Mapped[str | None] = mapped_column(String(18))
    title: Mapped[str] = mapped_column(String(100))
    specialties: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    mobile: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(254))
    is_active: Mapped[bool] = mapped_column(default=True, index=True)
    # Optimistic concurrency: bumped by every change (ETag / If-Match).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
