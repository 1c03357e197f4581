"""bases: commitments frozen from the call at recognition (typed columns), backfilled from the calls' policies

Revision ID: 5f2a9c4e7b13
Revises: 839e9747ba09
Create Date: 2026-12-01 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "5f2a9c4e7b13"
down_revision: str | None = "839e9747ba09"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Copied from the call's policy for the base's type: column -> SQL type.
POLICY_COLUMNS: dict[str, str] = {
    "subsidy_fen": "bigint",
    "first_tranche_percent": "integer",
    "construction_months": "integer",
    "improvement_months": "integer",
    "year1_certificate_target": "integer",
    "two_year_certificate_target": "integer",
    "satisfaction_floor_percent": "integer",
    "certification_rate_floor_percent": "integer",
    "capacity_per_year": "integer",
    "brand_award_fen": "bigint",
    "brand_volume_multiplier": "integer",
    "high_skill_award_per_step_fen": "bigint",
    "high_skill_step": "integer",
    "high_skill_award_cap_fen": "bigint",
    "competition_min_count": "integer",
    "competition_min_level": "varchar",
    "competition_min_contestants": "integer",
}

# The policy defaults of this revision (calls/rules.py DEFAULT_POLICIES), written out: used where a stored policy lacks
# the key. A key present with a null value stays null.
_TRAINING: dict[str, Any] = {
    "first_tranche_percent": 40,
    "construction_months": 24,
    "improvement_months": 12,
    "satisfaction_floor_percent": 95,
    "certification_rate_floor_percent": 90,
    "brand_award_fen": 5_000_000,
    "brand_volume_multiplier": 2,
    "high_skill_award_per_step_fen": 5_000_000,
    "high_skill_step": 100,
    "high_skill_award_cap_fen": 50_000_000,
    "competition_min_count": None,
    "competition_min_level": None,
    "competition_min_contestants": None,
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "skills_upgrading": {
        **_TRAINING,
        "subsidy_fen": 100_000_000,
        "year1_certificate_target": 600,
        "two_year_certificate_target": 1800,
        "capacity_per_year": 900,
    },
    "industry_chain": {
        **_TRAINING,
        "subsidy_fen": 50_000_000,
        "year1_certificate_target": 300,
        "two_year_certificate_target": 900,
        "capacity_per_year": 450,
    },
    "competition": {
        "subsidy_fen": 10_000_000,
        "first_tranche_percent": 100,
        "construction_months": 24,
        "improvement_months": 12,
        "year1_certificate_target": None,
        "two_year_certificate_target": None,
        "satisfaction_floor_percent": None,
        "certification_rate_floor_percent": None,
        "capacity_per_year": None,
        "brand_award_fen": None,
        "brand_volume_multiplier": None,
        "high_skill_award_per_step_fen": None,
        "high_skill_step": None,
        "high_skill_award_cap_fen": None,
        "competition_min_count": 1,
        "competition_min_level": "district",
        "competition_min_contestants": 300,
    },
}

NOT_NULL = (
    "call_id",
    "subsidy_fen",
    "first_tranche_percent",
    "first_tranche_fen",
    "final_tranche_fen",
    "construction_starts_on",
    "construction_ends_on",
    "construction_months",
    "improvement_months",
    "report_due_day",
)
NON_NEGATIVE = (
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
CHECKS: dict[str, str] = {
    **{f"{c}_non_negative": f"{c} >= 0" for c in NON_NEGATIVE},
    "first_tranche_percent": "first_tranche_percent BETWEEN 1 AND 100",
    "tranches_sum_to_subsidy": "first_tranche_fen + final_tranche_fen = subsidy_fen",
    "construction_months_positive": "construction_months > 0",
    "improvement_months_non_negative": "improvement_months >= 0",
    "construction_dates_in_order": "construction_starts_on < construction_ends_on",
    "report_due_day": "report_due_day BETWEEN 1 AND 28",
    "satisfaction_floor_percent": "satisfaction_floor_percent BETWEEN 0 AND 100",
    "certification_rate_floor_percent": "certification_rate_floor_percent BETWEEN 0 AND 100",
    "brand_volume_multiplier_positive": "brand_volume_multiplier >= 1",
    "high_skill_step_positive": "high_skill_step >= 1",
    "competition_min_level": "competition_min_level IN ('district', 'city', 'national')",
}

# The first day of month `construction_months + 1` (the same day that many months later, or the first of the next
# month when that month has no such day), less one day: bases.commitments.construction_ends_on in SQL.
_LATER = "(construction_starts_on + make_interval(months => construction_months))"
CONSTRUCTION_ENDS_ON = (
    f"(CASE WHEN extract(day FROM {_LATER}) = extract(day FROM construction_starts_on) THEN {_LATER}::date "
    f"ELSE (date_trunc('month', {_LATER}) + interval '1 month')::date END) - 1"
)


def _sql_type(name: str) -> sa.types.TypeEngine[Any]:
    return {"bigint": sa.BigInteger(), "integer": sa.Integer(), "varchar": sa.String(length=20)}[name]


def upgrade() -> None:
    op.add_column("bases", sa.Column("call_id", sa.UUID(), nullable=True))
    for column in ("subsidy_fen", "first_tranche_percent"):
        op.add_column("bases", sa.Column(column, _sql_type(POLICY_COLUMNS[column]), nullable=True))
    op.add_column("bases", sa.Column("first_tranche_fen", sa.BigInteger(), nullable=True))
    op.add_column("bases", sa.Column("final_tranche_fen", sa.BigInteger(), nullable=True))
    op.add_column("bases", sa.Column("construction_starts_on", sa.Date(), nullable=True))
    op.add_column("bases", sa.Column("construction_ends_on", sa.Date(), nullable=True))
    op.add_column("bases", sa.Column("report_due_day", sa.Integer(), nullable=True))
    for column, sql_type in POLICY_COLUMNS.items():
        if column not in ("subsidy_fen", "first_tranche_percent"):
            op.add_column("bases", sa.Column(column, _sql_type(sql_type), nullable=True))

    # Backfill from each base's call (through its application): the policy of its base type, key by key. The SQL is built
    # from this file's constants only (column names and types); the values are bound.
    for base_type, defaults in DEFAULTS.items():
        sets = ", ".join(
            f"{c} = CASE WHEN c.policies -> b.base_type -> '{c}' IS NULL THEN CAST(:{c} AS {t}) "
            f"ELSE (c.policies -> b.base_type ->> '{c}')::{t} END"
            for c, t in POLICY_COLUMNS.items()
        )
        op.execute(
            sa.text(
                f"UPDATE bases b SET call_id = a.call_id, report_due_day = c.report_due_day, {sets} "  # noqa: S608
                "FROM applications a JOIN calls c ON c.id = a.call_id "
                "WHERE a.id = b.application_id AND b.base_type = :base_type"
            ).bindparams(base_type=base_type, **defaults)
        )
    op.execute(
        "UPDATE bases SET first_tranche_fen = subsidy_fen * first_tranche_percent / 100, "
        "final_tranche_fen = subsidy_fen - subsidy_fen * first_tranche_percent / 100, "
        "construction_starts_on = recognised_on"
    )
    op.execute(f"UPDATE bases SET construction_ends_on = {CONSTRUCTION_ENDS_ON}")  # noqa: S608

    for column in NOT_NULL:
        op.alter_column("bases", column, nullable=False)
    op.create_index(op.f("ix_bases_call_id"), "bases", ["call_id"], unique=False)
    op.create_foreign_key(op.f("fk_bases_call_id_calls"), "bases", "calls", ["call_id"], ["id"])
    for name, condition in CHECKS.items():
        op.create_check_constraint(op.f(f"ck_bases_{name}"), "bases", condition)


def downgrade() -> None:
    for name in reversed(CHECKS):
        op.drop_constraint(op.f(f"ck_bases_{name}"), "bases", type_="check")
    op.drop_constraint(op.f("fk_bases_call_id_calls"), "bases", type_="foreignkey")
    op.drop_index(op.f("ix_bases_call_id"), table_name="bases")
    for column in reversed(POLICY_COLUMNS):
        op.drop_column("bases", column)
    for column in ("report_due_day", "construction_ends_on", "construction_starts_on", "final_tranche_fen", "first_tranche_fen", "call_id"):
        op.drop_column("bases", column)
