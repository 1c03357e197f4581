"""Recognised bases: created at recognition with their commitments frozen, listed, read, their plaque recorded."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import service as audit
from skillbase.bases import commitments, repository
from skillbase.bases.schemas import BaseCommitments, BaseContactsUpdate, BaseDetail, BaseRead
from skillbase.core import clock, masking
from skillbase.core.auth import Principal
from skillbase.core.concurrency import check_version
from skillbase.core.error_codes import ErrorCode
from skillbase.core.errors import Conflict, NotFound
from skillbase.core.pagination import PageParams
from skillbase.core.permissions import Permission
from skillbase.models import Application, Call, Recognition, TrainingBase


async def create_for_recognition(
    session: AsyncSession, recognition: Recognition, recognised: Sequence[tuple[Application, Call]]
) -> list[TrainingBase]:
    """One base per recognised application, recognised on the recognition's date, with the call's policy for its base
    type frozen into the base's own columns, and what it starts with: the specialties applied for, the organisation's
    bank account as its dedicated account (专账) and the contact person as last submitted."""
    bases = []
    details = await repository.recognition_details(session, [app.id for app, _ in recognised])
    for app, call in recognised:
        frozen = commitments.freeze(
            call_id=call.id,
            policy=call.policies[app.base_type],
            report_due_day=call.report_due_day,
            recognised_on=recognition.issued_on,
        )
        base = TrainingBase(
            application_id=app.id,
            organization_id=app.organization_id,
            base_type=app.base_type,
            recognition_id=recognition.id,
            recognised_on=recognition.issued_on,
            **details.get(app.id, {}),
            **frozen.columns(),
        )
        session.add(base)
        bases.append(base)
    await session.flush()
    return bases


async def reads_of(session: AsyncSession, bases: Sequence[TrainingBase]) -> list[BaseRead]:
    """The list shape of bases just created or changed (their organisation and recognition looked up)."""
    ids = [b.id for b in bases]
    if not ids:
        return []
    rows = (await session.execute(repository.list_statement(None).where(TrainingBase.id.in_(ids)))).all()
    by_id = {r.id: r for r in rows}
    return await _reads(session, [by_id[i] for i in ids])


async def _reads(session: AsyncSession, rows: Sequence[Row[Any]]) -> list[BaseRead]:
    """BaseRead of rows of `repository.LIST_COLUMNS`, with the specialties of their applications (one query)."""
    names = await repository.specialties(session, [r.application_id for r in rows])
    return [BaseRead(**r._mapping, specialties=names.get(r.application_id, [])) for r in rows]


async def list_bases(session: AsyncSession, principal: Principal | None, page: PageParams) -> tuple[list[BaseRead], int]:
    stmt = repository.list_statement(principal)
    total = int(await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)
    rows = (await session.execute(stmt.limit(page.limit).offset(page.offset))).all()
    return await _reads(session, rows), total


async def visible_base(session: AsyncSession, principal: Principal, base_id: uuid.UUID) -> TrainingBase:
    """The base if the caller may see it (404 otherwise): for the domains that hang off a base (its reports)."""
    found = await repository.get(session, principal, base_id)
    if found is None:
        raise NotFound("基地不存在")
    return found[0]


def _sees_contacts(principal: Principal, base: TrainingBase) -> bool:
    return masking.sees_organization_contacts(principal.permissions, own_organization=principal.belongs_to(base.organization_id))


async def get_base(session: AsyncSession, principal: Principal, base_id: uuid.UUID) -> BaseDetail:
    found = await repository.get(session, principal, base_id)
    if found is None:
        raise NotFound("基地不存在")
    base, organization_name, document_number = found
    today = clock.today()
    full = _sees_contacts(principal, base)
    names = await repository.specialties(session, [base.application_id])
    return BaseDetail(
        id=base.id,
        application_id=base.application_id,
        organization_id=base.organization_id,
        organization_name=organization_name,
        base_type=base.base_type,
        title=base.title,
        specialties=names.get(base.application_id, []),
        recognised_on=base.recognised_on,
        document_number=document_number,
        plaque_issued_on=base.plaque_issued_on,
        status=base.status,
        commitments=BaseCommitments.model_validate(base),
        construction_month=commitments.construction_month(base.construction_starts_on, today)
        if today >= base.construction_starts_on
        else None,
        version=base.version,
        account_bank=base.account_bank,
        account_number=base.account_number if full else (masking.mask_bank_account(base.account_number) or None),
        contact_name=base.contact_name,
        contact_mobile=base.contact_mobile if full else (masking.mask_mobile(base.contact_mobile) or None),
        editable_by_me=principal.belongs_to(base.organization_id) and principal.can(Permission.base_write),
    )


async def update_contacts(
    session: AsyncSession, principal: Principal, base_id: uuid.UUID, data: BaseContactsUpdate, expected_version: int
) -> BaseDetail:
    """The organisation's own edit of its dedicated account and contact (If-Match on the base's version), audited with
    the fields changed (never their values: an account number is not for the trail)."""
    found = await repository.get(session, principal, base_id, for_update=True)
    if found is None:
        raise NotFound("基地不存在")
    base = found[0]
    if not principal.belongs_to(base.organization_id):
        raise Conflict("只有基地所属单位可以修改专账与联系人", code=ErrorCode.NOT_BASE_ORGANIZATION)
    check_version(base.version, expected_version)
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if getattr(base, k) != v}
    if changes:
        for key, value in changes.items():
            setattr(base, key, value)
        base.version += 1
        await session.flush()
        await audit.record(
            session, "base.contacts_updated", actor=principal, target_type="base", target_id=base.id, details={"fields": sorted(changes)}
        )
    return await get_base(session, principal, base.id)


async def issue_plaque(session: AsyncSession, actor: Principal, base_id: uuid.UUID, issued_on: date) -> BaseRead:
    found = await repository.get(session, actor, base_id, for_update=True)
    if found is None:
        raise NotFound("基地不存在")
    base = found[0]
    if base.plaque_issued_on is not None:
        raise Conflict("铭牌已发放", code="PLAQUE_ALREADY_ISSUED")
    base.plaque_issued_on = issued_on
    await session.flush()
    await audit.record(session, "base.plaque_issued", actor=actor, target_type="base", target_id=base.id)
    return (await reads_of(session, [base]))[0]
