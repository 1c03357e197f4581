"""Every table, imported here so Alembic's autogenerate and the app see the whole schema."""

from skillbase.models.application import Application, ApplicationStatusCount, ApplicationVersion, Attachment
from skillbase.models.audit import AuditEvent
from skillbase.models.base import Base
from skillbase.models.call import Call
from skillbase.models.competition import Competition
from skillbase.models.expert import Expert
from skillbase.models.indicators import BaseMonthFigures, BaseProgress
from skillbase.models.notification import Notification
from skillbase.models.organization import Organization
from skillbase.models.outbox import OutboxMessage
from skillbase.models.publicity import NoticeItem, Objection, PublicityNotice, Recognition
from skillbase.models.report import MonthlyReport, MonthlyReportVersion, ReportAttachment
from skillbase.models.review import Decision, FormalCheck, PanelMember, Review, ReviewPanel, ReviewPhoto
from skillbase.models.roster import CertificateRow, DuplicateGroup, Roster, TraineeRow
from skillbase.models.training_base import TrainingBase
from skillbase.models.user import RefreshToken, User

__all__ = [
    "Application",
    "ApplicationStatusCount",
    "ApplicationVersion",
    "Attachment",
    "AuditEvent",
    "Base",
    "BaseMonthFigures",
    "BaseProgress",
    "Call",
    "CertificateRow",
    "Competition",
    "Decision",
    "DuplicateGroup",
    "Expert",
    "FormalCheck",
    "MonthlyReport",
    "MonthlyReportVersion",
    "NoticeItem",
    "Notification",
    "Objection",
    "Organization",
    "OutboxMessage",
    "PanelMember",
    "PublicityNotice",
    "Recognition",
    "RefreshToken",
    "ReportAttachment",
    "Review",
    "ReviewPanel",
    "ReviewPhoto",
    "Roster",
    "TraineeRow",
    "TrainingBase",
    "User",
]
