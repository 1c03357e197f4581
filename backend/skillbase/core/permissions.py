"""The permission vocabulary and the role map. Anything unlisted is denied.

Two kinds of permission, one vocabulary:

- Route permissions say what a caller may DO: every route declares exactly one with `require(Permission.x)`
  (published as `x-permission` in the OpenAPI), e.g. `application:read` lets a caller reach the application routes.
- Scope permissions say which ROWS a caller sees once there: a repository's `readable_statement(principal)` builds
  its WHERE clause from them, never from a role. `*:read_all` is the whole table (`application:read_all`,
  `organization:read_all`, `expert:read_all`, `call:read_all` for drafts, `base:read_all`, `report:read_all`); `review:perform` is an
  expert's assigned applications; `personal_data:read_full` shows unmasked mobiles and bank accounts
  (core/masking.py). Two scopes need no permission because they follow from who the caller is: an organisation's
  own rows (the principal has an `organization_id`) and a person's own record (the principal has a User).
  A principal's readable rows are the union of the scopes it holds; holding a route permission without any scope
  shows nothing.

A person holds the permissions of their role (`ROLE_PERMISSIONS`). A machine principal (an API client, no User row)
holds only what its token grants: it inherits no role, so without a `*:read_all` scope or an organisation it sees no
rows at all, whatever route permission it has.
"""

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
    roster_write = "roster:write"  # upload a monthly report's rosters (its own organisation's, while editable)
    duplicate_resolve = "duplicate:resolve"  # list and resolve duplicate certificates across months and bases
    indicator_register = "indicator:register"  # the register of every base's indicators, and its export
    base_write = "base:write"  # an organisation owner keeps its base's dedicated account and contacts current
    report_read = "report:read"  # monthly reports, their versions, attachments and competitions
    report_write = "report:write"  # an organisation writes and submits its bases' monthly reports
    report_review = "report:review"  # the bureau accepts or returns submitted reports
    # scope permissions: which rows a caller sees (see the module docstring)
    application_read_all = "application:read_all"
    organization_read_all = "organization:read_all"
    expert_read_all = "expert:read_all"
    call_read_all = "call:read_all"  # drafts too; everyone sees published and closed calls
    base_read_all = "base:read_all"
    report_read_all = "report:read_all"  # every base's reports (the administrators' queue)
    personal_data_read_full = "personal_data:read_full"  # other people's mobiles and bank accounts unmasked


_EVERYONE = frozenset({Permission.profile_manage, Permission.notification_read})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.applicant: _EVERYONE
    | {
        Permission.organization_read,
        Permission.organization_manage_users,
        Permission.application_read,
        Permission.application_write,
        Permission.base_read,
        Permission.roster_write,
        Permission.base_write,
        Permission.report_read,
        Permission.report_write,
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
        Permission.duplicate_resolve,
        Permission.indicator_register,
        Permission.report_read,
        Permission.report_review,
        Permission.application_read_all,
        Permission.organization_read_all,
        Permission.expert_read_all,
        Permission.call_read_all,
        Permission.base_read_all,
        Permission.report_read_all,
        Permission.personal_data_read_full,
    },
}


def permissions_of(role: str, *, is_org_owner: bool = False) -> frozenset[Permission]:
    perms = ROLE_PERMISSIONS.get(Role(role), frozenset())
    if Role(role) is Role.applicant and not is_org_owner:
        perms = perms - {Permission.organization_manage_users, Permission.base_write}
    return perms
