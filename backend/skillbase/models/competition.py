"""Competitions (技能竞赛) a base hosts, reported in the monthly report of the month they end in."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import CompetitionLevel, check_in


class Competition(UUIDPrimaryKey, Timestamps, Base):
    """A competition hosted by a base. It counts toward the competition target (domain.md §7) once its report is
    accepted, when its level is at least the base's `competition_min_level` and it had at least
    `competition_min_contestants` contestants."""

    __tablename__ = "competitions"
    __table_args__ = (
        CheckConstraint(check_in("level", CompetitionLevel), name="level"),
        CheckConstraint("starts_on <= ends_on", name="dates_in_order"),
        CheckConstraint("contestants >= 0", name="contestants_non_negative"),
        CheckConstraint("winners >= 0 AND winners <= contestants", name="winners_within_contestants"),
        Index("ix_competitions_report_id", "report_id"),
        Index("ix_competitions_base_id_ends_on", "base_id", "ends_on"),
    )

    base_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bases.id"))
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monthly_reports.id"))
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[CompetitionLevel] = mapped_column(StrEnumColumn(CompetitionLevel, 20))
    starts_on: Mapped[date]
    ends_on: Mapped[date]  # counts in the month of this date
    organiser: Mapped[str] = mapped_column(String(200))  # 主办单位
    occupation: Mapped[str] = mapped_column(String(100), default="")  # 竞赛职业（工种）
    contestants: Mapped[int] = mapped_column(Integer)
    winners: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # If-Match on edit and delete
