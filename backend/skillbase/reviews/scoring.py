"""The expert's side: assignments, the conflict-of-interest declaration, saving and submitting one's review (locked
once submitted; the last submission completes the panel), the bureau reopening a review, site-inspection photos."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import service as application_service
from skillbase.applications.expressions import specialty_names
from skillbase.audit import service as audit
from skillbase.calls.schemas import RubricCriterion
from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.concurrency import check_version
from skillbase.core.errors import NotFound, Unprocessable
from skillbase.core.pagination import PageParams
from skillbase.files.upload import Upload, store_upload
from skillbase.models import Application, Call, Expert, Organization, PanelMember, Review, ReviewPanel, ReviewPhoto
from skillbase.models.enums import ApplicationStatus as S
from skillbase.models.enums import BaseType, Declaration, ReviewStatus
from skillbase.notifications import service as notifications
from skillbase.reviews import repository, rules, workflow
from skillbase.reviews.common import declared_specialties, label, panel_or_404, review_read
from skillbase.reviews.panels import panel_view
from skillbase.reviews.schemas import Assignment, DeclarationCreate, ReviewBody, ReviewRead, SiteVisit

# --- assignments -----------------------------------------------------------------------------------


async def my_assignments(session: AsyncSession, principal: Principal, page: PageParams) -> tuple[list[Assignment], int]:
    rows, total = await repository.assignment_page(session, principal.id, page)
    return [
        Assignment(
            member_id=row.id,
            application_id=row.application_id,
            organization_name=row.organization_name,
            base_type=BaseType(row.base_type),
            call_name=row.call_name,
            application_status=S(row.application_status),
            specialties=specialty_names(row.specialties),
            is_lead=row.is_lead,
            declaration=Declaration(row.declaration),
            review_status=ReviewStatus(row.review_status) if row.review_status else None,
            due_on=row.due_on,
            version_no=row.version_no,
            rubric=[RubricCriterion.model_validate(c) for c in row.rubric],
        )
        for row in rows
    ], total


async def my_assignment(session: AsyncSession, principal: Principal, member_id: uuid.UUID) -> Assignment:
    member, _, panel, _ = await _seat(session, principal, member_id)
    reviews = await repository.reviews_by_member(session, [member.id])
    return await _assignment(session, member, panel, reviews.get(member.id))


async def _assignment(session: AsyncSession, member: PanelMember, panel: ReviewPanel, review: Review | None) -> Assignment:
    app = await session.get(Application, panel.application_id)
    assert app is not None
    call = await session.get(Call, app.call_id)
    org = await session.get(Organization, app.organization_id)
    assert call is not None and org is not None
    return Assignment(
        member_id=member.id,
        application_id=app.id,
        organization_name=org.name,
        base_type=BaseType(app.base_type),
        call_name=call.name,
        application_status=S(app.status),
        specialties=await declared_specialties(session, app),
        is_lead=member.is_lead,
        declaration=Declaration(member.declaration),
        review_status=ReviewStatus(review.status) if review else None,
        due_on=panel.due_on,
        version_no=panel.version_no,
        rubric=[RubricCriterion.model_validate(c) for c in call.rubric],
    )


async def _seat(session: AsyncSession, principal: Principal, member_id: uuid.UUID) -> tuple[PanelMember, Expert, ReviewPanel, Application]:
    """The caller's own current seat (404 for anyone else's)."""
    found = await repository.member_for_user(session, member_id, principal.id)
    if found is None:
        raise NotFound("评审任务不存在")
    member, expert = found
    panel = await session.get(ReviewPanel, member.panel_id)
    assert panel is not None
    app = await session.get(Application, panel.application_id)
    assert app is not None
    return member, expert, panel, app


# --- the declaration -------------------------------------------------------------------------------


async def declare(session: AsyncSession, principal: Principal, member_id: uuid.UUID, data: DeclarationCreate) -> PanelMember:
    member, expert, _, app = await _seat(session, principal, member_id)
    member.declaration = workflow.declare(member.declaration, conflict=data.conflict)
    member.declaration_note, member.declared_at = data.note, clock.now()
    await session.flush()
    await audit.record(
        session,
        "review.conflict_declared" if data.conflict else "review.no_conflict_declared",
        actor=principal,
        target_type="application",
        target_id=app.id,
        reason=data.note,
    )
    if data.conflict:
        await notifications.notify_admins(
            session,
            kind="review.conflict",
            title="专家声明存在利益冲突",
            body=f"专家{expert.name}声明与一份{label(app)}申报存在利益冲突，请更换专家。",
            link=f"/app/admin/applications/{app.id}",
        )
    return member


# --- the review: draft, submit, reopen -------------------------------------------------------------


def _new_review(member: PanelMember) -> Review:
    return Review(member_id=member.id, scores={}, site_visit={}, status=ReviewStatus.draft, version=1)


async def my_review(session: AsyncSession, principal: Principal, member_id: uuid.UUID) -> ReviewRead:
    member, expert, _, _ = await _seat(session, principal, member_id)
    workflow.require_no_conflict(member.declaration)
    review = await repository.review_of(session, member.id)
    if review is None:
        review = _new_review(member)
        session.add(review)
        await session.flush()
    return await review_read(session, review, expert.name)


async def _rubric(session: AsyncSession, app: Application) -> list[dict[str, Any]]:
    call = await session.get(Call, app.call_id)
    assert call is not None
    return call.rubric


async def save_review(session: AsyncSession, principal: Principal, member_id: uuid.UUID, body: ReviewBody, expected: int) -> ReviewRead:
    member, expert, _, app = await _seat(session, principal, member_id)
    workflow.require_no_conflict(member.declaration)
    review = await repository.review_of(session, member.id, for_update=True)
    if review is None:
        review = _new_review(member)
        session.add(review)
        await session.flush()
    workflow.ensure_editable(workflow.Edit.save, review.status)
    check_version(review.version, expected)
    problems = rules.score_problems(body.scores, await _rubric(session, app), complete=False)
    if problems:
        raise Unprocessable("评分不符合评分细则", code="SCORES_INVALID", details=problems)
    review.scores, review.site_visit = body.scores, body.site_visit.model_dump(mode="json")
    review.opinion, review.recommend = body.opinion, body.recommend
    review.version += 1
    await session.flush()
    return await review_read(session, review, expert.name)


async def submit_review(session: AsyncSession, principal: Principal, member_id: uuid.UUID, expected: int) -> ReviewRead:
    member, expert, panel, app = await _seat(session, principal, member_id)
    # Serialise the panel's submissions: the last one moves the application to "reviewed", exactly once.
    await application_service.lock(session, app.id)
    workflow.require_no_conflict(member.declaration)
    review = await repository.review_of(session, member.id, for_update=True)
    if review is None:
        raise Unprocessable("请先填写评审内容", code="REVIEW_EMPTY")
    workflow.ensure_editable(workflow.Edit.submit, review.status)
    check_version(review.version, expected)
    problems = rules.score_problems(review.scores, await _rubric(session, app), complete=True)
    visit = SiteVisit.model_validate(review.site_visit or {})
    if not visit.visited_on or not visit.place:
        problems.append({"field": "site_visit", "message": "请填写现场核查的日期和地点"})
    if not visit.findings or any(f.result is None for f in visit.findings):
        problems.append({"field": "site_visit.findings", "message": "请逐项填写现场核查结果"})
    if not review.opinion:
        problems.append({"field": "opinion", "message": "请填写评审意见"})
    if review.recommend is None:
        problems.append({"field": "recommend", "message": "请选择是否推荐"})
    if problems:
        raise Unprocessable("评审尚不完整，不能提交", code="REVIEW_INCOMPLETE", details=problems)
    review.status, review.submitted_at = workflow.transition(review.status, ReviewStatus.submitted), clock.now()
    review.version += 1
    await session.flush()
    await audit.record(
        session,
        "review.submitted",
        actor=principal,
        target_type="application",
        target_id=app.id,
        details={"total": rules.total(review.scores), "recommend": review.recommend},
    )
    await _complete_if_all_submitted(session, principal, panel, app)
    return await review_read(session, review, expert.name)


async def _complete_if_all_submitted(session: AsyncSession, actor: Principal, panel: ReviewPanel, app: Application) -> None:
    seats = await repository.members(session, panel.id, current_only=True)
    reviews = await repository.reviews_by_member(session, [m.id for m, _ in seats])
    statuses = [ReviewStatus(reviews[m.id].status) if m.id in reviews else None for m, _ in seats]
    if workflow.panel_complete(statuses):
        await application_service.move(session, actor, app, S.reviewed, "application.reviewed")
        await notifications.notify_admins(
            session,
            kind="review.completed",
            title="专家评审完成",
            body=f"一份{label(app)}申报的全部专家评审已提交，请查看评审结果。",
            link=f"/app/admin/applications/{app.id}",
        )


async def reopen_review(session: AsyncSession, actor: Principal, app_id: uuid.UUID, member_id: uuid.UUID, reason: str) -> None:
    app = await application_service.get(session, actor, app_id, for_update=True)
    panel = await panel_or_404(session, app.id)
    workflow.require(workflow.Step.reopen_review, app.status)
    review = await repository.review_of(session, member_id, for_update=True)
    seat = next((m for m, _ in await repository.members(session, panel.id, current_only=True) if m.id == member_id), None)
    if seat is None or review is None or not workflow.can_reopen(review.status):
        raise NotFound("没有可重新开放的已提交评审")
    review.status, review.submitted_at = workflow.transition(review.status, ReviewStatus.draft), None
    review.version += 1
    await session.flush()
    await audit.record(
        session,
        "review.reopened",
        actor=actor,
        target_type="application",
        target_id=app.id,
        reason=reason,
        details={"member_id": str(member_id)},
    )
    if app.status == S.reviewed:
        await application_service.move(session, actor, app, S.under_review, "application.review_reopened", reason=reason)
    expert = await session.get(Expert, seat.expert_id)
    assert expert is not None
    await notifications.notify(
        session,
        [expert.user_id],
        kind="review.reopened",
        title="评审已重新开放",
        body=f"管理员重新开放了您的评审，理由：{reason}",
        link="/app/reviews",
    )


# --- site-inspection photos ------------------------------------------------------------------------

PHOTO_TYPES = {"image/jpeg", "image/png"}


async def add_photo(
    session: AsyncSession, settings: Settings, principal: Principal, member_id: uuid.UUID, filename: str, body: AsyncIterator[bytes]
) -> ReviewPhoto:
    member, _, _, app = await _seat(session, principal, member_id)
    workflow.require_no_conflict(member.declaration)
    review = await repository.review_of(session, member.id, for_update=True)
    workflow.ensure_editable(workflow.Edit.add_photo, review.status if review else None)
    assert review is not None
    name = application_service.clean_filename(filename)
    stored = await store_upload(
        settings,
        body,
        Upload(session, principal, "review_photo", "application", app.id, name),
        allowed=PHOTO_TYPES,
        label="现场照片仅支持 JPEG、PNG（按文件内容识别）",
    )
    photo = ReviewPhoto(
        review_id=review.id,
        original_name=name,
        content_type=stored.content_type,
        size_bytes=stored.size,
        sha256=stored.sha256,
        storage_key=stored.key,
    )
    session.add(photo)
    await session.flush()
    await audit.record(
        session,
        "review.photo_added",
        actor=principal,
        target_type="application",
        target_id=app.id,
        details={"photo_id": str(photo.id)},
    )
    return photo


async def get_photo(session: AsyncSession, principal: Principal, app_id: uuid.UUID, photo_id: uuid.UUID) -> ReviewPhoto:
    """A photo is seen by whoever may see the review it belongs to."""
    view = await panel_view(session, principal, app_id)
    for review in view.reviews:
        if any(p.id == photo_id for p in review.photos):
            photo = await session.get(ReviewPhoto, photo_id)
            assert photo is not None
            return photo
    raise NotFound("照片不存在")
