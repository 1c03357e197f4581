"""Every query of the reports domain. `scope` is the one place that decides whose reports a caller sees."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, false, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.core.auth import Principal
from skillbase.core.permissions import Permission
from skillbase.models import Competition, MonthlyReport, MonthlyReportVersion, Organization, ReportAttachment, Roster, TrainingBase
from skillbase.models.enums import ReportStatus, RosterStatus, ScanStatus
from skillbase.reports.rules import Period
from skillbase.reports.workflow import EDITABLE, OPEN

R = MonthlyReport


def scope(principal: Principal) -> ColumnElement[bool] | None:
    """Which reports the caller sees, as a condition on monthly_reports (None: all of them): `report:read_all` every
    report; a caller acting for an organisation its own bases' reports; anyone else none."""
    if principal.can(Permission.report_read_all):
        return None
    if principal.organization_id is not None:
        return R.base_id.in_(select(TrainingBase.id).where(TrainingBase.organization_id == principal.organization_id))
    return false()


def overdue(today: date) -> ColumnElement[bool]:
    """Open (draft or returned) and past the due date: the partial index ix_monthly_reports_open_due_on serves it."""
    return and_(R.status.in_([s.value for s in OPEN]), R.due_on < today)


def _summary_columns(today: date) -> tuple[Any, ...]:
    return (
        R.id,
        R.base_id,
        R.month_no,
        R.period_starts_on,
        R.period_ends_on,
        R.due_on,
        R.status,
        overdue(today).label("overdue"),
        R.submitted_versions,
        R.submitted_at,
    )


def _queue_columns(today: date) -> tuple[Any, ...]:
    return (
        *_summary_columns(today),
        TrainingBase.title.label("base_title"),
        TrainingBase.base_type,
        TrainingBase.organization_id,
        Organization.name.label("organization_name"),
    )


_DETAIL_EXTRA = (
    R.version,
    R.progress,
    R.problems,
    R.next_plan,
    R.declared_trainees,
    R.declared_certified_trainees,
    R.declared_certificates,
    R.declared_senior_certificates,
    R.declared_surveyed,
    R.declared_satisfied,
    R.declared_competitions,
    R.reviewed_at,
    R.return_reasons,
)


# --- creating the months ---------------------------------------------------------------------------------------


async def insert_periods(session: AsyncSession, rows: Sequence[tuple[uuid.UUID, Period]]) -> int:
    """The reports of these (base, month) pairs, in one INSERT … ON CONFLICT DO NOTHING: those that exist stay as
    they are. Returns how many were created."""
    if not rows:
        return 0
    values = [
        {
            "id": uuid.uuid4(),
            "base_id": base_id,
            "month_no": p.month_no,
            "period_starts_on": p.starts_on,
            "period_ends_on": p.ends_on,
            "due_on": p.due_on,
            "status": ReportStatus.draft.value,
            "version": 1,
            "submitted_versions": 0,
            "progress": "",
            "problems": "",
            "next_plan": "",
            "return_reasons": {},
        }
        for base_id, p in rows
    ]
    stmt = insert(MonthlyReport).values(values).on_conflict_do_nothing(constraint="uq_monthly_reports_base_month").returning(R.id)
    return len((await session.execute(stmt)).all())


async def bases_missing_reports(session: AsyncSession, today: date) -> list[Row[*tuple[Any, ...]]]:
    """Bases under construction since before `today` with fewer reports than months in their period: what the worker
    may have to create (the rules decide how many months have started)."""
    counts = select(R.base_id, func.count().label("n")).group_by(R.base_id).subquery()
    stmt = (
        select(
            TrainingBase.id,
            TrainingBase.construction_starts_on,
            TrainingBase.construction_months,
            TrainingBase.report_due_day,
            func.coalesce(counts.c.n, 0).label("reports"),
        )
        .outerjoin(counts, counts.c.base_id == TrainingBase.id)
        .where(TrainingBase.construction_starts_on <= today, func.coalesce(counts.c.n, 0) < TrainingBase.construction_months)
    )
    return list((await session.execute(stmt)).all())


# --- lists ------------------------------------------------------------------------------------------------------


def base_reports_statement(base_id: uuid.UUID, today: date) -> Select[*tuple[Any, ...]]:
    return select(*_summary_columns(today)).where(R.base_id == base_id).order_by(R.month_no)


QUEUE_SORTS = {
    "due_on": (R.due_on, R.id),
    "-due_on": (R.due_on.desc(), R.id),
    "submitted_at": (R.submitted_at.asc().nulls_last(), R.id),
    "-submitted_at": (R.submitted_at.desc().nulls_last(), R.id),
}


def queue_conditions(
    principal: Principal,
    today: date,
    *,
    status: ReportStatus | None,
    is_overdue: bool | None,
    base_type: str | None,
    month_no: int | None,
    base_id: uuid.UUID | None,
) -> list[ColumnElement[bool]]:
    """The scope and filters on monthly_reports alone (the base type through an index on bases.base_type), shared
    by the page and its count."""
    conditions: list[ColumnElement[bool]] = []
    condition = scope(principal)
    if condition is not None:
        conditions.append(condition)
    if status is not None:
        conditions.append(R.status == status.value)
    if is_overdue is True:
        conditions.append(overdue(today))
    elif is_overdue is False:
        conditions.append(~overdue(today))
    if base_type is not None:
        conditions.append(R.base_id.in_(select(TrainingBase.id).where(TrainingBase.base_type == base_type)))
    if month_no is not None:
        conditions.append(R.month_no == month_no)
    if base_id is not None:
        conditions.append(R.base_id == base_id)
    return conditions


def queue_statement(conditions: list[ColumnElement[bool]], today: date, sort: str, limit: int, offset: int) -> Select[*tuple[Any, ...]]:
    """A deferred join: the page's ids on monthly_reports alone, then only those joined to their base and organisation."""
    order = QUEUE_SORTS[sort]
    ids = select(R.id).where(*conditions).order_by(*order).limit(limit).offset(offset).subquery("page")
    return (
        select(*_queue_columns(today))
        .select_from(ids)
        .join(R, R.id == ids.c.id)
        .join(TrainingBase, TrainingBase.id == R.base_id)
        .join(Organization, Organization.id == TrainingBase.organization_id)
        .order_by(*order)
    )


def count_statement(conditions: list[ColumnElement[bool]]) -> Select[*tuple[Any, ...]]:
    return select(func.count()).select_from(R).where(*conditions)


# --- one report --------------------------------------------------------------------------------------------------


async def get_readable(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, *, for_update: bool = False
) -> MonthlyReport | None:
    stmt = select(R).where(R.id == report_id)
    condition = scope(principal)
    if condition is not None:
        stmt = stmt.where(condition)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def detail(session: AsyncSession, report_id: uuid.UUID, today: date) -> Row[*tuple[Any, ...]] | None:
    stmt: Select[*tuple[Any, ...]] = (
        select(*_queue_columns(today), *_DETAIL_EXTRA)
        .select_from(R)
        .join(TrainingBase, TrainingBase.id == R.base_id)
        .join(Organization, Organization.id == TrainingBase.organization_id)
        .where(R.id == report_id)
    )
    return (await session.execute(stmt)).first()


async def save_draft_if_current(
    session: AsyncSession, organization_id: uuid.UUID, report_id: uuid.UUID, values: dict[str, Any], expected_version: int
) -> uuid.UUID | None:
    """The draft save in one statement: it moves on only if the report is of the caller's organisation's base, still
    editable and at the expected version (the row lock of the UPDATE serialises concurrent saves)."""
    stmt = (
        update(R)
        .where(
            R.id == report_id,
            R.base_id == TrainingBase.id,
            TrainingBase.organization_id == organization_id,
            R.status.in_([s.value for s in EDITABLE]),
            R.version == expected_version,
        )
        .values(**values, version=R.version + 1)
        .returning(R.id)
        .execution_options(synchronize_session=False)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def base_of(session: AsyncSession, base_id: uuid.UUID) -> TrainingBase | None:
    return await session.get(TrainingBase, base_id)


# --- competitions -----------------------------------------------------------------------------------------------


async def competitions_of_report(session: AsyncSession, report_id: uuid.UUID) -> list[Competition]:
    stmt = select(Competition).where(Competition.report_id == report_id).order_by(Competition.ends_on, Competition.created_at)
    return list((await session.scalars(stmt)).all())


async def competition(session: AsyncSession, report_id: uuid.UUID, competition_id: uuid.UUID) -> Competition | None:
    stmt = select(Competition).where(Competition.id == competition_id, Competition.report_id == report_id)
    return (await session.scalars(stmt)).first()


def base_competitions_statement(base_id: uuid.UUID) -> Select[*tuple[Any, ...]]:
    return select(Competition).where(Competition.base_id == base_id).order_by(Competition.ends_on.desc(), Competition.id)


async def delete_competition(session: AsyncSession, item: Competition) -> None:
    await session.delete(item)
    await session.flush()


# --- attachments and rosters ------------------------------------------------------------------------------------


async def attachments(session: AsyncSession, report_id: uuid.UUID) -> list[ReportAttachment]:
    stmt = (
        select(ReportAttachment)
        .where(
            ReportAttachment.report_id == report_id,
            ReportAttachment.deleted_at.is_(None),
            ReportAttachment.scan_status == ScanStatus.clean,
        )
        .order_by(ReportAttachment.uploaded_at, ReportAttachment.id)
    )
    return list((await session.scalars(stmt)).all())


async def attachment(session: AsyncSession, report_id: uuid.UUID, attachment_id: uuid.UUID) -> ReportAttachment | None:
    """Any clean file ever uploaded to the report (submitted versions keep pointing at removed ones)."""
    stmt = select(ReportAttachment).where(
        ReportAttachment.id == attachment_id, ReportAttachment.report_id == report_id, ReportAttachment.scan_status == ScanStatus.clean
    )
    return (await session.scalars(stmt)).first()


async def rosters_busy(session: AsyncSession, report_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(
        Roster.report_id == report_id, Roster.status.in_([RosterStatus.queued.value, RosterStatus.importing.value])
    )
    return int(await session.scalar(stmt) or 0)


async def imported_rosters(session: AsyncSession, report_id: uuid.UUID) -> list[Row[*tuple[Any, ...]]]:
    stmt: Select[*tuple[Any, ...]] = (
        select(Roster.id, Roster.kind, Roster.original_name, Roster.sha256, Roster.rows_total)
        .where(Roster.report_id == report_id, Roster.status == RosterStatus.imported.value)
        .order_by(Roster.kind)
    )
    return list((await session.execute(stmt)).all())


# --- versions ---------------------------------------------------------------------------------------------------

V = MonthlyReportVersion


def versions_statement(report_id: uuid.UUID) -> Select[*tuple[Any, ...]]:
    stmt: Select[*tuple[Any, ...]] = (
        select(V.id, V.version_no, V.submitted_at, V.submitted_by_id, V.outcome, V.outcome_at)
        .where(V.report_id == report_id)
        .order_by(V.version_no)
    )
    return stmt


async def version(session: AsyncSession, report_id: uuid.UUID, version_no: int, *, for_update: bool = False) -> MonthlyReportVersion | None:
    stmt = select(V).where(V.report_id == report_id, V.version_no == version_no)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


# --- reminders (the worker) -------------------------------------------------------------------------------------


async def reports_to_remind(session: AsyncSession, today: date, due_soon_days: int) -> list[Row[*tuple[Any, ...]]]:
    """Open reports that are overdue and not yet reminded as such, or due within `due_soon_days` and not yet reminded
    of it; locked (SKIP LOCKED) so two workers never remind twice."""
    soon = and_(R.due_on >= today, R.due_on <= date.fromordinal(today.toordinal() + due_soon_days), R.reminded_due_at.is_(None))
    late = and_(R.due_on < today, R.reminded_overdue_at.is_(None))
    stmt: Select[*tuple[Any, ...]] = (
        select(R, TrainingBase.organization_id, TrainingBase.title)
        .join(TrainingBase, TrainingBase.id == R.base_id)
        .where(R.status.in_([s.value for s in OPEN]), soon | late)
        .order_by(R.due_on, R.id)
        .with_for_update(of=R, skip_locked=True)
    )
    return list((await session.execute(stmt)).all())
