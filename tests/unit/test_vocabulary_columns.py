"""Every vocabulary column (a CHECK `col IN (...)` built from an enum) is mapped as that enum, not as a bare string."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import CheckConstraint, String

from skillbase.models import Base
from skillbase.models.base import StrEnumColumn

IN_LIST = re.compile(r"^(\w+) IN \((.+)\)$")
# Two-valued outcomes written as literal CHECKs, with no vocabulary in models/enums.py (yet).
LITERAL_CHECKS = {("formal_checks", "decision"), ("decisions", "decision")}


def _vocabulary_checks() -> list[tuple[str, str, set[str]]]:
    found = []
    for table in Base.metadata.sorted_tables:
        for constraint in table.constraints:
            m = IN_LIST.match(str(constraint.sqltext)) if isinstance(constraint, CheckConstraint) else None
            if m and (table.name, m.group(1)) not in LITERAL_CHECKS:
                values = {v.strip().strip("'") for v in m.group(2).split(",")}
                found.append((table.name, m.group(1), values))
    return found


def test_the_models_have_vocabulary_checks() -> None:
    assert {(t, c) for t, c, _ in _vocabulary_checks()} >= {("applications", "status"), ("users", "role"), ("panel_members", "declaration")}


@pytest.mark.parametrize(("table", "column", "values"), _vocabulary_checks(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_checked_column_is_mapped_as_its_enum(table: str, column: str, values: set[str]) -> None:
    col_type = Base.metadata.tables[table].c[column].type
    assert isinstance(col_type, StrEnumColumn), f"{table}.{column} is mapped as {col_type!r}, not as its enum"
    assert {m.value for m in col_type.enum} == values
    assert isinstance(col_type.impl_instance, String)  # the schema stays VARCHAR(n): alembic check in test_migrations holds the length
