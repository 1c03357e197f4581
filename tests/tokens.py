"""Hand-made JWTs for the token-forgery tests (alg none, other algorithms, confused keys, missing claims)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt

from skillbase.config import Settings


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(settings: Settings, user_id: uuid.UUID, *, typ: str = "access", ver: int = 0, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": str(user_id),
        "jti": uuid.uuid4().hex,
        "typ": typ,
        "ver": ver,
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "fid": str(uuid.uuid4()) if typ == "access" else None,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def hs(payload: dict[str, Any], key: str | bytes, alg: str = "HS256") -> str:
    """Sign by hand, so any key (even a PEM public key) can be used as the HMAC secret."""
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
    head = _b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = _b64(json.dumps(payload).encode())
    key_bytes = key.encode() if isinstance(key, str) else key
    sig = hmac.new(key_bytes, f"{head}.{body}".encode(), digest).digest()
    return f"{head}.{body}.{_b64(sig)}"


def unsigned(payload: dict[str, Any]) -> str:
    head = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{head}.{_b64(json.dumps(payload).encode())}."


def rsa_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def rs256(payload: dict[str, Any], private_pem: str) -> str:
    return jwt.encode(payload, private_pem, algorithm="RS256")


def forged_tokens(settings: Settings, user_id: uuid.UUID) -> dict[str, str]:
    """Every token here must be refused; the name says why."""
    private, public = rsa_pair()
    good = claims(settings, user_id)
    now = int(time.time())
    out = {
        "alg_none": unsigned(good),
        "hs512_same_secret": hs(good, settings.secret_key, "HS512"),
        "hs384_same_secret": hs(good, settings.secret_key, "HS384"),
        "rs256_own_key": rs256(good, private),
        "hs256_keyed_with_public_key": hs(good, public),
        "bad_signature": hs(good, settings.secret_key + "x"),
        "expired": hs(claims(settings, user_id, iat=now - 600, nbf=now - 600, exp=now - 1), settings.secret_key),
        "not_yet_valid": hs(claims(settings, user_id, nbf=now + 600), settings.secret_key),
        "wrong_audience": hs(claims(settings, user_id, aud="someone-else"), settings.secret_key),
        "wrong_issuer": hs(claims(settings, user_id, iss="evil"), settings.secret_key),
        "refresh_type": hs(claims(settings, user_id, typ="refresh"), settings.secret_key),
        "unknown_type": hs(claims(settings, user_id, typ="id"), settings.secret_key),
        "garbage": "not.a.jwt",
        "malformed_family": hs(claims(settings, user_id, fid="not-a-uuid"), settings.secret_key),
    }
    for claim in ("exp", "iat", "nbf", "sub", "jti", "typ", "ver", "aud", "iss", "fid"):
        out[f"missing_{claim}"] = hs(claims(settings, user_id, **{claim: None}), settings.secret_key)
    # tampered: a valid token whose payload was swapped afterwards
    head, _, sig = hs(good, settings.secret_key).split(".")
    out["tampered_payload"] = f"{head}.{_b64(json.dumps({**good, 'sub': str(uuid.uuid4())}).encode())}.{sig}"
    return out
