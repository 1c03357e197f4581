"""The virus-scan hook. A no-op by default; ClamAV (clamd INSTREAM over TCP) when CLAMAV_HOST is set.

The verdict is applied by the one upload pipeline (upload.py) for every kind of upload: a flagged file is
quarantined (kept under quarantine/, recorded in the audit log), refused, never attached and never served.
A configured scanner that cannot answer fails closed: the upload is refused with 503, never stored unscanned.
"""

from __future__ import annotations

import asyncio
import logging
import struct
from pathlib import Path
from typing import Protocol

from skillbase.config import Settings
from skillbase.core.errors import AppError

log = logging.getLogger("skillbase.files.scan")

SCAN_TIMEOUT = 120.0
PING_TIMEOUT = 2.0


class ScanUnavailable(AppError):
    status_code = 503
    code = "VIRUS_SCAN_UNAVAILABLE"
    message = "病毒扫描服务暂不可用，请稍后重试"

    def __init__(self) -> None:
        super().__init__(headers={"Retry-After": "30"})


class Scanner(Protocol):
    name: str

    async def scan(self, path: Path) -> str | None:
        """None when clean, else the name of what was found; ScanUnavailable when no verdict can be had."""
        ...

    async def ping(self) -> bool: ...


class NoopScanner:
    name = "disabled"

    async def scan(self, path: Path) -> str | None:
        return None

    async def ping(self) -> bool:
        return True


class ClamdScanner:
    name = "clamav"

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    async def _ask(self, path: Path) -> str:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(b"zINSTREAM\0")
            with path.open("rb") as fh:
                while chunk := fh.read(64 * 1024):
                    writer.write(struct.pack("!L", len(chunk)) + chunk)
                    await writer.drain()
            writer.write(struct.pack("!L", 0))
            await writer.drain()
            answer = b""
            while not answer.endswith(b"\0") and (part := await reader.read(4096)):
                answer += part
        finally:
            writer.close()
        return answer.decode(errors="replace").strip("\0\n ")

    async def scan(self, path: Path) -> str | None:
        try:
            answer = await asyncio.wait_for(self._ask(path), SCAN_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            log.error("clamd at %s:%s unreachable: %s", self.host, self.port, exc)
            raise ScanUnavailable from exc
        if answer.endswith("OK"):
            return None
        if answer.endswith("FOUND"):
            return answer.removeprefix("stream:").removesuffix("FOUND").strip() or "unknown"
        # "INSTREAM size limit exceeded. ERROR" and the like: no verdict, so no file.
        log.error("clamd gave no verdict: %s", answer)
        raise ScanUnavailable

    async def ping(self) -> bool:
        async def ask() -> bytes:
            reader, writer = await asyncio.open_connection(self.host, self.port)
            try:
                writer.write(b"zPING\0")
                await writer.drain()
                return await reader.read(64)
            finally:
                writer.close()

        try:
            return (await asyncio.wait_for(ask(), PING_TIMEOUT)).strip(b"\0\n ") == b"PONG"
        except (OSError, TimeoutError):
            return False


def scanner_for(settings: Settings) -> Scanner:
    if settings.clamav_host:
        return ClamdScanner(settings.clamav_host, settings.clamav_port)
    return NoopScanner()


async def readiness(settings: Settings) -> str:
    """For /readyz: "disabled" (no scanner configured), "ok" (clamd answers PING) or "unavailable"."""
    scanner = scanner_for(settings)
    if isinstance(scanner, NoopScanner):
        return "disabled"
    return "ok" if await scanner.ping() else "unavailable"


def warn_if_disabled(settings: Settings) -> None:
    if not settings.clamav_host:
        log.warning("未配置病毒扫描（CLAMAV_HOST 为空）：上传文件不经病毒扫描。No virus scanner configured: uploads are not scanned.")
