"""Formal check, panel forming, conflict declarations, expert reviews (blind until one's own is submitted),
the panel result and opinion, and the bureau's decision."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.accounts import repository as users
from skillbase.applications import repository as applications
from skillbase.applications import service as application_service
from skillbase.applications.rules import BASE_TYPE_LABELS
from skillbase.audit import service as audit
from skillbase.calls.schemas import RubricCriterion
from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.concurrency import check_version
from skillbase.core.errors import Conflict, Forbidden, InvalidTransition, NotFound, Unprocessable
from skillbase.core.pagination import PageParams
from skillbase.files.upload import Upload, store_upload
from skillbase.models import (
    Application,
    Call,
    Decision,
    Expert,
    FormalCheck,
    Organization,
    PanelMember,
    Review,
    ReviewPanel,
    ReviewPhoto,
)
from skillbase.models.enums import ApplicationStatus, BaseType, Declaration, ReviewStatus, Role
from skillbase.notifications import service as notifications
from skillbase.reviews import repository, rules
from skillbase.reviews.schemas import (
    Assignment,
    DecisionCreate,
    DeclarationCreate,
    ExpertSuggestion,
    ExpertTotal,
    FormalCheckCreate,
    MemberRead,
    MemberReplace,
    PanelCreate,
    PanelRead,
    PanelResultRead,
    PhotoRead,
    ReviewBody,
    ReviewRead,
    SiteVisit,
)

S = ApplicationStatus


def _label(app: Application) -> str:
    return BASE_TYPE_LABELS[BaseType(app.base_type)]


# --- formal check ----------------------------------------------------------------------------------


async def formal_check(session: AsyncSession, actor: Principal, app_id: uuid.UUID, data: FormalCheckCreate) -> FormalCheck:
    app = await application_service.get(session, actor, app_id, for_update=True)
    if app.status != S.submitted:
        raise InvalidTransition("只有已提交、待形式审查的申报可以进行形式审查", code="APPLICATION_INVALID_STATE")
    check = FormalCheck(
        application_id=app.id,
        version_no=app.submitted_versions,
        decision="passed" if data.decision == "pass" else "returned",
        reasons=[r.model_dump() for r in data.reasons],
        comment=data.comment,
        decided_by_id=actor.id,
    )
    session.add(check)
    if data.decision == "pass":
        await application_service.move(
            session, actor.user, app, S.formal_check_passed, "application.formal_check_passed", reason=data.comment
        )
        await application_service.tell_applicant(
            session, app, "application.passed_to_review", "形式审查通过", f"您的{_label(app)}申报已通过形式审查，进入专家评审。"
        )
    else:
        summary = "；".join(f"{r.section}：{r.reason}" for r in data.reasons)
        await application_service.move(
            session,
            actor.user,
            app,
            S.returned,
            "application.returned",
            reason=summary,
            details={"reasons": [r.model_dump() for r in data.reasons]},
        )
        await application_service.tell_applicant(
            session, app, "application.returned", "申报被退回修改", f"您的{_label(app)}申报需要修改后重新提交。退回理由：{summary}"
        )
    return check


async def list_formal_checks(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> list[FormalCheck]:
    app = await application_service.get(session, principal, app_id)
    return await repository.formal_checks(session, app.id)


# --- panel -----------------------------------------------------------------------------------------


async def _declared_specialties(session: AsyncSession, app: Application) -> list[str]:
    version = await applications.version(session, app.id, app.submitted_versions) if app.submitted_versions else None
    form = version.form if version else app.draft_form
    return [s.get("name") for s in form.get("specialties", []) if s.get("name")]


async def _exclusions(session: AsyncSession, experts: list[Expert], org: Organization) -> dict[uuid.UUID, str]:
    """Experts who work for the applicant (by linked organisation, credit code, or name as a fallback), with the reason."""
    linked_ids = {e.organization_id for e in experts if e.organization_id}
    linked = (
        {o.id: o for o in (await session.scalars(select(Organization).where(Organization.id.in_(linked_ids)))).all()} if linked_ids else {}
    )
    out: dict[uuid.UUID, str] = {}
    for e in experts:
        employer = linked.get(e.organization_id) if e.organization_id else None
        why = rules.conflict_reason(
            rules.ExpertEmployer(
                name=e.organization_name,
                organization_id=e.organization_id,
                credit_code=e.organization_credit_code,
                organization_credit_code=employer.credit_code if employer else None,
                organization_name=employer.name if employer else None,
            ),
            org.id,
            org.name,
            org.credit_code,
        )
        if why:
            out[e.id] = why
    return out


async def suggestions(session: AsyncSession, actor: Principal, app_id: uuid.UUID) -> list[ExpertSuggestion]:
    app = await application_service.get(session, actor, app_id)
    org = await session.get(Organization, app.organization_id)
    assert org is not None
    declared = await _declared_specialties(session, app)
    load = await repository.open_load(session)
    seated: dict[uuid.UUID, str] = {}  # experts on this panel now or before: the replace endpoint refuses them
    panel = await repository.panel_of(session, app.id)
    if panel:
        for m, _ in await repository.members(session, panel.id):
            if m.declaration == Declaration.conflict:
                seated[m.expert_id] = "已声明存在利益冲突"
            elif m.removed_at is not None:
                seated[m.expert_id] = "曾在本专家组（已更换）"
            else:
                seated[m.expert_id] = "已在本专家组"
    experts = await repository.active_experts(session)
    by_id = {e.id: e for e in experts}
    excluded = await _exclusions(session, experts, org)
    ranked = rules.rank(
        [
            rules.Candidate(
                e.id,
                e.name,
                rules.specialty_match(e.specialties, declared),
                load.get(e.id, 0),
                seated.get(e.id) or excluded.get(e.id),
            )
            for e in experts
        ]
    )
    return [
        ExpertSuggestion(
            expert_id=c.expert_id,
            name=c.name,
            organization_name=by_id[c.expert_id].organization_name,
            title=by_id[c.expert_id].title,
            specialties=by_id[c.expert_id].specialties,
            match=c.match,
            load=c.load,
            excluded=c.excluded,
        )
        for c in ranked
    ]


async def _check_members(session: AsyncSession, expert_ids: list[uuid.UUID], org: Organization) -> list[Expert]:
    problems: list[dict[str, str]] = []
    if len(set(expert_ids)) != len(expert_ids):
        problems.append({"field": "expert_ids", "message": "同一专家不能重复入选"})
    size = rules.panel_size_problem(len(set(expert_ids)))
    if size:
        problems.append({"field": "expert_ids", "message": size})
    experts = list((await session.scalars(select(Expert).where(Expert.id.in_(expert_ids)))).all())
    found = {e.id for e in experts}
    for eid in expert_ids:
        if eid not in found:
            problems.append({"field": "expert_ids", "message": f"专家 {eid} 不存在"})
    excluded = await _exclusions(session, experts, org)
    for e in experts:
        if not e.is_active:
            problems.append({"field": "expert_ids", "message": f"专家「{e.name}」已停用"})
        why = excluded.get(e.id)
        if why:
            problems.append({"field": "expert_ids", "message": f"专家「{e.name}」：{why}"})
    if problems:
        raise Unprocessable("专家组组成不符合要求", code="PANEL_INVALID", details=problems)
    return experts


async def form_panel(session: AsyncSession, actor: Principal, app_id: uuid.UUID, data: PanelCreate) -> ReviewPanel:
    app = await application_service.get(session, actor, app_id, for_update=True)
    if app.status != S.formal_check_passed:
        raise InvalidTransition("只有形式审查通过的申报可以组建专家组", code="APPLICATION_INVALID_STATE")
    if await repository.panel_of(session, app.id):
        raise Conflict("该申报已组建专家组", code="PANEL_EXISTS")
    if data.lead_expert_id not in data.expert_ids:
        raise Unprocessable(
            "组长须为专家组成员", code="PANEL_INVALID", details=[{"field": "lead_expert_id", "message": "组长须为专家组成员"}]
        )
    org = await session.get(Organization, app.organization_id)
    assert org is not None
    experts = await _check_members(session, data.expert_ids, org)
    panel = ReviewPanel(application_id=app.id, version_no=app.submitted_versions, due_on=data.due_on, formed_by_id=actor.id)
    session.add(panel)
    await session.flush()
    for e in experts:
        session.add(PanelMember(panel_id=panel.id, expert_id=e.id, is_lead=e.id == data.lead_expert_id))
    await session.flush()
    await application_service.move(
        session,
        actor.user,
        app,
        S.under_review,
        "application.review_started",
        details={"experts": [e.name for e in experts], "lead": str(data.lead_expert_id)},
    )
    await notifications.notify(
        session,
        [e.user_id for e in experts],
        kind="review.assigned",
        title="新的评审任务",
        body=f"您被邀请评审一份{_label(app)}申报。请先声明是否存在利益冲突。",
        link="/app/reviews",
    )
    return panel


async def replace_member(
    session: AsyncSession, actor: Principal, app_id: uuid.UUID, member_id: uuid.UUID, data: MemberReplace
) -> ReviewPanel:
    app = await application_service.get(session, actor, app_id, for_update=True)
    panel = await repository.panel_of(session, app.id, for_update=True)
    if panel is None:
        raise NotFound("该申报尚未组建专家组")
    if app.status != S.under_review:
        raise InvalidTransition("评审已结束，不能更换专家", code="APPLICATION_INVALID_STATE")
    seats = await repository.members(session, panel.id, current_only=True)
    seat = next((m for m, _ in seats if m.id == member_id), None)
    if seat is None:
        raise NotFound("该专家不在专家组中")
    review = await repository.review_of(session, seat.id)
    if review and review.status == ReviewStatus.submitted:
        raise Conflict("该专家已提交评审，不能更换", code="REVIEW_ALREADY_SUBMITTED")
    if data.new_expert_id in {m.expert_id for m, _ in await repository.members(session, panel.id)}:
        raise Unprocessable("该专家已在（或曾在）本专家组中", code="PANEL_INVALID")
    org = await session.get(Organization, app.organization_id)
    assert org is not None
    newcomer = await _one_expert(session, data.new_expert_id, org)
    seat.removed_at, seat.removed_reason = clock.now(), data.reason
    was_lead = seat.is_lead
    seat.is_lead = False
    await session.flush()
    session.add(PanelMember(panel_id=panel.id, expert_id=newcomer.id, is_lead=was_lead))
    await session.flush()
    await audit.record(
        session,
        "review.member_replaced",
        actor=actor.user,
        target_type="application",
        target_id=app.id,
        reason=data.reason,
        details={"removed_member": str(seat.id), "new_expert": newcomer.name},
    )
    await notifications.notify(
        session,
        [newcomer.user_id],
        kind="review.assigned",
        title="新的评审任务",
        body=f"您被邀请评审一份{_label(app)}申报。请先声明是否存在利益冲突。",
        link="/app/reviews",
    )
    return panel


async def _one_expert(session: AsyncSession, expert_id: uuid.UUID, org: Organization) -> Expert:
    expert = await session.get(Expert, expert_id)
    if expert is None or not expert.is_active:
        raise Unprocessable("专家不存在或已停用", code="PANEL_INVALID")
    why = (await _exclusions(session, [expert], org)).get(expert.id)
    if why:
        raise Unprocessable(f"专家「{expert.name}」：{why}", code="PANEL_INVALID")
    return expert


# --- the expert's side -----------------------------------------------------------------------------


async def my_assignments(session: AsyncSession, principal: Principal, page: PageParams) -> tuple[list[Assignment], int]:
    seats = await repository.assignments_of(session, principal.id)
    shown = seats[page.offset : page.offset + page.limit]
    reviews = await repository.reviews_by_member(session, [m.id for m, _ in shown])
    return [await _assignment(session, member, panel, reviews.get(member.id)) for member, panel in shown], len(seats)


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
        specialties=await _declared_specialties(session, app),
        is_lead=member.is_lead,
        declaration=Declaration(member.declaration),
        review_status=ReviewStatus(review.status) if review else None,
        due_on=panel.due_on,
        version_no=panel.version_no,
        rubric=[RubricCriterion.model_validate(c) for c in call.rubric],
    )


async def _seat(session: AsyncSession, principal: Principal, member_id: uuid.UUID) -> tuple[PanelMember, Expert, ReviewPanel, Application]:
    found = await repository.member_for_user(session, member_id, principal.id)
    if found is None:
        raise NotFound("评审任务不存在")
    member, expert = found
    panel = await session.get(ReviewPanel, member.panel_id)
    assert panel is not None
    app = await session.get(Application, panel.application_id)
    assert app is not None
    return member, expert, panel, app


async def declare(session: AsyncSession, principal: Principal, member_id: uuid.UUID, data: DeclarationCreate) -> PanelMember:
    member, expert, _, app = await _seat(session, principal, member_id)
    if member.declaration != Declaration.pending:
        raise Conflict("已声明，不能重复声明", code="ALREADY_DECLARED")
    member.declaration = Declaration.conflict if data.conflict else Declaration.no_conflict
    member.declaration_note, member.declared_at = data.note, clock.now()
    await session.flush()
    await audit.record(
        session,
        "review.conflict_declared" if data.conflict else "review.no_conflict_declared",
        actor=principal.user,
        target_type="application",
        target_id=app.id,
        reason=data.note,
    )
    if data.conflict:
        await notifications.notify(
            session,
            await users.admin_ids(session),
            kind="review.conflict",
            title="专家声明存在利益冲突",
            body=f"专家{expert.name}声明与一份{_label(app)}申报存在利益冲突，请更换专家。",
            link=f"/app/admin/applications/{app.id}",
        )
    return member


def _require_no_conflict(member: PanelMember) -> None:
    if member.declaration != Declaration.no_conflict:
        raise Forbidden("请先声明与该申报不存在利益冲突", code="DECLARATION_REQUIRED")


async def _review_read(session: AsyncSession, review: Review, expert_name: str) -> ReviewRead:
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


async def my_review(session: AsyncSession, principal: Principal, member_id: uuid.UUID) -> ReviewRead:
    member, expert, _, _ = await _seat(session, principal, member_id)
    _require_no_conflict(member)
    review = await repository.review_of(session, member.id)
    if review is None:
        review = Review(member_id=member.id, scores={}, site_visit={}, status=ReviewStatus.draft, version=1)
        session.add(review)
        await session.flush()
    return await _review_read(session, review, expert.name)


async def _rubric(session: AsyncSession, app: Application) -> list[dict[str, Any]]:
    call = await session.get(Call, app.call_id)
    assert call is not None
    return call.rubric


async def save_review(session: AsyncSession, principal: Principal, member_id: uuid.UUID, body: ReviewBody, expected: int) -> ReviewRead:
    member, expert, _, app = await _seat(session, principal, member_id)
    _require_no_conflict(member)
    review = await repository.review_of(session, member.id, for_update=True)
    if review is None:
        review = Review(member_id=member.id, scores={}, site_visit={}, status=ReviewStatus.draft, version=1)
        session.add(review)
        await session.flush()
    if review.status == ReviewStatus.submitted:
        raise InvalidTransition("评审已提交并锁定，如需修改请联系管理员重新开放", code="REVIEW_LOCKED")
    check_version(review.version, expected)
    problems = rules.score_problems(body.scores, await _rubric(session, app), complete=False)
    if problems:
        raise Unprocessable("评分不符合评分细则", code="SCORES_INVALID", details=problems)
    review.scores, review.site_visit = body.scores, body.site_visit.model_dump(mode="json")
    review.opinion, review.recommend = body.opinion, body.recommend
    review.version += 1
    await session.flush()
    return await _review_read(session, review, expert.name)


async def submit_review(session: AsyncSession, principal: Principal, member_id: uuid.UUID, expected: int) -> ReviewRead:
    member, expert, panel, app = await _seat(session, principal, member_id)
    # Serialise the panel's submissions: the last one moves the application to "reviewed", exactly once.
    await session.execute(select(Application).where(Application.id == app.id).with_for_update().execution_options(populate_existing=True))
    _require_no_conflict(member)
    review = await repository.review_of(session, member.id, for_update=True)
    if review is None:
        raise Unprocessable("请先填写评审内容", code="REVIEW_EMPTY")
    if review.status == ReviewStatus.submitted:
        raise InvalidTransition("评审已提交", code="REVIEW_LOCKED")
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
    review.status, review.submitted_at = ReviewStatus.submitted, clock.now()
    review.version += 1
    await session.flush()
    await audit.record(
        session,
        "review.submitted",
        actor=principal.user,
        target_type="application",
        target_id=app.id,
        details={"total": rules.total(review.scores), "recommend": review.recommend},
    )
    await _complete_if_all_submitted(session, principal, panel, app)
    return await _review_read(session, review, expert.name)


async def _complete_if_all_submitted(session: AsyncSession, actor: Principal, panel: ReviewPanel, app: Application) -> None:
    seats = await repository.members(session, panel.id, current_only=True)
    reviews = await repository.reviews_by_member(session, [m.id for m, _ in seats])
    if seats and all(reviews.get(m.id) and reviews[m.id].status == ReviewStatus.submitted for m, _ in seats):
        await application_service.move(session, actor.user, app, S.reviewed, "application.reviewed")
        await notifications.notify(
            session,
            await users.admin_ids(session),
            kind="review.completed",
            title="专家评审完成",
            body=f"一份{_label(app)}申报的全部专家评审已提交，请查看评审结果。",
            link=f"/app/admin/applications/{app.id}",
        )


async def reopen_review(session: AsyncSession, actor: Principal, app_id: uuid.UUID, member_id: uuid.UUID, reason: str) -> None:
    app = await application_service.get(session, actor, app_id, for_update=True)
    panel = await repository.panel_of(session, app.id)
    if panel is None:
        raise NotFound("该申报尚未组建专家组")
    if app.status not in (S.under_review, S.reviewed):
        raise InvalidTransition("已作出决定的申报不能重新开放评审", code="APPLICATION_INVALID_STATE")
    review = await repository.review_of(session, member_id, for_update=True)
    seat = next((m for m, _ in await repository.members(session, panel.id, current_only=True) if m.id == member_id), None)
    if seat is None or review is None or review.status != ReviewStatus.submitted:
        raise NotFound("没有可重新开放的已提交评审")
    review.status, review.submitted_at = ReviewStatus.draft, None
    review.version += 1
    await session.flush()
    await audit.record(
        session,
        "review.reopened",
        actor=actor.user,
        target_type="application",
        target_id=app.id,
        reason=reason,
        details={"member_id": str(member_id)},
    )
    if app.status == S.reviewed:
        await application_service.move(session, actor.user, app, S.under_review, "application.review_reopened", reason=reason)
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


# --- panel view, result, opinion -------------------------------------------------------------------


async def panel_view(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> PanelRead:
    app = await application_service.get(session, principal, app_id)
    panel = await repository.panel_of(session, app.id)
    if panel is None:
        raise NotFound("该申报尚未组建专家组")
    seats = await repository.members(session, panel.id)
    current = [(m, e) for m, e in seats if m.removed_at is None]
    reviews = await repository.reviews_by_member(session, [m.id for m, _ in seats])
    call = await session.get(Call, app.call_id)
    assert call is not None

    may_see_all = principal.role is Role.admin
    if principal.role is Role.expert:
        mine = next((m for m, e in current if e.user_id == principal.id), None)
        own = reviews.get(mine.id) if mine else None
        may_see_all = own is not None and own.status == ReviewStatus.submitted  # blind until one's own is submitted
    visible: list[ReviewRead] = []
    for m, e in current:
        r = reviews.get(m.id)
        if r is None:
            continue
        if (may_see_all and r.status == ReviewStatus.submitted) or (e.user_id == principal.id):
            visible.append(await _review_read(session, r, e.name))

    submitted = [(m, e, reviews[m.id]) for m, e in current if m.id in reviews and reviews[m.id].status == ReviewStatus.submitted]
    result = None
    if may_see_all:
        complete = bool(current) and len(submitted) == len(current)
        agg = (
            rules.aggregate(
                [rules.total(r.scores) for *_, r in submitted], [bool(r.recommend) for *_, r in submitted], call.score_divergence_points
            )
            if submitted
            else None
        )
        result = PanelResultRead(
            complete=complete,
            totals=[ExpertTotal(expert_name=e.name, total=rules.total(r.scores), recommend=r.recommend) for _, e, r in submitted],
            mean=agg.mean if agg else None,
            median=agg.median if agg else None,
            spread=agg.spread if agg else None,
            diverges=agg.diverges if agg else None,
            divergence_points=call.score_divergence_points,
            recommend_votes=agg.recommend_votes if agg else 0,
            against_votes=agg.against_votes if agg else 0,
            majority_recommends=agg.majority_recommends if agg and complete else None,
        )
    show_mobile = principal.role is Role.admin
    members = [
        MemberRead(
            id=m.id,
            expert_id=e.id,
            name=e.name,
            organization_name=e.organization_name,
            title=e.title,
            mobile=e.mobile if show_mobile else None,
            is_lead=m.is_lead,
            declaration=Declaration(m.declaration),
            review_status=ReviewStatus(reviews[m.id].status) if m.id in reviews else None,
            removed=m.removed_at is not None,
            removed_reason=m.removed_reason if show_mobile else None,
        )
        for m, e in seats
        if show_mobile or m.removed_at is None
    ]
    return PanelRead(
        id=panel.id,
        application_id=app.id,
        version_no=panel.version_no,
        due_on=panel.due_on,
        members=members,
        panel_opinion=panel.panel_opinion,
        opinion_at=panel.opinion_at,
        reviews=visible,
        result=result,
    )


async def write_opinion(session: AsyncSession, principal: Principal, app_id: uuid.UUID, text: str) -> ReviewPanel:
    app = await application_service.get(session, principal, app_id)
    panel = await repository.panel_of(session, app.id, for_update=True)
    if panel is None:
        raise NotFound("该申报尚未组建专家组")
    lead = next(
        (m for m, e in await repository.members(session, panel.id, current_only=True) if m.is_lead and e.user_id == principal.id), None
    )
    if lead is None:
        raise Forbidden("专家评审意见由专家组组长填写", code="NOT_PANEL_LEAD")
    if app.status != S.reviewed:
        raise InvalidTransition("全部专家提交评审后，组长才能填写专家组意见", code="REVIEWS_INCOMPLETE")
    panel.panel_opinion, panel.opinion_by_id, panel.opinion_at = text, principal.id, clock.now()
    await session.flush()
    await audit.record(session, "review.panel_opinion", actor=principal.user, target_type="application", target_id=app.id)
    return panel


# --- decision --------------------------------------------------------------------------------------


async def decide(session: AsyncSession, actor: Principal, app_id: uuid.UUID, data: DecisionCreate) -> Decision:
    app = await application_service.get(session, actor, app_id, for_update=True)
    if app.status != S.reviewed:
        raise InvalidTransition("评审完成后才能作出决定", code="APPLICATION_INVALID_STATE")
    panel = await repository.panel_of(session, app.id)
    if panel is None or not panel.panel_opinion:
        raise Conflict("请先由专家组组长填写专家评审意见", code="PANEL_OPINION_MISSING")
    decision = Decision(
        application_id=app.id,
        decision="approved" if data.decision == "approve" else "rejected",
        admin_opinion=data.admin_opinion,
        decided_by_id=actor.id,
    )
    session.add(decision)
    if data.decision == "approve":
        await application_service.move(session, actor.user, app, S.approved, "application.approved", reason=data.admin_opinion)
        await application_service.tell_applicant(
            session,
            app,
            "application.decision",
            "评审结果：拟认定",
            f"您的{_label(app)}申报经专家评审和区人社局审核，拟予认定，将进行公示。",
        )
    else:
        await application_service.move(session, actor.user, app, S.rejected, "application.rejected", reason=data.admin_opinion)
        await application_service.tell_applicant(
            session, app, "application.decision", "评审结果：未通过", f"您的{_label(app)}申报未通过审核。意见：{data.admin_opinion}"
        )
    await session.flush()
    return decision


async def supersede_decision(session: AsyncSession, actor: Principal, app: Application, objection_id: uuid.UUID, reason: str) -> None:
    """An upheld objection overturns the approval: the decision record keeps what was decided and says it no longer stands."""
    decision = await repository.decision_of(session, app.id)
    if decision is None or decision.decision != "approved" or decision.superseded_at is not None:
        return
    decision.superseded_at, decision.superseded_reason, decision.superseded_by_objection_id = clock.now(), reason, objection_id
    await session.flush()
    await audit.record(
        session,
        "decision.superseded",
        actor=actor.user,
        target_type="application",
        target_id=app.id,
        reason=reason,
        details={"objection_id": str(objection_id)},
    )


async def decision_of(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> Decision:
    app = await application_service.get(session, principal, app_id)
    decision = await repository.decision_of(session, app.id)
    if decision is None:
        raise NotFound("尚未作出决定")
    return decision


# --- site-inspection photos ------------------------------------------------------------------------

PHOTO_TYPES = {"image/jpeg", "image/png"}


async def add_photo(
    session: AsyncSession, settings: Settings, principal: Principal, member_id: uuid.UUID, filename: str, body: AsyncIterator[bytes]
) -> ReviewPhoto:
    member, _, _, app = await _seat(session, principal, member_id)
    _require_no_conflict(member)
    review = await repository.review_of(session, member.id, for_update=True)
    if review is None or review.status == ReviewStatus.submitted:
        raise InvalidTransition("评审已提交或尚未开始，不能上传照片", code="REVIEW_LOCKED")
    name = application_service.clean_filename(filename)
    stored = await store_upload(
        settings,
        body,
        Upload(session, principal.user, "review_photo", "application", app.id, name),
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
        actor=principal.user,
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
