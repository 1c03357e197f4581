from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterable
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import Connection, Dialect
from sqlalchemy.ext.asyncio import create_async_engine

from skillbase.config import get_settings
from skillbase.main import resolve_migration_url
from skillbase.models import Base

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def _url() -> str:
    return config.attributes.get("database_url") or resolve_migration_url(get_settings())


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def _check_options_as_keywords(dialect: Dialect) -> None:
    """Reflect NOT VALID CHECK constraints without the "Can't validate argument 'dialect_options'" SAWarning.

    SQLAlchemy's PostgreSQL dialect reports a NOT VALID check (ck_publicity_notices_starts_after_publication) as
    {"dialect_options": {"not_valid": True}}, and Inspector.reflect_table passes every key of that dict to CheckConstraint,
    which takes dialect arguments only as <dialect>_<argument> keywords: it warns and drops the option. Hand the options over
    as those keywords (postgresql_not_valid=True) on this engine's dialect only: `alembic check` reflects every table.
    """
    reflect: Callable[..., Iterable[tuple[Any, list[dict[str, Any]]]]] = dialect.get_multi_check_constraints

    @functools.wraps(reflect)
    def get_multi_check_constraints(*args: Any, **kw: Any) -> list[tuple[Any, list[dict[str, Any]]]]:
        result = []
        for key, constraints in reflect(*args, **kw):
            for constraint in constraints:
                for name, value in constraint.pop("dialect_options", {}).items():
                    constraint[f"{dialect.name}_{name}"] = value
            result.append((key, constraints))
        return result

    dialect.get_multi_check_constraints = get_multi_check_constraints  # type: ignore[method-assign]


def _run(connection: Connection) -> None:
    _check_options_as_keywords(connection.dialect)
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online(_url()))
