"""Operator commands: `python -m skillbase.cli {create-admin,seed,openapi,app-db-login}`."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys

from skillbase.config import get_settings
from skillbase.core import clock
from skillbase.db import Database
from skillbase.main import create_app, resolve_database_url, resolve_migration_url


def _database() -> Database:
    return Database.from_url(resolve_database_url(get_settings()))


async def _create_admin(email: str, full_name: str, password: str, mobile: str | None) -> None:
    from pydantic import ValidationError

    from skillbase.accounts.schemas import AdminCreate
    from skillbase.accounts.service import create_admin
    from skillbase.core.errors import AppError

    try:
        data = AdminCreate(email=email, full_name=full_name, password=password, mobile=mobile)
    except ValidationError as exc:
        sys.exit(f"无效的输入 / invalid input: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}")
    db = _database()
    try:
        async with db.transaction() as session:
            admin = await create_admin(session, None, data)
        print(f"created administrator {admin.email} ({admin.id})")
    except AppError as exc:
        sys.exit(f"{exc.code}: {exc.message}")
    finally:
        await db.dispose()


async def _seed(only_if_empty: bool) -> None:
    from skillbase import seed

    if get_settings().environment == "production":
        sys.exit("seed refused: ENVIRONMENT is production / 生产环境禁止写入演示数据")
    db = _database()
    try:
        async with db.transaction() as session:
            counts = await seed.seed(session)
        if counts:
            print(f"demo data written: {counts}; password for every demo account: {seed.DEMO_PASSWORD}")
        else:
            print("demo data already present: nothing written")
    finally:
        await db.dispose()
    del only_if_empty


async def _app_db_login() -> None:
    """As the schema owner, let the role of DATABASE_URL log in with DATABASE_URL's password (deployments with
    password authentication, e.g. docker-compose.yml; the role itself is created by the migrations)."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    settings = get_settings()
    app_url, owner_url = make_url(resolve_database_url(settings)), make_url(resolve_migration_url(settings))
    if app_url.username == owner_url.username:
        sys.exit("DATABASE_URL connects as the schema owner: give the application its own role (skillbase_app)")
    if not app_url.password:
        print(f"no password in DATABASE_URL: role {app_url.username} left as it is")
        return
    engine = create_async_engine(owner_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            # format() quotes the name (%I) and the password (%L) on the server: no SQL is built from them here
            statement = await conn.scalar(
                text("SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', CAST(:role AS text), CAST(:password AS text))"),
                {"role": app_url.username, "password": str(app_url.password)},
            )
            raw = await conn.get_raw_connection()
            await raw.driver_connection.execute(str(statement))  # type: ignore[union-attr]  # verbatim, no bind parsing
    finally:
        await engine.dispose()
    print(f"role {app_url.username} may log in with the password of DATABASE_URL")


def _openapi() -> None:
    app = create_app(database=Database.__new__(Database))  # no connection needed to describe the API
    sys.stdout.write(json.dumps(app.openapi(), ensure_ascii=False, indent=2, sort_keys=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(prog="skillbase")
    sub = parser.add_subparsers(dest="command", required=True)
    ca = sub.add_parser("create-admin", help="create an administrator account")
    ca.add_argument("--email", required=True)
    ca.add_argument("--name", required=True)
    ca.add_argument("--mobile")
    ca.add_argument("--password", help="default: $ADMIN_PASSWORD, else asked on the terminal")
    sub.add_parser("seed", help="write demo data into an empty database (refused in production)")
    sub.add_parser("openapi", help="print the OpenAPI document")
    sub.add_parser("app-db-login", help="as MIGRATION_DATABASE_URL, set the password of DATABASE_URL's role (after migrating)")
    args = parser.parse_args()
    clock.configure(get_settings())  # the demo data is dated by the same (possibly shifted) clock as the API

    if args.command == "create-admin":
        password = args.password or os.environ.get("ADMIN_PASSWORD") or getpass.getpass("password (10-128): ")
        asyncio.run(_create_admin(args.email, args.name, password, args.mobile))
    elif args.command == "seed":
        asyncio.run(_seed(only_if_empty=True))
    elif args.command == "openapi":
        _openapi()
    elif args.command == "app-db-login":
        asyncio.run(_app_db_login())


if __name__ == "__main__":
    main()
