from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, Timestamps, UUIDPrimaryKey
from skillbase.models.enums import CallStatus, check_in


class Call(UUIDPrimaryKey, Timestamps, Base):
    """A published round of the policy (申报批次). Every date, amount, ratio, target and the rubric live here."""

    __tablename__ = "calls"
    __table_args__ = (
        CheckConstraint(check_in("status", CallStatus), name="status"),
        CheckConstraint("opens_on <= deadline AND deadline <= valid_until", name="dates_in_order"),
        CheckConstraint("publicity_days BETWEEN 1 AND 60", name="publicity_days"),
        CheckConstraint("report_due_day BETWEEN 1 AND 28", name="report_due_day"),
        CheckConstraint("cardinality(base_types) >= 1", name="has_base_type"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    district_code: Mapped[str] = mapped_column(String(6))
    opens_on: Mapped[date]
    deadline: Mapped[date]
    valid_until: Mapped[date]
    status: Mapped[CallStatus] = mapped_column(StrEnumColumn(CallStatus, 20), default=CallStatus.draft, index=True)
    base_types: Mapped[list[str]] = mapped_column(ARRAY(String(30)))
    # {base_type: BaseTypePolicy} and [RubricCriterion]: validated by calls.schemas on the way in
    policies: Mapped[dict[str, Any]] = mapped_column(JSONB)
    rubric: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    publicity_days: Mapped[int]
    report_due_day: Mapped[int]
    score_divergence_points: Mapped[int]
    version: Mapped[int] = mapped_column(Integer, default=1)
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
