from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import ApplicationStatus, AttachmentSlot, BaseType, ScanStatus, check_in


class Application(UUIDPrimaryKey, Timestamps, Base):
    """One organisation's application for one base type in one call. The editable draft lives here;
    every submission freezes an ApplicationVersion."""

    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint(check_in("status", ApplicationStatus), name="status"),
        CheckConstraint(check_in("base_type", BaseType), name="base_type"),
        CheckConstraint("draft_version >= 1", name="draft_version_positive"),
        CheckConstraint("submitted_versions >= 0", name="submitted_versions_non_negative"),
        Index("ix_applications_organization_id_status", "organization_id", "status"),
    )

    call_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("calls.id"))
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"))
    base_type: Mapped[BaseType] = mapped_column(StrEnumColumn(BaseType, 30))
    status: Mapped[ApplicationStatus] = mapped_column(StrEnumColumn(ApplicationStatus, 30), default=ApplicationStatus.draft)
    draft_form: Mapped[dict[str, Any]] = mapped_column(JSONB)
    draft_version: Mapped[int] = mapped_column(Integer, default=1)
    submitted_versions: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime | None]
    status_changed_at: Mapped[datetime | None]
    status_reason: Mapped[str | None] = mapped_column(String(2000))


# The list's sort (updated_at DESC, id) and one index per filter the list offers, led by the filter's column and
# ending in the sort, so that a filtered page, its count and a deep offset read index entries in order and stop at
# the page (they replace the single-column indexes on status and call_id). Migration 20261201_1600.
Index("ix_applications_updated_at_id", Application.updated_at.desc(), Application.id)
for _column in (Application.status, Application.call_id, Application.base_type, Application.organization_id):
    Index(f"ix_applications_{_column.key}_updated_at_id", _column, Application.updated_at.desc(), Application.id)


class ApplicationVersion(UUIDPrimaryKey, Base):
    """A submitted, immutable version of an application (a trigger refuses UPDATE and DELETE)."""

    __tablename__ = "application_versions"
    __table_args__ = (UniqueConstraint("application_id", "version_no", name="uq_application_versions_application_id_version_no"),)

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    version_no: Mapped[int]
    form: Mapped[dict[str, Any]] = mapped_column(JSONB)
    organization_snapshot: Mapped[dict[str, Any]] = mapped_column(JSONB)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    submitted_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    submitted_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))


class Attachment(UUIDPrimaryKey, Base):
    """An uploaded file in a typed slot. Stored under a server-generated key; type checked by content."""

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint(check_in("slot", AttachmentSlot), name="slot"),
        CheckConstraint(check_in("scan_status", ScanStatus), name="scan_status"),
        CheckConstraint("size_bytes > 0", name="size_positive"),
        Index("ix_attachments_application_id_slot", "application_id", "slot"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"))
    slot: Mapped[AttachmentSlot] = mapped_column(StrEnumColumn(AttachmentSlot, 40))
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(300), unique=True)
    scan_status: Mapped[ScanStatus] = mapped_column(StrEnumColumn(ScanStatus, 20), default=ScanStatus.clean)
    uploaded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    deleted_at: Mapped[datetime | None]


class ApplicationStatusCount(Base):
    """How many applications are in each status, kept exact by a trigger on `applications` (migration
    20261201_1930): the stage totals of the unfiltered list read these few rows instead of counting every
    application. Never written by the application."""

    __tablename__ = "application_status_counts"
    __table_args__ = (CheckConstraint("n >= 0", name="n_non_negative"),)

    status: Mapped[ApplicationStatus] = mapped_column(StrEnumColumn(ApplicationStatus, 30), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger)
