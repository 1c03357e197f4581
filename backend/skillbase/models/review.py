from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import Declaration, ReviewStatus, check_in


class FormalCheck(UUIDPrimaryKey, Base):
    """形式审查: the bureau passes a submitted version to review or returns it with reasons per section."""

    __tablename__ = "formal_checks"
    __table_args__ = (CheckConstraint("decision IN ('passed', 'returned')", name="decision"),)

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    version_no: Mapped[int]
    decision: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)  # [{section, reason}]
    comment: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(server_default=text("now()"))


class ReviewPanel(UUIDPrimaryKey, Timestamps, Base):
    """The expert panel of one application: at least 3 experts and an odd number, one of them the lead."""

    __tablename__ = "review_panels"

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), unique=True)
    version_no: Mapped[int]
    due_on: Mapped[date | None]
    formed_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    panel_opinion: Mapped[str | None] = mapped_column(Text)
    opinion_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    opinion_at: Mapped[datetime | None]


class PanelMember(UUIDPrimaryKey, Base):
    __tablename__ = "panel_members"
    __table_args__ = (
        CheckConstraint(check_in("declaration", Declaration), name="declaration"),
        UniqueConstraint("panel_id", "expert_id", name="uq_panel_members_panel_id_expert_id"),
        # one current lead per panel
        Index("uq_panel_members_one_lead", "panel_id", unique=True, postgresql_where=text("is_lead AND removed_at IS NULL")),
    )

    panel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review_panels.id"), index=True)
    expert_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("experts.id"), index=True)
    is_lead: Mapped[bool] = mapped_column(default=False)
    declaration: Mapped[Declaration] = mapped_column(StrEnumColumn(Declaration, 20), default=Declaration.pending)
    declaration_note: Mapped[str | None] = mapped_column(Text)
    declared_at: Mapped[datetime | None]
    added_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    removed_at: Mapped[datetime | None]
    removed_reason: Mapped[str | None] = mapped_column(Text)
    reminded_due_soon_at: Mapped[datetime | None]
    reminded_overdue_at: Mapped[datetime | None]


class Review(UUIDPrimaryKey, Timestamps, Base):
    """One expert's review: scores against the call's rubric, the site inspection, an opinion, a recommendation."""

    __tablename__ = "reviews"
    __table_args__ = (CheckConstraint(check_in("status", ReviewStatus), name="status"),)

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("panel_members.id"), unique=True)
    scores: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    site_visit: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    opinion: Mapped[str | None] = mapped_column(Text)
    recommend: Mapped[bool | None]
    status: Mapped[ReviewStatus] = mapped_column(StrEnumColumn(ReviewStatus, 20), default=ReviewStatus.draft)
    submitted_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)


class ReviewPhoto(UUIDPrimaryKey, Base):
    """A site-inspection photo (JPEG/PNG, checked by content), stored like attachments."""

    __tablename__ = "review_photos"

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reviews.id"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(300), unique=True)
    uploaded_at: Mapped[datetime] = mapped_column(server_default=text("now()"))


class Decision(UUIDPrimaryKey, Base):
    """The bureau's decision after review, with the administrative opinion (行政部门审核意见).

    An approval is superseded (never edited) when an objection against the publicised application is upheld:
    the record keeps what was decided and says when, why and by which objection it stopped being in force."""

    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint("decision IN ('approved', 'rejected')", name="decision"),
        CheckConstraint(
            "(superseded_at IS NULL AND superseded_reason IS NULL AND superseded_by_objection_id IS NULL)"
            " OR (superseded_at IS NOT NULL AND superseded_reason IS NOT NULL AND decision = 'approved')",
            name="superseded_complete",
        ),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), unique=True)
    decision: Mapped[str] = mapped_column(String(20))
    admin_opinion: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    superseded_at: Mapped[datetime | None]
    superseded_reason: Mapped[str | None] = mapped_column(Text)
    superseded_by_objection_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("objections.id"))
