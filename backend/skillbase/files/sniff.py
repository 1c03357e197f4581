"""What a file really is, judged by its content (magic bytes), never by its name or Content-Type."""

from __future__ import annotations

import zipfile
from pathlib import Path

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

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
