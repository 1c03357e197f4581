"""Every query of the indicators domain. It reads the reports', rosters' and competitions' tables straight from the
models (never through their domains, which call `service.refresh_base`: no import cycle) and writes only its own two
derived tables, base_month_figures and base_progress.

What counts (domain.md §4, §7): rows of ACCEPTED reports, of each report's IMPORTED roster; a certificate row unless it
is in a duplicate group (an open group counts none of its rows, a resolved one only its `counted_row_id`); each figure
in the construction month of its event's date (certificate: issued_on, training: ends_on, competition: ends_on),
computed by `_construction_month` exactly as bases.commitments.construction_month does; an event dated before the
construction period counts nowhere (the import refuses such rows; this keeps month 0 out if one ever got in).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import BaseMonthFigures, BaseProgress, Organization, TrainingBase
from skillbase.models.enums import COMPETITION_LEVEL_RANK, SENIOR_OR_ABOVE, CertificateKind
from skillbase.models.indicators import MONTH_FIGURES
from skillbase.models.report import DECLARED_FIGURES


def _month_start(s: str, m: str) -> str:
    """SQL: the first day of construction month `m` of a period starting on `s` (commitments.month_starts_on): the same
    day m - 1 months later; when that month has no such day (PostgreSQL clamps to its last day), the next day."""
    shifted = f"({s} + make_interval(months => ({m}) - 1))::date"
    return f"(CASE WHEN extract(day FROM {shifted}) < extract(day FROM {s}) THEN {shifted} + 1 ELSE {shifted} END)"


def _construction_month(s: str, d: str) -> str:
    """SQL: the construction month that day `d` falls in (commitments.construction_month)."""
    m0 = f"((extract(year FROM {d}) - extract(year FROM {s}))::int * 12 + (extract(month FROM {d}) - extract(month FROM {s}))::int + 1)"
    return f"({m0} - CASE WHEN {d} < {_month_start(s, m0)} THEN 1 ELSE 0 END)"


_RANK = "CASE {col} " + " ".join(f"WHEN '{level.value}' THEN {rank}" for level, rank in COMPETITION_LEVEL_RANK.items()) + " END"
_SENIOR = ", ".join(f"'{level.value}'" for level in sorted(SENIOR_OR_ABOVE))
_KINDS = ",\n".join(f"count(*) FILTER (WHERE kind = '{k.value}') AS certificates_{k.value}" for k in CertificateKind)

# The counted figures of every month of the bases :ids, keyed (base_id, month_no). Months: 1 up to today's (at most the
# last month of the improvement year), and any month that has a report or a counted event.
_DECLARED_OF_ACCEPTED = ", ".join(f"CASE WHEN r.status = 'accepted' THEN r.{c} END AS {c}" for c in DECLARED_FIGURES)
_FIGURE_SOURCES = {"tm": MONTH_FIGURES[:4], "cm": MONTH_FIGURES[4:10], "com": MONTH_FIGURES[10:]}
_COUNTED = ", ".join(f"coalesce({src}.{c}, 0)" for src, cols in _FIGURE_SOURCES.items() for c in cols)

_MONTHS_CTE = f"""
b AS (
    SELECT id, construction_starts_on AS s, competition_min_level, competition_min_contestants,
           construction_months + improvement_months AS last_month
    FROM bases WHERE id = ANY(:ids)
),
ce AS (
    SELECT c.id, c.base_id, c.id_hash, c.issued_on, c.kind, c.level, {_construction_month("b.s", "c.issued_on")} AS m
    FROM certificate_rows c
    JOIN b ON b.id = c.base_id
    JOIN rosters ro ON ro.id = c.roster_id AND ro.status = 'imported'
    JOIN monthly_reports r ON r.id = c.report_id AND r.status = 'accepted'
    LEFT JOIN duplicate_groups g ON g.id = c.duplicate_group_id
    WHERE c.issued_on >= b.s AND (c.duplicate_group_id IS NULL OR (g.status = 'resolved' AND g.counted_row_id = c.id))
),
last_issued AS (
    SELECT base_id, id_hash, max(issued_on) AS issued_on FROM ce GROUP BY base_id, id_hash
),
tr AS (
    -- certified: a counted certificate of the same person at the base issued on or after the training began, i.e.
    -- their last one was (a hash join; an EXISTS on `ce` here ran once per trainee row, a scan of `ce` each time)
    SELECT t.base_id, t.completed, t.surveyed, t.satisfied, {_construction_month("b.s", "t.ends_on")} AS m,
           t.completed AND coalesce(li.issued_on >= t.starts_on, false) AS certified
    FROM trainee_rows t
    JOIN b ON b.id = t.base_id
    JOIN rosters ro ON ro.id = t.roster_id AND ro.status = 'imported'
    JOIN monthly_reports r ON r.id = t.report_id AND r.status = 'accepted'
    LEFT JOIN last_issued li ON li.base_id = t.base_id AND li.id_hash = t.id_hash
    WHERE t.ends_on >= b.s
),
co AS (
    SELECT c.base_id, {_construction_month("b.s", "c.ends_on")} AS m,
           b.competition_min_level IS NOT NULL AND b.competition_min_contestants IS NOT NULL
           AND {_RANK.format(col="c.level")} >= {_RANK.format(col="b.competition_min_level")}
           AND c.contestants >= b.competition_min_contestants AS qualifying
    FROM competitions c
    JOIN b ON b.id = c.base_id
    JOIN monthly_reports r ON r.id = c.report_id AND r.status = 'accepted'
    WHERE c.ends_on >= b.s
),
tm AS (
    SELECT base_id, m, count(*) FILTER (WHERE completed) AS trainees, count(*) FILTER (WHERE certified) AS certified_trainees,
           count(*) FILTER (WHERE surveyed) AS surveyed, count(*) FILTER (WHERE satisfied) AS satisfied
    FROM tr GROUP BY base_id, m
),
cm AS (
    SELECT base_id, m, count(*) AS certificates,
           {_KINDS},
           count(*) FILTER (WHERE level IN ({_SENIOR})) AS senior_certificates
    FROM ce GROUP BY base_id, m
),
com AS (
    SELECT base_id, m, count(*) AS competitions, count(*) FILTER (WHERE qualifying) AS qualifying_competitions
    FROM co GROUP BY base_id, m
),
rep AS (
    SELECT r.base_id, r.month_no AS m, r.status, {_DECLARED_OF_ACCEPTED}
    FROM monthly_reports r JOIN b ON b.id = r.base_id
),
keys AS (
    SELECT b.id AS base_id, gs.m
    FROM b, generate_series(1, CASE WHEN CAST(:today AS date) < b.s THEN 0
                                    ELSE LEAST({_construction_month("b.s", "CAST(:today AS date)")}, b.last_month) END) AS gs(m)
    UNION SELECT base_id, m FROM tm
    UNION SELECT base_id, m FROM cm
    UNION SELECT base_id, m FROM com
    UNION SELECT base_id, m FROM rep
)
"""  # noqa: S608 - every interpolated name is a constant of this module or the models, never input

_UPSERT_MONTHS = text(f"""
WITH {_MONTHS_CTE}
INSERT INTO base_month_figures (base_id, month_no, report_status, {", ".join(MONTH_FIGURES)}, {", ".join(DECLARED_FIGURES)}, computed_at)
SELECT k.base_id, k.m, rep.status,
       {_COUNTED},
       {", ".join(f"rep.{c}" for c in DECLARED_FIGURES)}, :now
FROM keys k
LEFT JOIN tm ON tm.base_id = k.base_id AND tm.m = k.m
LEFT JOIN cm ON cm.base_id = k.base_id AND cm.m = k.m
LEFT JOIN com ON com.base_id = k.base_id AND com.m = k.m
LEFT JOIN rep ON rep.base_id = k.base_id AND rep.m = k.m
ON CONFLICT (base_id, month_no) DO UPDATE SET
    report_status = excluded.report_status,
    {", ".join(f"{c} = excluded.{c}" for c in (*MONTH_FIGURES, *DECLARED_FIGURES))},
    computed_at = excluded.computed_at
""")  # noqa: S608 - every interpolated name is a constant of this module or the models, never input

_DELETE_STALE_MONTHS = text(f"""
WITH {_MONTHS_CTE}
DELETE FROM base_month_figures f
WHERE f.base_id = ANY(:ids) AND NOT EXISTS (SELECT 1 FROM keys k WHERE k.base_id = f.base_id AND k.m = f.month_no)
""")  # noqa: S608


async def refresh_month_figures(session: AsyncSession, ids: Sequence[uuid.UUID], today: date, now: datetime) -> None:
    """Recompute base_month_figures of the bases `ids`: two statements whatever their number of months or rows."""
    params = {"ids": list(ids), "today": today, "now": now}
    await session.execute(_UPSERT_MONTHS, params)
    await session.execute(_DELETE_STALE_MONTHS, params)


# --- what base_progress needs besides the months -------------------------------------------------------------------


async def bases_for_progress(session: AsyncSession, ids: Sequence[uuid.UUID], today: date) -> list[Any]:
    """The bases `ids` with their targets, the reports overdue today (draft or returned past their due date) and the
    open duplicate groups holding any of their certificate rows. One statement."""
    stmt = text("""
        SELECT id, base_type, status, call_id, organization_id, recognised_on, title, construction_starts_on,
               construction_months, improvement_months, year1_certificate_target, two_year_certificate_target,
               satisfaction_floor_percent, certification_rate_floor_percent, capacity_per_year, competition_min_count,
               competition_min_level, competition_min_contestants,
               (SELECT count(*) FROM monthly_reports r
                 WHERE r.base_id = bases.id AND r.status IN ('draft', 'returned') AND r.due_on < :today) AS overdue_reports,
               (SELECT count(DISTINCT g.id) FROM certificate_rows c JOIN duplicate_groups g ON g.id = c.duplicate_group_id
                 WHERE c.base_id = bases.id AND g.status = 'open') AS open_duplicates
        FROM bases WHERE id = ANY(:ids)
    """)
    return list((await session.execute(stmt, {"ids": list(ids), "today": today})).mappings().all())


_MONTH_COLUMNS = [
    getattr(BaseMonthFigures, c) for c in ("base_id", "month_no", "report_status", *MONTH_FIGURES, *DECLARED_FIGURES, "computed_at")
]


async def month_figures(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[dict[str, Any]]:
    """The stored months of the bases `ids` as plain mappings, in month order (one statement)."""
    stmt = select(*_MONTH_COLUMNS).where(BaseMonthFigures.base_id.in_(ids)).order_by(BaseMonthFigures.base_id, BaseMonthFigures.month_no)
    return [dict(row) for row in (await session.execute(stmt)).mappings().all()]


async def upsert_progress(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Write base_progress rows (one statement)."""
    if not rows:
        return
    stmt = insert(BaseProgress).values(rows)
    stmt = stmt.on_conflict_do_update(index_elements=[BaseProgress.base_id], set_={c: stmt.excluded[c] for c in rows[0] if c != "base_id"})
    await session.execute(stmt)


async def all_base_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list((await session.scalars(select(TrainingBase.id).order_by(TrainingBase.id))).all())


async def any_stale(session: AsyncSession, since: datetime) -> bool:
    """Whether a base has no register row yet, or one computed before `since`."""
    missing = select(TrainingBase.id).outerjoin(BaseProgress, BaseProgress.base_id == TrainingBase.id)
    stmt = select(missing.where(or_(BaseProgress.base_id.is_(None), BaseProgress.computed_at < since)).exists())
    return bool(await session.scalar(stmt))


async def progress_of(session: AsyncSession, base_id: uuid.UUID) -> Any:
    """The register row of one base (its indicator columns), or None before its first refresh."""
    stmt = (
        select(*REGISTER_COLUMNS).join(Organization, Organization.id == BaseProgress.organization_id).where(BaseProgress.base_id == base_id)
    )
    return (await session.execute(stmt)).first()


# --- the register ----------------------------------------------------------------------------------------------------

# The organisation's name as a scalar sub-select rather than a join: PostgreSQL evaluates it after the sort and the
# LIMIT/OFFSET (postponed target list), for the rows of the page only, where a join read every organisation for a deep
# page (benchmarks/plans.py flagged a sequential scan of organizations at offset 1,980).
_ORGANIZATION_NAME = (
    select(Organization.name).where(Organization.id == BaseProgress.organization_id).correlate_except(Organization).scalar_subquery()
)

REGISTER_COLUMNS = (
    BaseProgress.base_id,
    BaseProgress.title,
    BaseProgress.organization_id,
    _ORGANIZATION_NAME.label("organization_name"),
    BaseProgress.base_type,
    BaseProgress.status,
    BaseProgress.call_id,
    BaseProgress.recognised_on,
    BaseProgress.current_month,
    BaseProgress.current_year,
    BaseProgress.certificates,
    BaseProgress.certificate_target,
    BaseProgress.reached_permille,
    BaseProgress.projection,
    BaseProgress.projected_permille,
    BaseProgress.satisfaction_permille,
    BaseProgress.certification_permille,
    BaseProgress.capacity,
    BaseProgress.qualifying_competitions,
    BaseProgress.overdue_reports,
    BaseProgress.open_duplicates,
    BaseProgress.declared_mismatch_months,
    BaseProgress.at_risk,
    BaseProgress.risks,
    BaseProgress.computed_at,
)

SORTS: dict[str, Any] = {
    "reached": BaseProgress.reached_permille,
    "projection": BaseProgress.projected_permille,
    "overdue": BaseProgress.overdue_reports,
    "recognised_on": BaseProgress.recognised_on,
}


def register_conditions(
    *,
    base_type: str | None,
    status: str | None,
    at_risk: bool | None,
    overdue: bool | None,
    call_id: uuid.UUID | None,
    q: str | None,
) -> list[ColumnElement[bool]]:
    """The register's filters, each on an indexed column of base_progress (migration 076f0036f997); `q` searches the
    title (trigram index) and the organisation's name (its trigram index)."""
    conditions: list[ColumnElement[bool]] = []
    if base_type:
        conditions.append(BaseProgress.base_type == base_type)
    if status:
        conditions.append(BaseProgress.status == status)
    if at_risk is not None:
        conditions.append(BaseProgress.at_risk.is_(at_risk))
    if overdue is True:
        conditions.append(BaseProgress.overdue_reports > 0)
    elif overdue is False:
        conditions.append(BaseProgress.overdue_reports == 0)
    if call_id:
        conditions.append(BaseProgress.call_id == call_id)
    if q:
        pattern = f"%{q}%"
        conditions.append(
            or_(
                BaseProgress.title.ilike(pattern),
                BaseProgress.organization_id.in_(select(Organization.id).where(Organization.name.ilike(pattern))),
            )
        )
    return conditions


def register_statement(conditions: list[ColumnElement[bool]], sort: str, descending: bool) -> Select[*tuple[Any, ...]]:
    column = SORTS[sort]
    order = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return select(*REGISTER_COLUMNS).select_from(BaseProgress).where(*conditions).order_by(order, BaseProgress.base_id)


async def register_page(
    session: AsyncSession, stmt: Select[*tuple[Any, ...]], conditions: list[ColumnElement[bool]], limit: int, offset: int
) -> tuple[list[Any], int]:
    total = await session.scalar(select(func.count()).select_from(BaseProgress).where(*conditions))
    rows = (await session.execute(stmt.limit(limit).offset(offset))).all()
    return list(rows), int(total or 0)


async def register_stream(session: AsyncSession, stmt: Select[*tuple[Any, ...]], cap: int) -> Any:
    """The register's rows for the export, streamed from a server-side cursor (at most `cap`)."""
    return await session.stream(stmt.limit(cap))
