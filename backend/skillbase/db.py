"""Database access: one async engine, one transaction per request.

`session_dependency` owns the only commit/rollback of a request: services flush, never commit.
`Database.detached()` is for the few security side effects that must survive a refused request
(a failed login in the audit log, a revoked refresh-token family): it runs its own transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


class Database:
    def __init__(self, bind: AsyncEngine | AsyncConnection, *, join_savepoints: bool = False) -> None:
        self.bind = bind
        # Tests pass join_savepoints: the app's commits become savepoints of an outer transaction rolled back after.
        self.sessionmaker = async_sessionmaker(
            bind,
            expire_on_commit=False,
            autoflush=True,
            join_transaction_mode="create_savepoint" if join_savepoints else "conservative_savepoint",
        )

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(create_async_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    # A detached unit of work is the same thing, named for what it is used for.
    detached = transaction

    async def dispose(self) -> None:
        if isinstance(self.bind, AsyncEngine):
            await self.bind.dispose()


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def session_dependency(request: Request) -> AsyncIterator[AsyncSession]:
    async with get_database(request).transaction() as session:
        yield session
