"""Login, tokens, rotation, revocation and throttling, through the HTTP API on a real database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.config import Settings
from skillbase.core import clock
from skillbase.core.security import token_fingerprint
from skillbase.models import AuditEvent, RefreshToken
from tests import factories
from tests.conftest import FrozenClock
from tests.factories import PASSWORD, Actor
from tests.tokens import forged_tokens


async def login(client: AsyncClient, email: str, password: str = PASSWORD) -> Any:
    return await client.post("/api/v1/auth/token", data={"username": email, "password": password})


async def tokens(client: AsyncClient, email: str) -> dict[str, str]:
    r = await login(client, email)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def audit_actions(session: AsyncSession, **where: Any) -> list[str]:
    stmt = select(AuditEvent.action).order_by(AuditEvent.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(AuditEvent, key) == value)
    return list((await session.scalars(stmt)).all())


# --- login -----------------------------------------------------------------------------------------


async def test_login_returns_a_working_token_pair_and_is_audited(client: AsyncClient, applicant: Actor, session: AsyncSession) -> None:
    pair = await tokens(client, applicant.email)
    assert pair["token_type"] == "bearer" and pair["expires_in"] > 0
    r = await client.get("/api/v1/me", headers=bearer(pair["access_token"]))
    assert r.status_code == 200 and r.json()["user"]["email"] == applicant.email
    assert "auth.login" in await audit_actions(session, actor_id=applicant.user.id)


async def test_login_is_case_insensitive_on_email(client: AsyncClient, applicant: Actor) -> None:
    assert (await login(client, applicant.email.upper())).status_code == 200


async def test_wrong_password_and_unknown_account_answer_the_same(client: AsyncClient, applicant: Actor, session: AsyncSession) -> None:
    wrong = await login(client, applicant.email, "Wrong-password-123")
    unknown = await login(client, "nobody-here@example.cn", "Wrong-password-123")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["code"] == "INVALID_CREDENTIALS"
    failed = (await session.scalars(select(AuditEvent).where(AuditEvent.action == "auth.login_failed"))).all()
    assert {e.details["email"] for e in failed} >= {applicant.email, "nobody-here@example.cn"}
    assert all(e.ip == "127.0.0.1" or str(e.ip) == "127.0.0.1" for e in failed)


async def test_a_disabled_account_cannot_log_in(client: AsyncClient, applicant: Actor, session: AsyncSession) -> None:
    applicant.user.is_active = False
    await session.commit()
    r = await login(client, applicant.email)
    assert r.status_code == 401 and r.json()["error"]["code"] == "INVALID_CREDENTIALS"


# --- forged and misused tokens ---------------------------------------------------------------------


async def test_every_forged_or_incomplete_token_answers_401(client: AsyncClient, applicant: Actor, settings: Settings) -> None:
    for name, token in forged_tokens(settings, applicant.user.id).items():
        r = await client.get("/api/v1/me", headers=bearer(token))
        assert r.status_code == 401, name
        assert r.json()["error"]["code"] == "INVALID_TOKEN", name
        assert r.headers["www-authenticate"] == "Bearer"


async def test_missing_token_answers_401(client: AsyncClient) -> None:
    r = await client.get("/api/v1/me")
    assert r.status_code == 401 and r.json()["error"]["code"] == "UNAUTHORIZED"


async def test_refresh_token_cannot_be_used_as_access_token(client: AsyncClient, applicant: Actor) -> None:
    pair = await tokens(client, applicant.email)
    assert (await client.get("/api/v1/me", headers=bearer(pair["refresh_token"]))).status_code == 401


async def test_access_token_cannot_be_used_as_refresh_token(client: AsyncClient, applicant: Actor) -> None:
    pair = await tokens(client, applicant.email)
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": pair["access_token"]})
    assert r.status_code == 401


async def test_a_signed_refresh_token_that_was_never_issued_is_refused(client: AsyncClient, applicant: Actor, settings: Settings) -> None:
    forged = factories.bearer(settings, applicant.user, token_type="refresh")["Authorization"].split()[1]
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": forged})).status_code == 401


# --- refresh rotation and reuse --------------------------------------------------------------------


async def test_refresh_rotates_the_token(client: AsyncClient, applicant: Actor) -> None:
    first = await tokens(client, applicant.email)
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert (await client.get("/api/v1/me", headers=bearer(second["access_token"]))).status_code == 200
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert r.status_code == 200


async def test_reusing_a_refresh_token_revokes_its_whole_family(client: AsyncClient, applicant: Actor, session: AsyncSession) -> None:
    first = await tokens(client, applicant.email)
    other_login = await tokens(client, applicant.email)  # another device: a separate family
    second = (await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})).json()

    replay = await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "TOKEN_REUSED"

    # the legitimate holder's newer token of the same family is dead too
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})).status_code == 401
    # the other family is untouched
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": other_login["refresh_token"]})).status_code == 200
    assert "auth.refresh_reused" in await audit_actions(session, target_id=str(applicant.user.id))


async def test_a_revoked_family_takes_its_access_tokens_with_it(client: AsyncClient, applicant: Actor) -> None:
    first = await tokens(client, applicant.email)
    other_login = await tokens(client, applicant.email)  # another device: a separate family
    second = (await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})).json()
    assert (await client.get("/api/v1/me", headers=bearer(second["access_token"]))).status_code == 200

    replay = await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401 and replay.json()["error"]["code"] == "TOKEN_REUSED"

    # every access token the family handed out is dead at once, not at its expiry
    for pair in (first, second):
        r = await client.get("/api/v1/me", headers=bearer(pair["access_token"]))
        assert r.status_code == 401 and r.json()["error"]["code"] == "INVALID_TOKEN"
    # the other login still works
    assert (await client.get("/api/v1/me", headers=bearer(other_login["access_token"]))).status_code == 200


async def test_an_access_token_without_a_live_family_is_refused(client: AsyncClient, applicant: Actor, settings: Settings) -> None:
    # correctly signed, right version, but no login (refresh-token family) behind it: deny by default
    assert (await client.get("/api/v1/me", headers=factories.bearer(settings, applicant.user))).status_code == 401


async def test_refresh_tokens_are_stored_hashed(client: AsyncClient, applicant: Actor, session: AsyncSession) -> None:
    pair = await tokens(client, applicant.email)
    stored = (await session.scalars(select(RefreshToken.token_hash).where(RefreshToken.user_id == applicant.user.id))).all()
    assert stored and pair["refresh_token"] not in stored and all(len(h) == 64 for h in stored)


async def test_refresh_tokens_expire_absolutely(client: AsyncClient, applicant: Actor, session: AsyncSession) -> None:
    pair = await tokens(client, applicant.email)
    past = clock.now() - timedelta(seconds=1)
    await session.execute(update(RefreshToken).where(RefreshToken.user_id == applicant.user.id).values(family_expires_at=past))
    await session.commit()
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert r.status_code == 401


async def test_rotation_never_extends_the_absolute_expiry(client: AsyncClient, applicant: Actor, session: AsyncSession) -> None:
    first = await tokens(client, applicant.email)
    await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    first_hash = token_fingerprint(first["refresh_token"])
    family = await session.scalar(select(RefreshToken.family_id).where(RefreshToken.token_hash == first_hash))
    rows = (await session.scalars(select(RefreshToken).where(RefreshToken.family_id == family))).all()
    assert len(rows) == 2
    assert len({r.family_id for r in rows}) == 1 and len({r.family_expires_at for r in rows}) == 1
    assert all(r.expires_at <= r.family_expires_at for r in rows)


# --- revocation ------------------------------------------------------------------------------------


async def test_logout_revokes_every_token_of_the_user(client: AsyncClient, applicant: Actor, session: AsyncSession) -> None:
    a = await tokens(client, applicant.email)
    b = await tokens(client, applicant.email)
    assert (await client.post("/api/v1/auth/logout", headers=bearer(a["access_token"]))).status_code == 204
    for pair in (a, b):
        assert (await client.get("/api/v1/me", headers=bearer(pair["access_token"]))).status_code == 401
        assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})).status_code == 401
    assert "auth.logout" in await audit_actions(session, actor_id=applicant.user.id)
    assert (await login(client, applicant.email)).status_code == 200  # a new login works


async def test_password_change_revokes_every_session_and_takes_the_new_password(
    client: AsyncClient, applicant: Actor, session: AsyncSession
) -> None:
    pair = await tokens(client, applicant.email)
    new = "Brand-new-password-42"
    r = await client.post(
        "/api/v1/me/password", headers=bearer(pair["access_token"]), json={"current_password": PASSWORD, "new_password": new}
    )
    assert r.status_code == 204
    assert (await client.get("/api/v1/me", headers=bearer(pair["access_token"]))).status_code == 401
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})).status_code == 401
    assert (await login(client, applicant.email)).status_code == 401
    assert (await login(client, applicant.email, new)).status_code == 200
    assert "auth.password_changed" in await audit_actions(session, actor_id=applicant.user.id)


async def test_password_change_needs_the_current_password(client: AsyncClient, applicant: Actor) -> None:
    r = await client.post(
        "/api/v1/me/password",
        headers=applicant.headers,
        json={"current_password": "not-it-at-all", "new_password": "Another-pass-42"},
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "WRONG_PASSWORD"
    assert (await client.get("/api/v1/me", headers=applicant.headers)).status_code == 200  # nothing revoked


@pytest.mark.parametrize(("length", "status"), [(9, 422), (10, 204), (128, 204), (129, 422)])
async def test_passwords_of_10_to_128_characters_are_accepted(client: AsyncClient, applicant: Actor, length: int, status: int) -> None:
    new = ("Zq8-" * 40)[:length]  # not a common password at any length
    r = await client.post("/api/v1/me/password", headers=applicant.headers, json={"current_password": PASSWORD, "new_password": new})
    assert r.status_code == status


# --- password content ------------------------------------------------------------------------------


async def test_a_password_is_set_and_checked_exactly_as_typed(client: AsyncClient) -> None:
    spaced = "  Spaced-out-2026 "
    payload = factories.registration_payload(password=spaced)
    assert (await client.post("/api/v1/public/organizations", json=payload)).status_code == 202
    email = payload["user"]["email"]
    assert (await login(client, email, spaced.strip())).status_code == 401  # nothing was trimmed when it was set
    assert (await login(client, email, spaced)).status_code == 200


async def test_the_current_password_is_not_trimmed_either(client: AsyncClient, applicant: Actor) -> None:
    spaced = " Leading-space-2026"
    r = await client.post("/api/v1/me/password", headers=applicant.headers, json={"current_password": PASSWORD, "new_password": spaced})
    assert r.status_code == 204
    pair = (await login(client, applicant.email, spaced)).json()
    r = await client.post(
        "/api/v1/me/password",
        headers=bearer(pair["access_token"]),
        json={"current_password": spaced.strip(), "new_password": "Another-one-2026"},
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "WRONG_PASSWORD"
    r = await client.post(
        "/api/v1/me/password", headers=bearer(pair["access_token"]), json={"current_password": spaced, "new_password": "Another-one-2026"}
    )
    assert r.status_code == 204


@pytest.mark.parametrize("common", ["password123", "QwertyUIOP", "1qaz2wsx3edc"])
async def test_a_common_password_is_refused_with_its_own_code(client: AsyncClient, applicant: Actor, common: str) -> None:
    r = await client.post("/api/v1/me/password", headers=applicant.headers, json={"current_password": PASSWORD, "new_password": common})
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "PASSWORD_TOO_COMMON" and "常见" in error["message"]
    assert error["details"] == [{"field": "new_password", "code": "PASSWORD_TOO_COMMON", "message": error["message"]}]

    r = await client.post("/api/v1/public/organizations", json=factories.registration_payload(password=common))
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "user.password"
    assert r.json()["error"]["code"] == "PASSWORD_TOO_COMMON"


async def test_experts_and_organisation_users_get_the_same_password_rules(client: AsyncClient, admin: Actor, applicant: Actor) -> None:
    expert = {
        "name": "专家甲",
        "email": "common-pw-expert@example.cn",
        "password": "password123",
        "organization_name": "某单位",
        "title": "高级讲师",
        "specialties": ["数控车工"],
        "mobile": "13500000000",
    }
    r = await client.post("/api/v1/experts", headers=admin.headers, json=expert)
    assert r.status_code == 422 and r.json()["error"]["code"] == "PASSWORD_TOO_COMMON"
    member = {"full_name": "新成员", "email": "common-pw-member@example.cn", "mobile": "13800000000", "password": "1234567890"}
    r = await client.post(f"/api/v1/organizations/{applicant.organization.id}/users", headers=applicant.headers, json=member)  # type: ignore[union-attr]
    assert r.status_code == 422 and r.json()["error"]["code"] == "PASSWORD_TOO_COMMON"


async def test_disabling_an_account_revokes_its_sessions(
    client: AsyncClient, applicant: Actor, admin: Actor, session: AsyncSession
) -> None:
    pair = await tokens(client, applicant.email)
    r = await client.post(f"/api/v1/users/{applicant.user.id}/disable", headers=admin.headers, json={"reason": "离职"})
    assert r.status_code == 200 and r.json()["is_active"] is False
    assert (await client.get("/api/v1/me", headers=bearer(pair["access_token"]))).status_code == 401
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})).status_code == 401
    assert "user.disabled" in await audit_actions(session, target_id=str(applicant.user.id))


# --- throttling ------------------------------------------------------------------------------------


async def failures(session: AsyncSession, email: str, n: int, *, ip: str, seconds_ago: float = 0) -> None:
    """n failed logins on `email` from `ip`, as the login route records them, `seconds_ago` by the application's clock."""
    at = clock.now() - timedelta(seconds=seconds_ago)
    for _ in range(n):
        await session.execute(
            insert(AuditEvent).values(action="auth.login_failed", occurred_at=at, ip=ip, details={"email": email, "why": "bad_password"})
        )
    await session.commit()


async def succeeded(session: AsyncSession, user: Any, *, ip: str, seconds_ago: float) -> None:
    at = clock.now() - timedelta(seconds=seconds_ago)
    await session.execute(
        insert(AuditEvent).values(
            action="auth.login", occurred_at=at, ip=ip, actor_id=user.id, actor_email=user.email, actor_role=user.role, details={}
        )
    )
    await session.commit()


async def test_failed_logins_on_an_account_make_the_next_attempt_wait(
    client: AsyncClient, applicant: Actor, settings: Settings, session: AsyncSession
) -> None:
    for _ in range(settings.login_max_failures_per_account):
        assert (await login(client, applicant.email, "Wrong-password-123")).status_code == 401
    r = await login(client, applicant.email)  # even the right password, right away
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "TOO_MANY_ATTEMPTS" and r.headers["retry-after"] == "1"
    assert r.json()["error"]["message"] == "尝试次数过多，请 1 秒后再试"
    assert "auth.login_throttled" in await audit_actions(session)


@pytest.mark.parametrize(("extra", "wait"), [(0, 1), (1, 2), (2, 4), (5, 32), (30, 300)])
async def test_the_wait_doubles_with_each_failure_up_to_a_cap(
    make_client: Any, applicant: Actor, settings: Settings, session: AsyncSession, frozen_clock: FrozenClock, extra: int, wait: int
) -> None:
    # frozen: on a loaded machine seconds pass between the failures and the login, and the wait counts them
    await failures(session, applicant.email, settings.login_max_failures_per_account + extra, ip="203.0.113.7")
    async with make_client(ip="198.51.100.9") as owner:
        r = await login(owner, applicant.email)
    assert r.status_code == 429 and r.headers["retry-after"] == str(wait)


async def test_the_owner_gets_in_once_the_wait_is_over_not_after_a_lockout(
    make_client: Any, applicant: Actor, settings: Settings, session: AsyncSession
) -> None:
    # somebody elsewhere typed 8 wrong passwords 10 s ago: the wait is 8 s and has passed
    await failures(session, applicant.email, settings.login_max_failures_per_account + 3, ip="203.0.113.7", seconds_ago=10)
    async with make_client(ip="198.51.100.9") as owner:
        assert (await login(owner, applicant.email)).status_code == 200


async def test_the_wait_counts_from_the_last_failure(
    make_client: Any, applicant: Actor, settings: Settings, session: AsyncSession, frozen_clock: FrozenClock
) -> None:
    await failures(session, applicant.email, settings.login_max_failures_per_account + 3, ip="203.0.113.7", seconds_ago=5)
    async with make_client(ip="198.51.100.9") as owner:
        r = await login(owner, applicant.email)
    assert r.status_code == 429 and r.headers["retry-after"] == "3"


async def test_guessing_elsewhere_never_slows_the_owner_down_at_a_known_address(
    make_client: Any, applicant: Actor, settings: Settings, session: AsyncSession
) -> None:
    await succeeded(session, applicant.user, ip="198.51.100.9", seconds_ago=86400)  # the owner's office, yesterday
    await failures(session, applicant.email, 40, ip="203.0.113.7")  # a guesser, just now
    async with make_client(ip="203.0.113.7") as guesser, make_client(ip="198.51.100.9") as owner:
        assert (await login(guesser, applicant.email)).status_code == 429
        assert (await login(owner, applicant.email, "Typo-password-1")).status_code == 401  # a typo is just a typo
        assert (await login(owner, applicant.email)).status_code == 200


async def test_a_known_address_still_waits_after_its_own_failures(
    make_client: Any, applicant: Actor, settings: Settings, session: AsyncSession
) -> None:
    await succeeded(session, applicant.user, ip="198.51.100.9", seconds_ago=86400)
    await failures(session, applicant.email, settings.login_max_failures_per_account, ip="198.51.100.9")
    async with make_client(ip="198.51.100.9") as owner:
        r = await login(owner, applicant.email)
    assert r.status_code == 429 and r.headers["retry-after"] == "1"


async def test_throttling_does_not_reveal_whether_an_account_exists(client: AsyncClient, settings: Settings) -> None:
    for _ in range(settings.login_max_failures_per_account):
        assert (await login(client, "ghost@example.cn", "Wrong-password-123")).status_code == 401
    r = await login(client, "ghost@example.cn", "Wrong-password-123")
    assert r.status_code == 429 and r.json()["error"]["code"] == "TOO_MANY_ATTEMPTS"


async def test_failed_logins_are_throttled_per_client_address(make_client: Any, applicant: Actor, settings: Settings) -> None:
    async with make_client(ip="203.0.113.7") as attacker, make_client(ip="198.51.100.9") as bystander:
        for i in range(settings.login_max_failures_per_ip):
            assert (await login(attacker, f"spray{i}@example.cn", "Wrong-password-123")).status_code == 401
        assert (await login(attacker, applicant.email)).status_code == 429
        assert (await login(bystander, applicant.email)).status_code == 200


async def test_a_successful_login_resets_the_account_failure_count(client: AsyncClient, applicant: Actor, settings: Settings) -> None:
    for _ in range(settings.login_max_failures_per_account - 1):
        assert (await login(client, applicant.email, "Wrong-password-123")).status_code == 401
    assert (await login(client, applicant.email)).status_code == 200
    for _ in range(settings.login_max_failures_per_account - 1):
        assert (await login(client, applicant.email, "Wrong-password-123")).status_code == 401
    assert (await login(client, applicant.email)).status_code == 200  # not locked: the count restarted at the success


async def test_the_wait_is_over_when_the_clock_has_moved_past_it(
    make_client: Any, applicant: Actor, settings: Settings, session: AsyncSession, frozen_clock: FrozenClock
) -> None:
    """The login throttle reads the application's clock (not the database's now()): moving it moves the wait."""
    await failures(session, applicant.email, settings.login_max_failures_per_account + 3, ip="203.0.113.7")
    async with make_client(ip="198.51.100.9") as owner:
        r = await login(owner, applicant.email)
        assert r.status_code == 429 and r.headers["retry-after"] == "8"
        frozen_clock.advance(seconds=7)
        assert (await login(owner, applicant.email)).headers["retry-after"] == "1"
        frozen_clock.advance(seconds=1)
        assert (await login(owner, applicant.email)).status_code == 200


async def test_an_access_token_expires_by_the_applications_clock(
    client: AsyncClient, applicant: Actor, settings: Settings, frozen_clock: FrozenClock
) -> None:
    pair = await tokens(client, applicant.email)
    frozen_clock.advance(minutes=settings.access_token_minutes - 1)
    assert (await client.get("/api/v1/me", headers=bearer(pair["access_token"]))).status_code == 200
    frozen_clock.advance(minutes=1, seconds=1)  # whole seconds in the token: one more makes sure exp is behind
    assert (await client.get("/api/v1/me", headers=bearer(pair["access_token"]))).status_code == 401


async def test_tokens_issued_on_a_clock_ahead_of_the_real_time_are_valid(
    client: AsyncClient, applicant: Actor, frozen_clock: FrozenClock
) -> None:
    """A development clock shifted days ahead (CLOCK_OFFSET_DAYS, POST /dev/clock) still logs people in: the token's
    nbf/exp are checked against the clock that issued them, not the wall clock (which would call it not yet valid)."""
    frozen_clock.advance(days=10)
    pair = await tokens(client, applicant.email)
    assert (await client.get("/api/v1/me", headers=bearer(pair["access_token"]))).status_code == 200
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert r.status_code == 200, r.text
