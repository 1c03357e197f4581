"""The notification worker: sends the outbox's e-mails (SMTP, or the log in development) and reminds experts
of reviews due soon or overdue. `python -m skillbase.notifications.worker` (make run starts it; so does
docker-compose.yml as its `worker` service, sending to Mailpit)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings, get_settings
from skillbase.core import clock
from skillbase.db import Database
from skillbase.models import Expert, OutboxMessage, PanelMember, Review, ReviewPanel
from skillbase.models.enums import Declaration, ReviewStatus
from skillbase.notifications.service import notify
from skillbase.users import service as users

log = logging.getLogger("skillbase.worker")
MAX_ATTEMPTS = 8

# Reminder jobs of the domains above this one (the monthly reports' `reports.service.remind`), run by `run_once`
# beside `remind_reviews` in the same transaction. They are registered by the composition root (skillbase/main.py,
# which the worker's `main` imports) rather than imported here: those domains send their messages through this one
# (notifications.service.notify), so importing them from here would close an import cycle (tests/unit/test_layers.py).
ReminderJob = Callable[[AsyncSession, Settings], Awaitable[int]]
REMINDER_JOBS: dict[str, ReminderJob] = {}


def register_reminders(name: str, job: ReminderJob) -> None:
    REMINDER_JOBS[name] = job


class Sender(Protocol):
    async def send(self, to: str, subject: str, body: str) -> None: ...


class LogSender:
    """Development: the e-mail goes to the log instead of a mail server."""

    async def send(self, to: str, subject: str, body: str) -> None:
        log.info("e-mail (SMTP_HOST unset: written here, not sent)\n%s", body, extra={"mail_to": to, "subject": subject})


class SmtpSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, to: str, subject: str, body: str) -> None:
        import aiosmtplib

        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.settings.mail_from, to, subject
        message.set_content(body)
        await aiosmtplib.send(
            message,
            hostname=self.settings.smtp_host,
            port=self.settings.smtp_port,
            username=self.settings.smtp_username,
            password=self.settings.smtp_password,
            start_tls=self.settings.smtp_starttls,
            timeout=30,
        )


def sender_for(settings: Settings) -> Sender:
    return SmtpSender(settings) if settings.smtp_host else LogSender()


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2**attempts, 24 * 60))


async def send_pending(session: AsyncSession, sender: Sender, *, batch: int = 20) -> int:
    """Send due messages; each row is locked (SKIP LOCKED) so several workers never send one twice."""
    now = clock.now()
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now, OutboxMessage.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMessage.id)
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    sent = 0
    for message in (await session.scalars(stmt)).all():
        try:
            await sender.send(message.to_email, message.subject, message.body)
        except Exception as exc:  # a mail server's refusal must not stop the others
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            message.next_attempt_at = now + backoff(message.attempts)
            log.warning("e-mail not sent: %s", message.last_error, extra={"mail_to": message.to_email})
        else:
            message.attempts += 1
            message.sent_at = now
            sent += 1
    await session.flush()
    return sent


async def remind_reviews(session: AsyncSession, settings: Settings, today: date | None = None) -> int:
    """Tell each expert once when a review is due soon, and once (with the administrators) when it is overdue."""
    day = today or clock.today()
    stmt = (
        select(PanelMember, ReviewPanel, Expert)
        .join(ReviewPanel, ReviewPanel.id == PanelMember.panel_id)
        .join(Expert, Expert.id == PanelMember.expert_id)
        .outerjoin(Review, Review.member_id == PanelMember.id)
        .where(
            ReviewPanel.due_on.is_not(None),
            PanelMember.removed_at.is_(None),
            PanelMember.declaration != Declaration.conflict,
            (Review.id.is_(None)) | (Review.status != ReviewStatus.submitted),
        )
        .with_for_update(of=PanelMember, skip_locked=True)
    )
    admins = await users.admin_ids(session)
    count = 0
    now = clock.now()
    for member, panel, expert in (await session.execute(stmt)).all():
        assert panel.due_on is not None
        if day > panel.due_on and member.reminded_overdue_at is None:
            member.reminded_overdue_at = now
            await notify(
                session,
                [expert.user_id, *admins],
                kind="review.overdue",
                title="评审已逾期",
                body=f"专家{expert.name}的评审任务已超过截止日期 {panel.due_on}，请尽快完成。",
                link="/app/reviews",
            )
            count += 1
        elif day <= panel.due_on and (panel.due_on - day).days <= settings.review_due_soon_days and member.reminded_due_soon_at is None:
            member.reminded_due_soon_at = now
            await notify(
                session,
                [expert.user_id],
                kind="review.due_soon",
                title="评审即将到期",
                body=f"您的评审任务将于 {panel.due_on} 到期，请按时提交。",
                link="/app/reviews",
            )
            count += 1
    await session.flush()
    return count


async def run_once(db: Database, settings: Settings, sender: Sender) -> tuple[int, int]:
    async with db.transaction() as session:
        reminded = await remind_reviews(session, settings)
        for job in REMINDER_JOBS.values():
            reminded += await job(session, settings)
    async with db.transaction() as session:
        sent = await send_pending(session, sender)
    return reminded, sent


async def main() -> None:
    from skillbase.core.logging import configure_logging
    from skillbase.main import resolve_database_url

    settings = get_settings()
    configure_logging(settings.log_level)
    clock.configure(settings)
    db = Database.from_url(resolve_database_url(settings))
    sender = sender_for(settings)
    log.info("worker started")
    try:
        while True:
            try:
                await run_once(db, settings, sender)
            except Exception:
                log.exception("worker cycle failed")
            await asyncio.sleep(settings.worker_interval_seconds)
    finally:
        await db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
