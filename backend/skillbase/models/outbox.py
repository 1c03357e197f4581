from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Identity, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from skillbase.models.base import Base


class OutboxMessage(Base):
    """An e-mail to send, written in the same transaction as the change it reports (transactional outbox).
    A worker sends it; a rolled-back change leaves no message."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_pending", "next_attempt_at", postgresql_where=text("sent_at IS NULL")),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    to_email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
