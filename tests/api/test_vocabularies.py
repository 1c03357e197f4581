"""Vocabulary columns load as enum members (so services compare members, not strings) and store the same text as before."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.models import Organization, User
from skillbase.models.enums import OrganizationCategory, OrganizationStatus, Role
from tests import factories


async def test_vocabulary_columns_load_as_enum_members_and_store_plain_text(session: AsyncSession) -> None:
    org = await factories.organization(session, status="verified")
    u = await factories.user(session, role="applicant", org=org)

    loaded = await session.scalar(select(Organization).where(Organization.id == org.id).execution_options(populate_existing=True))
    assert loaded is not None
    assert type(loaded.status) is OrganizationStatus and loaded.status is OrganizationStatus.verified
    assert type(loaded.category) is OrganizationCategory
    assert await session.scalar(select(User.role).where(User.id == u.id)) is Role.applicant

    # members bind as their text: the rows hold exactly what a string column held
    loaded.category = OrganizationCategory.enterprise
    await session.flush()
    assert await session.scalar(text("SELECT category FROM organizations WHERE id = :id"), {"id": org.id}) == "enterprise"
    assert (
        await session.scalar(
            select(Organization.id).where(Organization.category == OrganizationCategory.enterprise, Organization.id == org.id)
        )
        == org.id
    )
