"""base indicators: `base_month_figures` (what counted in each construction month, beside the accepted report's
declared figures) and `base_progress` (one row per base for the administrators' register), both derived data written
only by indicators.service.refresh_base / refresh_all. Every filter and sort of the register has an index here; the
title search uses a pg_trgm GIN index (the extension exists since 20261201_1600).

Revision ID: 076f0036f997
Revises: 21f5dd3a8814
Create Date: 2026-12-01 18:47:40.664703+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "076f0036f997"
down_revision: str | None = "21f5dd3a8814"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "base_month_figures",
        sa.Column("base_id", sa.UUID(), nullable=False),
        sa.Column("month_no", sa.Integer(), nullable=False),
        sa.Column("report_status", sa.String(length=20), nullable=True),
        sa.Column("trainees", sa.Integer(), nullable=False),
        sa.Column("certified_trainees", sa.Integer(), nullable=False),
        sa.Column("surveyed", sa.Integer(), nullable=False),
        sa.Column("satisfied", sa.Integer(), nullable=False),
        sa.Column("certificates", sa.Integer(), nullable=False),
        sa.Column("certificates_national_qualification", sa.Integer(), nullable=False),
        sa.Column("certificates_skill_level", sa.Integer(), nullable=False),
        sa.Column("certificates_special_ability", sa.Integer(), nullable=False),
        sa.Column("certificates_training_completion", sa.Integer(), nullable=False),
        sa.Column("senior_certificates", sa.Integer(), nullable=False),
        sa.Column("competitions", sa.Integer(), nullable=False),
        sa.Column("qualifying_competitions", sa.Integer(), nullable=False),
        sa.Column("declared_trainees", sa.Integer(), nullable=True),
        sa.Column("declared_certified_trainees", sa.Integer(), nullable=True),
        sa.Column("declared_certificates", sa.Integer(), nullable=True),
        sa.Column("declared_senior_certificates", sa.Integer(), nullable=True),
        sa.Column("declared_surveyed", sa.Integer(), nullable=True),
        sa.Column("declared_satisfied", sa.Integer(), nullable=True),
        sa.Column("declared_competitions", sa.Integer(), nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "certificates >= 0",
            name=op.f("ck_base_month_figures_certificates_non_negative"),
        ),
        sa.CheckConstraint(
            "certificates_national_qualification >= 0",
            name=op.f("ck_base_month_figures_certificates_national_qualification_non_negative"),
        ),
        sa.CheckConstraint(
            "certificates_skill_level >= 0",
            name=op.f("ck_base_month_figures_certificates_skill_level_non_negative"),
        ),
        sa.CheckConstraint(
            "certificates_special_ability >= 0",
            name=op.f("ck_base_month_figures_certificates_special_ability_non_negative"),
        ),
        sa.CheckConstraint(
            "certificates_training_completion >= 0",
            name=op.f("ck_base_month_figures_certificates_training_completion_non_negative"),
        ),
        sa.CheckConstraint(
            "certified_trainees >= 0",
            name=op.f("ck_base_month_figures_certified_trainees_non_negative"),
        ),
        sa.CheckConstraint(
            "competitions >= 0",
            name=op.f("ck_base_month_figures_competitions_non_negative"),
        ),
        sa.CheckConstraint(
            "qualifying_competitions >= 0",
            name=op.f("ck_base_month_figures_qualifying_competitions_non_negative"),
        ),
        sa.CheckConstraint("satisfied >= 0", name=op.f("ck_base_month_figures_satisfied_non_negative")),
        sa.CheckConstraint(
            "senior_certificates >= 0",
            name=op.f("ck_base_month_figures_senior_certificates_non_negative"),
        ),
        sa.CheckConstraint("surveyed >= 0", name=op.f("ck_base_month_figures_surveyed_non_negative")),
        sa.CheckConstraint("trainees >= 0", name=op.f("ck_base_month_figures_trainees_non_negative")),
        sa.ForeignKeyConstraint(
            ["base_id"],
            ["bases.id"],
            name=op.f("fk_base_month_figures_base_id_bases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("base_id", "month_no", name=op.f("pk_base_month_figures")),
    )
    op.create_table(
        "base_progress",
        sa.Column("base_id", sa.UUID(), nullable=False),
        sa.Column("base_type", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("call_id", sa.UUID(), nullable=False),
        sa.Column("organization_id", sa.UUID(), nullable=False),
        sa.Column("recognised_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("current_month", sa.Integer(), nullable=True),
        sa.Column("current_year", sa.Integer(), nullable=True),
        sa.Column("certificates", sa.Integer(), nullable=False),
        sa.Column("certificate_target", sa.Integer(), nullable=True),
        sa.Column("reached_permille", sa.Integer(), nullable=True),
        sa.Column("projection", sa.Integer(), nullable=True),
        sa.Column("projected_permille", sa.Integer(), nullable=True),
        sa.Column("satisfaction_permille", sa.Integer(), nullable=True),
        sa.Column("certification_permille", sa.Integer(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("qualifying_competitions", sa.Integer(), nullable=False),
        sa.Column("overdue_reports", sa.Integer(), nullable=False),
        sa.Column("open_duplicates", sa.Integer(), nullable=False),
        sa.Column("declared_mismatch_months", sa.Integer(), nullable=False),
        sa.Column("at_risk", sa.Boolean(), nullable=False),
        sa.Column("risks", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "open_duplicates >= 0",
            name=op.f("ck_base_progress_open_duplicates_non_negative"),
        ),
        sa.CheckConstraint(
            "overdue_reports >= 0",
            name=op.f("ck_base_progress_overdue_reports_non_negative"),
        ),
        sa.ForeignKeyConstraint(
            ["base_id"],
            ["bases.id"],
            name=op.f("fk_base_progress_base_id_bases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"], name=op.f("fk_base_progress_call_id_calls")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_base_progress_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("base_id", name=op.f("pk_base_progress")),
    )
    op.create_index(
        "ix_base_progress_at_risk",
        "base_progress",
        ["at_risk"],
        unique=False,
        postgresql_where=sa.text("at_risk"),
    )
    op.create_index("ix_base_progress_base_type", "base_progress", ["base_type"], unique=False)
    op.create_index("ix_base_progress_call_id", "base_progress", ["call_id"], unique=False)
    op.create_index(
        "ix_base_progress_overdue",
        "base_progress",
        ["overdue_reports"],
        unique=False,
        postgresql_where=sa.text("overdue_reports > 0"),
    )
    op.create_index(
        "ix_base_progress_overdue_reports_base_id",
        "base_progress",
        ["overdue_reports", "base_id"],
        unique=False,
    )
    op.create_index(
        "ix_base_progress_projected_permille_base_id",
        "base_progress",
        ["projected_permille", "base_id"],
        unique=False,
    )
    op.create_index(
        "ix_base_progress_reached_permille_base_id",
        "base_progress",
        ["reached_permille", "base_id"],
        unique=False,
    )
    op.create_index(
        "ix_base_progress_recognised_on_base_id",
        "base_progress",
        ["recognised_on", "base_id"],
        unique=False,
    )
    op.create_index("ix_base_progress_status", "base_progress", ["status"], unique=False)
    op.create_index(
        "ix_base_progress_title_trgm",
        "base_progress",
        ["title"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"title": "gin_trgm_ops"},
    )


def downgrade() -> None:
    op.drop_index(
        "ix_base_progress_title_trgm",
        table_name="base_progress",
        postgresql_using="gin",
        postgresql_ops={"title": "gin_trgm_ops"},
    )
    op.drop_index("ix_base_progress_status", table_name="base_progress")
    op.drop_index("ix_base_progress_recognised_on_base_id", table_name="base_progress")
    op.drop_index("ix_base_progress_reached_permille_base_id", table_name="base_progress")
    op.drop_index("ix_base_progress_projected_permille_base_id", table_name="base_progress")
    op.drop_index("ix_base_progress_overdue_reports_base_id", table_name="base_progress")
    op.drop_index(
        "ix_base_progress_overdue",
        table_name="base_progress",
        postgresql_where=sa.text("overdue_reports > 0"),
    )
    op.drop_index("ix_base_progress_call_id", table_name="base_progress")
    op.drop_index("ix_base_progress_base_type", table_name="base_progress")
    op.drop_index(
        "ix_base_progress_at_risk",
        table_name="base_progress",
        postgresql_where=sa.text("at_risk"),
    )
    op.drop_table("base_progress")
    op.drop_table("base_month_figures")
