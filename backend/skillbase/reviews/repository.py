"""Every query of the review domain."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications.expressions import submitted_specialties
from skillbase.core.pagination import PageParams
from skillbase.models import Application, Call, Decision, Expert, FormalCheck, Organization, PanelMember, Review, ReviewPanel, ReviewPhoto
from skillbase.models.enums import Declaration, ReviewStatus


async def formal_checks(session: AsyncSession, app_id: uuid.UUID) -> list[FormalCheck]:
    stmt = select(FormalCheck).where(FormalCheck.application_id == app_id).order_by(FormalCheck.decided_at)
    return list((await session.scalars(stmt)).all())


async def panel_of(session: AsyncSession, app_id: uuid.UUID, *, for_update: bool = False) -> ReviewPanel | None:
    stmt = select(ReviewPanel).where(ReviewPanel.application_id == app_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def members(session: AsyncSession, panel_id: uuid.UUID, *, current_only: bool = False) -> list[tuple[PanelMember, Expert]]:
    stmt: Select[PanelMember, Expert] = (
        select(PanelMember, Expert).join(Expert, Expert.id == PanelMember.expert_id).where(PanelMember.panel_id == panel_id)
    )
    if current_only:
        stmt = stmt.where(PanelMember.removed_at.is_(None))
    rows = (await session.execute(stmt.order_by(PanelMember.is_lead.desc(), PanelMember.added_at))).all()
    return [(m, e) for m, e in rows]


async def member_for_user(session: AsyncSession, member_id: uuid.UUID, user_id: uuid.UUID) -> tuple[PanelMember, Expert] | None:
    """The caller's own current panel seat."""
    stmt = (
        select(PanelMember, Expert)
        .join(Expert, Expert.id == PanelMember.expert_id)
        .where(PanelMember.id == member_id, Expert.user_id == user_id, PanelMember.removed_at.is_(None))
    )
    row = (await session.execute(stmt)).first()
    return (row[0], row[1]) if row else None


def _current_seats_of(user_id: uuid.UUID) -> Select[uuid.UUID]:
    return (
        select(PanelMember.id)
        .join(Expert, Expert.id == PanelMember.expert_id)
        .where(Expert.user_id == user_id, PanelMember.removed_at.is_(None))
    )


async def assignment_page(session: AsyncSession, user_id: uuid.UUID, page: PageParams) -> tuple[list[Any], int]:
    """One page of the expert's current seats, newest first, with what the list shows of each (its application, call,
    organisation, own review's status and the submitted specialties) in one query, plus the total: two statements
    whatever the page size."""
    total = int(await session.scalar(select(func.count()).select_from(_current_seats_of(user_id).subquery())) or 0)
    order = (PanelMember.added_at.desc(), PanelMember.id)
    shown = _current_seats_of(user_id).order_by(*order).limit(page.limit).offset(page.offset).subquery()  # joined: the page only
    stmt = (
        select(
            PanelMember.id,
            PanelMember.is_lead,
            PanelMember.declaration,
            ReviewPanel.application_id,
            ReviewPanel.due_on,
            ReviewPanel.version_no,
            Application.base_type,
            Application.status.label("application_status"),
            Organization.name.label("organization_name"),
            Call.name.label("call_name"),
            Call.rubric,
            Review.status.label("review_status"),
            submitted_specialties().label("specialties"),
        )
        .join(shown, shown.c.id == PanelMember.id)
        .join(ReviewPanel, ReviewPanel.id == PanelMember.panel_id)
        .join(Application, Application.id == ReviewPanel.application_id)
        .join(Organization, Organization.id == Application.organization_id)
        .join(Call, Call.id == Application.call_id)
        .outerjoin(Review, Review.member_id == PanelMember.id)
        .order_by(*order)
    )
    return list((await session.execute(stmt)).all()), total


async def reviews_by_member(session: AsyncSession, member_ids: list[uuid.UUID]) -> dict[uuid.UUID, Review]:
    if not member_ids:
        return {}
    rows = (await session.scalars(select(Review).where(Review.member_id.in_(member_ids)))).all()
    return {r.member_id: r for r in rows}


async def review_of(session: AsyncSession, member_id: uuid.UUID, *, for_update: bool = False) -> Review | None:
    stmt = select(Review).where(Review.member_id == member_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).first()


async def photos(session: AsyncSession, review_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[ReviewPhoto]]:
    out: dict[uuid.UUID, list[ReviewPhoto]] = {}
    if review_ids:
        for p in (
            await session.scalars(select(ReviewPhoto).where(ReviewPhoto.review_id.in_(review_ids)).order_by(ReviewPhoto.uploaded_at))
        ).all():
            out.setdefault(p.review_id, []).append(p)
    return out


async def open_load(session: AsyncSession) -> dict[uuid.UUID, int]:
    """Per expert: current panel seats whose review is not submitted yet."""
    stmt = (
        select(PanelMember.expert_id, func.count())
        .outerjoin(Review, Review.member_id == PanelMember.id)
        .where(PanelMember.removed_at.is_(None), PanelMember.declaration != Declaration.conflict)
        .where((Review.id.is_(None)) | (Review.status != ReviewStatus.submitted))
        .group_by(PanelMember.expert_id)
    )
    return {eid: int(n) for eid, n in (await session.execute(stmt)).all()}


async def active_experts(session: AsyncSession) -> list[Expert]:
    return list((await session.scalars(select(Expert).where(Expert.is_active).order_by(Expert.name))).all())


async def decision_of(session: AsyncSession, app_id: uuid.UUID) -> Decision | None:
    return (await session.scalars(select(Decision).where(Decision.application_id == app_id))).first()
