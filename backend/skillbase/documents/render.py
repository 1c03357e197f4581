"""Rendering PDFs without slowing everyone else: a pool of child processes, a gate in front of it, a cache behind it.

A render is CPU-bound pure Python (fpdf2: 0.3-3 s and 25-45 MB for a full Annex 1). In a thread of the web process it
holds the GIL, and every other request of that process waits (measured: /me fell from 279 to 7 req/s while 4 clients
downloaded PDFs). So each web worker hands its renders to its own `ProcessPoolExecutor`:

- created lazily (a worker that never prints never spawns), shut down at the app's shutdown (main.py's lifespan);
- children are *spawned* (not forked from a process holding an event loop, threads and open sockets) and run at a
  lower CPU priority (`PDF_RENDER_NICE`): when the machine is busy, the interactive requests win and a PDF waits;
- at most `processes` renders are in flight per web worker (a semaphore in front of the pool): the rest wait their turn
  holding only their small `Annex1Document`, so memory stays bounded however many ask at once;
- a finished PDF is kept in an in-memory LRU capped in bytes (`PDF_CACHE_BYTES`), keyed by the application, the
  version printed and a digest of exactly what is printed, and the renderer's version: a second request for the same
  document is answered from memory without a render.

The digest is taken over the whole `Annex1Document` (form, organisation profile as masked for the caller, Table 5), so
it changes whenever the printed content would: a saved draft (a new draft_version), another masking view, Table 5
filled in after the panel or the bureau decided. Bump `RENDERER_VERSION` when the layout or the fonts change.

Module constants of documents/annex1.py changed at run time (font paths overridden by a test) do not reach the
children: they import the module afresh. `processes=0` renders in a thread of this process instead (the old way).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from fastapi import Request
from pydantic import TypeAdapter

from skillbase.documents.annex1 import Annex1Document, render_annex1_pdf

log = logging.getLogger("skillbase.documents.render")

RENDERER_VERSION = "annex1-1"  # part of every cache key: bump it when the layout or the fonts change

_DOCUMENT = TypeAdapter(Annex1Document)


@dataclass(frozen=True)
class CacheKey:
    application_id: str
    version: str  # "v3" for a submitted version, "draft" for the draft (its content is in the digest)
    digest: str  # sha256 of the printed content, as the caller may see it (masking included)
    renderer: str = RENDERER_VERSION


def document_digest(document: Annex1Document) -> str:
    return hashlib.sha256(_DOCUMENT.dump_json(document)).hexdigest()


def cache_key(application_id: object, document: Annex1Document) -> CacheKey:
    version = f"v{document.version_no}" if document.version_no is not None else "draft"
    return CacheKey(str(application_id), version, document_digest(document))


class PdfCache:
    """A least-recently-used map of finished PDFs whose total size stays under `max_bytes` (0: nothing is kept)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[CacheKey, bytes] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: CacheKey) -> bytes | None:
        data = self._items.get(key)
        if data is not None:
            self._items.move_to_end(key)
        return data

    def put(self, key: CacheKey, data: bytes) -> None:
        if len(data) > self.max_bytes:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= len(old)
        while self._items and self.bytes + len(data) > self.max_bytes:
            _, evicted = self._items.popitem(last=False)
            self.bytes -= len(evicted)
        self._items[key] = data
        self.bytes += len(data)


def _child_start(nice: int) -> None:
    """In each render process: lower its CPU priority, so the web workers' requests come first on a busy machine."""
    if nice:
        try:
            os.nice(nice)
        except OSError:  # not allowed here: render at normal priority
            log.warning("could not lower the PDF render process's priority")


class PdfRenderer:
    """One per app (app.state.pdf_renderer). `renders` and `cache_hits` count what it did (tests, logs)."""

    def __init__(self, processes: int, cache_bytes: int, nice: int = 10) -> None:
        self.processes = processes
        self.nice = nice
        self.cache = PdfCache(cache_bytes)
        self.renders = 0
        self.cache_hits = 0
        self._slots = asyncio.Semaphore(max(1, processes))
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_start,
                initargs=(self.nice,),
            )
        return self._executor

    async def _render(self, document: Annex1Document) -> bytes:
        if self.processes == 0:
            return await asyncio.to_thread(render_annex1_pdf, document)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool(), render_annex1_pdf, document)
        except BrokenProcessPool:  # a child died (killed for memory?): start a fresh pool and try once more
            log.warning("the PDF render pool broke; starting a new one")
            self.shutdown()
            return await loop.run_in_executor(self._pool(), render_annex1_pdf, document)

    async def render(self, document: Annex1Document, key: CacheKey) -> bytes:
        cached = self.cache.get(key)
        if cached is None:
            async with self._slots:
                cached = self.cache.get(key)  # rendered by another request while this one waited its turn
                if cached is None:
                    pdf = await self._render(document)
                    self.renders += 1
                    self.cache.put(key, pdf)
                    return pdf
        self.cache_hits += 1
        return cached

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


async def get_pdf_renderer(request: Request) -> PdfRenderer:
    renderer: PdfRenderer = request.app.state.pdf_renderer
    return renderer
