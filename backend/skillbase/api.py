"""Mounts every domain router under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from skillbase.accounts.router import admins_router, me_router, users_router
from skillbase.applications.router import router as applications_router
from skillbase.audit.router import router as audit_router
from skillbase.auth.router import router as auth_router
from skillbase.bases.router import public_router as public_bases_router
from skillbase.bases.router import router as bases_router
from skillbase.calls.router import public_router as public_calls_router
from skillbase.calls.router import router as calls_router
from skillbase.core.errors import responses
from skillbase.experts.router import router as experts_router
from skillbase.indicators.router import router as indicators_router
from skillbase.notifications.router import router as notifications_router
from skillbase.organizations.router import public_router as public_organizations_router
from skillbase.organizations.router import router as organizations_router
from skillbase.publicity.router import public_router as public_publicity_router
from skillbase.publicity.router import router as publicity_router
from skillbase.reports.router import router as reports_router
from skillbase.reviews.router import annex1_router
from skillbase.reviews.router import router as reviews_router
from skillbase.rosters.router import router as rosters_router

API_PREFIX = "/api/v1"

# Every route can meet a body that is not parseable at all (400), too large or too complex (413), and a database it
# cannot reach (503, with Retry-After) besides its own documented answers.
api_router = APIRouter(prefix=API_PREFIX, responses=responses(400, 413, 503))
for r in (
    auth_router,
    me_router,
    public_organizations_router,
    public_calls_router,
    calls_router,
    applications_router,
    annex1_router,
    reviews_router,
    publicity_router,
    bases_router,
    indicators_router,
    reports_router,
    public_publicity_router,
    public_bases_router,
    organizations_router,
    experts_router,
    admins_router,
    users_router,
    audit_router,
    notifications_router,
    rosters_router,
):
    api_router.include_router(r)
