"""The backup-and-restore drill (security.md 28): dump a database with data and files, restore it into an empty
database and folder, and find the same rows and the same files."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from skillbase.backup import dump, restore, row_counts
from skillbase.db import Database
from skillbase.seed import seed
from tests.conftest import alembic_config, drop_database, recreate_database


def test_backup_then_restore_gives_back_the_same_rows_and_files(tmp_path: Path) -> None:
    from alembic import command

    source, target = f"skillbase_backup_src_{os.getpid()}", f"skillbase_backup_dst_{os.getpid()}"
    src_url, dst_url = recreate_database(source), recreate_database(target)
    try:
        command.upgrade(alembic_config(src_url), "head")

        async def fill() -> None:
            engine = create_async_engine(src_url, poolclass=NullPool)
            async with Database(engine).transaction() as s:
                await seed(s)
            await engine.dispose()

        asyncio.run(fill())
        uploads = tmp_path / "uploads"
        (uploads / "2026/11").mkdir(parents=True)
        (uploads / "2026/11/abc").write_bytes(b"%PDF-1.4 evidence")
        manifest = dump(src_url, tmp_path / "backup", uploads)
        assert manifest["rows"]["users"] == 18 and manifest["rows"]["calls"] == 3 and manifest["files"] == 1  # type: ignore[index]

        restored_uploads = tmp_path / "restored"
        result = restore(dst_url, tmp_path / "backup", restored_uploads)
        assert result["rows"] == asyncio.run(row_counts(src_url))
        assert (restored_uploads / "2026/11/abc").read_bytes() == b"%PDF-1.4 evidence"
    finally:
        drop_database(source)
        drop_database(target)
