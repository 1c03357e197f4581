"""Rosters: the evidence about people behind a monthly report's figures (domain.md §7).

An uploaded file (`Roster`) is validated row by row and imported whole or not at all; its rows then are the report's
roster of that kind, and a later upload of the same kind replaces them (the old file stays, status `replaced`, for the
versions that listed it). Resident ID numbers are stored encrypted (`id_sealed`, core/resident_id.seal), matched by a
keyed hash (`id_hash`) and shown masked (`id_masked`, precomputed so lists never decrypt).

Certificates are counted once: rows with the same person and certificate number (`dup_key` = HMAC of both) — in one
roster, across months or across bases — form a `DuplicateGroup`; none of them counts until an administrator resolves
the group, choosing the one row that counts (or none) with a reason.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Identity, Index, Integer, LargeBinary, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base, StrEnumColumn, UUIDPrimaryKey
from skillbase.models.enums import CertificateKind, CertificateLevel, DuplicateStatus, RosterKind, RosterStatus, check_in


class Roster(UUIDPrimaryKey, Base):
    """One uploaded roster file (XLSX or CSV) and its import: progress, outcome, errors."""

    __tablename__ = "rosters"
    __table_args__ = (
        CheckConstraint(check_in("kind", RosterKind), name="kind"),
        CheckConstraint(check_in("status", RosterStatus), name="status"),
        CheckConstraint("rows_processed >= 0 AND rows_processed <= GREATEST(rows_total, rows_processed)", name="progress"),
        # at most one imported roster of each kind per report: the one that counts
        Index("uq_rosters_report_kind_imported", "report_id", "kind", unique=True, postgresql_where=text("status = 'imported'")),
        Index("ix_rosters_report_id", "report_id"),
        # the background importer picks queued rosters oldest first (FOR UPDATE SKIP LOCKED)
        Index("ix_rosters_queued", "created_at", postgresql_where=text("status = 'queued'")),
    )

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monthly_reports.id"))
    base_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bases.id"), index=True)
    kind: Mapped[RosterKind] = mapped_column(StrEnumColumn(RosterKind, 20))
    status: Mapped[RosterStatus] = mapped_column(StrEnumColumn(RosterStatus, 20), default=RosterStatus.queued)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(300), unique=True)
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_processed: Mapped[int] = mapped_column(Integer, default=0)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    # the first errors, for the screen: [{"row": 7, "column": "身份证号码", "code": "check_digit", "message": "..."}];
    # the full list is the downloadable error report, rebuilt from the stored file on demand
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    uploaded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class _PersonRow:
    """Columns every roster row has: where it came from, and the person."""

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    roster_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rosters.id", ondelete="CASCADE"))
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("monthly_reports.id"))
    base_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bases.id"))
    month_no: Mapped[int]  # the report's construction month (denormalised for per-month sums)
    row_no: Mapped[int]  # the row in the uploaded sheet (1 = the header), for error reports
    name: Mapped[str] = mapped_column(String(50))
    id_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    id_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    id_masked: Mapped[str] = mapped_column(String(18))
    occupation: Mapped[str] = mapped_column(String(100))  # 职业（工种）


class TraineeRow(_PersonRow, Base):
    """培训人员名册: one row per person per training."""

    __tablename__ = "trainee_rows"
    __table_args__ = (
        CheckConstraint("starts_on <= ends_on", name="dates_in_order"),
        CheckConstraint("NOT satisfied OR surveyed", name="satisfied_only_if_surveyed"),
        Index("ix_trainee_rows_roster_id_row_no", "roster_id", "row_no"),  # a roster's rows in sheet order
        Index("ix_trainee_rows_base_id_month_no", "base_id", "month_no"),
        Index("ix_trainee_rows_base_id_id_hash", "base_id", "id_hash"),
    )

    course: Mapped[str] = mapped_column(String(200))  # 培训项目/课程
    starts_on: Mapped[date]
    ends_on: Mapped[date]  # counts in the month of this date
    completed: Mapped[bool] = mapped_column(Boolean)  # 是否结业
    surveyed: Mapped[bool] = mapped_column(Boolean)  # 是否参与满意度调查
    satisfied: Mapped[bool] = mapped_column(Boolean)  # 是否满意


class CertificateRow(_PersonRow, Base):
    """取证人员名册: one row per person per certificate."""

    __tablename__ = "certificate_rows"
    __table_args__ = (
        CheckConstraint(check_in("kind", CertificateKind), name="kind"),
        CheckConstraint(f"level IS NULL OR {check_in('level', CertificateLevel)}", name="level"),
        Index("ix_certificate_rows_roster_id_row_no", "roster_id", "row_no"),  # a roster's rows in sheet order
        Index("ix_certificate_rows_base_id_month_no", "base_id", "month_no"),
        Index("ix_certificate_rows_dup_key", "dup_key"),
        Index("ix_certificate_rows_duplicate_group_id", "duplicate_group_id", postgresql_where=text("duplicate_group_id IS NOT NULL")),
    )

    kind: Mapped[CertificateKind] = mapped_column(StrEnumColumn(CertificateKind, 30))
    level: Mapped[CertificateLevel | None] = mapped_column(StrEnumColumn(CertificateLevel, 20))
    certificate_no: Mapped[str] = mapped_column(String(64))
    issued_on: Mapped[date]  # counts in the month of this date
    issuing_body: Mapped[str] = mapped_column(String(200))
    dup_key: Mapped[bytes] = mapped_column(LargeBinary(32))  # HMAC(resident ID + certificate number)
    duplicate_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("duplicate_groups.id"))


class DuplicateGroup(UUIDPrimaryKey, Base):
    """Certificate rows sharing a person and a certificate number; see the module docstring."""

    __tablename__ = "duplicate_groups"
    __table_args__ = (
        CheckConstraint(check_in("status", DuplicateStatus), name="status"),
        CheckConstraint("status = 'open' OR (resolved_at IS NOT NULL AND reason IS NOT NULL)", name="resolved_with_reason"),
        Index("uq_duplicate_groups_dup_key", "dup_key", unique=True),
        Index("ix_duplicate_groups_open", "created_at", postgresql_where=text("status = 'open'")),
        # the administrators' list: newest first, filtered by status and/or spans_bases
        Index("ix_duplicate_groups_created_at_id", text("created_at DESC"), "id"),
        Index("ix_duplicate_groups_status_spans_bases_created_at", "status", "spans_bases", text("created_at DESC")),
    )

    dup_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    status: Mapped[DuplicateStatus] = mapped_column(StrEnumColumn(DuplicateStatus, 20), default=DuplicateStatus.open)
    spans_bases: Mapped[bool] = mapped_column(Boolean, default=False)  # rows of more than one base
    counted_row_id: Mapped[int | None] = mapped_column(BigInteger)  # resolved: the one row that counts (None: none)
    reason: Mapped[str | None] = mapped_column(String(2000))
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
