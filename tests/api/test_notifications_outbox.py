"""The transactional outbox (an e-mail exists only if its change committed), the worker's sending with retries,
SMTP delivery to a real (local) SMTP server, and review reminders."""

from __future__ import annotations

import email
import email.policy
import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.errors import Conflict
from skillbase.db import Database
from skillbase.models import Notification, OutboxMessage, ReviewPanel
from skillbase.notifications.service import notify
from skillbase.notifications.worker import SmtpSender, remind_reviews, run_once, send_pending, sender_for
from tests import factories
from tests.conftest import FrozenClock
from tests.factories import Actor
from tests.flows import panel, passed


class Recorder:
    def __init__(self, fail_for: set[str] | None = None) -> None:
        self.sent: list[tuple[str, str, str]] = []
        self.fail_for = fail_for or set()

    async def send(self, to: str, subject: str, body: str) -> None:
        if to in self.fail_for:
            raise ConnectionError("mail server refused")
        self.sent.append((to, subject, body))


async def outbox_for(session: AsyncSession, email: str) -> list[OutboxMessage]:
    return list((await session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == email))).all())


@pytest.fixture
async def real_db(app_url: str):  # type: ignore[no-untyped-def]
    database = Database.from_url(app_url)
    yield database
    await database.dispose()


async def test_a_rolled_back_change_leaves_no_outbox_message(real_db: Database) -> None:
    async with real_db.transaction() as s:
        user = await factories.user(s, role="admin", email=f"outbox-{uuid.uuid4().hex[:8]}@example.cn")
    with pytest.raises(Conflict):
        async with real_db.transaction() as s:
            await notify(s, [user.id], kind="test", title="不应发送", body="回滚")
            raise Conflict()
    async with real_db.transaction() as s:
        assert await outbox_for(s, user.email) == []
        assert int(await s.scalar(select(func.count()).where(Notification.user_id == user.id)) or 0) == 0
    async with real_db.transaction() as s:
        await notify(s, [user.id], kind="test", title="应当发送", body="提交", link="/app")
    async with real_db.transaction() as s:
        messages = await outbox_for(s, user.email)
        assert len(messages) == 1 and messages[0].subject == "【技能人才培训基地】应当发送"
        assert "http://localhost:5173/app" in messages[0].body


async def test_the_worker_sends_once_and_retries_failures_later(session: AsyncSession) -> None:
    ok = await factories.user(session, role="admin")
    broken = await factories.user(session, role="admin")
    await notify(session, [ok.id, broken.id], kind="test", title="测试", body="正文")
    await session.commit()
    recorder = Recorder(fail_for={broken.email})
    await send_pending(session, recorder, batch=1000)
    mine = [to for to, *_ in recorder.sent if to in {ok.email, broken.email}]
    assert mine == [ok.email]
    (failed,) = await outbox_for(session, broken.email)
    assert failed.sent_at is None and failed.attempts == 1 and "refused" in (failed.last_error or "")
    before = len(recorder.sent)
    assert await send_pending(session, recorder, batch=1000) == 0  # sent ones are not sent again; the failed one waits
    assert len(recorder.sent) == before


async def test_smtp_delivery_to_a_local_server(unused_tcp_port: int, settings: Settings) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    received: list[Any] = []

    class Handler(Sink):
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(envelope)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=unused_tcp_port)
    controller.start()
    try:
        sender = SmtpSender(settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": unused_tcp_port}))
        await sender.send("expert@example.cn", "【技能人才培训基地】新的评审任务", "您好：请评审。")
    finally:
        controller.stop()
    assert received and received[0].rcpt_tos == ["expert@example.cn"]
    assert "=?utf-8?" in received[0].content.decode().lower()  # the Chinese subject is encoded, not mangled


async def test_the_worker_delivers_a_committed_notification_over_smtp(unused_tcp_port: int, settings: Settings, real_db: Database) -> None:
    """The deployed path (docker-compose.yml's worker → mailpit): a notification committed by the app, as the app's
    database role, leaves as an e-mail through the worker's SMTP sender and is marked sent."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    received: list[Any] = []

    class Handler(Sink):
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append(envelope)
            return "250 OK"

    async with real_db.transaction() as s:
        user = await factories.user(s, role="admin", email=f"smtp-{uuid.uuid4().hex[:8]}@example.cn")
        await notify(s, [user.id], kind="test", title="经由 SMTP", body="正文", link="/app")
    smtp = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": unused_tcp_port})
    assert isinstance(sender_for(smtp), SmtpSender)
    controller = Controller(Handler(), hostname="127.0.0.1", port=unused_tcp_port)
    controller.start()
    try:
        await run_once(real_db, smtp, sender_for(smtp))
    finally:
        controller.stop()
    mine = [e for e in received if e.rcpt_tos == [user.email]]
    assert len(mine) == 1
    mail = email.message_from_bytes(mine[0].content, policy=email.policy.default)
    assert "经由 SMTP" in str(mail["Subject"]) and "http://localhost:5173/app" in mail.get_body().get_content()  # type: ignore[union-attr]
    async with real_db.transaction() as s:
        [message] = await outbox_for(s, user.email)
        assert message.sent_at is not None and message.attempts == 1


async def test_reviews_due_soon_and_overdue_are_reminded_once(
    client: AsyncClient, session: AsyncSession, admin: Actor, settings: Settings, frozen_clock: FrozenClock
) -> None:
    org = await factories.organization(session, category="technical_school", qualifications=[])
    school = await factories.actor(session, settings, role="applicant", org=org)
    experts = [await factories.actor(session, settings, role="expert") for _ in range(3)]
    call = await factories.published_call(session)
    app = await passed(client, admin, school, call)
    assert (await panel(client, admin, app, experts)).status_code == 201
    row = (await session.scalars(select(ReviewPanel).where(ReviewPanel.application_id == app["id"]))).one()
    row.due_on = clock.today() + timedelta(days=1)
    await session.commit()
    assert await remind_reviews(session, settings) == 3  # the worker asks the clock what day it is
    assert await remind_reviews(session, settings) == 0  # once
    frozen_clock.advance(days=1)
    assert await remind_reviews(session, settings) == 0  # due today: not yet overdue, already reminded
    frozen_clock.advance(days=1)
    assert await remind_reviews(session, settings) == 3  # now overdue
    kinds = (await session.scalars(select(Notification.kind).where(Notification.user_id == experts[0].user.id))).all()
    assert sorted(k for k in kinds if k.startswith("review.")) == ["review.assigned", "review.due_soon", "review.overdue"]
    admin_kinds = (await session.scalars(select(Notification.kind).where(Notification.user_id == admin.user.id))).all()
    assert "review.overdue" in admin_kinds
