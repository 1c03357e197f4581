"""The virus-scan hook. A no-op by default; ClamAV (clamd INSTREAM over TCP) when CLAMAV_HOST is set.
A flagged file is quarantined: recorded, never stored in the slot, never served."""

from __future__ import annotations

import asyncio
import struct
from pathlib import Path
from typing import Protocol

from skillbase.config import Settings


class Scanner(Protocol):
    async def scan(self, path: Path) -> str | None:
        """None when clean, else the name of what was found."""
        ...


class NoopScanner:
    async def scan(self, path: Path) -> str | None:
        return None


class ClamdScanner:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    async def scan(self, path: Path) -> str | None:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(b"zINSTREAM\0")
            with path.open("rb") as fh:
                while chunk := fh.read(64 * 1024):
                    writer.write(struct.pack("!L", len(chunk)) + chunk)
                    await writer.drain()
            writer.write(struct.pack("!L", 0))
            await writer.drain()
            answer = (await reader.read(4096)).decode(errors="replace").strip("\0\n ")
        finally:
            writer.close()
        if answer.endswith("OK"):
            return None
        return answer.removeprefix("stream:").removesuffix("FOUND").strip() or "unknown"


def scanner_for(settings: Settings) -> Scanner:
    if settings.clamav_host:
        return ClamdScanner(settings.clamav_host, settings.clamav_port)
    return NoopScanner()
