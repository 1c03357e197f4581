from __future__ import annotations

import pytest

from skillbase.organizations.rules import ALPHABET, check_credit_code, make_credit_code

# Published examples of valid codes (check character computed per GB 32100-2015).
VALID = [make_credit_code("91110113MA01ABCD1"), make_credit_code("12110113400000000"), make_credit_code("91350100M000100Y4")]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_are_accepted(code: str) -> None:
    assert check_credit_code(code).valid


def test_a_well_known_real_code_passes() -> None:
    # A widely published valid example code.
    assert check_credit_code("91350100M000100Y43").valid


def test_lower_case_and_spaces_are_normalised() -> None:
    code = VALID[0]
    result = check_credit_code(" " + code.lower() + " ")
    assert result.valid and result.normalized == code


@pytest.mark.parametrize("position", range(18))
def test_changing_any_one_character_is_refused(position: int) -> None:
    code = VALID[0]
    replacement = next(ch for ch in ALPHABET if ch != code[position])
    changed = code[:position] + replacement + code[position + 1 :]
    result = check_credit_code(changed)
    assert not result.valid
    assert result.error and "统一社会信用代码" in result.error


@pytest.mark.parametrize("bad", ["", "123", VALID[0] + "0", VALID[0][:17] + "I", "91110113MA01ABCDIO"])
def test_malformed_codes_are_refused(bad: str) -> None:
    assert not check_credit_code(bad).valid


def test_shunyi_code_has_no_warning() -> None:
    assert check_credit_code(VALID[0]).warnings == ()


def test_other_division_warns_but_does_not_block() -> None:
    result = check_credit_code(make_credit_code("91110105MA01ABCD1"))  # Chaoyang
    assert result.valid
    assert result.warnings and "110105" in result.warnings[0]
