"""report queue indexes: the administrators' report queue sorted by due date or submission, filtered by construction
month and by base type

Revision ID: 3c0f2a7d5e91
Revises: 076f0036f997
Create Date: 2026-12-01 18:49:35
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "3c0f2a7d5e91"
down_revision: str | None = "076f0036f997"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_bases_base_type"), "bases", ["base_type"], unique=False)
    op.create_index("ix_monthly_reports_due_on_id", "monthly_reports", ["due_on", "id"], unique=False)
    op.create_index("ix_monthly_reports_month_no", "monthly_reports", ["month_no"], unique=False)
    op.create_index("ix_monthly_reports_submitted_at_id", "monthly_reports", ["submitted_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_monthly_reports_submitted_at_id", table_name="monthly_reports")
    op.drop_index("ix_monthly_reports_month_no", table_name="monthly_reports")
    op.drop_index("ix_monthly_reports_due_on_id", table_name="monthly_reports")
    op.drop_index(op.f("ix_bases_base_type"), table_name="bases")
