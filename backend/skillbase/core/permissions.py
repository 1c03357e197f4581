"""The permission vocabulary and the role map. Routes declare a Permission; anything unlisted is denied."""

from __future__ import annotations

from enum import StrEnum

from skillbase.models.enums import Role


class Permission(StrEnum):
    profile_manage = "profile:manage"
    notification_read = "notification:read"
    organization_read = "organization:read"
    organization_verify = "organization:verify"
    organization_manage_users = "organization:manage_users"
    expert_manage = "expert:manage"
    admin_manage = "admin:manage"
    user_manage = "user:manage"
    audit_read = "audit:read"
    call_manage = "call:manage"
    application_read = "application:read"
    application_write = "application:write"
    review_manage = "review:manage"  # formal check, panels, reopening, decisions
    review_perform = "review:perform"  # an expert's own reviews
    publicity_manage = "publicity:manage"  # notices, objections, recognition, plaques
    base_read = "base:read"


_EVERYONE = frozenset({Permission.profile_manage, Permission.notification_read})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.applicant: _EVERYONE
    | {
        Permission.organization_read,
        Permission.organization_manage_users,
        Permission.application_read,
        Permission.application_write,
        Permission.base_read,
    },
    Role.expert: _EVERYONE | {Permission.review_perform, Permission.application_read},
    Role.admin: _EVERYONE
    | {
        Permission.organization_read,
        Permission.organization_verify,
        Permission.expert_manage,
        Permission.admin_manage,
        Permission.user_manage,
        Permission.audit_read,
        Permission.call_manage,
        Permission.application_read,
        Permission.review_manage,
        Permission.publicity_manage,
        Permission.base_read,
    },
}


def permissions_of(role: str, *, is_org_owner: bool = False) -> frozenset[Permission]:
    perms = ROLE_PERMISSIONS.get(Role(role), frozenset())
    if Role(role) is Role.applicant and not is_org_owner:
        perms = perms - {Permission.organization_manage_users}
    return perms
