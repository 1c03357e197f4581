"""Public notice (公示), objections (异议) and recognition (认定); the recognised bases themselves belong to `bases`."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import service as applications
from skillbase.applications.expressions import specialty_names
from skillbase.applications.rules import BASE_TYPE_LABELS
from skillbase.audit import service as audit
from skillbase.bases import service as bases
from skillbase.calls.rules import CHINA_TZ
from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.context import current_request
from skillbase.core.errors import Conflict, NotFound, TooManyRequests, Unprocessable
from skillbase.core.pagination import PageParams, paginate
from skillbase.files import sniff
from skillbase.files.upload import Upload, store_upload
from skillbase.models import Call, NoticeItem, Objection, PublicityNotice, Recognition, TrainingBase
from skillbase.models.enums import ApplicationStatus, BaseType, NoticeStatus, ObjectionStatus
from skillbase.notifications import service as notifications
from skillbase.publicity import repository, rules, workflow
from skillbase.publicity.schemas import (
    NoticeCreate,
    NoticeItemRead,
    NoticePublish,
    NoticeRead,
    ObjectionCreate,
    ObjectionDecision,
    PublicNoticeItem,
    PublicNoticeRead,
    RecognitionCreate,
    RecognitionRead,
    RecognitionSummary,
)
from skillbase.reports import service as reports
from skillbase.reviews import decisions as reviews

S = ApplicationStatus
OBJECTION_TYPES = {sniff.PDF, sniff.JPEG, sniff.PNG}


def open_for_objections(notice: PublicityNotice, on: date | None = None) -> bool:
    day = on or clock.today()
    return notice.status == NoticeStatus.published and notice.starts_on <= day <= notice.ends_on


# --- notices ---------------------------------------------------------------------------------------


async def _notice_read(session: AsyncSession, notice: PublicityNotice) -> NoticeRead:
    return (await notice_reads(session, [notice]))[0]


async def notice_reads(session: AsyncSession, notices: list[PublicityNotice]) -> list[NoticeRead]:
    """The notices as the bureau sees them, in three statements however many notices and items."""
    ids = [n.id for n in notices]
    items = await repository.shown_items(session, ids)
    recognitions = await repository.recognitions_of(session, ids)
    pending = await repository.pending_objections_of(session, ids)
    out = []
    for notice in notices:
        recognition = recognitions.get(notice.id)
        out.append(
            NoticeRead(
                id=notice.id,
                title=notice.title,
                body=notice.body,
                contact=notice.contact,
                starts_on=notice.starts_on,
                ends_on=notice.ends_on,
                publicity_days=notice.publicity_days,
                status=NoticeStatus(notice.status),
                published_at=notice.published_at,
                open_for_objections=open_for_objections(notice),
                items=[
                    NoticeItemRead(
                        application_id=i.application_id,
                        organization_name=i.organization_name,
                        base_type=BaseType(i.base_type),
                        specialties=specialty_names(i.specialties),
                        call_name=i.call_name,
                        status=ApplicationStatus(i.status),
                    )
                    for i in items[notice.id]
                ],
                objections_pending=pending.get(notice.id, 0),
                recognised=recognition is not None,
                recognition=RecognitionSummary(document_number=recognition.document_number, issued_on=recognition.issued_on)
                if recognition
                else None,
            )
        )
    return out


async def public_notice_read(session: AsyncSession, notice: PublicityNotice) -> PublicNoticeRead:
    return (await public_notice_reads(session, [notice]))[0]


async def public_notice_reads(session: AsyncSession, notices: list[PublicityNotice]) -> list[PublicNoticeRead]:
    """The notices as the public sees them, in one statement however many notices and items."""
    items = await repository.shown_items(session, [n.id for n in notices])
    return [
        PublicNoticeRead(
            id=notice.id,
            title=notice.title,
            body=notice.body,
            contact=notice.contact,
            starts_on=notice.starts_on,
            ends_on=notice.ends_on,
            published_at=notice.published_at,
            open_for_objections=open_for_objections(notice),
            items=[
                PublicNoticeItem(
                    application_id=i.application_id,
                    organization_name=i.organization_name,
                    base_type=BaseType(i.base_type),
                    specialties=specialty_names(i.specialties),
                )
                for i in items[notice.id]
            ],
        )
        for notice in notices
    ]


async def create_notice(session: AsyncSession, actor: Principal, data: NoticeCreate) -> NoticeRead:
    ids = list(dict.fromkeys(data.application_ids))
    apps = [await applications.get(session, actor, i, for_update=True) for i in ids]
    problems = [{"field": "application_ids", "message": f"申报 {a.id} 尚未拟认定，不能公示"} for a in apps if a.status != S.approved]
    taken = await repository.in_any_notice(session, ids)
    problems += [{"field": "application_ids", "message": f"申报 {i} 已在其他公示中"} for i in taken]
    if problems:
        raise Unprocessable("公示所列申报不符合要求", code="NOTICE_INVALID", details=problems)
    calls = [await session.get(Call, a.call_id) for a in apps]
    min_days = rules.required_days(c.publicity_days for c in calls if c)
    starts, ends = _period(data.starts_on, data.ends_on, min_days)
    _check_period(starts, ends, min_days)
    notice = PublicityNotice(
        title=data.title,
        body=data.body,
        contact=data.contact,
        starts_on=starts,
        ends_on=ends,
        publicity_days=min_days,
        status=NoticeStatus.draft,
        created_by_id=actor.id,
    )
    session.add(notice)
    await session.flush()
    for a in apps:
        session.add(NoticeItem(notice_id=notice.id, application_id=a.id))
    await session.flush()
    await audit.record(
        session,
        "notice.created",
        actor=actor,
        target_type="notice",
        target_id=notice.id,
        details={"applications": [str(i) for i in ids]},
    )
    return await _notice_read(session, notice)


def _period(starts_on: date | None, ends_on: date | None, min_days: int) -> tuple[date, date]:
    starts = starts_on or clock.today()
    return starts, ends_on or rules.default_period(starts, min_days)[1]


def _check_period(starts: date, ends: date, min_days: int) -> None:
    """A notice is published today at the earliest: its period must start no earlier and last long enough."""
    problems = rules.period_problems(starts, ends, published_on=clock.today(), min_days=min_days)
    if problems:
        raise Unprocessable("公示期不符合要求", code="NOTICE_PERIOD_INVALID", details=problems)


async def _min_days(session: AsyncSession, notice: PublicityNotice) -> int:
    return rules.required_days(c.publicity_days for _, _, c in await repository.items(session, notice.id))


async def publish_notice(session: AsyncSession, actor: Principal, notice_id: uuid.UUID, data: NoticePublish | None = None) -> NoticeRead:
    notice = await repository.notice(session, notice_id, for_update=True)
    if notice is None:
        raise NotFound("公示不存在")
    published = workflow.publish(notice.status)
    min_days = await _min_days(session, notice)
    if data is not None and data.starts_on is not None:
        notice.starts_on, notice.ends_on = _period(data.starts_on, data.ends_on, min_days)
    elif data is not None and data.ends_on is not None:
        notice.ends_on = data.ends_on
    _check_period(notice.starts_on, notice.ends_on, min_days)
    notice.publicity_days = min_days
    notice.status, notice.published_at = published, clock.now()
    await session.flush()
    for app, _, _ in await repository.items(session, notice.id):
        await applications.move(session, actor, app, S.in_publicity, "application.publicised")
        await applications.tell_applicant(
            session,
            app,
            "notice.published",
            "拟认定结果公示",
            f"您的{BASE_TYPE_LABELS[BaseType(app.base_type)]}申报已进入公示，公示期 {notice.starts_on} 至 {notice.ends_on}。",
        )
    await audit.record(session, "notice.published", actor=actor, target_type="notice", target_id=notice.id)
    return await _notice_read(session, notice)


async def list_notices(session: AsyncSession, page: PageParams, *, published_only: bool) -> tuple[list[PublicityNotice], int]:
    return await paginate(session, repository.notices_statement(published_only=published_only), page)


async def get_notice(session: AsyncSession, notice_id: uuid.UUID, *, published_only: bool) -> PublicityNotice:
    notice = await repository.notice(session, notice_id, published_only=published_only)
    if notice is None:
        raise NotFound("公示不存在")
    return notice


async def notice_read(session: AsyncSession, notice_id: uuid.UUID) -> NoticeRead:
    return await _notice_read(session, await get_notice(session, notice_id, published_only=False))


# --- objections ------------------------------------------------------------------------------------


def _ticket() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "YY" + "".join(secrets.choice(alphabet) for _ in range(10))


async def file_objection(session: AsyncSession, settings: Settings, notice_id: uuid.UUID, data: ObjectionCreate) -> Objection:
    notice = await get_notice(session, notice_id, published_only=True)
    if not open_for_objections(notice):
        raise Conflict(f"不在公示期内（{notice.starts_on} 至 {notice.ends_on}），不能提出异议", code="NOT_IN_PUBLICITY_PERIOD")
    info = current_request()
    ip = info.ip if info else None
    if ip and await repository.objections_from(session, ip, clock.now() - timedelta(hours=1)) >= settings.objections_per_ip_per_hour:
        raise TooManyRequests("提交过于频繁，请稍后再试", retry_after=3600)
    if data.application_id and data.application_id not in {a.id for a, _, _ in await repository.items(session, notice.id)}:
        raise Unprocessable("所选基地不在本次公示中", code="NOT_IN_NOTICE")
    objection = Objection(
        created_at=clock.now(),  # the hourly limit per address above counts by the application's clock
        notice_id=notice.id,
        application_id=data.application_id,
        ticket=_ticket(),
        name=data.name,
        contact=data.contact,
        content=data.text,
        ip=ip,
        status=ObjectionStatus.pending,
    )
    session.add(objection)
    await session.flush()
    await audit.record(
        session,
        "objection.filed",
        actor=None,
        target_type="notice",
        target_id=notice.id,
        details={"objection_id": str(objection.id), "ticket": objection.ticket},
    )
    await notifications.notify_admins(
        session,
        kind="objection.filed",
        title="收到公示异议",
        body=f"公示「{notice.title}」收到一条异议（编号 {objection.ticket}），请处理。",
        link=f"/app/admin/notices/{notice.id}",
    )
    return objection


async def attach_to_objection(
    session: AsyncSession, settings: Settings, ticket: str, filename: str, body: AsyncIterator[bytes], limit: int
) -> Objection:
    objection = await repository.objection_by_ticket(session, ticket, for_update=True)
    if objection is None:
        raise NotFound("异议不存在")
    if objection.attachment_key or not workflow.is_open(objection.status):
        raise Conflict("该异议已有附件或已处理", code="OBJECTION_ATTACHMENT_CLOSED")
    name = applications.clean_filename(filename)
    stored = await store_upload(
        settings,
        body,
        Upload(session, None, "objection_attachment", "notice", objection.notice_id, name),
        allowed=OBJECTION_TYPES,
        label="异议附件仅支持 PDF、JPEG、PNG（按文件内容识别）",
        limit=limit,
        prefix="objections/",
    )
    objection.attachment_key, objection.attachment_type, objection.attachment_size = stored.key, stored.content_type, stored.size
    objection.attachment_name = name
    await session.flush()
    return objection


async def objection_status(session: AsyncSession, ticket: str) -> Objection:
    objection = await repository.objection_by_ticket(session, ticket)
    if objection is None:
        raise NotFound("没有该编号的异议")
    return objection


async def list_objections(
    session: AsyncSession, page: PageParams, *, notice_id: uuid.UUID | None, status: ObjectionStatus | None
) -> tuple[list[Objection], int]:
    return await paginate(session, repository.objections_statement(notice_id=notice_id, status=status), page)


async def get_objection(session: AsyncSession, objection_id: uuid.UUID) -> Objection:
    objection = await session.get(Objection, objection_id)
    if objection is None:
        raise NotFound("异议不存在")
    return objection


async def decide_objection(session: AsyncSession, actor: Principal, objection_id: uuid.UUID, data: ObjectionDecision) -> Objection:
    objection = (await session.scalars(select(Objection).where(Objection.id == objection_id).with_for_update())).first()
    if objection is None:
        raise NotFound("异议不存在")
    decided = workflow.decide(objection.status, data.decision)
    target_id = objection.application_id or data.application_id
    in_notice = {a.id: a for a, _, _ in await repository.items(session, objection.notice_id)}
    if data.decision == "uphold":
        if target_id is None or target_id not in in_notice:
            raise Unprocessable("异议成立时须指明所涉的公示申报", code="OBJECTION_TARGET_REQUIRED")
        app = in_notice[target_id]
        objection.application_id = target_id
        await applications.move(session, actor, app, S.rejected, "application.rejected", reason=f"公示异议成立：{data.reason}")
        await reviews.supersede_decision(session, actor, app, objection.id, f"公示异议成立：{data.reason}")
        await applications.tell_applicant(
            session,
            app,
            "objection.outcome",
            "公示异议成立",
            f"针对您的{BASE_TYPE_LABELS[BaseType(app.base_type)]}申报的公示异议经核查成立，不予认定。理由：{data.reason}",
        )
    elif target_id in in_notice:
        app = in_notice[target_id]
        await applications.tell_applicant(
            session,
            app,
            "objection.outcome",
            "公示异议不成立",
            f"针对您的{BASE_TYPE_LABELS[BaseType(app.base_type)]}申报的公示异议经核查不成立。",
        )
    objection.status = decided
    objection.decision_reason, objection.decided_by_id, objection.decided_at = data.reason, actor.id, clock.now()
    await session.flush()
    await audit.record(
        session,
        f"objection.{objection.status}",
        actor=actor,
        target_type="notice",
        target_id=objection.notice_id,
        reason=data.reason,
        details={"objection_id": str(objection.id)},
    )
    return objection


# --- recognition and bases -------------------------------------------------------------------------


async def recognise(session: AsyncSession, actor: Principal, data: RecognitionCreate) -> tuple[Recognition, list[TrainingBase]]:
    notice = await repository.notice(session, data.notice_id, for_update=True)
    if notice is None:
        raise NotFound("公示不存在")
    published_on = notice.published_at.astimezone(CHINA_TZ).date() if notice.published_at else None
    # Notices published before the snapshot existed are held to their calls' days as they are now.
    min_days = notice.publicity_days or await _min_days(session, notice)
    incomplete = rules.incomplete_period(
        notice.starts_on, notice.ends_on, published_on=published_on, min_days=min_days, today=clock.today()
    )
    if notice.status != NoticeStatus.published or incomplete:
        code, message = incomplete or ("PUBLICITY_NOT_OVER", "公示尚未发布")
        raise Conflict(message, code=code)
    if await repository.pending_objections(session, notice.id):
        raise Conflict("仍有未处理的异议", code="OBJECTIONS_PENDING")
    if await repository.recognition_of(session, notice.id):
        raise Conflict("该公示已认定", code="ALREADY_RECOGNISED")
    taken = await session.scalar(select(func.count()).where(Recognition.document_number == data.document_number))
    if taken:
        raise Conflict("该文号已使用", code="DOCUMENT_NUMBER_TAKEN")
    eligible = [(a, c) for a, _, c in await repository.items(session, notice.id) if a.status == S.in_publicity]
    if not eligible:
        raise Conflict("公示中没有可认定的申报（异议均成立）", code="NOTHING_TO_RECOGNISE")
    recognition = Recognition(document_number=data.document_number, issued_on=data.issued_on, notice_id=notice.id, issued_by_id=actor.id)
    session.add(recognition)
    await session.flush()
    created = await bases.create_for_recognition(session, recognition, eligible)
    await reports.ensure_for_bases(session, created)  # the months already started (month 1 when recognised today)
    for (app, _), base in zip(eligible, created, strict=True):
        await applications.move(session, actor, app, S.recognised, "application.recognised", reason=data.document_number)
        await applications.tell_applicant(
            session, app, "application.recognised", "基地认定", f"经公示无异议，您单位被认定为「{base.title}」（{data.document_number}）。"
        )
    await audit.record(
        session,
        "recognition.issued",
        actor=actor,
        target_type="notice",
        target_id=notice.id,
        details={"document_number": data.document_number, "bases": [str(b.id) for b in created]},
    )
    return recognition, created


async def recognition_read(session: AsyncSession, recognition: Recognition, created: list[TrainingBase]) -> RecognitionRead:
    return RecognitionRead(
        id=recognition.id,
        document_number=recognition.document_number,
        issued_on=recognition.issued_on,
        notice_id=recognition.notice_id,
        bases=await bases.reads_of(session, created),
    )
