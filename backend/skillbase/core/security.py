"""Passwords and tokens: all token code lives in this module.

Tokens are JWTs signed with the configured HMAC algorithm only. Every token must carry
iss, aud, sub, jti, iat, exp, nbf, a type (`typ`: access | refresh) and the user's token
version (`ver`), which logout, password change and disable bump to revoke all sessions.
Access tokens also carry the id of their login's refresh-token family (`fid`): when a reused
refresh token revokes the family, the access tokens issued to it stop working too (checked in
core/auth.py with one indexed lookup).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from jose import jwt
from jose.exceptions import JOSEError

from skillbase.config import Settings
from skillbase.core import clock

TokenType = Literal["access", "refresh"]
REQUIRED_CLAIMS = ("iss", "aud", "sub", "jti", "iat", "nbf", "exp", "typ", "ver")

# Argon2id, OWASP / ASVS 5.0 minimum: m=19 MiB, t=2, p=1.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16)
# Verified against when the account does not exist, so the answer takes as long either way.
_DUMMY_HASH = _hasher.hash("not-a-real-password-dummy")

PASSWORD_MIN = 10
PASSWORD_MAX = 128


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


class InvalidToken(Exception):
    pass


@dataclass(frozen=True)
class TokenClaims:
    sub: uuid.UUID
    jti: str
    typ: TokenType
    ver: int
    iat: datetime
    exp: datetime
    fid: uuid.UUID | None = None  # the refresh-token family; required on access tokens


def create_token(
    settings: Settings,
    *,
    user_id: uuid.UUID,
    token_type: TokenType,
    token_version: int,
    lifetime: timedelta,
    jti: str | None = None,
    now: datetime | None = None,
    family_id: uuid.UUID | None = None,
) -> tuple[str, TokenClaims]:
    if token_type == "access" and family_id is None:
        raise ValueError("an access token belongs to a refresh-token family")
    issued = now or clock.now()
    claims = TokenClaims(
        sub=user_id,
        jti=jti or uuid.uuid4().hex,
        typ=token_type,
        ver=token_version,
        iat=issued,
        exp=issued + lifetime,
        fid=family_id,
    )
    payload: dict[str, object] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": str(claims.sub),
        "jti": claims.jti,
        "typ": claims.typ,
        "ver": claims.ver,
        "iat": int(claims.iat.timestamp()),
        "nbf": int(claims.iat.timestamp()),
        "exp": int(claims.exp.timestamp()),
    }
    if claims.fid is not None:
        payload["fid"] = str(claims.fid)
    return jwt.encode(payload, settings.secret_key, algorithm=settings.jwt_algorithm), claims


@lru_cache(maxsize=8192)
def _verified_payload(token: str, secret: str, algorithm: str, audience: str, issuer: str) -> tuple[tuple[str, Any], ...]:
    """The claims of a token whose signature, algorithm, issuer and audience check out: everything about a token that
    does not change with time, so it is remembered (an access token is sent with every request of its 15 minutes, and
    verifying it was a tenth of a small request's CPU; issue 9). Time, type and revocation are checked on every use by
    the callers. A token that fails raises, and failures are not remembered."""
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != algorithm:
            raise InvalidToken("algorithm not allowed")
        payload = jwt.decode(
            token,
            secret,
            algorithms=[algorithm],
            audience=audience,
            issuer=issuer,
            options={
                "require_iat": True,
                # exp and nbf are checked below against the application's clock (core/clock.py), not python-jose's
                # wall clock, so a frozen test clock or a shifted development clock agrees with the tokens it issued;
                # their presence is still required (REQUIRED_CLAIMS).
                "verify_exp": False,
                "verify_nbf": False,
                "require_sub": True,
                "require_jti": True,
                "require_aud": True,
                "require_iss": True,
                "leeway": 0,
            },
        )
    except InvalidToken:
        raise
    except (JOSEError, ValueError, KeyError, TypeError) as exc:
        raise InvalidToken(str(exc)) from exc
    return tuple(payload.items())


def decode_token(settings: Settings, token: str, expected_type: TokenType) -> TokenClaims:
    """Verify signature, algorithm, issuer, audience and time; require every claim; check the type."""
    payload = dict(_verified_payload(token, settings.secret_key, settings.jwt_algorithm, settings.jwt_audience, settings.jwt_issuer))
    missing = [c for c in REQUIRED_CLAIMS if c not in payload]
    if missing:
        raise InvalidToken(f"missing claims: {missing}")
    try:
        not_before, expires = int(payload["nbf"]), int(payload["exp"])
    except (ValueError, TypeError) as exc:
        raise InvalidToken("malformed time claims") from exc
    at = clock.now().timestamp()
    if at < not_before:
        raise InvalidToken("the token is not yet valid")
    if at > expires:
        raise InvalidToken("signature has expired")
    if payload["typ"] != expected_type:
        raise InvalidToken("wrong token type")
    if expected_type == "access" and "fid" not in payload:
        raise InvalidToken("missing claims: ['fid']")
    try:
        return TokenClaims(
            sub=uuid.UUID(str(payload["sub"])),
            jti=str(payload["jti"]),
            typ=payload["typ"],
            ver=int(payload["ver"]),
            iat=datetime.fromtimestamp(int(payload["iat"]), UTC),
            exp=datetime.fromtimestamp(int(payload["exp"]), UTC),
            fid=uuid.UUID(str(payload["fid"])) if "fid" in payload else None,
        )
    except (ValueError, TypeError) as exc:
        raise InvalidToken("malformed claims") from exc


def token_fingerprint(token: str) -> str:
    """What we store of a refresh token: its SHA-256, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()
