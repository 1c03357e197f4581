"""Receiving an upload: stream the body to a temporary file (never more than the cap), hash it, check its type by
content, scan it, and store it under a server-generated key. Shared by every upload route.

Temporary files live in UPLOAD_DIR/tmp/ and are named upload-*; each is removed when its request ends. One left
by a crash (a killed process, a lost container) is removed by `sweep_stale_uploads`, which the API runs at
start-up and then periodically (main.py's lifespan), once it is older than UPLOAD_TMP_MAX_AGE_MINUTES."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from skillbase.config import Settings
from skillbase.core.errors import PayloadTooLarge, Unprocessable
from skillbase.files import sniff
from skillbase.files.scan import scanner_for
from skillbase.files.storage import new_key, storage_for

TMP_SUBDIR = "tmp"
TMP_PREFIX = "upload-"
log = logging.getLogger("skillbase.files")


def temp_dir(settings: Settings) -> Path:
    return Path(settings.upload_dir) / TMP_SUBDIR


def sweep_stale_uploads(settings: Settings, *, now: float | None = None) -> int:
    """Remove the upload temp files older than UPLOAD_TMP_MAX_AGE_MINUTES (a running upload's file is younger);
    nothing else in the folder is touched. Returns how many were removed."""
    folder = temp_dir(settings)
    if not folder.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - settings.upload_tmp_max_age_minutes * 60
    removed = 0
    for path in folder.glob(TMP_PREFIX + "*"):
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another process swept it first
            continue
    if removed:
        log.info("removed %d stale upload temp file(s)", removed)
    return removed


@dataclass(frozen=True)
class Stored:
    key: str
    content_type: str
    size: int
    sha256: str
    infected: str | None = None  # what the scanner found; the file then sits under quarantine/


async def store_upload(
    settings: Settings,
    body: AsyncIterator[bytes],
    *,
    allowed: set[str],
    label: str,
    limit: int | None = None,
    prefix: str = "",
) -> Stored:
    cap = limit or settings.upload_max_bytes
    tmp_dir = temp_dir(settings)
    await asyncio.to_thread(tmp_dir.mkdir, parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=tmp_dir, prefix=TMP_PREFIX)
    tmp = Path(name)
    try:
        size, digest = 0, hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            async for chunk in body:
                size += len(chunk)
                if size > cap:
                    raise PayloadTooLarge(f"上传内容过大（上限 {cap / 1048576:g} MB）")
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise Unprocessable("文件为空", code="EMPTY_FILE")
        kind = sniff.detect(tmp)
        if kind is None or kind not in allowed:
            raise Unprocessable(label, code="UNSUPPORTED_FILE_TYPE")
        found = await scanner_for(settings).scan(tmp)
        key = ("quarantine/" if found else prefix) + new_key()
        await storage_for(settings).put(key, tmp, kind)
        return Stored(key=key, content_type=kind, size=size, sha256=digest.hexdigest(), infected=found)
    finally:
        await asyncio.to_thread(tmp.unlink, True)
