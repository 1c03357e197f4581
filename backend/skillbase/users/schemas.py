"""A user as every domain shows it (accounts re-exports it; organizations lists its members with it)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from skillbase.models.enums import Role


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    full_name: str
    mobile: str | None
    role: Role
    organization_id: uuid.UUID | None
    is_org_owner: bool
    is_active: bool
    version: int
    last_login_at: datetime | None
    created_at: datetime
