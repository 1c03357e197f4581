"""The PDF renderer's parts without a server: the document crosses to a render process (it pickles), the cache key
follows what is printed, the cache keeps to its byte cap, and at most `processes` renders run at once."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import pickle

import pytest

from skillbase.documents.annex1 import Annex1Document, Table5Expert
from skillbase.documents.render import RENDERER_VERSION, CacheKey, PdfCache, PdfRenderer, cache_key
from tests.unit.test_annex1_pdf import build_document


def test_the_document_pickles_for_the_render_process() -> None:
    doc = build_document()
    assert pickle.loads(pickle.dumps(doc)) == doc  # noqa: S301 (our own bytes)


def test_the_cache_key_follows_the_printed_content_version_and_renderer() -> None:
    doc = build_document()
    key = cache_key("app-1", doc)
    assert key == cache_key("app-1", build_document())  # same content, same key
    assert key.version == "v2" and key.renderer == RENDERER_VERSION
    assert cache_key("app-1", dataclasses.replace(doc, version_no=None)).version == "draft"
    # another masking view of the same version: Table 5's mobiles as an applicant sees them
    assert doc.table5 is not None
    masked = dataclasses.replace(
        doc,
        table5=dataclasses.replace(
            doc.table5, experts=[Table5Expert(e.name, e.organization_and_title, "138****0001") for e in doc.table5.experts]
        ),
    )
    assert cache_key("app-1", masked).digest != key.digest
    assert cache_key("app-1", build_document(with_table5=False)).digest != key.digest  # Table 5 filled in later
    edited = dataclasses.replace(doc, form=doc.form.model_copy(update={"specialties": doc.form.specialties[:1]}))
    assert cache_key("app-1", edited).digest != key.digest  # a saved draft


def _key(n: int) -> CacheKey:
    return CacheKey("app", f"v{n}", str(n))


def test_the_cache_evicts_the_least_recently_used_beyond_its_byte_cap() -> None:
    cache = PdfCache(max_bytes=250)
    cache.put(_key(1), b"a" * 100)
    cache.put(_key(2), b"b" * 100)
    assert cache.get(_key(1)) == b"a" * 100  # 1 is now the most recently used
    cache.put(_key(3), b"c" * 100)
    assert cache.get(_key(2)) is None and cache.get(_key(1)) is not None and cache.get(_key(3)) is not None
    assert cache.bytes == 200 and len(cache) == 2
    cache.put(_key(4), b"d" * 300)  # larger than the whole cache: not kept
    assert cache.get(_key(4)) is None and cache.bytes == 200
    assert PdfCache(max_bytes=0).get(_key(1)) is None


async def test_at_most_processes_renders_run_at_once_and_the_rest_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = PdfRenderer(processes=2, cache_bytes=0)
    running = peak = 0

    async def fake_render(document: Annex1Document) -> bytes:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return b"%PDF-"

    monkeypatch.setattr(renderer, "_render", fake_render)
    doc = build_document()
    results = await asyncio.gather(*(renderer.render(doc, _key(n)) for n in range(10)))
    assert results == [b"%PDF-"] * 10 and peak == 2 and renderer.renders == 10


async def test_a_request_waiting_for_a_slot_takes_the_pdf_another_just_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer = PdfRenderer(processes=1, cache_bytes=1024)

    async def fake_render(document: Annex1Document) -> bytes:
        await asyncio.sleep(0.01)
        return b"%PDF-"

    monkeypatch.setattr(renderer, "_render", fake_render)
    doc = build_document()
    await asyncio.gather(*(renderer.render(doc, _key(1)) for _ in range(5)))
    assert renderer.renders == 1 and renderer.cache_hits == 4


def test_a_real_render_runs_in_a_child_process_at_a_lower_priority() -> None:
    async def go() -> tuple[bytes, int, int]:
        renderer = PdfRenderer(processes=1, cache_bytes=0, nice=5)
        try:
            pdf = await renderer.render(build_document(with_table5=False), _key(1))
            child_pid = renderer._pool().submit(os.getpid).result()
            child_nice = renderer._pool().submit(os.nice, 0).result()
            return pdf, child_pid, child_nice
        finally:
            renderer.shutdown()

    pdf, child_pid, child_nice = asyncio.run(go())
    assert pdf.startswith(b"%PDF-") and child_pid != os.getpid() and child_nice == os.nice(0) + 5
