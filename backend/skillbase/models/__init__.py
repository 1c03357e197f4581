"""Every table, imported here so Alembic's autogenerate and the app see the whole schema."""

from skillbase.models.application import Application, ApplicationVersion, Attachment
from skillbase.models.audit import AuditEvent
from skillbase.models.base import Base
from skillbase.models.call import Call
from skillbase.models.expert import Expert
from skillbase.models.notification import Notification
from skillbase.models.organization import Organization
from skillbase.models.outbox import OutboxMessage
from skillbase.models.publicity import NoticeItem, Objection, PublicityNotice, Recognition
from skillbase.models.review import Decision, FormalCheck, PanelMember, Review, ReviewPanel, ReviewPhoto
from skillbase.models.training_base import TrainingBase
from skillbase.models.user import RefreshToken, User

__all__ = [
    "Application",
    "ApplicationVersion",
    "Attachment",
    "AuditEvent",
    "Base",
    "Call",
    "Decision",
    "Expert",
    "FormalCheck",
    "NoticeItem",
    "Notification",
    "Objection",
    "Organization",
    "OutboxMessage",
    "PanelMember",
    "PublicityNotice",
    "Recognition",
    "RefreshToken",
    "Review",
    "ReviewPanel",
    "ReviewPhoto",
    "TrainingBase",
    "User",
]
