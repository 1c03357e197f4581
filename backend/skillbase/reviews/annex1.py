"""The Annex 1 form with its Table 5 (the panel's experts and opinion, the bureau's opinion and date): composed here
because it needs both domains, and the review domain reads applications, never the other way round."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications import service as application_service
from skillbase.calls.rules import CHINA_TZ
from skillbase.core import masking
from skillbase.core.auth import Principal
from skillbase.documents import Annex1Document, Table5, Table5Expert
from skillbase.models import Application
from skillbase.reviews import repository


async def table5(session: AsyncSession, principal: Principal, app: Application) -> Table5 | None:
    """Filled once the panel has given its opinion or the bureau has decided; empty (None) before."""
    panel = await repository.panel_of(session, app.id)
    decision = await repository.decision_of(session, app.id)
    if panel is None or not (panel.panel_opinion or decision):
        return None
    experts = [
        Table5Expert(
            name=e.name,
            organization_and_title=f"{e.organization_name} {e.title}",
            mobile=masking.expert_mobile_view(principal.permissions, e.mobile),
        )
        for _, e in await repository.members(session, panel.id, current_only=True)
    ]
    return Table5(
        panel_opinion=panel.panel_opinion,
        experts=experts,
        admin_opinion=decision.admin_opinion if decision else None,
        decided_on=decision.decided_at.astimezone(CHINA_TZ).date() if decision else None,
    )


async def annex1_document(session: AsyncSession, principal: Principal, app_id: uuid.UUID, version_no: int | None) -> Annex1Document:
    """The printable Annex 1 of a version (default: the latest submitted; the draft before any submission)."""
    printable = await application_service.printable_form(session, principal, app_id, version_no)
    app = printable.application
    return Annex1Document(
        call_name=printable.call_name,
        base_type=app.base_type,
        organization=printable.organization,
        form=printable.form,
        version_no=printable.version_no,
        submitted_at=printable.submitted_at,
        table5=await table5(session, principal, app),
    )
