from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import OrganizationAttribute, OrganizationCategory, OrganizationStatus, check_in


class Organization(UUIDPrimaryKey, Timestamps, Base):
    """An applicant organisation (申报单位). Table 1-1 of the form is filled from it."""

    __tablename__ = "organizations"
    __table_args__ = (
        CheckConstraint(check_in("status", OrganizationStatus), name="status"),
        CheckConstraint(check_in("category", OrganizationCategory), name="category"),
        CheckConstraint(check_in("attribute", OrganizationAttribute), name="attribute"),
        CheckConstraint("char_length(credit_code) = 18", name="credit_code_length"),
        CheckConstraint("status <> 'rejected' OR status_reason IS NOT NULL", name="rejection_has_reason"),
        # The name search (ILIKE '%x%', the application list's `q`): a trigram index (extension pg_trgm).
        Index("ix_organizations_name_trgm", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}),
    )

    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    category: Mapped[OrganizationCategory] = mapped_column(StrEnumColumn(OrganizationCategory, 40))
    attribute: Mapped[OrganizationAttribute] = mapped_column(StrEnumColumn(OrganizationAttribute, 40))
    qualifications: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    address: Mapped[str] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(300))
    legal_representative: Mapped[dict[str, Any]] = mapped_column(JSONB)
    contact_person: Mapped[dict[str, Any]] = mapped_column(JSONB)
    bank_name: Mapped[str] = mapped_column(String(200))
    bank_account: Mapped[str] = mapped_column(String(64))

    status: Mapped[OrganizationStatus] = mapped_column(
        StrEnumColumn(OrganizationStatus, 20), default=OrganizationStatus.pending, index=True
    )
    status_reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", use_alter=True))
