"""Password input rules, one place for every schema that takes a password.

- A password is used exactly as typed: the schemas' `str_strip_whitespace` never applies to it (a leading or
  trailing space is part of the secret), neither when it is set nor when it is checked.
- A new password has 10–128 characters (ASVS 5.0 6.2.1/6.2.9) and is not on a list of common passwords
  (ASVS 6.2.4), compared case-insensitively.

The list (common_passwords.txt, 19,640 lower-case entries) is the common-password list Django ships for its
CommonPasswordValidator (BSD-3-Clause, Django Software Foundation; compiled by Royce Williams from breach
corpora), unchanged.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from skillbase.core.error_codes import ErrorCode
from skillbase.core.security import PASSWORD_MAX, PASSWORD_MIN

COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")
TOO_COMMON = ErrorCode.PASSWORD_TOO_COMMON.value
TOO_COMMON_MESSAGE = "该密码过于常见，容易被猜中，请换一个不常见的密码（例如几个无关词语的组合）"


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line)


def is_common(password: str) -> bool:
    return password.lower() in common_passwords()


def _not_common(password: str) -> str:
    if is_common(password):
        raise PydanticCustomError(TOO_COMMON, TOO_COMMON_MESSAGE)
    return password


# A password being set (registration, new users, password change): as typed, 10–128 characters, not common.
NewPassword = Annotated[
    str, StringConstraints(strip_whitespace=False, min_length=PASSWORD_MIN, max_length=PASSWORD_MAX), AfterValidator(_not_common)
]
# A password being checked (the current password): as typed, never trimmed.
GivenPassword = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, max_length=PASSWORD_MAX)]
