"""Small helpers the review use cases share: how an application is named in a message, what it declares, how a
review is shown, the panel of an application."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import service as application_service
from skillbase.applications.rules import BASE_TYPE_LABELS
from skillbase.core.errors import NotFound
from skillbase.models import Application, Review, ReviewPanel
from skillbase.models.enums import BaseType, ReviewStatus
from skillbase.reviews import repository, rules
from skillbase.reviews.schemas import PhotoRead, ReviewRead, SiteVisit


def label(app: Application) -> str:
    return BASE_TYPE_LABELS[BaseType(app.base_type)]


async def declared_specialties(session: AsyncSession, app: Application) -> list[str]:
    form = await application_service.submitted_form(session, app)
    return [s.get("name") for s in form.get("specialties", []) if s.get("name")]


async def panel_or_404(session: AsyncSession, app_id: uuid.UUID, *, for_update: bool = False) -> ReviewPanel:
    panel = await repository.panel_of(session, app_id, for_update=for_update)
    if panel is None:
        raise NotFound("该申报尚未组建专家组")
    return panel


async def review_read(session: AsyncSession, review: Review, expert_name: str) -> ReviewRead:
    photos = (await repository.photos(session, [review.id])).get(review.id, [])
    return ReviewRead(
        id=review.id,
        member_id=review.member_id,
        expert_name=expert_name,
        scores=review.scores,
        total=rules.total(review.scores),
        site_visit=SiteVisit.model_validate(review.site_visit or {}),
        opinion=review.opinion,
        recommend=review.recommend,
        status=ReviewStatus(review.status),
        submitted_at=review.submitted_at,
        version=review.version,
        photos=[PhotoRead.model_validate(p) for p in photos],
    )
