"""Every query of the bases domain."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.applications.expressions import specialty_names, submitted_specialties
from skillbase.core.auth import Principal
from skillbase.core.permissions import Permission
from skillbase.models import Application, ApplicationVersion, Organization, Recognition, TrainingBase

# What the list shows of a base (BaseRead without its specialties): nothing of the frozen commitments.
LIST_COLUMNS = (
    TrainingBase.id,
    TrainingBase.application_id,
    TrainingBase.organization_id,
    Organization.name.label("organization_name"),
    TrainingBase.base_type,
    TrainingBase.title,
    TrainingBase.recognised_on,
    Recognition.document_number,
    TrainingBase.plaque_issued_on,
    TrainingBase.status,
)


def visible_bases(principal: Principal | None) -> ColumnElement[bool]:
    """Which bases `principal` may see, by its permissions (core/permissions.py): `base:read_all` every base, a caller
    acting for an organisation that organisation's, anyone else none; the public (None) every recognised base. Used
    by every list and every get of this domain."""
    if principal is None or principal.can(Permission.base_read_all):
        return true()
    if principal.organization_id is not None:
        return TrainingBase.organization_id == principal.organization_id
    return false()


_S = TypeVar("_S", bound=Select[*tuple[Any, ...]])


def _joined(stmt: _S, principal: Principal | None) -> _S:
    return (
        stmt.join(Organization, Organization.id == TrainingBase.organization_id)
        .join(Recognition, Recognition.id == TrainingBase.recognition_id)
        .where(visible_bases(principal))
    )


def list_statement(principal: Principal | None) -> Select[*tuple[Any, ...]]:
    stmt = _joined(select(*LIST_COLUMNS).select_from(TrainingBase), principal)
    return stmt.order_by(TrainingBase.recognised_on.desc(), Organization.name)


async def get(
    session: AsyncSession, principal: Principal | None, base_id: uuid.UUID, *, for_update: bool = False
) -> tuple[TrainingBase, str, str] | None:
    """The base with its organisation's name and its recognition's document number, if `principal` may see it."""
    stmt = _joined(select(TrainingBase, Organization.name, Recognition.document_number), principal).where(TrainingBase.id == base_id)
    if for_update:
        stmt = stmt.with_for_update(of=TrainingBase)
    row = (await session.execute(stmt)).first()
    return None if row is None else (row[0], row[1], row[2])


async def specialties(session: AsyncSession, application_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """The specialties declared by each application: its last submitted version's form, else its draft."""
    if not application_ids:
        return {}
    stmt = select(Application.id, submitted_specialties()).where(Application.id.in_(application_ids))  # not the whole forms
    return {app_id: specialty_names(specialties) for app_id, specialties in (await session.execute(stmt)).all()}


async def recognition_details(session: AsyncSession, application_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """What a new base starts with besides its commitments, per application: the specialties declared, the
    organisation's bank details and its contact person as last submitted (the organisation's record when the version
    holds none)."""
    if not application_ids:
        return {}
    stmt = (
        select(
            Application.id,
            submitted_specialties().label("specialties"),
            Organization.bank_name,
            Organization.bank_account,
            Organization.contact_person,
            ApplicationVersion.organization_snapshot["contact_person"].label("submitted_contact"),
        )
        .join(Organization, Organization.id == Application.organization_id)
        .outerjoin(
            ApplicationVersion,
            (ApplicationVersion.application_id == Application.id) & (ApplicationVersion.version_no == Application.submitted_versions),
        )
        .where(Application.id.in_(application_ids))
    )
    found = {}
    for row in (await session.execute(stmt)).all():
        contact = (
            row.submitted_contact if isinstance(row.submitted_contact, dict) and row.submitted_contact.get("name") else row.contact_person
        )
        contact = contact if isinstance(contact, dict) else {}
        found[row.id] = {
            "specialties": specialty_names(row.specialties),
            "account_bank": row.bank_name,
            "account_number": row.bank_account,
            "contact_name": (contact.get("name") or None),
            "contact_mobile": (contact.get("mobile") or None),
        }
    return found
