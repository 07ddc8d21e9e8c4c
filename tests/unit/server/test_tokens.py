from __future__ import annotations

import pytest

from server.auth import TokenError, TokenSigner, hash_password, verify_password


def test_a_token_round_trips_to_its_user() -> None:
    signer = TokenSigner(key=b"k" * 32, ttl_s=60)
    assert signer.verify(signer.issue("user-1", now=1000), now=1030) == "user-1"


def test_an_expired_token_is_refused() -> None:
    signer = TokenSigner(key=b"k" * 32, ttl_s=60)
    token = signer.issue("user-1", now=1000)
    with pytest.raises(TokenError, match="expired"):
        signer.verify(token, now=1061)


def test_a_token_signed_with_another_key_is_refused() -> None:
    token = TokenSigner(key=b"a" * 32, ttl_s=60).issue("user-1", now=1000)
    with pytest.raises(TokenError, match="invalid"):
        TokenSigner(key=b"b" * 32, ttl_s=60).verify(token, now=1000)


@pytest.mark.parametrize("token", ["", "abc", "abc.", ".sig", "!!!.???"])
def test_garbage_is_refused(token: str) -> None:
    with pytest.raises(TokenError):
        TokenSigner(key=b"k" * 32, ttl_s=60).verify(token, now=1000)


def test_passwords_are_hashed_with_argon2_and_verified() -> None:
    h = hash_password("s3cret-pass")
    assert h.startswith("$argon2")
    assert verify_password(h, "s3cret-pass")
    assert not verify_password(h, "wrong")
    assert not verify_password(None, "anything")
