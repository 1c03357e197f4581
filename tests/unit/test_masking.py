"""Who sees which contact and bank details (core/masking.py), without a database."""

from __future__ import annotations

import pytest

from skillbase.core.masking import expert_mobile_view, mask_bank_account, mask_mobile, organization_view
from skillbase.core.permissions import ROLE_PERMISSIONS, Permission
from skillbase.models.enums import Role

ORG = {
    "name": "某技工学校",
    "legal_representative": {"name": "李四", "office_phone": "010-69400000", "mobile": "13912345678"},
    "contact_person": {"name": "王五", "office_phone": "010-69400001", "mobile": "13787654321"},
    "bank_name": "北京农商银行顺义支行",
    "bank_account": "0101 0000 0000 0001 234",
}


@pytest.mark.parametrize(("mobile", "shown"), [("13912345678", "139****5678"), ("123", "****"), (None, ""), ("", "")])
def test_mask_mobile(mobile: str | None, shown: str) -> None:
    assert mask_mobile(mobile) == shown


@pytest.mark.parametrize(("account", "shown"), [("0101 0000 0000 0001 234", "****1234"), ("12-34", "****"), (None, "")])
def test_mask_bank_account(account: str | None, shown: str) -> None:
    assert mask_bank_account(account) == shown


def test_an_expert_sees_the_organisation_masked_and_the_original_is_untouched() -> None:
    seen = organization_view(ROLE_PERMISSIONS[Role.expert], ORG, own_organization=False)
    assert seen["legal_representative"]["mobile"] == "139****5678" and seen["contact_person"]["mobile"] == "137****4321"
    assert seen["bank_account"] == "****1234"
    assert seen["contact_person"]["office_phone"] == "010-69400001" and seen["bank_name"] == ORG["bank_name"]
    assert ORG["legal_representative"]["mobile"] == "13912345678"  # type: ignore[index]


def test_the_bureau_sees_any_organisation_and_an_applicant_its_own_in_full() -> None:
    assert organization_view(ROLE_PERMISSIONS[Role.admin], ORG, own_organization=False) == ORG
    assert organization_view(ROLE_PERMISSIONS[Role.applicant], ORG, own_organization=True) == ORG


def test_an_applicant_permission_alone_does_not_unmask_another_organisation() -> None:
    assert organization_view(ROLE_PERMISSIONS[Role.applicant], ORG, own_organization=False)["bank_account"] == "****1234"


def test_a_client_sees_personal_data_in_full_only_with_the_scope() -> None:
    granted = frozenset({Permission.application_read, Permission.application_read_all})
    assert organization_view(granted, ORG, own_organization=False)["contact_person"]["mobile"] == "137****4321"
    assert organization_view(granted | {Permission.personal_data_read_full}, ORG, own_organization=False) == ORG
    assert expert_mobile_view(granted, "13500000000") == "135****0000"


def test_only_the_bureau_sees_experts_mobiles() -> None:
    assert expert_mobile_view(ROLE_PERMISSIONS[Role.admin], "13500000000") == "13500000000"
    applicant, expert = ROLE_PERMISSIONS[Role.applicant], ROLE_PERMISSIONS[Role.expert]
    assert expert_mobile_view(applicant, "13500000000") == expert_mobile_view(expert, "13500000000") == "135****0000"
