"""Token rules without a database: only the configured algorithm, every claim required, types kept apart."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from skillbase.config import Settings
from skillbase.core.security import InvalidToken, create_token, decode_token, hash_password, verify_password
from tests.tokens import claims, forged_tokens, hs

SETTINGS = Settings(environment="test", secret_key="unit-test-secret-0123456789-0123456789")
USER = uuid.uuid4()
FORGED = forged_tokens(SETTINGS, USER)


def test_a_token_we_issue_is_accepted_with_all_claims() -> None:
    family = uuid.uuid4()
    token, issued = create_token(
        SETTINGS, user_id=USER, token_type="access", token_version=3, lifetime=timedelta(minutes=5), family_id=family
    )
    got = decode_token(SETTINGS, token, "access")
    assert (got.sub, got.typ, got.ver, got.jti, got.fid) == (USER, "access", 3, issued.jti, family)


def test_an_access_token_names_its_refresh_token_family() -> None:
    with pytest.raises(ValueError, match="family"):
        create_token(SETTINGS, user_id=USER, token_type="access", token_version=0, lifetime=timedelta(minutes=5))


def test_a_hand_made_token_with_every_claim_is_accepted() -> None:
    assert decode_token(SETTINGS, hs(claims(SETTINGS, USER), SETTINGS.secret_key), "access").sub == USER


@pytest.mark.parametrize("name", sorted(FORGED))
def test_forged_or_incomplete_token_is_refused(name: str) -> None:
    with pytest.raises(InvalidToken):
        decode_token(SETTINGS, FORGED[name], "access")


def test_access_token_is_not_a_refresh_token() -> None:
    token, _ = create_token(
        SETTINGS, user_id=USER, token_type="access", token_version=0, lifetime=timedelta(minutes=5), family_id=uuid.uuid4()
    )
    with pytest.raises(InvalidToken):
        decode_token(SETTINGS, token, "refresh")


def test_refresh_token_is_not_an_access_token() -> None:
    token, _ = create_token(SETTINGS, user_id=USER, token_type="refresh", token_version=0, lifetime=timedelta(minutes=5))
    with pytest.raises(InvalidToken):
        decode_token(SETTINGS, token, "access")


def test_password_hash_is_argon2id_and_verifies() -> None:
    h = hash_password("Correct-Horse-2026")
    assert h.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert verify_password("Correct-Horse-2026", h)
    assert not verify_password("correct-horse-2026", h)
    assert not verify_password("anything", None)
    assert not verify_password("anything", "not-a-hash")
