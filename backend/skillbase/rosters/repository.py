"""Every query of the rosters domain: reports' rosters, their rows (COPY), duplicate groups.

Scope: a report, roster or row is visible to a caller holding `base:read_all`, or acting for the organisation that owns
the report's base (`visible`); anything else is not found. The reports domain is not imported: a report's access is
checked here straight on the models (monthly_reports joined to bases)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, case, delete, false, func, literal, or_, select, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.core.auth import Principal
from skillbase.core.pagination import PageParams
from skillbase.core.permissions import Permission
from skillbase.models import CertificateRow, DuplicateGroup, MonthlyReport, Roster, TraineeRow, TrainingBase
from skillbase.models.enums import DuplicateStatus, RosterKind, RosterStatus

ROW_MODELS: dict[RosterKind, type[TraineeRow] | type[CertificateRow]] = {
    RosterKind.trainees: TraineeRow,
    RosterKind.certificates: CertificateRow,
}
_COMMON_COPY = ("roster_id", "report_id", "base_id", "month_no", "row_no", "name", "id_sealed", "id_hash", "id_masked", "occupation")
COPY_COLUMNS: dict[RosterKind, tuple[str, ...]] = {
    RosterKind.trainees: (*_COMMON_COPY, "course", "starts_on", "ends_on", "completed", "surveyed", "satisfied"),
    RosterKind.certificates: (*_COMMON_COPY, "kind", "level", "certificate_no", "issued_on", "issuing_body", "dup_key"),
}


def visible(principal: Principal) -> ColumnElement[bool]:
    if principal.can(Permission.base_read_all):
        return true()
    if principal.organization_id is not None:
        return TrainingBase.organization_id == principal.organization_id
    return false()


# --- reports and rosters -------------------------------------------------------------------------------------


async def report(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, *, for_update: bool = False
) -> tuple[MonthlyReport, uuid.UUID] | None:
    """The report and its base's organisation, if the caller may see it."""
    stmt = (
        select(MonthlyReport, TrainingBase.organization_id)
        .join(TrainingBase, TrainingBase.id == MonthlyReport.base_id)
        .where(MonthlyReport.id == report_id, visible(principal))
    )
    if for_update:
        stmt = stmt.with_for_update(of=MonthlyReport)
    row = (await session.execute(stmt)).first()
    return None if row is None else (row[0], row[1])


async def report_for_import(session: AsyncSession, report_id: uuid.UUID) -> MonthlyReport:
    """The report, locked: imports of one report's rosters finish one after the other."""
    return (await session.scalars(select(MonthlyReport).where(MonthlyReport.id == report_id).with_for_update())).one()


async def report_period(session: AsyncSession, report_id: uuid.UUID) -> Any:
    stmt = select(MonthlyReport.period_starts_on, MonthlyReport.period_ends_on, MonthlyReport.month_no).where(MonthlyReport.id == report_id)
    return (await session.execute(stmt)).one()


async def roster(session: AsyncSession, principal: Principal, roster_id: uuid.UUID) -> Roster | None:
    stmt = select(Roster).join(TrainingBase, TrainingBase.id == Roster.base_id).where(Roster.id == roster_id, visible(principal))
    return (await session.scalars(stmt)).first()


async def latest_rosters(session: AsyncSession, report_id: uuid.UUID, kind: RosterKind) -> tuple[Roster | None, Roster | None]:
    """(the imported roster, the latest upload) of a report's kind, in one statement."""
    newest = select(Roster.id).where(Roster.report_id == report_id, Roster.kind == kind).order_by(Roster.created_at.desc()).limit(1)
    stmt = select(Roster).where(
        Roster.report_id == report_id,
        Roster.kind == kind,
        or_(Roster.status == RosterStatus.imported, Roster.id == newest.scalar_subquery()),
    )
    found = list((await session.scalars(stmt.order_by(Roster.created_at))).all())
    imported = next((r for r in found if r.status is RosterStatus.imported), None)
    return imported, (found[-1] if found else None)


async def claim(session: AsyncSession, roster_id: uuid.UUID | None) -> Roster | None:
    """A queued roster (this one, or the oldest), locked so that no other importer takes it: SKIP LOCKED makes a
    second importer see nothing rather than wait and import it again."""
    stmt = select(Roster).where(Roster.status == RosterStatus.queued)
    stmt = stmt.where(Roster.id == roster_id) if roster_id is not None else stmt.order_by(Roster.created_at)
    return (await session.scalars(stmt.limit(1).with_for_update(skip_locked=True))).first()


async def set_progress(session: AsyncSession, roster_id: uuid.UUID, processed: int, total: int) -> None:
    await session.execute(
        update(Roster).where(Roster.id == roster_id).values(rows_processed=processed, rows_total=func.greatest(total, processed))
    )


async def finish(session: AsyncSession, roster_id: uuid.UUID, **values: Any) -> None:
    await session.execute(update(Roster).where(Roster.id == roster_id).values(**values))


async def imported_roster(session: AsyncSession, report_id: uuid.UUID, kind: RosterKind, *, exclude: uuid.UUID) -> Roster | None:
    stmt = select(Roster).where(
        Roster.report_id == report_id, Roster.kind == kind, Roster.status == RosterStatus.imported, Roster.id != exclude
    )
    return (await session.scalars(stmt.with_for_update())).first()


# --- rows ----------------------------------------------------------------------------------------------------


async def copy_rows(session: AsyncSession, kind: RosterKind, records: Sequence[tuple[Any, ...]]) -> None:
    """Insert a batch with COPY (asyncpg's copy_records_to_table): one round trip, no statement per row."""
    if not records:
        return
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None
    await driver.copy_records_to_table(ROW_MODELS[kind].__tablename__, records=records, columns=COPY_COLUMNS[kind])


async def delete_rows(session: AsyncSession, kind: RosterKind, roster_id: uuid.UUID) -> set[uuid.UUID]:
    """Delete a roster's rows; for certificates, the duplicate groups they were in."""
    model = ROW_MODELS[kind]
    if kind is RosterKind.certificates:
        stmt = delete(CertificateRow).where(CertificateRow.roster_id == roster_id).returning(CertificateRow.duplicate_group_id)
        return {g for g in (await session.scalars(stmt)).all() if g is not None}
    await session.execute(delete(model).where(model.roster_id == roster_id))
    return set()


async def join_duplicates(session: AsyncSession, roster_id: uuid.UUID) -> list[uuid.UUID]:
    """After an import: every certificate of the roster whose `dup_key` another imported row shares joins that key's
    group (created, or reopened if resolved), and so do the other rows. Returns the groups touched."""
    mine, other = CertificateRow.__table__.alias("mine"), CertificateRow.__table__.alias("other")
    keys = (
        select(mine.c.dup_key)
        .join(other, and_(other.c.dup_key == mine.c.dup_key, other.c.roster_id != mine.c.roster_id))
        .where(mine.c.roster_id == roster_id)
        .distinct()
        .subquery()
    )
    upsert = insert(DuplicateGroup).from_select(
        ["id", "dup_key", "status", "spans_bases"],
        select(func.gen_random_uuid(), keys.c.dup_key, literal(DuplicateStatus.open.value), false()).select_from(keys),
    )
    returning = upsert.on_conflict_do_update(
        index_elements=[DuplicateGroup.dup_key],
        set_={"status": DuplicateStatus.open.value, "counted_row_id": None, "reason": None, "resolved_at": None, "resolved_by_id": None},
    ).returning(DuplicateGroup.id, DuplicateGroup.dup_key)
    groups = (await session.execute(returning)).all()
    if not groups:
        return []
    ids = [gid for gid, _ in groups]
    await session.execute(
        update(CertificateRow)
        .where(CertificateRow.dup_key == DuplicateGroup.dup_key, DuplicateGroup.id.in_(ids))
        .values(duplicate_group_id=DuplicateGroup.id)
    )
    await refresh_spans(session, ids)
    return ids


async def refresh_spans(session: AsyncSession, group_ids: Sequence[uuid.UUID]) -> None:
    bases = (
        select(func.count(func.distinct(CertificateRow.base_id)))
        .where(CertificateRow.duplicate_group_id == DuplicateGroup.id)
        .scalar_subquery()
    )
    await session.execute(update(DuplicateGroup).where(DuplicateGroup.id.in_(group_ids)).values(spans_bases=bases > 1))


async def dissolve_small_groups(session: AsyncSession, group_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """Groups among `group_ids` left with fewer than two rows are dissolved (their last row counts again); a resolved
    group whose counted row went is reopened. Returns the dissolved groups."""
    if not group_ids:
        return []
    counts = (
        select(CertificateRow.duplicate_group_id, func.count().label("n"))
        .where(CertificateRow.duplicate_group_id.in_(group_ids))
        .group_by(CertificateRow.duplicate_group_id)
    )
    alive = {gid for gid, n in (await session.execute(counts)).all() if n >= 2}
    gone = [g for g in group_ids if g not in alive]
    if gone:
        await session.execute(update(CertificateRow).where(CertificateRow.duplicate_group_id.in_(gone)).values(duplicate_group_id=None))
        await session.execute(delete(DuplicateGroup).where(DuplicateGroup.id.in_(gone)))
    if alive:
        counted_gone = ~select(CertificateRow.id).where(CertificateRow.id == DuplicateGroup.counted_row_id).exists()
        await session.execute(
            update(DuplicateGroup)
            .where(DuplicateGroup.id.in_(alive), DuplicateGroup.counted_row_id.is_not(None), counted_gone)
            .values(status=DuplicateStatus.open, counted_row_id=None, reason=None, resolved_at=None, resolved_by_id=None)
        )
        await refresh_spans(session, [group_id for group_id in alive if group_id is not None])
    return gone


def duplicate_state() -> ColumnElement[Any]:
    """A certificate row's standing: null (no duplicate), open (held), counted, not_counted."""
    return case(
        (CertificateRow.duplicate_group_id.is_(None), None),
        (DuplicateGroup.status == DuplicateStatus.open, literal("open")),
        (DuplicateGroup.counted_row_id == CertificateRow.id, literal("counted")),
        else_=literal("not_counted"),
    )


_COMMON_READ = ("id", "row_no", "name", "id_masked", "occupation")
_READ_COLUMNS: dict[RosterKind, tuple[str, ...]] = {
    RosterKind.trainees: (*_COMMON_READ, "course", "starts_on", "ends_on", "completed", "surveyed", "satisfied"),
    RosterKind.certificates: (*_COMMON_READ, "kind", "level", "certificate_no", "issued_on", "issuing_body"),
}


async def rows_page(session: AsyncSession, kind: RosterKind, roster_id: uuid.UUID, page: PageParams) -> tuple[list[Row[Any]], int]:
    model = ROW_MODELS[kind]
    columns = [getattr(model, c) for c in _READ_COLUMNS[kind]]
    total = await session.scalar(select(func.count()).select_from(model).where(model.roster_id == roster_id))
    stmt = select(*columns).where(model.roster_id == roster_id)
    if kind is RosterKind.certificates:
        stmt = stmt.add_columns(duplicate_state().label("duplicate")).outerjoin(
            DuplicateGroup, DuplicateGroup.id == CertificateRow.duplicate_group_id
        )
    rows = (await session.execute(stmt.order_by(model.row_no).limit(page.limit).offset(page.offset))).all()
    return list(rows), int(total or 0)


async def row_for_reveal(session: AsyncSession, principal: Principal, kind: RosterKind, row_id: int) -> Any:
    model = ROW_MODELS[kind]
    stmt = (
        select(model.id_sealed, model.roster_id, model.report_id)
        .join(TrainingBase, TrainingBase.id == model.base_id)
        .where(model.id == row_id, visible(principal))
    )
    return (await session.execute(stmt)).first()


# --- duplicate groups ----------------------------------------------------------------------------------------

GROUP_COLUMNS = (
    DuplicateGroup.id,
    DuplicateGroup.status,
    DuplicateGroup.spans_bases,
    DuplicateGroup.counted_row_id,
    DuplicateGroup.reason,
    DuplicateGroup.resolved_at,
    DuplicateGroup.created_at,
)
GROUP_ROW_COLUMNS = (
    CertificateRow.id,
    CertificateRow.duplicate_group_id,
    CertificateRow.base_id,
    TrainingBase.title.label("base_title"),
    CertificateRow.report_id,
    CertificateRow.month_no,
    CertificateRow.row_no,
    CertificateRow.name,
    CertificateRow.id_masked,
    CertificateRow.kind,
    CertificateRow.level,
    CertificateRow.occupation,
    CertificateRow.certificate_no,
    CertificateRow.issued_on,
    CertificateRow.issuing_body,
)


async def groups_page(
    session: AsyncSession, page: PageParams, *, status: DuplicateStatus | None, spans_bases: bool | None
) -> tuple[list[Any], int]:
    conditions = []
    if status is not None:
        conditions.append(DuplicateGroup.status == status)
    if spans_bases is not None:
        conditions.append(DuplicateGroup.spans_bases == spans_bases)
    total = await session.scalar(select(func.count()).select_from(DuplicateGroup).where(*conditions))
    stmt = select(*GROUP_COLUMNS).where(*conditions).order_by(DuplicateGroup.created_at.desc(), DuplicateGroup.id)
    rows = (await session.execute(stmt.limit(page.limit).offset(page.offset))).all()
    return list(rows), int(total or 0)


async def group_rows(session: AsyncSession, group_ids: Sequence[uuid.UUID]) -> list[Any]:
    """The rows of these groups with their base's title, in one statement."""
    if not group_ids:
        return []
    stmt = (
        select(*GROUP_ROW_COLUMNS)
        .join(TrainingBase, TrainingBase.id == CertificateRow.base_id)
        .where(CertificateRow.duplicate_group_id.in_(group_ids))
        .order_by(CertificateRow.issued_on, CertificateRow.id)
    )
    return list((await session.execute(stmt)).all())


async def group(session: AsyncSession, group_id: uuid.UUID, *, for_update: bool = False) -> DuplicateGroup | None:
    stmt = select(DuplicateGroup).where(DuplicateGroup.id == group_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def row_in_group(session: AsyncSession, group_id: uuid.UUID, row_id: int) -> bool:
    stmt = select(CertificateRow.id).where(CertificateRow.id == row_id, CertificateRow.duplicate_group_id == group_id)
    return (await session.scalar(stmt)) is not None


def resolved_values(counted_row_id: int | None, reason: str, at: datetime, by: uuid.UUID) -> dict[str, Any]:
    return {"status": DuplicateStatus.resolved, "counted_row_id": counted_row_id, "reason": reason, "resolved_at": at, "resolved_by_id": by}


async def bases_of_groups(session: AsyncSession, group_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """The bases with a certificate row in any of these duplicate groups."""
    if not group_ids:
        return []
    stmt = select(CertificateRow.base_id).where(CertificateRow.duplicate_group_id.in_(list(group_ids))).distinct()
    return list((await session.scalars(stmt)).all())
