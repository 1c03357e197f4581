"""Creating, editing, publishing and closing calls (申报批次)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import service as audit
from skillbase.calls import repository, rules, workflow
from skillbase.calls.schemas import CallCreate, CallDefaults, CallRead, CallUpdate, _check_rubric, default_policies, default_rubric
from skillbase.core import clock
from skillbase.core.auth import Principal
from skillbase.core.concurrency import check_version
from skillbase.core.errors import NotFound, Unprocessable
from skillbase.core.pagination import PageParams, paginate
from skillbase.models import Call
from skillbase.models.enums import BaseType, CallStatus


def accepting(call: Call, at: datetime | None = None) -> bool:
    return call.status == CallStatus.published and rules.accepting_at(call.opens_on, call.deadline, at or clock.now())


def to_read(call: Call) -> CallRead:
    data = {c: getattr(call, c) for c in CallRead.model_fields if c != "accepting_applications"}
    return CallRead.model_validate({**data, "accepting_applications": accepting(call)})


def defaults() -> CallDefaults:
    return CallDefaults(
        policies=default_policies(list(BaseType)),
        rubric=default_rubric(),
        publicity_days=rules.DEFAULT_PUBLICITY_DAYS,
        report_due_day=rules.DEFAULT_REPORT_DUE_DAY,
        score_divergence_points=rules.DEFAULT_SCORE_DIVERGENCE_POINTS,
    )


async def list_calls(
    session: AsyncSession, principal: Principal | None, page: PageParams, *, status: CallStatus | None, year: int | None
) -> tuple[list[Call], int]:
    return await paginate(session, repository.list_statement(principal, status=status, year=year), page)


async def get_call(session: AsyncSession, principal: Principal | None, call_id: uuid.UUID, *, for_update: bool = False) -> Call:
    stmt = repository.get_statement(principal, call_id)
    if for_update:
        stmt = stmt.with_for_update()
    call = (await session.scalars(stmt)).first()
    if call is None:
        raise NotFound("申报批次不存在")
    return call


def _dump_policies(policies: dict[Any, Any]) -> dict[str, Any]:
    return {str(BaseType(k).value): v.model_dump(mode="json") for k, v in policies.items()}


async def create_call(session: AsyncSession, actor: Principal, data: CallCreate) -> Call:
    assert data.policies is not None and data.rubric is not None  # filled by CallCreate's validator
    call = Call(
        **data.model_dump(exclude={"policies", "rubric", "base_types"}),
        base_types=[bt.value for bt in data.base_types],
        policies=_dump_policies(data.policies),
        rubric=[c.model_dump(mode="json") for c in data.rubric],
        status=CallStatus.draft,
        version=1,
    )
    session.add(call)
    await session.flush()
    await audit.record(session, "call.created", actor=actor, target_type="call", target_id=call.id, details={"name": call.name})
    return call


async def update_call(session: AsyncSession, actor: Principal, call_id: uuid.UUID, data: CallUpdate, expected_version: int) -> Call:
    call = await get_call(session, actor, call_id, for_update=True)
    check_version(call.version, expected_version)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    workflow.check_editable(call.status, set(changes))
    if "base_types" in changes or "policies" in changes:
        base_types = [BaseType(b) for b in dict.fromkeys(changes.get("base_types", call.base_types))]
        current = {BaseType(k): v for k, v in call.policies.items()}
        given = data.policies or {}
        defaults_ = default_policies(base_types)
        merged = {bt: given.get(bt) or current.get(bt) or defaults_[bt] for bt in base_types}
        call.base_types = [bt.value for bt in base_types]
        call.policies = {bt.value: (p.model_dump(mode="json") if hasattr(p, "model_dump") else p) for bt, p in merged.items()}
    if data.rubric is not None:
        call.rubric = [c.model_dump(mode="json") for c in _check_rubric(data.rubric)]
    for field in (
        "name",
        "year",
        "district_code",
        "opens_on",
        "deadline",
        "valid_until",
        "publicity_days",
        "report_due_day",
        "score_divergence_points",
    ):
        if field in changes:
            setattr(call, field, changes[field])
    if not (call.opens_on <= call.deadline <= call.valid_until):
        raise Unprocessable("日期应满足：开始日期 ≤ 申报截止日期 ≤ 有效期截止日期", code="CALL_DATES_OUT_OF_ORDER")
    call.version += 1
    await session.flush()
    await audit.record(
        session,
        "call.updated",
        actor=actor,
        target_type="call",
        target_id=call.id,
        details={"fields": sorted(changes), "version": call.version},
    )
    return call


async def change_status(session: AsyncSession, actor: Principal, call_id: uuid.UUID, target: CallStatus) -> Call:
    call = await get_call(session, actor, call_id, for_update=True)
    call.status = workflow.transition(call.status, target)
    if target is CallStatus.published:
        call.published_at = clock.now()
    if target is CallStatus.closed:
        call.closed_at = clock.now()
    call.version += 1
    await session.flush()
    await audit.record(session, f"call.{target.value}", actor=actor, target_type="call", target_id=call.id)
    return call
