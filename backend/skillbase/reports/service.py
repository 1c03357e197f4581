"""Monthly reports: created for every started construction month, listed (a base's months, the bureau's queue), drafted
(If-Match), submitted (a version frozen), accepted or returned part by part, with their competitions and evidence files;
reminders when due soon and when overdue (the worker)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications.service import clean_filename
from skillbase.audit import service as audit
from skillbase.bases import service as bases
from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.concurrency import check_version
from skillbase.core.error_codes import ErrorCode
from skillbase.core.errors import Conflict, NotFound, Unprocessable
from skillbase.core.pagination import Page, PageParams
from skillbase.files.upload import Upload, store_document
from skillbase.indicators import service as indicators
from skillbase.models import Competition, MonthlyReport, MonthlyReportVersion, ReportAttachment, TrainingBase
from skillbase.models.enums import ReportPart, ReportStatus, ScanStatus
from skillbase.models.report import DECLARED_FIGURES
from skillbase.notifications import service as notifications
from skillbase.organizations import service as organizations
from skillbase.reports import repository, rules, workflow
from skillbase.reports.schemas import (
    CompetitionRead,
    CompetitionWrite,
    ReportAttachmentRead,
    ReportDraft,
    ReportQueueItem,
    ReportRead,
    ReportSummary,
    ReportVersionRead,
    ReportVersionSummary,
    RosterSummary,
)

S = ReportStatus
NARRATIVE = ("progress", "problems", "next_plan")


def _link(report_id: uuid.UUID) -> str:
    return f"/app/reports/{report_id}"


# --- creating the months ----------------------------------------------------------------------------------------


async def ensure_reports(session: AsyncSession, base: TrainingBase, today: date | None = None) -> int:
    """The report of every construction month of `base` that has started by `today`, in one INSERT … ON CONFLICT DO
    NOTHING (idempotent). Returns how many were created."""
    day = today or clock.today()
    periods = rules.periods_started(base.construction_starts_on, base.construction_months, base.report_due_day, day)
    return await repository.insert_periods(session, [(base.id, p) for p in periods])


async def ensure_all(session: AsyncSession, today: date | None = None) -> int:
    """`ensure_reports` for every base that may lack some (the worker): two statements whatever the number of bases."""
    day = today or clock.today()
    rows: list[tuple[uuid.UUID, rules.Period]] = []
    for b in await repository.bases_missing_reports(session, day):
        periods = rules.periods_started(b.construction_starts_on, b.construction_months, b.report_due_day, day)
        # months are only ever created in order from month 1, so the first `reports` of them exist already (ON
        # CONFLICT DO NOTHING would skip them anyway; leaving them out keeps the statement small)
        rows.extend((b.id, p) for p in periods[b.reports :])
    return await repository.insert_periods(session, rows)


async def ensure_for_bases(session: AsyncSession, created: list[TrainingBase]) -> None:
    """At recognition: the months of each new base that have already started (month 1 at least, when recognised today)."""
    for base in created:
        await ensure_reports(session, base)


# --- reading ------------------------------------------------------------------------------------------------------


async def get(session: AsyncSession, principal: Principal, report_id: uuid.UUID, *, for_update: bool = False) -> MonthlyReport:
    report = await repository.get_readable(session, principal, report_id, for_update=for_update)
    if report is None:
        raise NotFound("月报不存在")
    return report


async def read(session: AsyncSession, report_id: uuid.UUID) -> ReportRead:
    """A report the caller may see, as the editor shows it: its row with base and organisation, its competitions and
    its current files."""
    await session.flush()
    row = await repository.detail(session, report_id, clock.today())
    if row is None:
        raise NotFound("月报不存在")
    fields = row._asdict()
    fields["editable"] = S(row.status) in workflow.EDITABLE
    fields["competitions"] = [CompetitionRead.model_validate(c) for c in await repository.competitions_of_report(session, report_id)]
    fields["attachments"] = [ReportAttachmentRead.model_validate(a) for a in await repository.attachments(session, report_id)]
    return ReportRead.model_validate(fields)


async def read_detail(session: AsyncSession, principal: Principal, report_id: uuid.UUID) -> ReportRead:
    report = await get(session, principal, report_id)
    return await read(session, report.id)


async def list_base_reports(session: AsyncSession, principal: Principal, base_id: uuid.UUID, page: PageParams) -> Page[ReportSummary]:
    """Every month of a base the caller may see (404 otherwise), its missing months created first."""
    base = await bases.visible_base(session, principal, base_id)
    today = clock.today()
    await ensure_reports(session, base, today)
    stmt = repository.base_reports_statement(base.id, today)
    total = int(await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)
    rows = (await session.execute(stmt.limit(page.limit).offset(page.offset))).all()
    return Page[ReportSummary](
        items=[ReportSummary.model_validate(r._mapping) for r in rows], total=total, limit=page.limit, offset=page.offset
    )


async def list_queue(
    session: AsyncSession,
    principal: Principal,
    page: PageParams,
    *,
    status: ReportStatus | None,
    overdue: bool | None,
    base_type: str | None,
    month_no: int | None,
    base_id: uuid.UUID | None,
    sort: str,
) -> Page[ReportQueueItem]:
    """The reports the caller sees, filtered and sorted: two statements (the count, the page) whatever the page size."""
    today = clock.today()
    conditions = repository.queue_conditions(
        principal, today, status=status, is_overdue=overdue, base_type=base_type, month_no=month_no, base_id=base_id
    )
    total = int(await session.scalar(repository.count_statement(conditions)) or 0)
    rows = (await session.execute(repository.queue_statement(conditions, today, sort, page.limit, page.offset))).all()
    items = [ReportQueueItem.model_validate(r._mapping) for r in rows]
    return Page[ReportQueueItem](items=items, total=total, limit=page.limit, offset=page.offset)


# --- the organisation writes ------------------------------------------------------------------------------------


async def _own(session: AsyncSession, principal: Principal, report_id: uuid.UUID) -> tuple[MonthlyReport, TrainingBase]:
    """The report, locked, when the caller acts for its base's organisation (404 when it may not see it, 409 when it
    sees it but is not that organisation)."""
    report = await get(session, principal, report_id, for_update=True)
    base = await repository.base_of(session, report.base_id)
    assert base is not None
    if not principal.belongs_to(base.organization_id):
        raise Conflict("只有基地所属单位可以填报月报", code=ErrorCode.NOT_BASE_ORGANIZATION)
    return report, base


async def save_draft(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, data: ReportDraft, expected_version: int
) -> ReportRead:
    """One UPDATE … RETURNING when allowed (the caller's organisation's, editable, at the expected version); when it
    matched nothing the checks say why, in order: 404 not visible, 409 not the organisation or not editable, 412 stale."""
    values = data.model_dump()
    if principal.organization_id is not None:
        saved = await repository.save_draft_if_current(session, principal.organization_id, report_id, values, expected_version)
        if saved is not None:
            return await read(session, saved)
    report, _ = await _own(session, principal, report_id)
    workflow.ensure_editable(report.status)
    check_version(report.version, expected_version)
    for key, value in values.items():  # reached only if the row changed between the UPDATE and this lock
        setattr(report, key, value)
    report.version += 1
    return await read(session, report.id)


async def submit(session: AsyncSession, principal: Principal, report_id: uuid.UUID, expected_version: int) -> ReportRead:
    """Freeze what is submitted into a new version (narrative, figures, competitions, files, imported rosters)."""
    report, base = await _own(session, principal, report_id)
    check_version(report.version, expected_version)
    previous = S(report.status)
    workflow.transition(previous, S.submitted)
    if await repository.rosters_busy(session, report.id):
        raise Conflict("本月报仍有名册在导入中，请等导入完成后再报送", code=ErrorCode.ROSTER_IMPORT_PENDING)
    competitions = await repository.competitions_of_report(session, report.id)
    files = await repository.attachments(session, report.id)
    rosters = await repository.imported_rosters(session, report.id)
    snapshot: dict[str, Any] = {
        "narrative": {k: getattr(report, k) for k in NARRATIVE},
        "figures": {k: getattr(report, k) for k in DECLARED_FIGURES},
        "competitions": [CompetitionRead.model_validate(c).model_dump(mode="json") for c in competitions],
        "attachments": [ReportAttachmentRead.model_validate(a).model_dump(mode="json") for a in files],
        "rosters": [RosterSummary.model_validate(r._mapping).model_dump(mode="json") for r in rosters],
    }
    now = clock.now()
    report.status = S.submitted
    report.submitted_versions += 1
    report.submitted_at, report.submitted_by_id = now, principal.id
    report.version += 1
    session.add(
        MonthlyReportVersion(
            report_id=report.id, version_no=report.submitted_versions, snapshot=snapshot, submitted_at=now, submitted_by_id=principal.id
        )
    )
    await session.flush()
    await audit.record(
        session,
        "report.resubmitted" if previous is S.returned else "report.submitted",
        actor=principal,
        target_type="report",
        target_id=report.id,
        details={"base_id": str(base.id), "month_no": report.month_no, "version": report.submitted_versions},
    )
    await indicators.refresh_base(session, report.base_id)  # no longer overdue; its declared figures beside the rest
    return await read(session, report.id)


# --- the bureau reviews -----------------------------------------------------------------------------------------


async def _latest_version(session: AsyncSession, report: MonthlyReport) -> MonthlyReportVersion:
    found = await repository.version(session, report.id, report.submitted_versions, for_update=True)
    assert found is not None, "a submitted report has its version"
    return found


async def _tell_organization(session: AsyncSession, base: TrainingBase, report: MonthlyReport, *, kind: str, title: str, body: str) -> None:
    await notifications.notify(
        session,
        await organizations.active_member_ids(session, base.organization_id),
        kind=kind,
        title=title,
        body=body,
        link=_link(report.id),
    )


async def accept(session: AsyncSession, actor: Principal, report_id: uuid.UUID, expected_version: int) -> ReportRead:
    report = await get(session, actor, report_id, for_update=True)
    check_version(report.version, expected_version)
    report.status = workflow.transition(report.status, S.accepted)
    version = await _latest_version(session, report)
    now = clock.now()
    version.outcome, version.outcome_reasons, version.outcome_at, version.outcome_by_id = S.accepted.value, {}, now, actor.id
    report.reviewed_at, report.reviewed_by_id, report.return_reasons = now, actor.id, {}
    report.version += 1
    await session.flush()
    await audit.record(
        session, "report.accepted", actor=actor, target_type="report", target_id=report.id, details={"version": version.version_no}
    )
    base = await repository.base_of(session, report.base_id)
    assert base is not None
    await _tell_organization(
        session,
        base,
        report,
        kind="report.accepted",
        title="月报已通过",
        body=f"「{base.title}」第 {report.month_no} 个月的工作进展月报已审核通过。",
    )
    await indicators.refresh_base(session, report.base_id)  # its rosters and competitions count from now on
    return await read(session, report.id)


async def return_report(
    session: AsyncSession, actor: Principal, report_id: uuid.UUID, reasons: dict[ReportPart, str], expected_version: int
) -> ReportRead:
    if not reasons:
        raise Unprocessable("退回月报须至少指出一部分并写明理由", code=ErrorCode.RETURN_REASONS_REQUIRED)
    report = await get(session, actor, report_id, for_update=True)
    check_version(report.version, expected_version)
    report.status = workflow.transition(report.status, S.returned)
    version = await _latest_version(session, report)
    stored = {ReportPart(part).value: reason for part, reason in reasons.items()}
    now = clock.now()
    version.outcome, version.outcome_reasons, version.outcome_at, version.outcome_by_id = S.returned.value, stored, now, actor.id
    report.reviewed_at, report.reviewed_by_id, report.return_reasons = now, actor.id, stored
    report.version += 1
    await session.flush()
    summary = "；".join(f"{PART_LABELS[ReportPart(p)]}：{r}" for p, r in stored.items())
    await audit.record(
        session,
        "report.returned",
        actor=actor,
        target_type="report",
        target_id=report.id,
        reason=summary,
        details={"version": version.version_no, "reasons": stored},
    )
    base = await repository.base_of(session, report.base_id)
    assert base is not None
    await _tell_organization(
        session,
        base,
        report,
        kind="report.returned",
        title="月报退回修改",
        body=f"「{base.title}」第 {report.month_no} 个月的工作进展月报被退回修改：{summary}",
    )
    await indicators.refresh_base(session, report.base_id)  # open again: overdue once past its due date
    return await read(session, report.id)


PART_LABELS = {
    ReportPart.narrative: "工作进展",
    ReportPart.figures: "自报数据",
    ReportPart.trainees: "培训人员名册",
    ReportPart.certificates: "取证人员名册",
    ReportPart.competitions: "竞赛",
    ReportPart.attachments: "佐证材料",
}


# --- versions ---------------------------------------------------------------------------------------------------


async def list_versions(session: AsyncSession, principal: Principal, report_id: uuid.UUID, page: PageParams) -> Page[ReportVersionSummary]:
    report = await get(session, principal, report_id)
    rows = (await session.execute(repository.versions_statement(report.id))).all()
    items = [ReportVersionSummary.model_validate(r._mapping) for r in rows]
    return Page[ReportVersionSummary](
        items=items[page.offset : page.offset + page.limit], total=len(items), limit=page.limit, offset=page.offset
    )


async def read_version(session: AsyncSession, principal: Principal, report_id: uuid.UUID, version_no: int) -> ReportVersionRead:
    report = await get(session, principal, report_id)
    found = await repository.version(session, report.id, version_no)
    if found is None:
        raise NotFound("该版本不存在")
    return ReportVersionRead.model_validate(found)


# --- competitions -----------------------------------------------------------------------------------------------


def _check_competition(report: MonthlyReport, data: CompetitionWrite) -> None:
    problems = []
    if data.starts_on > data.ends_on:
        problems.append({"field": "starts_on", "code": "after_end", "message": "开始日期不能晚于结束日期"})
    if not report.period_starts_on <= data.ends_on <= report.period_ends_on:
        problems.append(
            {
                "field": "ends_on",
                "code": "outside_month",
                "message": f"竞赛结束日期须在本月报的建设月内（{report.period_starts_on} 至 {report.period_ends_on}）",
            }
        )
    if data.winners > data.contestants:
        problems.append({"field": "winners", "code": "exceeds_contestants", "message": "获奖人数不能多于参赛人数"})
    if problems:
        raise Unprocessable(
            "竞赛信息不符合要求：" + "；".join(p["message"] for p in problems), code=ErrorCode.COMPETITION_INVALID, details=problems
        )


async def _editable_own(session: AsyncSession, principal: Principal, report_id: uuid.UUID) -> tuple[MonthlyReport, TrainingBase]:
    report, base = await _own(session, principal, report_id)
    workflow.ensure_editable(report.status)
    return report, base


async def add_competition(session: AsyncSession, principal: Principal, report_id: uuid.UUID, data: CompetitionWrite) -> CompetitionRead:
    report, base = await _editable_own(session, principal, report_id)
    _check_competition(report, data)
    item = Competition(base_id=base.id, report_id=report.id, **data.model_dump())
    session.add(item)
    await session.flush()
    await audit.record(
        session, "competition.created", actor=principal, target_type="report", target_id=report.id, details={"competition_id": str(item.id)}
    )
    return CompetitionRead.model_validate(item)


async def _competition(session: AsyncSession, report: MonthlyReport, competition_id: uuid.UUID) -> Competition:
    item = await repository.competition(session, report.id, competition_id)
    if item is None:
        raise NotFound("竞赛不存在")
    return item


async def update_competition(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, competition_id: uuid.UUID, data: CompetitionWrite, version: int
) -> CompetitionRead:
    report, _ = await _editable_own(session, principal, report_id)
    item = await _competition(session, report, competition_id)
    check_version(item.version, version)
    _check_competition(report, data)
    for key, value in data.model_dump().items():
        setattr(item, key, value)
    item.version += 1
    await session.flush()
    await audit.record(
        session, "competition.updated", actor=principal, target_type="report", target_id=report.id, details={"competition_id": str(item.id)}
    )
    return CompetitionRead.model_validate(item)


async def remove_competition(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, competition_id: uuid.UUID, version: int
) -> None:
    report, _ = await _editable_own(session, principal, report_id)
    item = await _competition(session, report, competition_id)
    check_version(item.version, version)
    await repository.delete_competition(session, item)
    await audit.record(
        session,
        "competition.removed",
        actor=principal,
        target_type="report",
        target_id=report.id,
        details={"competition_id": str(competition_id), "name": item.name},
    )


async def list_base_competitions(
    session: AsyncSession, principal: Principal, base_id: uuid.UUID, page: PageParams
) -> Page[CompetitionRead]:
    base = await bases.visible_base(session, principal, base_id)
    stmt = repository.base_competitions_statement(base.id)
    total = int(await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)
    rows = (await session.scalars(stmt.limit(page.limit).offset(page.offset))).all()
    return Page[CompetitionRead](items=[CompetitionRead.model_validate(c) for c in rows], total=total, limit=page.limit, offset=page.offset)


# --- evidence files ---------------------------------------------------------------------------------------------


async def upload(
    session: AsyncSession,
    settings: Settings,
    principal: Principal,
    report_id: uuid.UUID,
    *,
    filename: str,
    description: str,
    body: AsyncIterator[bytes],
) -> ReportAttachmentRead:
    report, _ = await _editable_own(session, principal, report_id)  # 404 / 409 before a single byte is read
    name = clean_filename(filename)
    stored = await store_document(settings, body, Upload(session, principal, "report_attachment", "report", report.id, name))
    item = ReportAttachment(
        report_id=report.id,
        description=description,
        original_name=name,
        content_type=stored.content_type,
        size_bytes=stored.size,
        sha256=stored.sha256,
        storage_key=stored.key,
        uploaded_by_id=principal.id,
        scan_status=ScanStatus.clean,
        uploaded_at=clock.now(),
    )
    session.add(item)
    await session.flush()
    await audit.record(
        session,
        "report_attachment.uploaded",
        actor=principal,
        target_type="report",
        target_id=report.id,
        details={"attachment_id": str(item.id), "size": stored.size},
    )
    return ReportAttachmentRead.model_validate(item)


async def get_attachment(session: AsyncSession, principal: Principal, report_id: uuid.UUID, attachment_id: uuid.UUID) -> ReportAttachment:
    report = await get(session, principal, report_id)
    item = await repository.attachment(session, report.id, attachment_id)
    if item is None or item.deleted_at is not None:
        raise NotFound("附件不存在")
    return item


async def get_version_attachment(
    session: AsyncSession, principal: Principal, report_id: uuid.UUID, version_no: int, attachment_id: uuid.UUID
) -> ReportAttachment:
    """A file as a submitted version lists it: served even if removed from the report since."""
    report = await get(session, principal, report_id)
    found = await repository.version(session, report.id, version_no)
    if found is None:
        raise NotFound("该版本不存在")
    if str(attachment_id) not in {str(a.get("id")) for a in found.snapshot.get("attachments", [])}:
        raise NotFound("该版本没有此附件")
    item = await repository.attachment(session, report.id, attachment_id)
    if item is None:
        raise NotFound("附件不存在")
    return item


async def remove_attachment(session: AsyncSession, principal: Principal, report_id: uuid.UUID, attachment_id: uuid.UUID) -> None:
    report, _ = await _editable_own(session, principal, report_id)
    item = await repository.attachment(session, report.id, attachment_id)
    if item is None or item.deleted_at is not None:
        raise NotFound("附件不存在")
    item.deleted_at = clock.now()  # kept: submitted versions may still list it
    await session.flush()
    await audit.record(
        session,
        "report_attachment.removed",
        actor=principal,
        target_type="report",
        target_id=report.id,
        details={"attachment_id": str(item.id)},
    )


# --- reminders (the worker) -------------------------------------------------------------------------------------


async def remind(session: AsyncSession, settings: Settings, today: date | None = None) -> int:
    """Create the months that have started, then tell each organisation once when a report is due soon and once when
    it is overdue (mail + in-app), and the administrators once per run about the reports newly overdue."""
    day = today or clock.today()
    await ensure_all(session, day)
    now = clock.now()
    newly_overdue: list[str] = []
    members: dict[uuid.UUID, list[uuid.UUID]] = {}
    sent = 0
    by_org: defaultdict[uuid.UUID, list[tuple[MonthlyReport, str]]] = defaultdict(list)
    for report, organization_id, title in await repository.reports_to_remind(session, day, settings.report_due_soon_days):
        by_org[organization_id].append((report, title))
    for organization_id, found in by_org.items():
        members[organization_id] = await organizations.active_member_ids(session, organization_id)
        for report, title in found:
            if report.due_on < day:
                report.reminded_overdue_at = now
                report.reminded_due_at = report.reminded_due_at or now  # no "due soon" after the date has passed
                newly_overdue.append(f"「{title}」第 {report.month_no} 个月（截止 {report.due_on}）")
                await notifications.notify(
                    session,
                    members[organization_id],
                    kind="report.overdue",
                    title="月报已逾期",
                    body=f"「{title}」第 {report.month_no} 个月的工作进展月报已超过报送截止日 {report.due_on}，请尽快报送。",
                    link=_link(report.id),
                )
            else:
                report.reminded_due_at = now
                await notifications.notify(
                    session,
                    members[organization_id],
                    kind="report.due_soon",
                    title="月报即将到期",
                    body=f"「{title}」第 {report.month_no} 个月的工作进展月报请于 {report.due_on} 前报送。",
                    link=_link(report.id),
                )
            sent += 1
    await session.flush()
    if newly_overdue:
        await notifications.notify_admins(
            session,
            email=False,
            kind="report.overdue_summary",
            title=f"新增逾期月报 {len(newly_overdue)} 份",
            body="以下月报已逾期未报送：" + "；".join(newly_overdue[:50]) + ("……" if len(newly_overdue) > 50 else ""),
            link="/app/admin/reports?overdue=true",
        )
    return sent
