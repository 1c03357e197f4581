"""Resident ID numbers: GB 11643 check character, normalisation, masking, sealing and the matching hash."""

from __future__ import annotations

import pytest

from skillbase.core import resident_id
from skillbase.core.resident_id import InvalidResidentId

VALID_X = "11010519491231002X"  # the standard's own example: check character X
VALID_DIGIT = "110113199001011234"[:17] + resident_id.check_character("11011319900101123")


def test_check_character_of_the_standards_example_is_x() -> None:
    assert resident_id.check_character("11010519491231002") == "X"


def test_a_valid_number_with_a_digit_check_character_passes() -> None:
    assert resident_id.validate(VALID_DIGIT) == VALID_DIGIT


def test_lower_case_x_and_spaces_are_normalised() -> None:
    assert resident_id.validate(" 11010519491231002x ") == VALID_X


@pytest.mark.parametrize("wrong", "0123456789")
def test_every_wrong_check_character_is_refused(wrong: str) -> None:
    number = VALID_X[:17] + wrong
    with pytest.raises(InvalidResidentId) as raised:
        resident_id.validate(number)
    assert raised.value.code == "check_digit" and "X" in str(raised.value)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("11010519491231002", "length"),
        ("1101051949123100200", "length"),
        ("11010519491231A02X", "characters"),
        ("11010519491231002Y", "characters"),
        ("110105194902300021", "birth_date"),  # 30 February
        ("110105180001010021", "birth_date"),  # before 1900
    ],
)
def test_malformed_numbers_name_what_is_wrong(number: str, code: str) -> None:
    with pytest.raises(InvalidResidentId) as raised:
        resident_id.validate(number)
    assert raised.value.code == code


def test_mask_keeps_region_and_last_four() -> None:
    assert resident_id.mask(VALID_X) == "110105********002X"


def test_sealed_numbers_open_back_and_never_repeat() -> None:
    a, b = resident_id.seal(VALID_X), resident_id.seal(VALID_X)
    assert a != b  # a fresh nonce per value
    assert VALID_X.encode() not in a
    assert resident_id.open_sealed(a) == resident_id.open_sealed(b) == VALID_X


def test_a_tampered_seal_is_refused() -> None:
    sealed = bytearray(resident_id.seal(VALID_X))
    sealed[-1] ^= 1
    with pytest.raises(Exception):  # noqa: B017 - cryptography's InvalidTag
        resident_id.open_sealed(bytes(sealed))


def test_match_hash_is_equal_for_the_same_person_however_typed() -> None:
    assert resident_id.match_hash(VALID_X) == resident_id.match_hash(VALID_X.lower())
    assert resident_id.match_hash(VALID_X) != resident_id.match_hash(VALID_DIGIT)
    assert len(resident_id.match_hash(VALID_X)) == 32
