"""Who sees which personal and financial details (security.md 14). One place, used by the JSON views and the
Annex 1 PDF alike, so the two can never disagree.

- An organisation's contact mobiles (legal representative, contact person) and its bank account: in full for
  the bureau (admin) and for the organisation itself (an applicant only ever reads its own organisation);
  masked for experts, who review the application but have no business calling or paying anyone.
- Experts' mobiles (the panel in table 5): in full for the bureau only.
"""

from __future__ import annotations

import copy
from typing import Any

from skillbase.models.enums import Role

MASK = "****"


def mask_mobile(mobile: str | None) -> str:
    """138****5678: the operator prefix and the last four digits stay, enough to recognise a number."""
    return f"{mobile[:3]}{MASK}{mobile[-4:]}" if mobile and len(mobile) >= 7 else (MASK if mobile else "")


def mask_bank_account(account: str | None) -> str:
    """****4567: only the last four digits stay (how banks print an account on a statement)."""
    digits = "".join(ch for ch in account or "" if ch.isdigit())
    return f"{MASK}{digits[-4:]}" if len(digits) > 4 else (MASK if account else "")


def sees_organization_contacts(role: Role) -> bool:
    return role in (Role.admin, Role.applicant)


def sees_expert_mobiles(role: Role) -> bool:
    return role is Role.admin


def organization_view(role: Role, organization: dict[str, Any]) -> dict[str, Any]:
    """An organisation record (a version's snapshot, or OrganizationRead dumped) as `role` may see it; a copy."""
    if sees_organization_contacts(role):
        return organization
    seen = copy.deepcopy(organization)
    for person in ("legal_representative", "contact_person"):
        if isinstance(seen.get(person), dict) and "mobile" in seen[person]:
            seen[person]["mobile"] = mask_mobile(seen[person]["mobile"])
    if "bank_account" in seen:
        seen["bank_account"] = mask_bank_account(seen["bank_account"])
    return seen


def expert_mobile_view(role: Role, mobile: str | None) -> str:
    return (mobile or "") if sees_expert_mobiles(role) else mask_mobile(mobile)
