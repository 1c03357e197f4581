"""Receiving an upload, the one pipeline every upload route goes through (application attachments, review photos,
objection attachments): stream the body to a temporary file (never more than the cap), hash it, scan it, check its type by
content, parse it with a real parser and refuse active content, and store it under a server-generated key.

The pipeline decides, identically for every kind of upload:
- empty → 422 EMPTY_FILE;
- flagged by the virus scanner (whatever the file is) → kept under quarantine/ (never attached, never served),
  recorded in the audit log, 422 FILE_QUARANTINED; scanner configured but unreachable → 503 VIRUS_SCAN_UNAVAILABLE;
- not an allowed kind → 422 UNSUPPORTED_FILE_TYPE;
- does not parse as its kind → 422 FILE_MALFORMED;
- active content (script, launch actions, embedded files, macros, external templates, bombs, polyglots)
  → 422 FILE_UNSAFE_CONTENT, recorded in the audit log.
Refusals that leave an audit row are raised with persist=True, so the row outlives the refused request.

Temporary files live in UPLOAD_DIR/tmp/ and are named upload-*; each is removed when its request ends. One left
by a crash (a killed process, a lost container) is removed by `sweep_stale_uploads`, which the API runs at
start-up and then periodically (main.py's lifespan), once it is older than UPLOAD_TMP_MAX_AGE_MINUTES.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from skillbase.audit import service as audit
from skillbase.config import Settings
from skillbase.core.auth import Principal
from skillbase.core.errors import PayloadTooLarge, Unprocessable
from skillbase.files import content, sniff
from skillbase.files.scan import scanner_for
from skillbase.files.storage import new_key, storage_for
from skillbase.models import User

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
    # Wall-clock on purpose, not core/clock.py: the cutoff is compared with the files' mtimes, which the operating
    # system stamps with the real time (a frozen or shifted application clock would sweep live uploads or none).
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


@dataclass(frozen=True)
class Upload:
    """Who uploads what, and where to: what a refusal's audit row records."""

    session: AsyncSession
    actor: Principal | User | None  # a person or a machine client (audit.record takes either)
    purpose: str  # "attachment", "review_photo", "objection_attachment"
    target_type: str
    target_id: uuid.UUID
    filename: str


async def store_upload(
    settings: Settings,
    body: AsyncIterator[bytes],
    upload: Upload,
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
        facts: dict[str, object] = {"purpose": upload.purpose, "name": upload.filename, "size": size, "sha256": digest.hexdigest()}
        # The scanner sees every upload first, whatever it turns out to be: what it flags is audited as such.
        found = await scanner_for(settings).scan(tmp)
        if found:
            key = "quarantine/" + new_key()
            await storage_for(settings).put(key, tmp, "application/octet-stream")
            await _record(upload, "file.quarantined", {**facts, "found": found, "quarantine_key": key})
            raise Unprocessable("文件未通过病毒扫描，已隔离", code="FILE_QUARANTINED", details={"found": found}, persist=True)
        kind = await asyncio.to_thread(sniff.detect, tmp)
        if kind is None and sniff.CSV in allowed and await asyncio.to_thread(sniff.looks_like_text, tmp):
            kind = sniff.CSV
        if kind is None or kind not in allowed:
            raise Unprocessable(label, code="UNSUPPORTED_FILE_TYPE")
        try:
            await asyncio.to_thread(content.check, tmp, kind)
        except content.Refusal as refusal:
            if refusal.malformed:
                raise Unprocessable(
                    "文件已损坏或与其类型不符，无法解析", code="FILE_MALFORMED", details={"reason": refusal.reason}
                ) from None
            await _record(upload, "file.refused", {**facts, "content_type": kind, "reason": refusal.reason})
            raise Unprocessable(
                "文件含有可执行或外部引用的内容（脚本、宏、自动操作、嵌入文件、外部模板等），不予接收",
                code="FILE_UNSAFE_CONTENT",
                details={"reason": refusal.reason},
                persist=True,
            ) from None
        key = prefix + new_key()
        await storage_for(settings).put(key, tmp, kind)
        return Stored(key=key, content_type=kind, size=size, sha256=digest.hexdigest())
    finally:
        await asyncio.to_thread(tmp.unlink, True)


async def store_document(settings: Settings, body: AsyncIterator[bytes], upload: Upload) -> Stored:
    """`store_upload` for the evidence documents of applications and monthly reports: any type `sniff` accepts."""
    return await store_upload(
        settings, body, upload, allowed=set(sniff.ALLOWED_TYPES), label=f"仅支持 {sniff.ALLOWED_LABEL} 文件（按文件内容识别，与文件名无关）"
    )


async def _record(upload: Upload, action: str, details: dict[str, object]) -> None:
    await audit.record(
        upload.session, action, actor=upload.actor, target_type=upload.target_type, target_id=upload.target_id, details=details
    )
