"""What a file really is, judged by its content (magic bytes), never by its name or Content-Type."""

from __future__ import annotations

import zipfile
from pathlib import Path

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv"  # never detected by `detect`: accepted only where a route allows it (rosters), see `looks_like_text`

ALLOWED_TYPES = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", XLSX: ".xlsx", DOCX: ".docx"}
ALLOWED_LABEL = "PDF、JPEG、PNG、XLSX、DOCX"


def _ooxml_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return None


def detect(path: Path) -> str | None:
    """The MIME type of an allowed kind of file, or None when the content is not one of them."""
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(path)
    return None


TEXT_ENCODINGS = ("utf-8", "gb18030")
_TEXT_HEAD = 64 * 1024


def looks_like_text(path: Path) -> bool:
    """Plain text (a CSV) in UTF-8 (with or without BOM) or GB18030: no NUL byte and a head that decodes. Only routes
    that accept CSV ask; `detect` never answers text, so no other upload takes it."""
    with path.open("rb") as fh:
        head = fh.read(_TEXT_HEAD)
    if not head or b"\x00" in head:
        return False
    for encoding in TEXT_ENCODINGS:
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4 and len(head) == _TEXT_HEAD:  # a character cut by the head's end
                return True
    return False
