from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import BaseStatus, BaseType, CompetitionLevel, check_in

_NON_NEGATIVE = (
    "subsidy_fen",
    "first_tranche_fen",
    "final_tranche_fen",
    "year1_certificate_target",
    "two_year_certificate_target",
    "capacity_per_year",
    "brand_award_fen",
    "high_skill_award_per_step_fen",
    "high_skill_award_cap_fen",
    "competition_min_count",
    "competition_min_contestants",
)


class TrainingBase(UUIDPrimaryKey, Timestamps, Base):
    """A recognised base (基地), under construction from its recognition date.

    Its commitments (title, money, targets, awards, competition rules, construction period) are copied from the call
    when the base is recognised (`bases.commitments.freeze`) and never read from the call again: editing a call's
    policy later changes no recognised base.
    """

    __tablename__ = "bases"
    __table_args__ = (
        CheckConstraint(check_in("status", BaseStatus), name="status"),
        *(CheckConstraint(f"{c} >= 0", name=f"{c}_non_negative") for c in _NON_NEGATIVE),
        CheckConstraint("first_tranche_percent BETWEEN 1 AND 100", name="first_tranche_percent"),
        CheckConstraint("first_tranche_fen + final_tranche_fen = subsidy_fen", name="tranches_sum_to_subsidy"),
        CheckConstraint("construction_months > 0", name="construction_months_positive"),
        CheckConstraint("improvement_months >= 0", name="improvement_months_non_negative"),
        CheckConstraint("construction_starts_on < construction_ends_on", name="construction_dates_in_order"),
        CheckConstraint("report_due_day BETWEEN 1 AND 28", name="report_due_day"),
        CheckConstraint("satisfaction_floor_percent BETWEEN 0 AND 100", name="satisfaction_floor_percent"),
        CheckConstraint("certification_rate_floor_percent BETWEEN 0 AND 100", name="certification_rate_floor_percent"),
        CheckConstraint("brand_volume_multiplier >= 1", name="brand_volume_multiplier_positive"),
        CheckConstraint("high_skill_step >= 1", name="high_skill_step_positive"),
        CheckConstraint(check_in("competition_min_level", CompetitionLevel), name="competition_min_level"),
    )

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), unique=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id"), index=True)
    call_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("calls.id"), index=True)
    base_type: Mapped[BaseType] = mapped_column(StrEnumColumn(BaseType, 30), index=True)  # the report queue's filter
    title: Mapped[str] = mapped_column(String(100))
    recognition_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("recognitions.id"))
    recognised_on: Mapped[date]
    plaque_issued_on: Mapped[date | None]
    status: Mapped[BaseStatus] = mapped_column(StrEnumColumn(BaseStatus, 30), default=BaseStatus.under_construction)
    version: Mapped[int] = mapped_column(Integer, default=1)  # If-Match on the organisation's edits (account, contacts)
    # from the application's last submitted version at recognition; the organisation keeps account and contacts current
    specialties: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)  # 专业（职业/工种）
    account_bank: Mapped[str | None] = mapped_column(String(200))  # 专账开户行
    account_number: Mapped[str | None] = mapped_column(String(64))  # 专账账号 (masked like any bank account)
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_mobile: Mapped[str | None] = mapped_column(String(20))  # masked like any mobile

    # --- commitments frozen at recognition (domain.md §3, §4, §7); money in integer fen ---
    subsidy_fen: Mapped[int] = mapped_column(BigInteger)
    first_tranche_percent: Mapped[int]
    first_tranche_fen: Mapped[int] = mapped_column(BigInteger)
    final_tranche_fen: Mapped[int] = mapped_column(BigInteger)
    construction_starts_on: Mapped[date]
    construction_ends_on: Mapped[date]
    construction_months: Mapped[int]
    improvement_months: Mapped[int]
    report_due_day: Mapped[int]
    # output targets: training bases (skills_upgrading, industry_chain); null for a competition base
    year1_certificate_target: Mapped[int | None]
    two_year_certificate_target: Mapped[int | None]
    satisfaction_floor_percent: Mapped[int | None]
    certification_rate_floor_percent: Mapped[int | None]
    capacity_per_year: Mapped[int | None]
    # awards: training bases only
    brand_award_fen: Mapped[int | None] = mapped_column(BigInteger)
    brand_volume_multiplier: Mapped[int | None]
    high_skill_award_per_step_fen: Mapped[int | None] = mapped_column(BigInteger)
    high_skill_step: Mapped[int | None]
    high_skill_award_cap_fen: Mapped[int | None] = mapped_column(BigInteger)
    # competition rules: competition bases only
    competition_min_count: Mapped[int | None]
    competition_min_level: Mapped[CompetitionLevel | None] = mapped_column(StrEnumColumn(CompetitionLevel, 20))
    competition_min_contestants: Mapped[int | None]
