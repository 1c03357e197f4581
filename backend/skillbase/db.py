"""Database access: one async engine, one transaction per request.

`session_dependency` owns the only commit/rollback of a request: services flush, never commit. It runs
in FastAPI's "function" scope, so the commit happens before the response is sent: a client never sees
success for a transaction that then fails. A refusal raised with `persist=True` (a failed login in the audit
trail, a revoked token family) commits its side effects before it is answered; every other error rolls back.
A route that goes on with slow work after its last query (the PDF render) ends the transaction early with
`end_transaction`, so its connection is not held meanwhile.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from skillbase.core.errors import AppError, DatabaseUnavailable


def _connect_or_unavailable(dialect: Any, conn_rec: Any, cargs: Any, cparams: Any) -> Any:
    """Opening a connection: a refused, unreachable or timed-out server is an outage (503 + Retry-After through
    the one error handler), not an internal error. asyncpg raises OSError for these, which SQLAlchemy passes on."""
    try:
        return dialect.connect(*cargs, **cparams)
    except (TimeoutError, OSError) as exc:  # ConnectionRefusedError, socket.gaierror, TimeoutError ...
        raise DatabaseUnavailable() from exc


class Database:
    def __init__(self, bind: AsyncEngine | AsyncConnection, *, join_savepoints: bool = False) -> None:
        self.bind = bind
        # Tests pass join_savepoints: the app's commits become savepoints of an outer transaction rolled back after.
        self.sessionmaker = async_sessionmaker(
            bind,
            expire_on_commit=False,
            autoflush=True,
            join_transaction_mode="create_savepoint" if join_savepoints else "conditional_savepoint",
        )

    @classmethod
    def from_url(cls, url: str, *, pool_size: int = 10, max_overflow: int = 10, pool_timeout: float = 10) -> Database:
        """One pool per process (each uvicorn worker has its own): size it with DB_POOL_SIZE / DB_MAX_OVERFLOW so that
        workers x (pool_size + max_overflow) stays below the server's max_connections (config.py)."""
        engine = create_async_engine(
            url,
            pool_pre_ping=True,
            pool_size=pool_size,
            max_overflow=max_overflow,
            pool_timeout=pool_timeout,
            connect_args={"timeout": 10},
        )
        event.listen(engine.sync_engine, "do_connect", _connect_or_unavailable)
        return cls(engine)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except AppError as exc:
                await (session.commit() if exc.persist else session.rollback())
                raise
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        if isinstance(self.bind, AsyncEngine):
            await self.bind.dispose()


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def session_dependency(request: Request) -> AsyncIterator[AsyncSession]:
    async with get_database(request).transaction() as session:
        yield session


async def end_transaction(session: AsyncSession) -> None:
    """End the request's transaction now and give its connection back to the pool, for a route that goes on with slow
    work needing no database (rendering a PDF): what the request did is committed, as it would be at its end, and the
    session dependency's own commit then has nothing left to do. Call it after the request's last database access
    (a later access would open a new transaction on another connection)."""
    await session.commit()
    await session.close()


SessionDep = Annotated[AsyncSession, Depends(session_dependency, scope="function")]
