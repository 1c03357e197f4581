"""All settings in one place. Values come from the environment (prefix-free) or an optional `.env`.

The app refuses to start in production with a default, short or guessable (low-entropy) secret.
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections import Counter
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"
DEV_PERSONAL_DATA_KEY = "dev-only-personal-data-key-change-me-0123456789"
MIN_SECRET_LENGTH = 32
MIN_SECRET_BITS = 128


def estimated_entropy_bits(secret: str) -> float:
    """A conservative estimate of how many bits of randomness `secret` holds, for refusing weak keys.

    Per character: the Shannon entropy of the secret's own character distribution, never more than the
    character classes it uses allow (log2 of 26 lower + 26 upper + 10 digits + 33 symbols, those present).
    Characters that merely repeat or step from the previous one (aaaa, abcd, 4321) add nothing. A random
    key passes easily — secrets.token_urlsafe(32) estimates at ~200 bits, `openssl rand -hex 32` at ~200 —
    while "x" * 40 (0), an alphabet run (~5) or a repeated phrase ("Secret123" × 4, ~90) do not."""
    if not secret:
        return 0.0
    counts = Counter(secret)
    n = len(secret)
    shannon = -sum(c / n * math.log2(c / n) for c in counts.values())
    pool = (
        26 * any(ch.islower() for ch in secret)
        + 26 * any(ch.isupper() for ch in secret)
        + 10 * any(ch.isdigit() for ch in secret)
        + 33 * any(not ch.isalnum() for ch in secret)
    )
    per_char = min(shannon, math.log2(pool)) if pool > 1 else 0.0
    informative = 1 + sum(1 for a, b in pairwise(secret) if abs(ord(b) - ord(a)) > 1)
    return per_char * informative


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container's cpuset), else all the machine's."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str | None = Field(
        default=None,
        description="postgresql+asyncpg://user:pass@host:port/db, as the application role (skillbase_app), which owns "
        "nothing. Unset: the embedded PostgreSQL of `make run`.",
    )
    migration_database_url: str | None = Field(
        default=None,
        description="The owner of the schema: migrations, backup/restore and `cli app-db-login` connect as it. Unset: DATABASE_URL.",
    )
    embedded_pg_dir: str = ".data/postgres"

    secret_key: str = DEV_SECRET
    personal_data_key: str = Field(
        default=DEV_PERSONAL_DATA_KEY,
        description="the secret from which the keys that encrypt resident ID numbers at rest (AES-256-GCM) and hash them "
        "for matching (HMAC-SHA256) are derived; changing it makes stored numbers unreadable",
    )
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    jwt_issuer: str = "skillbase"
    jwt_audience: str = "skillbase-api"
    access_token_minutes: int = Field(default=15, ge=1, le=240)
    refresh_token_days: int = Field(default=7, ge=1, le=90)
    refresh_absolute_days: int = Field(default=30, ge=1, le=365)

    login_window_minutes: int = Field(default=15, ge=1, description="window over which an address's failed logins count")
    login_max_failures_per_ip: int = Field(default=20, ge=1, description="failed logins from one address before it is blocked")
    login_max_failures_per_account: int = Field(
        default=5, ge=1, description="failed logins on an account before each further attempt must wait (1, 2, 4 … s)"
    )
    login_backoff_max_seconds: int = Field(default=300, ge=1, le=3600, description="longest wait between attempts on one account")
    login_backoff_memory_hours: int = Field(default=24, ge=1, description="how long an account's failures count (a success resets)")
    login_known_address_days: int = Field(
        default=90, ge=0, description="an address the owner logged in from within this many days counts only its own failures"
    )
    registrations_per_ip_per_hour: int = Field(default=10, ge=1)
    objections_per_ip_per_hour: int = Field(default=5, ge=1)

    upload_dir: str = Field(default=".data/uploads", description="local folder for uploaded files (outside any web root)")
    upload_tmp_max_age_minutes: int = Field(
        default=60, ge=1, description="temporary files of uploads older than this are swept (left by a crash)"
    )
    upload_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024, description="largest accepted upload")
    objection_attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, description="largest objection attachment")
    json_max_bytes: int = Field(default=2 * 1024 * 1024, ge=1024, description="largest accepted non-upload request body")
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    clamav_host: str | None = None
    clamav_port: int = 3310

    public_base_url: str = Field(default="http://localhost:5173", description="the SPA's address, for links in e-mails")
    smtp_host: str | None = Field(default=None, description="unset: e-mails are written to the log (development)")
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    mail_from: str = "技能人才培训基地管理平台 <noreply@skillbase.local>"
    worker_interval_seconds: float = Field(default=10, gt=0)
    review_due_soon_days: int = Field(default=2, ge=0)
    report_due_soon_days: int = Field(default=3, ge=0, description="monthly reports: remind this many days before the due date")
    clock_offset_days: int = Field(
        default=0,
        ge=-3650,
        le=3650,
        description="development only: run the application's clock (core/clock.py) this many days ahead (negative: behind) "
        "of the real time, so scenarios let periods and deadlines pass; refused in production",
    )

    api_docs: bool | None = Field(default=None, description="serve /docs and /redoc; unset: yes, except in production")
    openapi_json: bool | None = Field(default=None, description="serve /openapi.json; unset: yes, except in production")

    cors_origins: list[str] = ["http://localhost:5173", "http://127.0.0.1:5173"]
    forwarded_allow_ips: str = Field(
        default="",
        description="comma-separated addresses/networks of the reverse proxies whose X-Forwarded-For/-Proto are honoured "
        "(by uvicorn and by the app's client address); empty: nobody's; `*`: everybody's",
    )
    log_level: str = "INFO"
    web_concurrency: int | None = Field(
        default=None,
        ge=1,
        le=64,
        description="worker processes of `python -m skillbase.serve` (each has its own connection pool); unset: one per "
        "core in production, else 1",
    )
    keep_alive_seconds: int = Field(
        default=65,
        ge=1,
        le=3600,
        description="how long the server keeps an idle HTTP keep-alive connection open; longer than the proxy's idle "
        "timeout for its upstream connections (nginx 60 s), so the server never closes one the proxy is about to reuse",
    )
    db_pool_size: int = Field(
        default=10,
        ge=1,
        le=100,
        description="database connections each worker process keeps open. Rule: (workers x (DB_POOL_SIZE + DB_MAX_OVERFLOW)) "
        "+ the notification worker's + a few for migrations and psql must stay below the server's max_connections",
    )
    db_max_overflow: int = Field(default=10, ge=0, le=100, description="extra connections a worker may open under load, beyond the pool")
    db_pool_timeout_seconds: float = Field(
        default=10, gt=0, le=120, description="how long a request waits for a free connection before it is answered 503"
    )
    pdf_render_processes: int | None = Field(
        default=None,
        ge=0,
        le=64,
        description="PDF render processes of each worker process (at most this many PDFs render at once per worker; the "
        "rest wait); unset: cores / workers, at least 1; 0: render in a thread of the worker (no child processes)",
    )
    pdf_render_nice: int = Field(
        default=10, ge=0, le=19, description="CPU niceness of the render processes: a busy machine serves other requests first"
    )
    pdf_cache_bytes: int = Field(
        default=64 * 1024 * 1024, ge=0, description="per worker process: finished PDFs kept in memory up to this size (0: none)"
    )

    @field_validator("web_concurrency", "pdf_render_processes", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value  # WEB_CONCURRENCY= (compose's empty default)

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _addresses_or_networks(cls, value: str) -> str:
        for item in (i.strip() for i in value.split(",")):
            if item and item != "*":
                try:
                    ipaddress.ip_network(item, strict=False)
                except ValueError as exc:
                    raise ValueError(f"FORWARDED_ALLOW_IPS: {item!r} is neither an IP address nor a network") from exc
        return value

    @property
    def workers(self) -> int:
        """Worker processes of `python -m skillbase.serve`: WEB_CONCURRENCY, else one per core in production, else 1."""
        if self.web_concurrency is not None:
            return self.web_concurrency
        return available_cores() if self.environment == "production" else 1

    @property
    def pdf_processes(self) -> int:
        """PDF render processes per worker: PDF_RENDER_PROCESSES, else the cores shared out among the workers."""
        if self.pdf_render_processes is not None:
            return self.pdf_render_processes
        return max(1, available_cores() // self.workers)

    @property
    def db_connections_needed(self) -> int:
        """Connections the API may open at most: workers x (pool + overflow); keep it below max_connections."""
        return self.workers * (self.db_pool_size + self.db_max_overflow)

    @property
    def api_docs_served(self) -> bool:
        return self.api_docs if self.api_docs is not None else self.environment != "production"

    @property
    def openapi_json_served(self) -> bool:
        return self.openapi_json if self.openapi_json is not None else self.environment != "production"

    @model_validator(mode="after")
    def _refuse_weak_secret_in_production(self) -> Settings:
        if self.environment == "production":
            if self.secret_key == DEV_SECRET or len(self.secret_key) < MIN_SECRET_LENGTH:
                raise ValueError(f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} characters in production")
            bits = estimated_entropy_bits(self.secret_key)
            if bits < MIN_SECRET_BITS:
                raise ValueError(
                    f"SECRET_KEY looks guessable (about {bits:.0f} bits of randomness, {MIN_SECRET_BITS} required in production); "
                    'generate one with: python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
                )
            if self.personal_data_key == DEV_PERSONAL_DATA_KEY or estimated_entropy_bits(self.personal_data_key) < MIN_SECRET_BITS:
                raise ValueError(
                    "PERSONAL_DATA_KEY must be set to a random value in production (it encrypts resident ID numbers); "
                    'generate one with: python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
                )
            if not self.database_url:
                raise ValueError("DATABASE_URL must be set in production")
            if self.clock_offset_days:
                raise ValueError("CLOCK_OFFSET_DAYS shifts the application's clock and is refused in production")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
