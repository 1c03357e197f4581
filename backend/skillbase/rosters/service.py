"""Rosters of a monthly report: templates, upload, the background import, rows, reveal, duplicate certificates.

The import (domain.md §7) is all or nothing. It runs outside the upload's request, claimed with FOR UPDATE SKIP
LOCKED so that it runs exactly once whoever starts it (the API right after answering the upload, or the worker). It
reads the stored file a batch at a time in a thread (the event loop stays free), checks every row, seals each
resident ID and COPYs the batch into the rows table inside one transaction; progress is committed beside it in short
transactions of its own. Any error: the transaction rolls back (no row stays), the roster is `failed` with its error
count and first errors. No error: the report's previous roster of the kind is `replaced` and its rows deleted, the
new one `imported`, and certificates sharing a person and certificate number with any other imported row join a
duplicate group — all in that same transaction.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import BackgroundTasks
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import service as audit
from skillbase.config import Settings
from skillbase.core import clock, resident_id
from skillbase.core.auth import Principal
from skillbase.core.errors import Conflict, NotFound, Unprocessable
from skillbase.core.pagination import Page, PageParams
from skillbase.core.permissions import Permission
from skillbase.db import Database
from skillbase.files import sniff
from skillbase.files.storage import storage_for
from skillbase.files.upload import Upload, store_upload
from skillbase.indicators import service as indicators
from skillbase.models import Roster
from skillbase.models.enums import DuplicateStatus, ReportStatus, RosterKind, RosterStatus
from skillbase.rosters import reader, repository, rules, sheets
from skillbase.rosters.schemas import (
    CertificateRowRead,
    DuplicateGroupRead,
    DuplicateResolve,
    DuplicateRowRead,
    ReportRosters,
    Revealed,
    RosterRead,
    RosterRowPage,
    TraineeRowRead,
)

log = logging.getLogger("skillbase.rosters")

EDITABLE = frozenset({ReportStatus.draft, ReportStatus.returned})
ACCEPTED_TYPES = {sniff.XLSX, sniff.CSV}
BATCH_ROWS = 5000  # rows checked, sealed and COPYed at a time (bounded memory); progress is committed after each
TEMPLATE_NAMES = {RosterKind.trainees: "培训人员名册模板.xlsx", RosterKind.certificates: "取证人员名册模板.xlsx"}


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


def clean_filename(raw: str) -> str:
    """The last path component without control characters: a label, never a path (as for application attachments)."""
    name = _UNSAFE_NAME.sub("_", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .") or "roster"
    return name[-200:]


# --- templates -----------------------------------------------------------------------------------------------


async def template(kind: RosterKind) -> tuple[bytes, str]:
    content = await asyncio.to_thread(sheets.template, kind, clock.today())
    return content, TEMPLATE_NAMES[kind]


# --- upload --------------------------------------------------------------------------------------------------


async def _editable_report(session: AsyncSession, principal: Principal, report_id: uuid.UUID) -> Any:
    found = await repository.report(session, principal, report_id, for_update=True)
    if found is None:
        raise NotFound("月度报告不存在")
    report, organization_id = found
    if not principal.belongs_to(organization_id):  # only the base's own organisation uploads its evidence
        raise NotFound("月度报告不存在")
    if report.status not in EDITABLE:
        raise Conflict("月度报告已报送或已通过，名册不能再修改", code="REPORT_NOT_EDITABLE")
    return report


async def upload(
    session: AsyncSession,
    settings: Settings,
    db: Database,
    principal: Principal,
    report_id: uuid.UUID,
    kind: RosterKind,
    *,
    filename: str,
    body: AsyncIterator[bytes],
    background: BackgroundTasks,
) -> RosterRead:
    report = await _editable_report(session, principal, report_id)  # 404 / 409 before a byte is read
    name = clean_filename(filename)
    stored = await store_upload(
        settings,
        body,
        Upload(session, principal, "roster", "monthly_report", report.id, name),
        allowed=ACCEPTED_TYPES,
        label="名册仅支持 XLSX 或 CSV 文件（按文件内容识别，与文件名无关）",
        prefix="rosters/",
    )
    roster = Roster(
        report_id=report.id,
        base_id=report.base_id,
        kind=kind,
        status=RosterStatus.queued,
        original_name=name,
        content_type=stored.content_type,
        size_bytes=stored.size,
        sha256=stored.sha256,
        storage_key=stored.key,
        uploaded_by_id=principal.id,
        errors=[],
    )
    session.add(roster)
    await session.flush()
    await session.refresh(roster)
    await audit.record(
        session,
        "roster.uploaded",
        actor=principal,
        target_type="monthly_report",
        target_id=report.id,
        details={"roster_id": str(roster.id), "kind": kind.value, "size": stored.size},
    )
    # after the response (and the request's commit): small rosters are imported at once, without the worker
    background.add_task(import_roster, db, settings, roster.id)
    return RosterRead.model_validate(roster)


# --- reading -------------------------------------------------------------------------------------------------


async def get_roster(session: AsyncSession, principal: Principal, roster_id: uuid.UUID) -> Roster:
    roster = await repository.roster(session, principal, roster_id)
    if roster is None:
        raise NotFound("名册不存在")
    return roster


async def report_rosters(session: AsyncSession, principal: Principal, report_id: uuid.UUID, kind: RosterKind) -> ReportRosters:
    if await repository.report(session, principal, report_id) is None:
        raise NotFound("月度报告不存在")
    imported, latest = await repository.latest_rosters(session, report_id, kind)
    return ReportRosters(
        imported=RosterRead.model_validate(imported) if imported else None,
        latest=RosterRead.model_validate(latest) if latest else None,
    )


async def rows(session: AsyncSession, principal: Principal, report_id: uuid.UUID, kind: RosterKind, page: PageParams) -> RosterRowPage:
    if await repository.report(session, principal, report_id) is None:
        raise NotFound("月度报告不存在")
    imported, _ = await repository.latest_rosters(session, report_id, kind)
    if imported is None:
        return RosterRowPage(kind=kind, roster_id=None, items=[], total=0, limit=page.limit, offset=page.offset)
    found, total = await repository.rows_page(session, kind, imported.id, page)
    model = TraineeRowRead if kind is RosterKind.trainees else CertificateRowRead
    items: list[TraineeRowRead | CertificateRowRead] = [model.model_validate(dict(r._mapping)) for r in found]
    return RosterRowPage(kind=kind, roster_id=imported.id, items=items, total=total, limit=page.limit, offset=page.offset)


async def reveal(session: AsyncSession, principal: Principal, kind: RosterKind, row_id: int) -> Revealed:
    """The full resident ID of one row, for holders of `personal_data:read_full` only (anyone else: 404, as if the row
    did not exist); the audit row names the row, never the number."""
    if not principal.can(Permission.personal_data_read_full):
        raise NotFound("记录不存在")
    found = await repository.row_for_reveal(session, principal, kind, row_id)
    if found is None:
        raise NotFound("记录不存在")
    number = resident_id.open_sealed(found.id_sealed)
    await audit.record(
        session,
        "roster_row.revealed",
        actor=principal,
        target_type=f"{kind.value}_row",
        target_id=str(row_id),
        details={"roster_id": str(found.roster_id), "report_id": str(found.report_id), "kind": kind.value},
    )
    return Revealed(row_id=row_id, id_number=number)


async def error_report(session: AsyncSession, settings: Settings, principal: Principal, roster_id: uuid.UUID) -> tuple[bytes, str]:
    roster = await get_roster(session, principal, roster_id)
    if roster.status is not RosterStatus.failed:
        raise Conflict("该名册没有导入错误", code="ROSTER_HAS_NO_ERRORS")
    period = await repository.report_period(session, roster.report_id)
    async with _fetched(settings, roster.storage_key) as path:
        content = await asyncio.to_thread(_build_error_report, path, roster.content_type, roster.kind, (period[0], period[1]))
    stem = roster.original_name.rsplit(".", 1)[0]
    return content, f"{stem}-错误报告.xlsx"


def _build_error_report(path: Path, content_type: str, kind: RosterKind, period: tuple[date, date]) -> bytes:
    try:
        with reader.open_sheet(path, content_type) as sheet:
            try:
                positions = rules.map_header(kind, sheet.header)
            except rules.SheetError as exc:
                return sheets.error_report(sheet.header, ((cells, "") for _, cells in sheet.rows), [exc.error.message])
            checker = rules.RowChecker(kind, positions, period)

            def annotated() -> Iterator[tuple[list[Any], str]]:
                for row_no, cells in sheet.rows:
                    if rules.is_blank(cells):
                        continue
                    _, errors = checker.check(row_no, cells)
                    yield cells, "；".join(f"{e.column + '：' if e.column else ''}{e.message}" for e in errors)

            return sheets.error_report(sheet.header, annotated(), [])
    except reader.Unreadable:
        return sheets.error_report([], iter(()), ["文件中没有可读取的工作表"])


# --- the import ----------------------------------------------------------------------------------------------


class _Failed(Exception):
    """Raised inside the import transaction to roll it back: the roster has errors."""


@dataclass
class _Job:
    roster_id: uuid.UUID
    report_id: uuid.UUID
    base_id: uuid.UUID
    kind: RosterKind
    content_type: str
    storage_key: str
    period: tuple[date, date]
    month_no: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    error_count: int = 0
    processed: int = 0
    total: int = 0
    imported: int = 0

    def add(self, errors: list[rules.RowError]) -> None:
        self.error_count += len(errors)
        room = rules.KEPT_ERRORS - len(self.errors)
        if room > 0:
            self.errors.extend(e.as_dict() for e in errors[:room])


class _Batches:
    """The sheet's rows, checked and turned into COPY records a batch at a time (called in a worker thread)."""

    def __init__(self, job: _Job, sheet: reader.Sheet) -> None:
        self.job = job
        self.rows = sheet.rows
        self.checker = rules.RowChecker(job.kind, rules.map_header(job.kind, sheet.header), job.period)

    def next(self) -> list[tuple[Any, ...]] | None:
        job, records, seen = self.job, [], 0
        for row_no, cells in self.rows:
            job.processed += 1
            seen += 1
            if not rules.is_blank(cells):
                values, errors = self.checker.check(row_no, cells)
                if errors:
                    job.add(errors)
                elif values is not None and job.error_count == 0:  # once an error is found, only checking goes on
                    records.append(self.record(row_no, values))
            if seen >= BATCH_ROWS:
                return records
        return records if seen else None

    def record(self, row_no: int, v: dict[str, Any]) -> tuple[Any, ...]:
        job = self.job
        return row_record(job.kind, (job.roster_id, job.report_id, job.base_id, job.month_no), row_no, v)


def row_record(kind: RosterKind, where: tuple[uuid.UUID, uuid.UUID, uuid.UUID, int], row_no: int, v: dict[str, Any]) -> tuple[Any, ...]:
    """The COPY record (`repository.COPY_COLUMNS` of `kind`) of one checked row (`rules.RowChecker.check`'s values) of
    roster, report, base and construction month `where`: the resident ID sealed, match-hashed and masked, a certificate's
    duplicate key. Used by the import and by the demo data (seed), so both store rows alike."""
    number = v["id_number"]
    common = (
        *where[:4],
        row_no,
        v["name"],
        resident_id.seal(number),
        resident_id.match_hash(number),
        resident_id.mask(number),
        v["occupation"],
    )
    if kind is RosterKind.trainees:
        return (*common, v["course"], v["starts_on"], v["ends_on"], v["completed"], v["surveyed"], v["satisfied"])
    level = v["level"].value if v["level"] is not None else None
    return (
        *common,
        v["kind"].value,
        level,
        v["certificate_no"],
        v["issued_on"],
        v["issuing_body"],
        resident_id.certificate_key(number, v["certificate_no"]),
    )


class _Fetched:
    def __init__(self, settings: Settings, key: str) -> None:
        self.settings, self.key, self.path = settings, key, Path()

    async def __aenter__(self) -> Path:
        fd, name = tempfile.mkstemp(prefix="roster-")
        self.path = Path(name)
        out = await asyncio.to_thread(os.fdopen, fd, "wb")
        try:
            async for chunk in storage_for(self.settings).open(self.key):
                await asyncio.to_thread(out.write, chunk)
        finally:
            await asyncio.to_thread(out.close)
        return self.path

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.to_thread(self.path.unlink, True)


def _fetched(settings: Settings, key: str) -> _Fetched:
    return _Fetched(settings, key)


async def import_roster(db: Database, settings: Settings, roster_id: uuid.UUID | None = None) -> uuid.UUID | None:
    """Claim a queued roster (this one, or the oldest) and import it. Returns the roster imported or failed, or None
    when there was nothing to claim (another importer has it, or it is done)."""
    async with db.transaction() as session:
        roster = await repository.claim(session, roster_id)
        if roster is None:
            return None
        start, end, month_no = await repository.report_period(session, roster.report_id)
        roster.status = RosterStatus.importing
        roster.started_at = clock.now()
        job = _Job(
            roster_id=roster.id,
            report_id=roster.report_id,
            base_id=roster.base_id,
            kind=roster.kind,
            content_type=roster.content_type,
            storage_key=roster.storage_key,
            period=(start, end),
            month_no=month_no,
        )
    try:
        await _run(db, settings, job)
    except _Failed:
        await _finish_failed(db, job)
    except Exception:
        log.exception("roster import %s failed", job.roster_id)
        job.errors = [{"row": 0, "column": "", "code": "internal", "message": "导入时发生内部错误，请稍后重新上传"}]
        job.error_count = 1
        await _finish_failed(db, job)
    return job.roster_id


async def import_queued(db: Database, settings: Settings, *, limit: int = 10) -> int:
    """The worker's step: import up to `limit` queued rosters, oldest first."""
    done = 0
    while done < limit and await import_roster(db, settings) is not None:
        done += 1
    return done


async def _progress(db: Database, job: _Job) -> None:
    async with db.transaction() as session:
        await repository.set_progress(session, job.roster_id, job.processed, job.total)


async def _finish_failed(db: Database, job: _Job) -> None:
    async with db.transaction() as session:
        await repository.finish(
            session,
            job.roster_id,
            status=RosterStatus.failed,
            error_count=job.error_count,
            errors=job.errors,
            rows_processed=job.processed,
            rows_total=max(job.total, job.processed),
            finished_at=clock.now(),
        )
        await audit.record(
            session,
            "roster.failed",
            actor=None,
            target_type="monthly_report",
            target_id=job.report_id,
            details={"roster_id": str(job.roster_id), "kind": job.kind.value, "error_count": job.error_count},
        )


def _file_error(job: _Job, error: rules.RowError) -> None:
    job.add([error])
    raise _Failed


async def _run(db: Database, settings: Settings, job: _Job) -> None:
    async with _fetched(settings, job.storage_key) as path:
        try:
            opened = reader.open_sheet(path, job.content_type)
            sheet = await asyncio.to_thread(opened.__enter__)
        except reader.Unreadable:
            _file_error(job, rules.RowError(0, "", "unreadable", "文件中没有可读取的工作表"))
        try:
            job.total = sheet.total
            if job.total > rules.MAX_ROWS:
                _file_error(job, rules.RowError(0, "", "too_many_rows", f"名册超过 {rules.MAX_ROWS} 行，请按月拆分后上传"))
            try:
                batches = _Batches(job, sheet)
            except rules.SheetError as exc:
                _file_error(job, exc.error)
            await _progress(db, job)
            async with db.transaction() as session:
                # the next batch is read and checked in a thread while the database takes the previous one
                pending = asyncio.ensure_future(asyncio.to_thread(batches.next))
                try:
                    while (records := await pending) is not None:
                        pending = asyncio.ensure_future(asyncio.to_thread(batches.next))
                        if job.error_count == 0:
                            await repository.copy_rows(session, job.kind, records)
                            job.imported += len(records)
                        await _progress(db, job)
                finally:
                    # never leave a thread reading the sheet once it is closed
                    await asyncio.gather(pending, return_exceptions=True)
                if job.error_count == 0 and job.imported == 0:
                    job.add([rules.RowError(0, "", "empty", "名册没有数据行")])
                if job.error_count:
                    raise _Failed
                await _make_current(session, job)
        finally:
            await asyncio.to_thread(opened.__exit__, None, None, None)


async def _make_current(session: AsyncSession, job: _Job) -> None:
    """The roster becomes the report's roster of its kind: the previous one replaced, duplicates grouped."""
    report = await repository.report_for_import(session, job.report_id)
    if report.status not in EDITABLE:
        job.add([rules.RowError(0, "", "report_locked", "导入完成前月度报告已报送，名册未导入；如需修改请待退回后重新上传")])
        raise _Failed
    touched: set[uuid.UUID] = set()
    previous = await repository.imported_roster(session, job.report_id, job.kind, exclude=job.roster_id)
    if previous is not None:
        touched = await repository.delete_rows(session, job.kind, previous.id)
        await repository.finish(session, previous.id, status=RosterStatus.replaced)
    await repository.finish(
        session,
        job.roster_id,
        status=RosterStatus.imported,
        rows_processed=job.processed,
        rows_total=max(job.total, job.processed),
        error_count=0,
        errors=[],
        finished_at=clock.now(),
    )
    grouped: list[uuid.UUID] = []
    dissolved: list[uuid.UUID] = []
    affected_bases = {job.base_id}
    if job.kind is RosterKind.certificates:
        grouped = await repository.join_duplicates(session, job.roster_id)
        # a group opened, joined or dissolved changes what counts at every base with a row in it
        affected_bases |= set(await repository.bases_of_groups(session, [*touched, *grouped]))
        dissolved = await repository.dissolve_small_groups(session, list(touched - set(grouped)) + grouped)
    await indicators.refresh_bases(session, affected_bases)
    await audit.record(
        session,
        "roster.imported",
        actor=None,
        target_type="monthly_report",
        target_id=job.report_id,
        details={
            "roster_id": str(job.roster_id),
            "kind": job.kind.value,
            "rows": job.imported,
            "replaced_roster_id": str(previous.id) if previous else None,
            "duplicate_groups": len(grouped),
            "dissolved_groups": len(dissolved),
        },
    )


# --- duplicates ----------------------------------------------------------------------------------------------


def _group_read(group: Any, rows: list[Any]) -> DuplicateGroupRead:
    return DuplicateGroupRead(
        id=group.id,
        status=group.status,
        spans_bases=group.spans_bases,
        counted_row_id=group.counted_row_id,
        reason=group.reason,
        resolved_at=group.resolved_at,
        created_at=group.created_at,
        rows=[DuplicateRowRead.model_validate({k: v for k, v in r._mapping.items() if k != "duplicate_group_id"}) for r in rows],
    )


async def list_duplicates(
    session: AsyncSession, page: PageParams, *, status: DuplicateStatus | None, spans_bases: bool | None
) -> Page[DuplicateGroupRead]:
    groups, total = await repository.groups_page(session, page, status=status, spans_bases=spans_bases)
    rows_by_group: dict[uuid.UUID, list[Any]] = {g.id: [] for g in groups}
    for r in await repository.group_rows(session, list(rows_by_group)):
        rows_by_group[r.duplicate_group_id].append(r)
    items = [_group_read(g, rows_by_group[g.id]) for g in groups]
    return Page[DuplicateGroupRead](items=items, total=total, limit=page.limit, offset=page.offset)


async def get_duplicate(session: AsyncSession, group_id: uuid.UUID) -> DuplicateGroupRead:
    group = await repository.group(session, group_id)
    if group is None:
        raise NotFound("重复证书记录不存在")
    return _group_read(group, await repository.group_rows(session, [group.id]))


async def resolve_duplicate(session: AsyncSession, principal: Principal, group_id: uuid.UUID, body: DuplicateResolve) -> DuplicateGroupRead:
    group = await repository.group(session, group_id, for_update=True)
    if group is None:
        raise NotFound("重复证书记录不存在")
    if group.status is DuplicateStatus.resolved:
        raise Conflict("该组重复证书已处理", code="DUPLICATE_ALREADY_RESOLVED")
    if body.counted_row_id is not None and not await repository.row_in_group(session, group.id, body.counted_row_id):
        raise Unprocessable("所选行不属于该组重复证书", code="DUPLICATE_ROW_NOT_IN_GROUP")
    for name, value in repository.resolved_values(body.counted_row_id, body.reason, clock.now(), principal.id).items():
        setattr(group, name, value)
    await session.flush()
    await indicators.refresh_bases(session, await repository.bases_of_groups(session, [group.id]))
    await audit.record(
        session,
        "duplicate.resolved",
        actor=principal,
        target_type="duplicate_group",
        target_id=group.id,
        reason=body.reason,
        details={"counted_row_id": body.counted_row_id},
    )
    return await get_duplicate(session, group.id)
