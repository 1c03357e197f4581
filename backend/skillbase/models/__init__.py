"""Every table, imported here so Alembic's autogenerate and the app see the whole schema."""

from skillbase.models.application import Application, ApplicationVersion, Attachment
from skillbase.models.audit import AuditEvent
from skillbase.models.base import Base
from skillbase.models.call import Call
from skillbase.models.expert import Expert
from skillbase.models.notification import Notification
from skillbase.models.organization import Organization
from skillbase.models.user import RefreshToken, User

__all__ = [
    "Application",
    "ApplicationVersion",
    "Attachment",
    "AuditEvent",
    "Base",
    "Call",
    "Expert",
    "Notification",
    "Organization",
    "RefreshToken",
    "User",
]
