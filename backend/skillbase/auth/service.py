"""Login, refresh-token rotation with reuse detection, logout, and revoking every session of a user."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import service as audit
from skillbase.auth import repository, rules
from skillbase.auth.schemas import TokenPair
from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.context import current_request
from skillbase.core.errors import TooManyRequests, Unauthorized
from skillbase.core.security import (
    PASSWORD_MAX,
    InvalidToken,
    create_token,
    decode_token,
    hash_password,
    password_needs_rehash,
    token_fingerprint,
    verify_password,
)
from skillbase.models import RefreshToken, User
from skillbase.users import service as users

BAD_CREDENTIALS = "邮箱或密码错误"


async def issue_tokens(
    session: AsyncSession,
    settings: Settings,
    user: User,
    *,
    family_id: uuid.UUID | None = None,
    family_expires_at: datetime | None = None,
) -> TokenPair:
    now = clock.now()
    family_id = family_id or uuid.uuid4()
    family_expires_at = family_expires_at or now + timedelta(days=settings.refresh_absolute_days)
    refresh_expires = min(now + timedelta(days=settings.refresh_token_days), family_expires_at)
    access, _ = create_token(
        settings,
        user_id=user.id,
        token_type="access",
        token_version=user.token_version,
        lifetime=timedelta(minutes=settings.access_token_minutes),
        now=now,
        family_id=family_id,
    )
    refresh, _ = create_token(
        settings, user_id=user.id, token_type="refresh", token_version=user.token_version, lifetime=refresh_expires - now, now=now
    )
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=token_fingerprint(refresh),
            issued_at=now,
            expires_at=refresh_expires,
            family_expires_at=family_expires_at,
        )
    )
    await session.flush()
    return TokenPair(access_token=access, refresh_token=refresh, expires_in=settings.access_token_minutes * 60)


async def login(session: AsyncSession, settings: Settings, *, email: str, password: str) -> TokenPair:
    email = email.strip().lower()
    await _throttle(session, settings, email)

    user = await users.get_by_email(session, email)
    # The password is compared exactly as typed (never trimmed). One longer than any accepted password cannot
    # match: it is checked against the dummy hash, so the answer and its timing stay the same.
    stored = user.password_hash if user and len(password) <= PASSWORD_MAX else None
    ok = verify_password(password, stored)
    if not ok or user is None or not user.is_active:
        reason = "unknown_account" if user is None else ("inactive" if ok else "bad_password")
        await audit.record(
            session,
            "auth.login_failed",
            actor=None,
            target_type="user",
            target_id=user.id if user else None,
            details={"email": email, "why": reason},
        )
        raise Unauthorized(BAD_CREDENTIALS, code="INVALID_CREDENTIALS", persist=True)

    if password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = clock.now()
    tokens = await issue_tokens(session, settings, user)
    await audit.record(session, "auth.login", actor=user, target_type="user", target_id=user.id)
    return tokens


async def _throttle(session: AsyncSession, settings: Settings, email: str) -> None:
    """Answer 429 before the password is even looked at when this attempt must wait (see auth/rules.py):
    - an address with too many failures (over any accounts) in the window is blocked for the window;
    - an account with failures since its last successful login makes each further attempt wait 1, 2, 4 … s
      (capped) after the last failure; from an address the owner recently logged in from, only that address's
      own failures count, so somebody else's guessing never slows the owner down there.
    Unknown accounts are throttled exactly like real ones (the answer reveals nothing)."""
    info = current_request()
    ip = info.ip if info else None
    state = await audit.login_failures(
        session,
        email=email,
        ip=ip,
        now=clock.now(),
        window=timedelta(minutes=settings.login_window_minutes),
        memory=timedelta(hours=settings.login_backoff_memory_hours),
        trusted_for=timedelta(days=settings.login_known_address_days),
    )
    if state.by_ip >= settings.login_max_failures_per_ip:
        await audit.record(session, "auth.login_throttled", actor=None, details={"email": email, "why": "address"})
        raise TooManyRequests(retry_after=settings.login_window_minutes * 60, persist=True)
    if state.known_address:
        failures, last = state.by_account_from_ip, state.last_on_account_from_ip
    else:
        failures, last = state.by_account, state.last_on_account
    if last is None:
        return
    delay = rules.backoff_seconds(failures, free=settings.login_max_failures_per_account, cap=settings.login_backoff_max_seconds)
    wait = rules.retry_after(delay, (state.now - last).total_seconds())
    if wait > 0:
        await audit.record(
            session, "auth.login_throttled", actor=None, details={"email": email, "why": "account", "failures": failures, "wait": wait}
        )
        raise TooManyRequests(f"尝试次数过多，请 {wait} 秒后再试", retry_after=wait, persist=True)


async def refresh(session: AsyncSession, settings: Settings, token: str) -> TokenPair:
    try:
        claims = decode_token(settings, token, "refresh")
    except InvalidToken as exc:
        raise Unauthorized("刷新令牌无效或已过期", code="INVALID_TOKEN") from exc
    row = await repository.get_by_hash(session, token_fingerprint(token))
    if row is None or row.user_id != claims.sub:
        raise Unauthorized("刷新令牌无效或已过期", code="INVALID_TOKEN")
    now = clock.now()
    user = await users.get_live(session, row.user_id)
    if user is None or not user.is_active or user.token_version != claims.ver or now >= row.expires_at or now >= row.family_expires_at:
        raise Unauthorized("登录已过期，请重新登录", code="INVALID_TOKEN")
    if not await repository.claim(session, row.id, now):
        # A used or revoked token came back: someone holds a copy. End the whole family.
        await repository.revoke_family(session, row.family_id, now)
        await audit.record(
            session,
            "auth.refresh_reused",
            actor=None,
            target_type="user",
            target_id=row.user_id,
            details={"family_id": str(row.family_id)},
        )
        raise Unauthorized("刷新令牌已被使用，所有相关会话已失效，请重新登录", code="TOKEN_REUSED", persist=True)
    return await issue_tokens(session, settings, user, family_id=row.family_id, family_expires_at=row.family_expires_at)


async def revoke_all_sessions(session: AsyncSession, user: User) -> None:
    """Every access and refresh token issued to `user` so far stops working."""
    user.token_version += 1
    await repository.revoke_user(session, user.id, clock.now())
    await session.flush()


async def logout(session: AsyncSession, user: User) -> None:
    await revoke_all_sessions(session, user)
    await audit.record(session, "auth.logout", actor=user, target_type="user", target_id=user.id)
