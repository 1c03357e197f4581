"""The bureau's decision on a reviewed application (after the panel opinion), its reading, and its supersession when
an objection in the publicity is upheld."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import service as application_service
from skillbase.audit import service as audit
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.errors import Conflict, NotFound
from skillbase.models import Application, Decision
from skillbase.models.enums import ApplicationStatus as S
from skillbase.reviews import repository, workflow
from skillbase.reviews.common import label
from skillbase.reviews.schemas import DecisionCreate


async def decide(session: AsyncSession, actor: Principal, app_id: uuid.UUID, data: DecisionCreate) -> Decision:
    app = await application_service.get(session, actor, app_id, for_update=True)
    workflow.require(workflow.Step.decide, app.status)
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
        await application_service.move(session, actor, app, S.approved, "application.approved", reason=data.admin_opinion)
        await application_service.tell_applicant(
            session,
            app,
            "application.decision",
            "评审结果：拟认定",
            f"您的{label(app)}申报经专家评审和区人社局审核，拟予认定，将进行公示。",
        )
    else:
        await application_service.move(session, actor, app, S.rejected, "application.rejected", reason=data.admin_opinion)
        await application_service.tell_applicant(
            session, app, "application.decision", "评审结果：未通过", f"您的{label(app)}申报未通过审核。意见：{data.admin_opinion}"
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
        actor=actor,
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
