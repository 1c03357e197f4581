"""Does the file really parse as what its magic bytes claim, and does it carry active content?

Each allowed kind is opened with a real parser: PDFs with pypdf (every object walked), JPEG/PNG decoded with
Pillow, XLSX/DOCX read member by member with zipfile (the bytes actually inflated are counted, never the sizes
the archive claims) and their XML parsed with defusedxml. Active content is refused, not neutralised: what we
store is what the uploader sent, byte for byte (the sha256 in the record stays true).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from skillbase.files import sniff

# Office archives: what may be inflated in total, and how far one member may expand relative to its size.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000
# Images: no decompression bombs (Pillow's own guard starts warning at ~89 Mpx).
MAX_PIXELS = 60_000_000
# PDFs: a walk that never ends is a refusal too.
MAX_PDF_OBJECTS = 200_000


@dataclass(frozen=True)
class Refusal(Exception):
    """Why a file is refused; `malformed` when it does not parse as its type, else it is unsafe."""

    reason: str
    malformed: bool = False


def check(path: Path, kind: str) -> None:
    """Raise Refusal unless the file parses as `kind` and carries no active content."""
    if kind == sniff.PDF:
        _check_pdf(path)
    elif kind in (sniff.JPEG, sniff.PNG):
        _check_image(path, kind)
    elif kind in (sniff.XLSX, sniff.DOCX):
        _check_ooxml(path, kind)
    elif kind == sniff.CSV:
        _check_text(path)
    else:  # a kind this module does not know is never accepted
        raise Refusal("unknown_type", malformed=True)


# --- PDF -------------------------------------------------------------------------------------------

# A browser sniffing for HTML looks at the start of a file: no tag at all there. Further in, only tags long enough
# not to turn up by chance in compressed stream data (a 3-letter tag would, in about 1 of 20 large PDFs).
_HTML_HEAD = re.compile(rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|img|a\s+href)\b", re.IGNORECASE)
_HTML_ANYWHERE = re.compile(rb"<\s*(?:script|iframe|object|embed|!doctype\s+html)\b", re.IGNORECASE)
HEAD_BYTES = 1024
# Keys that make a PDF act (run script, start programs, carry files, act on open/close/focus).
_ACTIVE_KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/AA": "auto_action",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded_file",
    "/EmbeddedFiles": "embedded_file",
    "/RichMedia": "rich_media",
    "/XFA": "xfa_form",
}
# Action types (/S) that do more than move within the document or open a web link on a click.
_ACTIVE_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/ImportData": "import_data",
    "/SubmitForm": "submit_form",
    "/RichMediaExecute": "rich_media",
    "/GoToE": "embedded_file",
    "/Rendition": "rendition",
    "/Sound": "media",
    "/Movie": "media",
}


def _check_pdf(path: Path) -> None:
    raw = path.read_bytes()
    if not raw.startswith(b"%PDF-"):
        raise Refusal("not_pdf", malformed=True)
    if _HTML_HEAD.search(raw, 0, HEAD_BYTES) or _HTML_ANYWHERE.search(raw):
        raise Refusal("html_polyglot")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refusal("encrypted")
        if len(reader.pages) < 1:
            raise Refusal("no_pages", malformed=True)
        _walk_pdf(reader)
    except Refusal:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise Refusal("unparsable_pdf", malformed=True) from exc


def _walk_pdf(reader: PdfReader) -> None:
    """Every object reachable from the trailer, and every object the cross-reference tables list."""
    stack: list[Any] = [reader.trailer]
    for gen, entries in reader.xref.items():
        stack.extend(IndirectObject(num, gen, reader) for num in entries)
    stack.extend(IndirectObject(num, 0, reader) for num in reader.xref_objStm)
    seen: set[tuple[int, int]] = set()
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise Refusal("too_complex")
        if isinstance(obj, DictionaryObject):  # streams are dictionaries too (their data is not walked)
            _check_pdf_dict(obj)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _check_pdf_dict(obj: DictionaryObject) -> None:
    for key in obj:
        if key in _ACTIVE_KEYS:
            raise Refusal(_ACTIVE_KEYS[key])
    action = obj.get("/S")
    if isinstance(action, NameObject) and action in _ACTIVE_ACTIONS:
        raise Refusal(_ACTIVE_ACTIONS[action])
    if "/OpenAction" in obj:
        opening = obj["/OpenAction"].get_object()
        # A destination (an array: page and view) is harmless; an action run on opening is not, unless it only goes to a page.
        if isinstance(opening, DictionaryObject) and opening.get("/S") != "/GoTo":
            raise Refusal(_ACTIVE_ACTIONS.get(str(opening.get("/S")), "open_action"))


# --- images ----------------------------------------------------------------------------------------


def _check_image(path: Path, kind: str) -> None:
    expected = "JPEG" if kind == sniff.JPEG else "PNG"
    try:
        with Image.open(path) as im:
            if im.format != expected:
                raise Refusal("not_" + expected.lower(), malformed=True)
            if im.width * im.height > MAX_PIXELS:
                raise Refusal("decompression_bomb")
            im.verify()  # PNG: every chunk's CRC
        with Image.open(path) as im:
            im.load()  # the whole image decodes
    except Refusal:
        raise
    except Image.DecompressionBombError as exc:
        raise Refusal("decompression_bomb") from exc
    except (OSError, SyntaxError, ValueError, EOFError, UnidentifiedImageError) as exc:
        raise Refusal("unparsable_image", malformed=True) from exc


# --- CSV -------------------------------------------------------------------------------------------


def _check_text(path: Path) -> None:
    """The whole file decodes in one of the accepted encodings and holds no NUL byte."""
    import codecs

    for encoding in sniff.TEXT_ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    if b"\x00" in chunk:
                        raise Refusal("nul_byte", malformed=True)
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return
        except UnicodeDecodeError:
            continue
    raise Refusal("encoding", malformed=True)


# --- XLSX / DOCX -----------------------------------------------------------------------------------

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN_TYPES = {
    sniff.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    sniff.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
}
_MAIN_PARTS = {sniff.XLSX: "/xl/workbook.xml", sniff.DOCX: "/word/document.xml"}
# Content types of parts that run code or carry other programs and documents.
_ACTIVE_TYPE = re.compile(r"macroEnabled|vbaProject|vbaData|ms-office\.activeX|macrosheet|oleObject|ms-word\.keyMapCustomizations", re.I)
# Part names that do the same, whatever content type they are declared with. Under embeddings/ only workbooks are
# accepted (a chart's data in a document or workbook), and they are checked like any uploaded XLSX.
_ACTIVE_PART = re.compile(r"(^|/)(vbaProject|vbaProjectSignature|vbaData)[^/]*$|(^|/)(activeX|macrosheets)/", re.I)
_EMBEDDED = re.compile(r"(^|/)embeddings/", re.I)
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Dynamic data exchange: a Word field (instrText / fldSimple) or an Excel ddeLink starting another program.
_DDE = re.compile(rb"instr(?:Text[^>]*>|\s*=\s*[\"'])\s*DDE|<(?:\w+:)?ddeLink\b", re.I)


def _check_ooxml(path: Path | io.BytesIO, kind: str, *, nested: bool = False) -> None:
    embedded: list[bytes] = []
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if len(members) > MAX_MEMBERS:
                raise Refusal("too_many_parts")
            names = [m.filename for m in members]
            if len(set(names)) != len(names):
                raise Refusal("duplicate_parts", malformed=True)
            total = 0
            xml: dict[str, bytes] = {}
            for member in members:
                if _ACTIVE_PART.search(member.filename):
                    raise Refusal("macros" if "vba" in member.filename.lower() else "embedded_object")
                workbook = bool(_EMBEDDED.search(member.filename))
                if workbook and (nested or not member.filename.lower().endswith(".xlsx")):
                    raise Refusal("embedded_object")
                data, total = _inflate(z, member, total, keep=workbook)
                if workbook:
                    embedded.append(data)
                elif member.filename.endswith((".xml", ".rels")):
                    xml[member.filename] = data
    except Refusal:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
        raise Refusal("unparsable_archive", malformed=True) from exc
    _check_ooxml_parts(xml, kind)
    for data in embedded:
        try:
            _check_ooxml(io.BytesIO(data), sniff.XLSX, nested=True)
        except Refusal as refusal:
            raise Refusal(refusal.reason if not refusal.malformed else "embedded_object") from None


def _inflate(z: zipfile.ZipFile, member: zipfile.ZipInfo, total: int, *, keep: bool = False) -> tuple[bytes, int]:
    """Read one member, counting what is really inflated (a forged header cannot hide a bomb); CRCs are checked."""
    keep = keep or member.filename.endswith((".xml", ".rels"))
    parts: list[bytes] = []
    size = 0
    with z.open(member) as fh:
        while chunk := fh.read(1024 * 1024):
            size += len(chunk)
            total += len(chunk)
            if total > MAX_UNCOMPRESSED or (size > 1024 * 1024 and size > MAX_RATIO * max(member.compress_size, 1)):
                raise Refusal("decompression_bomb")
            if keep:
                parts.append(chunk)
    return b"".join(parts), total


def _parse(data: bytes) -> Any:
    try:
        return ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise Refusal("unparsable_xml", malformed=True) from exc


def _check_ooxml_parts(xml: dict[str, bytes], kind: str) -> None:
    if "[Content_Types].xml" not in xml:
        raise Refusal("no_content_types", malformed=True)
    types = _parse(xml["[Content_Types].xml"])
    declared: dict[str, str] = {}
    for entry in types:
        content_type = entry.get("ContentType", "")
        if _ACTIVE_TYPE.search(content_type):
            raise Refusal("macros" if "macro" in content_type.lower() or "vba" in content_type.lower() else "embedded_object")
        if entry.tag == f"{_CT_NS}Override":
            declared[entry.get("PartName", "")] = content_type
    if declared.get(_MAIN_PARTS[kind]) != _MAIN_TYPES[kind]:
        raise Refusal("wrong_main_part", malformed=True)
    for name, data in xml.items():
        tree = _parse(data)
        if name.endswith(".rels"):
            _check_relationships(tree)
        elif _DDE.search(data):
            raise Refusal("dde")


def _check_relationships(tree: Any) -> None:
    for rel in tree.iter(f"{_REL_NS}Relationship"):
        if rel.get("TargetMode", "Internal") != "External":
            continue
        # Outside the package, only a hyperlink a reader clicks (to the web or mail) is acceptable; never a template,
        # a linked workbook, an OLE object or a frame fetched on opening.
        target = rel.get("Target", "").strip().lower()
        if rel.get("Type") != _HYPERLINK or not target.startswith(_LINK_SCHEMES):
            raise Refusal("external_reference")
