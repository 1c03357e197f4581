"""Resident identity numbers (居民身份证号码): validation, encryption at rest, a keyed hash for matching, masking.

PIPL: the number is personal information; the database never holds it in clear.

- Validation is GB 11643-1999: 17 digits (6 of region, 8 of birth date, 3 of sequence) and a check character computed
  with ISO 7064 MOD 11-2 (`0`-`9` or `X`).
- At rest each number is AES-256-GCM encrypted (`seal`/`open_sealed`): a 12-byte random nonce per value, the key derived
  from `Settings.personal_data_key`; the value's key version is its first byte, so keys can be rotated.
- For matching (the same person in two rosters, in two bases) the database holds `match_hash`: HMAC-SHA256 under a second
  key derived from the same setting. Equal numbers have equal hashes; a hash reveals nothing without the key.
- Everywhere it is shown without the permission to reveal, it is `mask`ed: 110113********1234 (region and last four).

Keys are derived with HKDF-SHA256 from the one secret, with distinct `info` labels, so the two uses never share a key.
"""

from __future__ import annotations

import hashlib
import hmac
import operator
import os
from datetime import date
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from skillbase.config import get_settings

LENGTH = 18
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
_CHECK_CHARS = "10X98765432"  # indexed by (sum of weighted digits) mod 11
KEY_VERSION = 1
_NONCE_BYTES = 12


class InvalidResidentId(ValueError):
    """Why a number is not a valid resident ID; `code` is stable (`length`, `characters`, `birth_date`, `check_digit`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def check_character(first17: str) -> str:
    """The 18th character of a number whose first 17 digits are `first17` (ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("17 digits expected")
    return _CHECK_CHARS[sum(map(operator.mul, map(int, first17), _WEIGHTS)) % 11]


def normalize(value: str) -> str:
    """Spaces trimmed and a lower-case check character `x` upper-cased: how people type and how spreadsheets store it."""
    return value.strip().replace(" ", "").upper()


def validate(value: str) -> str:
    """The normalised number, or InvalidResidentId with a Chinese message naming what is wrong."""
    number = normalize(value)
    if len(number) != LENGTH:
        raise InvalidResidentId("length", f"身份证号码应为 18 位，实为 {len(number)} 位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidResidentId("characters", "身份证号码前 17 位应为数字，第 18 位为数字或 X")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidResidentId("birth_date", f"身份证号码中的出生日期 {number[6:14]} 不存在") from None
    if born.year < 1900:
        raise InvalidResidentId("birth_date", f"身份证号码中的出生日期 {number[6:14]} 不合理")
    expected = check_character(number[:17])
    if number[17] != expected:
        raise InvalidResidentId("check_digit", f"身份证号码校验位错误（应为 {expected}）")
    return number


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidResidentId:
        return False
    return True


def mask(number: str) -> str:
    """110113********1234: the region (6) and the last four stay, the birth date and sequence are hidden."""
    return f"{number[:6]}{'*' * 8}{number[-4:]}" if len(number) == LENGTH else "*" * len(number)


@lru_cache(maxsize=4)
def _derive(secret: str, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"skillbase-personal-data", info=label).derive(secret.encode())


@lru_cache(maxsize=4)
def _cipher(key: bytes) -> AESGCM:
    """One AESGCM per key (building it costs more than sealing one number: a roster seals 100,000)."""
    return AESGCM(key)


def _keys() -> tuple[bytes, bytes]:
    secret = get_settings().personal_data_key
    return _derive(secret, b"resident-id:aes-256-gcm:v1"), _derive(secret, b"resident-id:hmac-sha256:v1")


def seal(number: str) -> bytes:
    """The encrypted form stored in the database: key version (1 byte) + nonce (12) + ciphertext and tag."""
    nonce = os.urandom(_NONCE_BYTES)
    header = bytes([KEY_VERSION])
    return header + nonce + _cipher(_keys()[0]).encrypt(nonce, number.encode(), header)


def open_sealed(sealed: bytes) -> str:
    """The number back from `seal`; raises when the value was tampered with or sealed under another key."""
    header, nonce, body = sealed[:1], sealed[1 : 1 + _NONCE_BYTES], sealed[1 + _NONCE_BYTES :]
    if header != bytes([KEY_VERSION]):
        raise ValueError(f"unknown key version {header!r}")
    return AESGCM(_keys()[0]).decrypt(nonce, body, header).decode()


def match_hash(number: str) -> bytes:
    """HMAC-SHA256 of the normalised number: equal for the same person wherever it is stored, useless without the key."""
    return hmac.digest(_keys()[1], normalize(number).encode(), hashlib.sha256)


def normalize_certificate_no(value: str) -> str:
    """A certificate number as compared: spaces dropped, letters upper-cased."""
    return "".join(value.split()).upper()


def certificate_key(number: str, certificate_no: str) -> bytes:
    """HMAC-SHA256 (the `match_hash` key) of the normalised number and certificate number: the `dup_key` that finds the
    same certificate of the same person in another roster, month or base, without either value in clear."""
    message = normalize(number) + "\x1f" + normalize_certificate_no(certificate_no)
    return hmac.digest(_keys()[1], message.encode(), hashlib.sha256)
