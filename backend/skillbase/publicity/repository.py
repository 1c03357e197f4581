"""Every query of the publicity domain (notices, objections, recognitions)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import (
    Application,
    ApplicationVersion,
    Call,
    NoticeItem,
    Objection,
    Organization,
    PublicityNotice,
    Recognition,
)
from skillbase.models.enums import NoticeStatus, ObjectionStatus


def notices_statement(*, published_only: bool) -> Select[PublicityNotice]:
    stmt = select(PublicityNotice)
    if published_only:
        stmt = stmt.where(PublicityNotice.status == NoticeStatus.published)
    return stmt.order_by(PublicityNotice.starts_on.desc(), PublicityNotice.created_at.desc())


async def notice(
    session: AsyncSession, notice_id: uuid.UUID, *, published_only: bool = False, for_update: bool = False
) -> PublicityNotice | None:
    stmt = notices_statement(published_only=published_only).where(PublicityNotice.id == notice_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def items(session: AsyncSession, notice_id: uuid.UUID) -> list[tuple[Application, Organization, Call]]:
    stmt = (
        select(Application, Organization, Call)
        .join(NoticeItem, NoticeItem.application_id == Application.id)
        .join(Organization, Organization.id == Application.organization_id)
        .join(Call, Call.id == Application.call_id)
        .where(NoticeItem.notice_id == notice_id)
        .order_by(Organization.name)
    )
    return [(a, o, c) for a, o, c in (await session.execute(stmt)).all()]


async def in_any_notice(session: AsyncSession, app_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    return set((await session.scalars(select(NoticeItem.application_id).where(NoticeItem.application_id.in_(app_ids)))).all())


async def specialties(session: AsyncSession, app: Application) -> list[str]:
    stmt = select(ApplicationVersion.form).where(
        ApplicationVersion.application_id == app.id, ApplicationVersion.version_no == app.submitted_versions
    )
    form = (await session.scalars(stmt)).first() or app.draft_form
    return [s["name"] for s in form.get("specialties", []) if s.get("name")]


async def pending_objections(session: AsyncSession, notice_id: uuid.UUID) -> int:
    stmt = select(func.count()).where(Objection.notice_id == notice_id, Objection.status == ObjectionStatus.pending)
    return int(await session.scalar(stmt) or 0)


async def objections_from(session: AsyncSession, ip: str, since: datetime) -> int:
    stmt = select(func.count()).where(Objection.ip == ip, Objection.created_at >= since)
    return int(await session.scalar(stmt) or 0)


def objections_statement(*, notice_id: uuid.UUID | None, status: ObjectionStatus | None) -> Select[Objection]:
    stmt = select(Objection)
    if notice_id:
        stmt = stmt.where(Objection.notice_id == notice_id)
    if status:
        stmt = stmt.where(Objection.status == status.value)
    return stmt.order_by(Objection.created_at.desc())


async def objection_by_ticket(session: AsyncSession, ticket: str, *, for_update: bool = False) -> Objection | None:
    stmt = select(Objection).where(Objection.ticket == ticket)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def recognition_of(session: AsyncSession, notice_id: uuid.UUID) -> Recognition | None:
    return (await session.scalars(select(Recognition).where(Recognition.notice_id == notice_id))).first()
