from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import INET
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import NoticeStatus, ObjectionStatus, check_in


class PublicityNotice(UUIDPrimaryKey, Timestamps, Base):
    """公示: a public notice of one or more approved applications, open to objections until ends_on."""

    __tablename__ = "publicity_notices"
    __table_args__ = (
        CheckConstraint(check_in("status", NoticeStatus), name="status"),
        CheckConstraint("starts_on <= ends_on", name="dates_in_order"),
        # No period that began before its publication (Beijing day): nobody could have objected in it.
        CheckConstraint(
            "published_at IS NULL OR starts_on >= (published_at AT TIME ZONE 'Asia/Shanghai')::date", name="starts_after_publication"
        ),
        CheckConstraint(
            "publicity_days IS NULL OR (publicity_days >= 1 AND ends_on - starts_on + 1 >= publicity_days)", name="lasts_its_days"
        ),
    )

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    status: Mapped[NoticeStatus] = mapped_column(StrEnumColumn(NoticeStatus, 20), default=NoticeStatus.draft, index=True)
    # The least number of days the period must last: the longest publicity_days of the calls of its
    # applications, fixed when the notice is published (a call edited later does not change it).
    publicity_days: Mapped[int | None]
    published_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))


class NoticeItem(UUIDPrimaryKey, Base):
    __tablename__ = "notice_items"

    notice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("publicity_notices.id"), index=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), unique=True)


class Objection(UUIDPrimaryKey, Base):
    """异议: anyone may object during the notice period; the bureau upholds or dismisses it with a reason."""

    __tablename__ = "objections"
    __table_args__ = (
        CheckConstraint(check_in("status", ObjectionStatus), name="status"),
        CheckConstraint("status = 'pending' OR decision_reason IS NOT NULL", name="decided_with_reason"),
        Index("ix_objections_ip_created_at", "ip", "created_at"),
    )

    notice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("publicity_notices.id"), index=True)
    application_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("applications.id"), index=True)
    ticket: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    contact: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    ip: Mapped[str | None] = mapped_column(INET)
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    status: Mapped[ObjectionStatus] = mapped_column(StrEnumColumn(ObjectionStatus, 20), default=ObjectionStatus.pending)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    attachment_type: Mapped[str | None] = mapped_column(String(100))
    attachment_size: Mapped[int | None] = mapped_column(BigInteger)
    attachment_key: Mapped[str | None] = mapped_column(String(300))


class Recognition(UUIDPrimaryKey, Base):
    """认定: the official notice (document number, date) that recognises the bases of a publicity notice."""

    __tablename__ = "recognitions"

    document_number: Mapped[str] = mapped_column(String(100), unique=True)
    issued_on: Mapped[date]
    notice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("publicity_notices.id"), unique=True)
    issued_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
