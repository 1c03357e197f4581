"""What the benchmark loads, and the SQL each request sends.

`Workload.prepare()` picks the records to load (an application of an applicant, an expert with seats, 64 drafts of
distinct organisations ...) from the generated data, logs every needed user in through the app itself (tokens that
the served API accepts too: same secret) and lists the routes (`Route`). `capture()` runs each route once through
the app in this process with a SQLAlchemy `before_cursor_execute` listener, giving the statements per request and
their SQL with the parameters inlined (`inline`), which pgbench replays and plans.py EXPLAINs. No application code
is changed for this: the app is the same code, built with create_app() around an engine this module listens to.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datagen

from skillbase.core.pagination import encode_cursor

SECRET = "bench-secret-" + "7f3a9c1e5b2d4f6a8c0e2b4d6f8a1c3e5b7d9f0a2c4e6b8d"
PERSONAL_DATA_KEY = datagen.PERSONAL_DATA_KEY  # the generated rosters' IDs are sealed under it
TOKEN_MINUTES = 180  # one access token lasts the whole run
DRAFT_WRITERS = 64
API = "/api/v1"


@dataclass
class Route:
    """One benchmarked request (or, with several paths, a page load of requests taken in turn)."""

    key: str
    title: str
    paths: list[str]
    role: str  # admin, applicant, expert, base_owner, writer
    method: str = "GET"
    kind: str = "read"  # read, list, write
    clients: tuple[int, ...] = (1, 16, 64)
    raw_clients: tuple[int, ...] = (1, 16)  # pgbench replays of its SQL (bench.raw_sql)

    @property
    def is_list(self) -> bool:
        return self.kind == "list"


@dataclass
class Captured:
    """The statements one route sent, per request (one per path), and its response statuses."""

    route: Route
    requests: list[list[tuple[str, Any]]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    @property
    def statements_per_request(self) -> float:
        return sum(len(r) for r in self.requests) / max(1, len(self.requests))

    def scripts(self) -> list[str]:
        """pgbench scripts: each request's statements in one transaction, as the API sends them (rolled back for writes)."""
        return [script(sent, rollback=self.route.kind == "write") for sent in self.requests]

    def selects(self) -> list[tuple[str, int]]:
        """Every distinct SELECT (by its text before parameters are inlined): its first instance inlined (what plans.py
        EXPLAINs) and how many times the route sent it (more than once per request: a query per row)."""
        seen: dict[str, tuple[str, int]] = {}
        for sent in self.requests:
            for sql, params in sent:
                if sql.lstrip().upper().startswith("SELECT"):
                    first, times = seen.get(sql, (inline(sql, params), 0))
                    seen[sql] = (first, times + 1)
        return list(seen.values())


def script(sent: Sequence[tuple[str, Any]], *, rollback: bool = False) -> str:
    body = "".join(f"{inline(sql, params)};\n" for sql, params in sent)
    return f"BEGIN;\n{body}{'ROLLBACK' if rollback else 'COMMIT'};\n"


_PLACEHOLDER = re.compile(r"\$(\d+)")


def literal(value: Any) -> str:
    """A PostgreSQL literal for a bound parameter (asyncpg's positional $n), for pgbench and EXPLAIN."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return repr(value) if not isinstance(value, Decimal) else str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "'" + value.isoformat() + "'"
    if isinstance(value, list | tuple):
        return "ARRAY[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        value = json.dumps(value)
    return "'" + str(value).replace("'", "''") + "'"


def inline(sql: str, params: Any) -> str:
    """`sql` with its $n placeholders replaced by literals of `params` (a sequence, as asyncpg receives them)."""
    values: Sequence[Any] = params or ()
    return _PLACEHOLDER.sub(lambda m: literal(values[int(m.group(1)) - 1]), sql).strip()


@dataclass
class Fixtures:
    admin_email: str
    applicant_email: str
    application_id: str
    expert_email: str
    call_id: str
    filter_status: str
    total_applications: int
    drafts: list[tuple[str, int, str]]  # (application id, draft_version, applicant e-mail), one organisation each
    capture_draft: tuple[str, int, str]
    deep_cursor: str  # the list's keyset cursor of the row just before the deep page (deep_offset)
    base_id: str = ""  # a base with the most months of figures (issue 10's indicators)
    total_bases: int = 0
    base_owner_email: str = ""  # the applicant of an organisation with a rostered base (its own report list)
    roster_report_id: str = ""  # the report with the longest imported certificate roster
    total_reports: int = 0
    total_duplicates: int = 0


async def load_fixtures(owner_url: str) -> Fixtures:
    import asyncpg

    conn = await asyncpg.connect(datagen.plain(owner_url))
    try:
        app = await conn.fetchrow(
            "SELECT a.id, u.email FROM applications a JOIN users u ON u.organization_id = a.organization_id AND u.role = 'applicant' "
            "WHERE a.status = 'under_review' ORDER BY a.id LIMIT 1"
        )
        expert = await conn.fetchval(
            "SELECT e.email FROM panel_members m JOIN experts e ON e.id = m.expert_id "
            "GROUP BY e.email ORDER BY count(*) DESC, e.email LIMIT 1"
        )
        call = await conn.fetchrow(
            "SELECT call_id FROM applications WHERE status = 'under_review' GROUP BY call_id ORDER BY count(*) DESC LIMIT 1"
        )
        total = await conn.fetchval("SELECT count(*) FROM applications")
        deep = deep_offset(int(total))
        before_deep = await conn.fetchrow(
            "SELECT updated_at, id FROM applications ORDER BY updated_at DESC, id OFFSET $1 LIMIT 1", max(0, deep - 1)
        )
        base = await conn.fetchval("SELECT base_id FROM base_month_figures GROUP BY base_id ORDER BY count(*) DESC, base_id LIMIT 1")
        total_bases = await conn.fetchval("SELECT count(*) FROM base_progress")
        roster = await conn.fetchrow(
            "SELECT r.report_id, u.email FROM rosters r JOIN bases b ON b.id = r.base_id "
            "JOIN users u ON u.organization_id = b.organization_id AND u.role = 'applicant' "
            "WHERE r.kind = 'certificates' AND r.status = 'imported' ORDER BY r.rows_total DESC, r.report_id LIMIT 1"
        )
        total_reports = await conn.fetchval("SELECT count(*) FROM monthly_reports")
        total_duplicates = await conn.fetchval("SELECT count(*) FROM duplicate_groups")
        drafts = await conn.fetch(
            "SELECT DISTINCT ON (a.organization_id) a.id, a.draft_version, u.email FROM applications a "
            "JOIN users u ON u.organization_id = a.organization_id AND u.role = 'applicant' "
            "WHERE a.status = 'draft' ORDER BY a.organization_id, a.id LIMIT $1",
            DRAFT_WRITERS + 1,
        )
    finally:
        await conn.close()
    rows = [(str(r["id"]), int(r["draft_version"]), str(r["email"])) for r in drafts]
    return Fixtures(
        admin_email=datagen.ADMIN_EMAIL,
        applicant_email=app["email"],
        application_id=str(app["id"]),
        expert_email=expert,
        call_id=str(call["call_id"]),
        filter_status="under_review",
        total_applications=int(total),
        drafts=rows[:DRAFT_WRITERS],
        capture_draft=rows[-1],
        deep_cursor=encode_cursor(before_deep["updated_at"], before_deep["id"]),
        base_id=str(base) if base else "",
        total_bases=int(total_bases or 0),
        base_owner_email=str(roster["email"]) if roster else "",
        roster_report_id=str(roster["report_id"]) if roster else "",
        total_reports=int(total_reports or 0),
        total_duplicates=int(total_duplicates or 0),
    )


async def _draft_versions(owner_url: str, ids: list[str]) -> dict[str, int]:
    import asyncpg

    conn = await asyncpg.connect(datagen.plain(owner_url))
    try:
        rows = await conn.fetch("SELECT id::text, draft_version FROM applications WHERE id = ANY($1::uuid[])", ids)
    finally:
        await conn.close()
    return {r["id"]: int(r["draft_version"]) for r in rows}


def current_writers(owner_url: str, writers: list[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """The writers with their drafts' versions as they are now (each write load moves them on)."""
    versions = asyncio.run(_draft_versions(owner_url, [w[0] for w in writers]))
    return [(app_id, versions.get(app_id, version), token) for app_id, version, token in writers]


def deep_offset(total: int) -> int:
    """Offset 10,000 at city scale; half the list on a smaller dataset (still a deep page there)."""
    return min(10_000, (total // 2) // 20 * 20)


def keyset_deep_page(fx: Fixtures) -> Route | None:
    """The deep page by keyset cursor, beside the offset one: the same rows as offset `deep_offset`, the cursor built
    from the row just before them (what following `next_cursor` page by page would hand over)."""
    deep = deep_offset(fx.total_applications)
    return Route(
        "list_cursor",
        f"admin list, deep page by cursor (row {deep:,})",
        [f"{API}/applications?limit=20&cursor={fx.deep_cursor}"],
        "admin",
        kind="list",
    )


def back_half(routes: list[Route]) -> list[Route]:
    """The back half's lists (issue 10) are measured at the 16 clients their goal is set at, API and raw SQL alike: at 1
    and 64 too, `make bench` would outgrow its 15 minutes (issue 9). The application routes keep 1, 16 and 64."""
    return [replace(r, clients=(16,), raw_clients=(16,)) for r in routes]


def indicator_routes(fx: Fixtures) -> list[Route]:
    """The administrators' register of base indicators (page 1, a filter, a deep page) and one base's indicators."""
    if not fx.base_id:
        return []
    register = f"{API}/indicators/bases"
    deep = min(3000, (fx.total_bases // 2) // 20 * 20)
    return back_half(
        [
            Route("register", "indicator register, page 1 (worst reached first)", [f"{register}?limit=20&offset=0"], "admin", kind="list"),
            Route(
                "register_filter",
                "indicator register, at risk + type, by projection",
                [f"{register}?limit=20&offset=0&at_risk=true&base_type=skills_upgrading&sort=projection"],
                "admin",
                kind="list",
            ),
            Route(
                "register_deep",
                f"indicator register, deep page (offset {deep:,})",
                [f"{register}?limit=20&offset={deep}"],
                "admin",
                kind="list",
            ),
            Route("base_indicators", "one base's indicators (admin)", [f"{API}/bases/{fx.base_id}/indicators"], "admin"),
        ]
    )


def report_routes(fx: Fixtures) -> list[Route]:
    """The back half's lists (issue 10): the administrators' report queue (page 1, overdue, to review, a deep page), an
    organisation's own reports, one base's reports, the duplicate certificates (all, open ones) and one roster's rows."""
    reports = f"{API}/reports"
    deep = deep_offset(fx.total_reports)
    out = [
        Route("reports", "report queue, page 1 (by due date)", [f"{reports}?limit=20&offset=0"], "admin", kind="list"),
        Route("reports_overdue", "report queue, overdue", [f"{reports}?limit=20&offset=0&overdue=true"], "admin", kind="list"),
        Route(
            "reports_submitted",
            "report queue, submitted (to review, newest first)",
            [f"{reports}?limit=20&offset=0&status=submitted&sort=-submitted_at"],
            "admin",
            kind="list",
        ),
        Route("reports_deep", f"report queue, deep page (offset {deep:,})", [f"{reports}?limit=20&offset={deep}"], "admin", kind="list"),
    ]
    if fx.base_owner_email:
        out.append(Route("reports_own", "an organisation's own reports", [f"{reports}?limit=20&offset=0"], "base_owner", kind="list"))
    if fx.base_id:
        base_reports = f"{API}/bases/{fx.base_id}/reports?limit=20&offset=0"
        out.append(Route("base_reports", "one base's reports (admin)", [base_reports], "admin", kind="list"))
    if fx.total_duplicates:
        duplicates = f"{API}/duplicates"
        out += [
            Route("duplicates", "duplicate certificates, page 1", [f"{duplicates}?limit=20&offset=0"], "admin", kind="list"),
            Route("duplicates_open", "duplicate certificates, open", [f"{duplicates}?limit=20&offset=0&status=open"], "admin", kind="list"),
        ]
    if fx.roster_report_id:
        rows = f"{API}/reports/{fx.roster_report_id}/rosters/certificates/rows"
        out.append(Route("roster_rows", "one roster's rows (certificates, admin)", [f"{rows}?limit=20&offset=0"], "admin", kind="list"))
    return back_half(out)


def routes(fx: Fixtures) -> list[Route]:
    apps = f"{API}/applications"
    deep = deep_offset(fx.total_applications)
    cursor = keyset_deep_page(fx)
    return [
        Route("list", "admin application list, page 1", [f"{apps}?limit=20&offset=0"], "admin", kind="list"),
        Route(
            "list_filter",
            "admin list, filter status + call",
            [f"{apps}?limit=20&offset=0&status={fx.filter_status}&call_id={fx.call_id}"],
            "admin",
            kind="list",
        ),
        Route("list_deep", f"admin list, deep page (offset {deep:,})", [f"{apps}?limit=20&offset={deep}"], "admin", kind="list"),
        *([cursor] if cursor else []),
        Route(
            "queue",
            "admin review queue page load (1 list + stage totals)",
            [f"{apps}?limit=20&offset=0&status=submitted", f"{apps}/stats"],
            "admin",
            kind="list",
        ),
        Route("assignments", "expert review assignments", [f"{API}/reviews/assignments?limit=20&offset=0"], "expert", kind="list"),
        Route("detail_applicant", "one application (its applicant)", [f"{apps}/{fx.application_id}"], "applicant"),
        Route("detail_admin", "one application (admin)", [f"{apps}/{fx.application_id}"], "admin"),
        Route("me", "/me (applicant)", [f"{API}/me"], "applicant"),
        *indicator_routes(fx),
        *report_routes(fx),
        Route("draft_save", "draft save (PUT with If-Match)", [f"{apps}/{{id}}/draft"], "writer", method="PUT", kind="write"),
    ]


def bench_settings(app_url: str, upload_dir: str) -> Any:
    from skillbase.config import Settings

    return Settings(
        environment="production",
        database_url=app_url,
        secret_key=SECRET,
        personal_data_key=PERSONAL_DATA_KEY,
        access_token_minutes=TOKEN_MINUTES,
        upload_dir=upload_dir,
        log_level="WARNING",
    )


def server_env(app_url: str, upload_dir: str, workers: int) -> dict[str, str]:
    """The environment of the served API: production, as the application role, the same secret as bench_settings."""
    return {
        "ENVIRONMENT": "production",
        "DATABASE_URL": app_url,
        "SECRET_KEY": SECRET,
        "PERSONAL_DATA_KEY": PERSONAL_DATA_KEY,
        "ACCESS_TOKEN_MINUTES": str(TOKEN_MINUTES),
        "UPLOAD_DIR": upload_dir,
        "LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(workers),
    }


class Recorder:
    """Statements sent on an engine while `recording()` is open."""

    def __init__(self) -> None:
        self.active: list[tuple[str, Any]] | None = None

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if self.active is not None:
            self.active.append((statement, parameters))

    @contextmanager
    def recording(self) -> Iterator[list[tuple[str, Any]]]:
        self.active = []
        try:
            yield self.active
        finally:
            self.active = None


@dataclass
class Prepared:
    fixtures: Fixtures
    routes: list[Route]
    tokens: dict[str, str]  # role -> bearer token
    writers: list[tuple[str, int, str]]  # (application id, draft_version, token)
    captured: dict[str, Captured]
    form_body: str


async def _prepare(owner_url: str, app_url: str, upload_dir: str, *, capture: bool = True) -> Prepared:
    from httpx import ASGITransport, AsyncClient
    from sqlalchemy import event

    from skillbase.config import get_settings
    from skillbase.db import Database
    from skillbase.main import create_app

    # Parts of the app read get_settings() (the environment), not only the Settings handed to create_app: give this
    # process the served API's environment, so that both sign and accept the same tokens.
    os.environ.update(server_env(app_url, upload_dir, 1))
    get_settings.cache_clear()
    fx = await load_fixtures(owner_url)
    db = Database.from_url(app_url)
    recorder = Recorder()
    event.listen(db.bind.sync_engine, "before_cursor_execute", recorder)  # type: ignore[union-attr]
    app = create_app(bench_settings(app_url, upload_dir), database=db)
    try:
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://bench") as client:

            async def login(email: str) -> str:
                r = await client.post(f"{API}/auth/token", data={"username": email, "password": datagen.PASSWORD})
                r.raise_for_status()
                return str(r.json()["access_token"])

            tokens = {
                "admin": await login(fx.admin_email),
                "applicant": await login(fx.applicant_email),
                "expert": await login(fx.expert_email),
            }
            if fx.base_owner_email:
                tokens["base_owner"] = await login(fx.base_owner_email)
            writers = [(app_id, version, await login(email)) for app_id, version, email in fx.drafts]
            capture_writer = (fx.capture_draft[0], fx.capture_draft[1], await login(fx.capture_draft[2]))
            import random

            form_body = json.dumps(datagen.make_form("skills_upgrading", random.Random(7)), ensure_ascii=False)  # noqa: S311
            listed = routes(fx)
            captured: dict[str, Captured] = {}
            if capture:
                for route in listed:
                    c = Captured(route)
                    for path in route.paths:
                        headers = {"Authorization": f"Bearer {tokens.get(route.role, capture_writer[2])}"}
                        with recorder.recording() as sent:
                            if route.method == "PUT":
                                app_id, version, _ = capture_writer
                                headers["If-Match"] = f'"{version}"'
                                headers["Content-Type"] = "application/json"
                                r = await client.put(path.format(id=app_id), headers=headers, content=form_body.encode())
                                capture_writer = (app_id, version + 1, capture_writer[2])
                            else:
                                r = await client.get(path, headers=headers)
                        c.statuses.append(r.status_code)
                        c.requests.append(list(sent))
                    captured[route.key] = c
    finally:
        await db.dispose()
    return Prepared(fx, listed, tokens, writers, captured, form_body)


def prepare(owner_url: str, app_url: str, upload_dir: str, *, capture: bool = True) -> Prepared:
    Path(upload_dir).mkdir(parents=True, exist_ok=True)
    return asyncio.run(_prepare(owner_url, app_url, upload_dir, capture=capture))
