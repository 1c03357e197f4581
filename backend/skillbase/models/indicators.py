"""Indicators of a base under construction, stored for fast lists (issue 10): the figures counted per construction month
and one progress row per base. Both are derived data: `indicators.service.refresh_base` recomputes them from the
accepted reports' rosters and competitions whenever those change, and the worker refreshes every base once a day
(the pace and the overdue reports move with time). Nothing else writes them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn
from skillbase.models.enums import BaseStatus, BaseType

# The counted figures of one construction month, in the order the API and the export show them.
MONTH_FIGURES = (
    "trainees",  # 培训人次: completed trainee rows
    "certified_trainees",  # 其中取证人数
    "surveyed",  # 参与满意度调查
    "satisfied",  # 其中满意
    "certificates",  # 取证人次 (counted once: duplicates aside)
    "certificates_national_qualification",
    "certificates_skill_level",
    "certificates_special_ability",
    "certificates_training_completion",
    "senior_certificates",  # 高级工及以上
    "competitions",  # 举办竞赛场次
    "qualifying_competitions",  # 其中达标竞赛（级别、参赛人数）
)


class BaseMonthFigures(Base):
    """What counted in construction month `month_no` of a base (by the event's date), beside what its accepted report
    declared (null when the month has no accepted report or the report left the figure blank)."""

    __tablename__ = "base_month_figures"
    __table_args__ = (*(CheckConstraint(f"{c} >= 0", name=f"{c}_non_negative") for c in MONTH_FIGURES),)

    base_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bases.id", ondelete="CASCADE"), primary_key=True)
    month_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_status: Mapped[str | None] = mapped_column(String(20))  # the month's report, if any
    trainees: Mapped[int] = mapped_column(Integer, default=0)
    certified_trainees: Mapped[int] = mapped_column(Integer, default=0)
    surveyed: Mapped[int] = mapped_column(Integer, default=0)
    satisfied: Mapped[int] = mapped_column(Integer, default=0)
    certificates: Mapped[int] = mapped_column(Integer, default=0)
    certificates_national_qualification: Mapped[int] = mapped_column(Integer, default=0)
    certificates_skill_level: Mapped[int] = mapped_column(Integer, default=0)
    certificates_special_ability: Mapped[int] = mapped_column(Integer, default=0)
    certificates_training_completion: Mapped[int] = mapped_column(Integer, default=0)
    senior_certificates: Mapped[int] = mapped_column(Integer, default=0)
    competitions: Mapped[int] = mapped_column(Integer, default=0)
    qualifying_competitions: Mapped[int] = mapped_column(Integer, default=0)
    declared_trainees: Mapped[int | None]
    declared_certified_trainees: Mapped[int | None]
    declared_certificates: Mapped[int | None]
    declared_senior_certificates: Mapped[int | None]
    declared_surveyed: Mapped[int | None]
    declared_satisfied: Mapped[int | None]
    declared_competitions: Mapped[int | None]
    computed_at: Mapped[datetime]


class BaseProgress(Base):
    """One row per base: where it stands today against the target of its current assessment (domain.md §7), for the
    administrators' register. The base's type, status, call, organisation and recognition date are copied here so that
    every filter and sort of the register has an index on this one table."""

    __tablename__ = "base_progress"
    __table_args__ = (
        CheckConstraint("overdue_reports >= 0", name="overdue_reports_non_negative"),
        CheckConstraint("open_duplicates >= 0", name="open_duplicates_non_negative"),
        Index("ix_base_progress_base_type", "base_type"),
        Index("ix_base_progress_status", "status"),
        Index("ix_base_progress_call_id", "call_id"),
        Index("ix_base_progress_at_risk", "at_risk", postgresql_where=text("at_risk")),
        Index("ix_base_progress_overdue", "overdue_reports", postgresql_where=text("overdue_reports > 0")),
        Index("ix_base_progress_reached_permille_base_id", "reached_permille", "base_id"),
        Index("ix_base_progress_projected_permille_base_id", "projected_permille", "base_id"),
        Index("ix_base_progress_overdue_reports_base_id", "overdue_reports", "base_id"),
        Index("ix_base_progress_recognised_on_base_id", "recognised_on", "base_id"),
        # `q` on the base's title; the organisation's name has its own trigram index (organizations)
        Index("ix_base_progress_title_trgm", "title", postgresql_using="gin", postgresql_ops={"title": "gin_trgm_ops"}),
    )

    base_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bases.id", ondelete="CASCADE"), primary_key=True)
    # copies of the base's columns (refreshed with the figures)
    base_type: Mapped[BaseType] = mapped_column(StrEnumColumn(BaseType, 30))
    status: Mapped[BaseStatus] = mapped_column(StrEnumColumn(BaseStatus, 30))
    call_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("calls.id"))
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"))
    recognised_on: Mapped[date]
    title: Mapped[str] = mapped_column(String(100))
    # where the base stands
    current_month: Mapped[int | None]  # construction month of today; null before the period starts
    current_year: Mapped[int | None]  # 1, 2, or 3 = the improvement year
    certificates: Mapped[int] = mapped_column(Integer, default=0)  # counted toward the current assessment
    certificate_target: Mapped[int | None]  # the current assessment's certificate target (null: competition base)
    reached_permille: Mapped[int | None]  # certificates ÷ target, ‰ (competition base: qualifying ÷ required)
    projection: Mapped[int | None]  # certificates projected to the assessment's end from the pace so far
    projected_permille: Mapped[int | None]  # projection ÷ target, ‰
    satisfaction_permille: Mapped[int | None]  # current year; null when nobody was surveyed
    certification_permille: Mapped[int | None]  # current year; null when nobody completed a training
    capacity: Mapped[int] = mapped_column(Integer, default=0)  # trainees in construction year 2
    qualifying_competitions: Mapped[int] = mapped_column(Integer, default=0)  # months 1..24 (and the improvement year)
    overdue_reports: Mapped[int] = mapped_column(Integer, default=0)
    open_duplicates: Mapped[int] = mapped_column(Integer, default=0)
    declared_mismatch_months: Mapped[int] = mapped_column(Integer, default=0)  # accepted months whose figures differ
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    risks: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)  # the rules that flagged it (rules.Risk)
    computed_at: Mapped[datetime]
