from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from skillbase.core.pagination import Page


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    created_at: datetime
    kind: str
    title: str
    body: str
    link: str | None
    read_at: datetime | None


class NotificationPage(Page[NotificationRead]):
    unread: int
