"""All settings in one place. Values come from the environment (prefix-free) or an optional `.env`.

The app refuses to start in production with a default or short secret.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"
MIN_SECRET_LENGTH = 32


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
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    jwt_issuer: str = "skillbase"
    jwt_audience: str = "skillbase-api"
    access_token_minutes: int = Field(default=15, ge=1, le=240)
    refresh_token_days: int = Field(default=7, ge=1, le=90)
    refresh_absolute_days: int = Field(default=30, ge=1, le=365)

    login_window_minutes: int = Field(default=15, ge=1)
    login_max_failures_per_account: int = Field(default=5, ge=1)
    login_max_failures_per_ip: int = Field(default=20, ge=1)
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

    cors_origins: list[str] = ["http://localhost:5173", "http://127.0.0.1:5173"]
    forwarded_allow_ips: str = Field(
        default="",
        description="comma-separated addresses/networks of the reverse proxies whose X-Forwarded-For/-Proto are honoured "
        "(by uvicorn and by the app's client address); empty: nobody's; `*`: everybody's",
    )
    log_level: str = "INFO"

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

    @model_validator(mode="after")
    def _refuse_weak_secret_in_production(self) -> Settings:
        if self.environment == "production":
            if self.secret_key == DEV_SECRET or len(self.secret_key) < MIN_SECRET_LENGTH:
                raise ValueError(f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} characters in production")
            if not self.database_url:
                raise ValueError("DATABASE_URL must be set in production")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
