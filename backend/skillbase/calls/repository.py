from __future__ import annotations

import uuid

from sqlalchemy import Select, select

from skillbase.core.auth import Principal
from skillbase.core.permissions import Permission
from skillbase.models import Call
from skillbase.models.enums import CallStatus

PUBLIC_STATUSES = (CallStatus.published, CallStatus.closed)


def readable_statement(principal: Principal | None) -> Select[Call]:
    """`call:read_all` (the bureau) sees every call, drafts included; everyone else (anonymous included) only
    published and closed ones."""
    stmt = select(Call)
    if principal is not None and principal.can(Permission.call_read_all):
        return stmt
    return stmt.where(Call.status.in_(PUBLIC_STATUSES))


def list_statement(principal: Principal | None, *, status: CallStatus | None, year: int | None) -> Select[Call]:
    stmt = readable_statement(principal)
    if status:
        stmt = stmt.where(Call.status == status.value)
    if year:
        stmt = stmt.where(Call.year == year)
    return stmt.order_by(Call.deadline.desc(), Call.created_at.desc())


def get_statement(principal: Principal | None, call_id: uuid.UUID) -> Select[Call]:
    return readable_statement(principal).where(Call.id == call_id)
