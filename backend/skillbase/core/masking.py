"""Who sees which personal and financial details (security.md 14). One place, used by the JSON views and the
Annex 1 PDF alike, so the two can never disagree.

- An organisation's contact mobiles (legal representative, contact person) and its bank account: in full for
  the holders of `personal_data:read_full` (the bureau) and for the organisation itself (the caller acts for
  it); masked for everyone else, e.g. experts, who review the application but have no business calling or paying
  anyone.
- Experts' mobiles (the panel in table 5): in full for `personal_data:read_full` only.

Decided by permission, never by role: a machine client sees unmasked data only when its token grants the scope.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from typing import Any

from skillbase.core.permissions import Permission

MASK = "****"


def mask_mobile(mobile: str | None) -> str:
    """138****5678: the operator prefix and the last four digits stay, enough to recognise a number."""
    return f"{mobile[:3]}{MASK}{mobile[-4:]}" if mobile and len(mobile) >= 7 else (MASK if mobile else "")


def mask_bank_account(account: str | None) -> str:
    """****4567: only the last four digits stay (how banks print an account on a statement)."""
    digits = "".join(ch for ch in account or "" if ch.isdigit())
    return f"{MASK}{digits[-4:]}" if len(digits) > 4 else (MASK if account else "")


def sees_organization_contacts(permissions: Collection[Permission], *, own_organization: bool) -> bool:
    return own_organization or Permission.personal_data_read_full in permissions


def sees_expert_mobiles(permissions: Collection[Permission]) -> bool:
    return Permission.personal_data_read_full in permissions


def organization_view(permissions: Collection[Permission], organization: dict[str, Any], *, own_organization: bool) -> dict[str, Any]:
    """An organisation record (a version's snapshot, or OrganizationRead dumped) as a caller holding `permissions`
    may see it; `own_organization`: the caller acts for this very organisation. Masked views are a copy."""
    if sees_organization_contacts(permissions, own_organization=own_organization):
        return organization
    seen = copy.deepcopy(organization)
    for person in ("legal_representative", "contact_person"):
        if isinstance(seen.get(person), dict) and "mobile" in seen[person]:
            seen[person]["mobile"] = mask_mobile(seen[person]["mobile"])
    if "bank_account" in seen:
        seen["bank_account"] = mask_bank_account(seen["bank_account"])
    return seen


def expert_mobile_view(permissions: Collection[Permission], mobile: str | None) -> str:
    return (mobile or "") if sees_expert_mobiles(permissions) else mask_mobile(mobile)
