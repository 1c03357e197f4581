"""Monthly progress reports (每月报送工作进展) of a base under construction, their versions and evidence files."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import ReportStatus, ScanStatus, check_in

DECLARED_FIGURES = (
    "declared_trainees",  # 本月培训人次 (completed trainings)
    "declared_certified_trainees",  # 其中取证人数
    "declared_certificates",  # 本月取证人次
    "declared_senior_certificates",  # 其中高级工及以上
    "declared_surveyed",  # 参与满意度调查人数
    "declared_satisfied",  # 其中满意人数
    "declared_competitions",  # 本月举办竞赛场次
)


class MonthlyReport(UUIDPrimaryKey, Timestamps, Base):
    """Report for construction month `month_no` of a base, created by the system, due on the base's `report_due_day` of
    the calendar month after the period ends (domain.md §7). Overdue = past `due_on` and not yet submitted (draft or
    returned); reminders are sent once per due date (`reminded_due_at`) and once when overdue (`reminded_overdue_at`)."""

    __tablename__ = "monthly_reports"
    __table_args__ = (
        UniqueConstraint("base_id", "month_no", name="uq_monthly_reports_base_month"),
        CheckConstraint(check_in("status", ReportStatus), name="status"),
        CheckConstraint("month_no >= 1", name="month_no_positive"),
        CheckConstraint("period_starts_on <= period_ends_on", name="period_in_order"),
        CheckConstraint("due_on > period_ends_on", name="due_after_period"),
        *(CheckConstraint(f"{c} IS NULL OR {c} >= 0", name=f"{c}_non_negative") for c in DECLARED_FIGURES),
        CheckConstraint(
            "declared_satisfied IS NULL OR declared_surveyed IS NULL OR declared_satisfied <= declared_surveyed",
            name="declared_satisfied_le_surveyed",
        ),
        # The administrators' queue (submitted, oldest first) and the overdue scan (open reports by due date).
        Index("ix_monthly_reports_status_submitted_at", "status", "submitted_at"),
        Index("ix_monthly_reports_open_due_on", "due_on", postgresql_where=text("status IN ('draft', 'returned')")),
        # the queue's sorts (by due date, by submission) and its construction-month filter
        Index("ix_monthly_reports_due_on_id", "due_on", "id"),
        Index("ix_monthly_reports_submitted_at_id", "submitted_at", "id"),
        Index("ix_monthly_reports_month_no", "month_no"),
    )

    base_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bases.id"))
    month_no: Mapped[int]
    period_starts_on: Mapped[date]
    period_ends_on: Mapped[date]
    due_on: Mapped[date]
    status: Mapped[ReportStatus] = mapped_column(StrEnumColumn(ReportStatus, 20), default=ReportStatus.draft)
    version: Mapped[int] = mapped_column(Integer, default=1)  # If-Match on the draft
    submitted_versions: Mapped[int] = mapped_column(Integer, default=0)

    # narrative
    progress: Mapped[str] = mapped_column(Text, default="")  # 本月工作进展
    problems: Mapped[str] = mapped_column(Text, default="")  # 存在问题
    next_plan: Mapped[str] = mapped_column(Text, default="")  # 下月工作计划
    # self-declared figures, shown beside the ones computed from the rosters
    declared_trainees: Mapped[int | None]
    declared_certified_trainees: Mapped[int | None]
    declared_certificates: Mapped[int | None]
    declared_senior_certificates: Mapped[int | None]
    declared_surveyed: Mapped[int | None]
    declared_satisfied: Mapped[int | None]
    declared_competitions: Mapped[int | None]

    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # {part (ReportPart): reason} of the last return; empty once accepted
    return_reasons: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    reminded_due_at: Mapped[datetime | None]
    reminded_overdue_at: Mapped[datetime | None]


class MonthlyReportVersion(UUIDPrimaryKey, Base):
    """What was submitted, as submitted: narrative, figures, roster summaries (file, counts), competitions and the
    attachments listed; a resubmission adds a version, none is ever changed."""

    __tablename__ = "monthly_report_versions"
    __table_args__ = (UniqueConstraint("report_id", "version_no", name="uq_monthly_report_versions_report_version"),)

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monthly_reports.id"))
    version_no: Mapped[int]
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONB)
    submitted_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    submitted_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    # the administrator's answer to this version: accepted, or returned with {part: reason}
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_reasons: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    outcome_at: Mapped[datetime | None]
    outcome_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))


class ReportAttachment(UUIDPrimaryKey, Base):
    """An evidence file of a monthly report (photos, sign-in sheets, notices); soft-deleted so versions keep serving it."""

    __tablename__ = "report_attachments"
    __table_args__ = (
        CheckConstraint(check_in("scan_status", ScanStatus), name="scan_status"),
        Index("ix_report_attachments_report_id", "report_id"),
    )

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monthly_reports.id"))
    description: Mapped[str] = mapped_column(String(200), default="")
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(300), unique=True)
    scan_status: Mapped[ScanStatus] = mapped_column(StrEnumColumn(ScanStatus, 20), default=ScanStatus.clean)
    uploaded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    deleted_at: Mapped[datetime | None]
