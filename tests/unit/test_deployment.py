"""The deployment files: docker-compose.yml (valid; the worker runs; the API and the worker hold only the
application role's credentials; forwarded headers believed only from nginx) and how make run, the image and
compose start the API (through skillbase.serve, which hands uvicorn FORWARDED_ALLOW_IPS)."""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
ENV = {"SECRET_KEY": "s" * 40, "PERSONAL_DATA_KEY": "p" * 40, "POSTGRES_PASSWORD": "owner-pw", "APP_DB_PASSWORD": "app-pw"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def _env(service: dict[str, Any]) -> dict[str, str]:
    text = yaml.safe_dump(service.get("environment", {}))
    for name, value in ENV.items():  # ${NAME:?message} -> value, like compose does
        text = re.sub(r"\$\{" + name + r"(:\?[^}]*)?\}", value, text)
    return {k: str(v) for k, v in yaml.safe_load(text).items()}


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose is not installed (CI installs it)")
def test_the_compose_file_is_valid() -> None:
    subprocess.run(["docker-compose", "config", "-q"], cwd=ROOT, env={**os.environ, **ENV}, check=True)  # noqa: S607


def test_compose_runs_the_notification_worker_against_mailpit(compose: dict[str, Any]) -> None:
    worker = compose["services"]["worker"]
    assert worker["command"] == ["python", "-m", "skillbase.notifications.worker"]
    env = _env(worker)
    assert env["SMTP_HOST"] == "mailpit" and env["SMTP_PORT"] == "1025"
    assert worker["depends_on"]["mailpit"]["condition"] == "service_healthy"
    assert worker["healthcheck"] == {"disable": True}  # the image's check asks the API, which the worker is not


def test_only_the_migrate_service_holds_the_owner_credentials(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in ("backend", "worker"):
        env = _env(services[name])
        assert make_url(env["DATABASE_URL"]).username == "skillbase_app", name
        assert "MIGRATION_DATABASE_URL" not in env and "owner-pw" not in str(env), name
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name
    migrate = _env(services["migrate"])
    assert make_url(migrate["MIGRATION_DATABASE_URL"]).username == services["postgres"]["environment"]["POSTGRES_USER"]
    assert "alembic" in services["migrate"]["command"][-1] and "app-db-login" in services["migrate"]["command"][-1]


def test_forwarded_headers_are_believed_only_from_nginx(compose: dict[str, Any]) -> None:
    services = compose["services"]
    env = _env(services["backend"])
    assert "TRUST_FORWARDED_FOR" not in env
    nginx = services["frontend"]["networks"]["default"]["ipv4_address"]
    assert env["FORWARDED_ALLOW_IPS"] == nginx
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(nginx) in ipaddress.ip_network(subnet)


def test_make_run_the_image_and_compose_serve_the_api_through_skillbase_serve(compose: dict[str, Any]) -> None:
    dev = (ROOT / "backend/scripts/dev.sh").read_text()
    dockerfile = (ROOT / "backend/Dockerfile").read_text()
    commands = [line for line in dev.splitlines() if not line.lstrip().startswith("#")]
    assert "-m skillbase.serve" in dev and not [line for line in commands if "uvicorn" in line]
    assert 'CMD ["python", "-m", "skillbase.serve"' in dockerfile and "exec uvicorn" not in dockerfile
    assert compose["services"]["backend"]["command"][:3] == ["python", "-m", "skillbase.serve"]


# --- serving sized to the machine (skillbase/serve.py, config.py) -----------------------------------------------

PRODUCTION = {
    "environment": "production",
    "secret_key": "k3J9-xQ2vL8_pZ7mW4nR1tY6uB0cE5aH-sD2fG8jK",
    "database_url": "postgresql://a@b/c",
    "personal_data_key": "Xq7-Lm2_Zp9vR4tW8nB1yK6cH3sD5fG0jA",
}


def _settings(monkeypatch: pytest.MonkeyPatch, **values: Any) -> Any:
    from skillbase.config import Settings

    for name in ("WEB_CONCURRENCY", "PDF_RENDER_PROCESSES", "KEEP_ALIVE_SECONDS", "DB_POOL_SIZE", "DB_MAX_OVERFLOW"):
        monkeypatch.delenv(name, raising=False)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_production_runs_one_worker_per_core_and_development_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from skillbase import config

    monkeypatch.setattr(config, "available_cores", lambda: 4)
    assert _settings(monkeypatch, **PRODUCTION).workers == 4
    assert _settings(monkeypatch).workers == 1
    assert _settings(monkeypatch, **PRODUCTION, web_concurrency=3).workers == 3
    monkeypatch.setenv("WEB_CONCURRENCY", "")  # compose's `${WEB_CONCURRENCY:-}`: unset
    assert config.Settings(_env_file=None, **PRODUCTION).workers == 4  # type: ignore[call-arg]
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    assert config.Settings(_env_file=None, **PRODUCTION).workers == 2  # type: ignore[call-arg]


def test_each_worker_gets_its_share_of_the_cores_for_pdf_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    from skillbase import config

    monkeypatch.setattr(config, "available_cores", lambda: 4)
    assert _settings(monkeypatch, **PRODUCTION).pdf_processes == 1  # 4 workers, 4 cores
    assert _settings(monkeypatch, **PRODUCTION, web_concurrency=2).pdf_processes == 2
    assert _settings(monkeypatch, **PRODUCTION, web_concurrency=8).pdf_processes == 1  # at least one
    assert _settings(monkeypatch, pdf_render_processes=0).pdf_processes == 0  # in a thread


def test_the_connections_the_api_may_open_are_workers_times_pool_and_overflow(monkeypatch: pytest.MonkeyPatch) -> None:
    s = _settings(monkeypatch, **PRODUCTION, web_concurrency=3, db_pool_size=5, db_max_overflow=2)
    assert s.db_connections_needed == 21
    with pytest.raises(ValueError):
        _settings(monkeypatch, db_pool_size=0)


def test_compose_pool_defaults_leave_room_below_max_connections_for_a_large_host(compose: dict[str, Any]) -> None:
    env = _env(compose["services"]["backend"])
    per_worker = int(env["DB_POOL_SIZE"].split(":-")[-1].rstrip("}")) + int(env["DB_MAX_OVERFLOW"].split(":-")[-1].rstrip("}"))
    assert 8 * per_worker + 10 < 100  # 8 workers, the notification worker's pool and psql below PostgreSQL's default
    assert env["WEB_CONCURRENCY"] == "${WEB_CONCURRENCY:-}"  # empty: one per core


def test_uvicorn_gets_the_workers_keep_alive_and_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from skillbase import config
    from skillbase.serve import uvicorn_config

    monkeypatch.setattr(config, "available_cores", lambda: 2)
    s = _settings(monkeypatch, **PRODUCTION, keep_alive_seconds=30, forwarded_allow_ips="10.0.0.1")
    c = uvicorn_config(s)
    assert (c.workers, c.timeout_keep_alive, c.proxy_headers, c.forwarded_allow_ips) == (2, 30, True, ["10.0.0.1"])
    assert uvicorn_config(s, workers=5).workers == 5
    assert _settings(monkeypatch).keep_alive_seconds == 65


def test_every_json_route_is_serialised_by_pydantic_not_json_dumps(monkeypatch: pytest.MonkeyPatch) -> None:
    """FastAPI serialises a route's answer straight to JSON bytes in Pydantic's Rust core when the route declares its
    response model and keeps the default response class (ORJSONResponse is deprecated, and setting it as the default
    class would turn that path off). Routes that answer files or PDFs return a Response of their own."""
    from fastapi.datastructures import DefaultPlaceholder
    from fastapi.routing import APIRoute

    from skillbase.main import create_app

    app = create_app(_settings(monkeypatch, environment="test", database_url="postgresql://a@b/c"))
    slow = []
    for route in app.routes:
        if not isinstance(route, APIRoute) or not route.path.startswith("/api/"):
            continue
        if isinstance(route.response_class, DefaultPlaceholder) and route.response_field is None and route.status_code != 204:
            slow.append(f"{sorted(route.methods)} {route.path}")
    assert slow == []
