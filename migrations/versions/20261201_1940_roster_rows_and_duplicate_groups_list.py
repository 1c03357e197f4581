"""roster rows and duplicate groups list indexes: a roster's rows read in sheet order, the duplicates list by status and scope

A report's roster page (GET /reports/{id}/rosters/{kind}/rows) filters by roster and sorts by row number: the
(roster_id) index becomes (roster_id, row_no), which still serves the deletes by roster. The administrators' duplicates
list sorts newest first, filtered by status and/or spans_bases.

Revision ID: 21f5dd3a8814
Revises: 3b8e5d1c9a72
Create Date: 2026-12-01 19:30:13
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "21f5dd3a8814"
down_revision: str | None = "3b8e5d1c9a72"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_certificate_rows_roster_id_row_no", "certificate_rows", ["roster_id", "row_no"])
    op.drop_index("ix_certificate_rows_roster_id", table_name="certificate_rows")
    op.create_index("ix_trainee_rows_roster_id_row_no", "trainee_rows", ["roster_id", "row_no"])
    op.drop_index("ix_trainee_rows_roster_id", table_name="trainee_rows")
    op.create_index("ix_duplicate_groups_created_at_id", "duplicate_groups", [sa.literal_column("created_at DESC"), "id"])
    op.create_index(
        "ix_duplicate_groups_status_spans_bases_created_at",
        "duplicate_groups",
        ["status", "spans_bases", sa.literal_column("created_at DESC")],
    )


def downgrade() -> None:
    op.drop_index("ix_duplicate_groups_status_spans_bases_created_at", table_name="duplicate_groups")
    op.drop_index("ix_duplicate_groups_created_at_id", table_name="duplicate_groups")
    op.create_index("ix_trainee_rows_roster_id", "trainee_rows", ["roster_id"])
    op.drop_index("ix_trainee_rows_roster_id_row_no", table_name="trainee_rows")
    op.create_index("ix_certificate_rows_roster_id", "certificate_rows", ["roster_id"])
    op.drop_index("ix_certificate_rows_roster_id_row_no", table_name="certificate_rows")
