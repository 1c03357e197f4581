"""The formal check: the bureau passes a submitted application to review or returns it with reasons."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import service as application_service
from skillbase.core.auth import Principal
from skillbase.models import FormalCheck
from skillbase.models.enums import ApplicationStatus as S
from skillbase.reviews import repository, workflow
from skillbase.reviews.common import label
from skillbase.reviews.schemas import FormalCheckCreate


async def formal_check(session: AsyncSession, actor: Principal, app_id: uuid.UUID, data: FormalCheckCreate) -> FormalCheck:
    app = await application_service.get(session, actor, app_id, for_update=True)
    workflow.require(workflow.Step.formal_check, app.status)
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
        await application_service.move(session, actor, app, S.formal_check_passed, "application.formal_check_passed", reason=data.comment)
        await application_service.tell_applicant(
            session, app, "application.passed_to_review", "形式审查通过", f"您的{label(app)}申报已通过形式审查，进入专家评审。"
        )
    else:
        summary = "；".join(f"{r.section}：{r.reason}" for r in data.reasons)
        await application_service.move(
            session,
            actor,
            app,
            S.returned,
            "application.returned",
            reason=summary,
            details={"reasons": [r.model_dump() for r in data.reasons]},
        )
        await application_service.tell_applicant(
            session, app, "application.returned", "申报被退回修改", f"您的{label(app)}申报需要修改后重新提交。退回理由：{summary}"
        )
    return check


async def list_formal_checks(session: AsyncSession, principal: Principal, app_id: uuid.UUID) -> list[FormalCheck]:
    app = await application_service.get(session, principal, app_id)
    return await repository.formal_checks(session, app.id)
