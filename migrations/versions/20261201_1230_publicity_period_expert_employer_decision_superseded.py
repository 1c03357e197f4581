"""publicity period after publication and its days, expert employer link, superseded decisions

Revision ID: 7b4e2d91c5a3
Revises: 6d6e5ea73e60
Create Date: 2026-12-01 12:30:00+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7b4e2d91c5a3"
down_revision: str | None = "6d6e5ea73e60"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("experts", sa.Column("organization_id", sa.UUID(), nullable=True))
    op.create_index(op.f("ix_experts_organization_id"), "experts", ["organization_id"], unique=False)
    op.create_foreign_key(op.f("fk_experts_organization_id_organizations"), "experts", "organizations", ["organization_id"], ["id"])
    # Codes entered before this revision were never validated: keep only those of the right length.
    op.execute("UPDATE experts SET organization_credit_code = NULL WHERE char_length(organization_credit_code) <> 18")
    op.create_check_constraint(
        op.f("ck_experts_credit_code_length"), "experts", "organization_credit_code IS NULL OR char_length(organization_credit_code) = 18"
    )

    op.add_column("decisions", sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("decisions", sa.Column("superseded_reason", sa.Text(), nullable=True))
    op.add_column("decisions", sa.Column("superseded_by_objection_id", sa.UUID(), nullable=True))
    op.create_foreign_key(
        op.f("fk_decisions_superseded_by_objection_id_objections"), "decisions", "objections", ["superseded_by_objection_id"], ["id"]
    )
    op.create_check_constraint(
        op.f("ck_decisions_superseded_complete"),
        "decisions",
        "(superseded_at IS NULL AND superseded_reason IS NULL AND superseded_by_objection_id IS NULL)"
        " OR (superseded_at IS NOT NULL AND superseded_reason IS NOT NULL AND decision = 'approved')",
    )
    # Approvals already overturned by an upheld objection tell the truth from now on.
    op.execute(
        """
        UPDATE decisions d
           SET superseded_at = o.decided_at,
               superseded_reason = '公示异议成立：' || o.decision_reason,
               superseded_by_objection_id = o.id
          FROM objections o
         WHERE o.application_id = d.application_id AND o.status = 'upheld' AND d.decision = 'approved'
        """
    )

    op.add_column("publicity_notices", sa.Column("publicity_days", sa.Integer(), nullable=True))
    op.create_check_constraint(
        op.f("ck_publicity_notices_lasts_its_days"),
        "publicity_notices",
        "publicity_days IS NULL OR (publicity_days >= 1 AND ends_on - starts_on + 1 >= publicity_days)",
    )
    # NOT VALID: notices published before this revision keep their dates (recognition re-checks them);
    # every new or changed row must satisfy the rule.
    op.execute(
        "ALTER TABLE publicity_notices ADD CONSTRAINT ck_publicity_notices_starts_after_publication "
        "CHECK (published_at IS NULL OR starts_on >= (published_at AT TIME ZONE 'Asia/Shanghai')::date) NOT VALID"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_publicity_notices_starts_after_publication"), "publicity_notices", type_="check")
    op.drop_constraint(op.f("ck_publicity_notices_lasts_its_days"), "publicity_notices", type_="check")
    op.drop_column("publicity_notices", "publicity_days")
    op.drop_constraint(op.f("ck_decisions_superseded_complete"), "decisions", type_="check")
    op.drop_constraint(op.f("fk_decisions_superseded_by_objection_id_objections"), "decisions", type_="foreignkey")
    op.drop_column("decisions", "superseded_by_objection_id")
    op.drop_column("decisions", "superseded_reason")
    op.drop_column("decisions", "superseded_at")
    op.drop_constraint(op.f("ck_experts_credit_code_length"), "experts", type_="check")
    op.drop_constraint(op.f("fk_experts_organization_id_organizations"), "experts", type_="foreignkey")
    op.drop_index(op.f("ix_experts_organization_id"), table_name="experts")
    op.drop_column("experts", "organization_id")
