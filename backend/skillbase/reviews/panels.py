"""The expert panel of an application: suggestions, forming it, replacing a member, what each caller sees of it
(reviews stay blind until one's own is submitted; the result and the totals), and the lead's panel opinion."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import service as application_service
from skillbase.audit import service as audit
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.errors import Conflict, Forbidden, NotFound, Unprocessable
from skillbase.core.permissions import Permission
from skillbase.models import Call, Expert, Organization, PanelMember, ReviewPanel
from skillbase.models.enums import ApplicationStatus as S
from skillbase.models.enums import Declaration, ReviewStatus
from skillbase.notifications import service as notifications
from skillbase.reviews import repository, rules, workflow
from skillbase.reviews.common import declared_specialties, label, panel_or_404, review_read
from skillbase.reviews.schemas import (
    ExpertSuggestion,
    ExpertTotal,
    MemberRead,
    MemberReplace,
    PanelCreate,
    PanelRead,
    PanelResultRead,
    ReviewRead,
)

# --- who may sit on the panel ----------------------------------------------------------------------


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
    declared = await declared_specialties(session, app)
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


async def _one_expert(session: AsyncSession, expert_id: uuid.UUID, org: Organization) -> Expert:
    expert = await session.get(Expert, expert_id)
    if expert is None or not expert.is_active:
        raise Unprocessable("专家不存在或已停用", code="PANEL_INVALID")
    why = (await _exclusions(session, [expert], org)).get(expert.id)
    if why:
        raise Unprocessable(f"专家「{expert.name}」：{why}", code="PANEL_INVALID")
    return expert


# --- forming the panel and replacing a member ------------------------------------------------------


async def form_panel(session: AsyncSession, actor: Principal, app_id: uuid.UUID, data: PanelCreate) -> ReviewPanel:
    app = await application_service.get(session, actor, app_id, for_update=True)
    workflow.require(workflow.Step.form_panel, app.status)
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
        actor,
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
        body=f"您被邀请评审一份{label(app)}申报。请先声明是否存在利益冲突。",
        link="/app/reviews",
    )
    return panel


async def replace_member(
    session: AsyncSession, actor: Principal, app_id: uuid.UUID, member_id: uuid.UUID, data: MemberReplace
) -> ReviewPanel:
    app = await application_service.get(session, actor, app_id, for_update=True)
    panel = await panel_or_404(session, app.id, for_update=True)
    workflow.require(workflow.Step.replace_member, app.status)
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
        actor=actor,
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
        body=f"您被邀请评审一份{label(app)}申报。请先声明是否存在利益冲突。",
        link="/app/reviews",
    )
    return panel


# --- the panel as each caller sees it --------------------------------------------------------------


async def panel_view(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> PanelRead:
    """The bureau sees everything; an expert sees the others' reviews and the result only once their own review is
    submitted (blind until then); an applicant sees the members and the opinion."""
    app = await application_service.get(session, principal, app_id)
    panel = await panel_or_404(session, app.id)
    seats = await repository.members(session, panel.id)
    current = [(m, e) for m, e in seats if m.removed_at is None]
    reviews = await repository.reviews_by_member(session, [m.id for m, _ in seats])
    call = await session.get(Call, app.call_id)
    assert call is not None

    manages = principal.can(Permission.review_manage)
    may_see_all = manages
    if not manages and principal.can(Permission.review_perform):
        mine = next((m for m, e in current if e.user_id == principal.id), None)
        own = reviews.get(mine.id) if mine else None
        may_see_all = own is not None and own.status == ReviewStatus.submitted  # blind until one's own is submitted
    visible: list[ReviewRead] = []
    for m, e in current:
        r = reviews.get(m.id)
        if r is None:
            continue
        if (may_see_all and r.status == ReviewStatus.submitted) or (e.user_id == principal.id):
            visible.append(await review_read(session, r, e.name))

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
    show_mobile = manages  # the bureau contacts the experts and sees who was replaced and why
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


# --- the panel opinion -----------------------------------------------------------------------------


async def write_opinion(session: AsyncSession, principal: Principal, app_id: uuid.UUID, text: str) -> ReviewPanel:
    app = await application_service.get(session, principal, app_id)
    panel = await panel_or_404(session, app.id, for_update=True)
    lead = next(
        (m for m, e in await repository.members(session, panel.id, current_only=True) if m.is_lead and e.user_id == principal.id), None
    )
    if lead is None:
        raise Forbidden("专家评审意见由专家组组长填写", code="NOT_PANEL_LEAD")
    workflow.require(workflow.Step.panel_opinion, app.status)
    panel.panel_opinion, panel.opinion_by_id, panel.opinion_at = text, principal.id, clock.now()
    await session.flush()
    await audit.record(session, "review.panel_opinion", actor=principal, target_type="application", target_id=app.id)
    return panel
