"""Every query of the publicity domain (notices, objections, recognitions)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications.expressions import submitted_specialties
from skillbase.models import (
    Application,
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


async def shown_items(session: AsyncSession, notice_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    """What a notice shows of each of its applications, for several notices in one statement: per notice id, its rows
    (application_id, organization_name, base_type, specialties, call_name, status) by organisation name."""
    out: dict[uuid.UUID, list[Any]] = {i: [] for i in notice_ids}
    if not notice_ids:
        return out
    stmt = (
        select(
            NoticeItem.notice_id,
            Application.id.label("application_id"),
            Organization.name.label("organization_name"),
            Application.base_type,
            submitted_specialties().label("specialties"),
            Call.name.label("call_name"),
            Application.status,
        )
        .join(Application, Application.id == NoticeItem.application_id)
        .join(Organization, Organization.id == Application.organization_id)
        .join(Call, Call.id == Application.call_id)
        .where(NoticeItem.notice_id.in_(notice_ids))
        .order_by(NoticeItem.notice_id, Organization.name)
    )
    for row in (await session.execute(stmt)).all():
        out[row.notice_id].append(row)
    return out


async def recognitions_of(session: AsyncSession, notice_ids: list[uuid.UUID]) -> dict[uuid.UUID, Recognition]:
    if not notice_ids:
        return {}
    return {r.notice_id: r for r in (await session.scalars(select(Recognition).where(Recognition.notice_id.in_(notice_ids)))).all()}


async def pending_objections_of(session: AsyncSession, notice_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    if not notice_ids:
        return {}
    stmt = (
        select(Objection.notice_id, func.count())
        .where(Objection.notice_id.in_(notice_ids), Objection.status == ObjectionStatus.pending)
        .group_by(Objection.notice_id)
    )
    return {notice_id: int(n) for notice_id, n in (await session.execute(stmt)).all()}


async def in_any_notice(session: AsyncSession, app_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    return set((await session.scalars(select(NoticeItem.application_id).where(NoticeItem.application_id.in_(app_ids)))).all())


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
