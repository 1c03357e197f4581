from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from skillbase.models.enums import PrincipalKind


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    occurred_at: datetime
    actor_id: uuid.UUID | None
    actor_email: str | None
    actor_role: str | None
    actor_kind: PrincipalKind = Field(description="user: a person (actor_id, actor_email, actor_role); client: a machine client")
    actor_client_id: uuid.UUID | None
    actor_name: str | None
    action: str
    target_type: str | None
    target_id: str | None
    ip: str | None
    request_id: str | None
    reason: str | None
    details: dict[str, Any]

    @field_validator("ip", mode="before")
    @classmethod
    def _ip_as_text(cls, v: object) -> str | None:
        return None if v is None else str(v)
