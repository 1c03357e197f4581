#!/usr/bin/env python3
"""Regenerate the CJK fonts that the Annex 1 PDF renderer embeds (backend/skillbase/documents/fonts/).

The PDFs must print the same everywhere, so the renderer never relies on system fonts: it embeds (a
subset of) fonts committed to the repository. They are cut from Debian's `fonts-noto-cjk` package
(Noto Serif CJK / Noto Sans CJK, SIL Open Font License 1.1; OFL.txt is written next to them):

  NotoSerifCJKsc-Regular.subset.ttf  body text (宋体-like). ASCII, Latin-1, general punctuation, CJK
                                     punctuation, full-width forms, box drawing and geometric shapes,
                                     ☑ □ ✓, and every character of GBK (all GB2312 and GBK hanzi and symbols).
  NotoSansCJKsc-Bold.subset.ttf      headings (黑体-like). The same, but GB2312 instead of GBK; the
                                     renderer falls back to the body font for anything missing.

The CFF outlines of Noto CJK are converted to TrueType (quadratic, within 2/1000 em): fpdf2 then embeds
the fonts as CIDFontType2 with Identity-H, the path every PDF reader and text extractor supports (its
CFF path writes an embedded encoding CMap that pypdf and pdfminer cannot read). Hinting and OpenType
layout tables are dropped (the renderer does no shaping), which keeps the files small. Noto CJK has no
U+2611 BALLOT BOX WITH CHECK, so the script draws one from the font's own □ (U+25A1) and ✓ (U+2713),
and maps U+2610 BALLOT BOX to □.

Usage (as root on Debian/Ubuntu; takes about half a minute):

    apt-get install -y fonts-noto-cjk
    .venv/bin/python backend/scripts/make_font_subset.py [--src-dir /usr/share/fonts/opentype/noto] [--out-dir DIR]

The output is deterministic for a given fonts-noto-cjk version (timestamps are kept from the source).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SRC = Path("/usr/share/fonts/opentype/noto")
DEFAULT_OUT = REPO / "backend" / "skillbase" / "documents" / "fonts"
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")

BALLOT_BOX = 0x2610
BALLOT_BOX_WITH_CHECK = 0x2611
WHITE_SQUARE = 0x25A1
CHECK_MARK = 0x2713
MAX_ERR = 2.0  # cubic → quadratic tolerance in font units (1/1000 em): far below a printer dot

# (source collection, family inside it, output name, which double-byte set)
FONTS = [
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "NotoSerifCJKsc-Regular.subset.ttf", "gbk"),
    ("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "NotoSansCJKsc-Bold.subset.ttf", "gb2312"),
]


def double_byte_set(codec: str) -> set[int]:
    """Every character that `codec` ('gb2312' or 'gbk') decodes from a two-byte sequence."""
    lead, trail = ((0xA1, 0xFF), (0xA1, 0xFF)) if codec == "gb2312" else ((0x81, 0xFF), (0x40, 0xFF))
    out: set[int] = set()
    for b1 in range(*lead):
        for b2 in range(*trail):
            try:
                text = bytes((b1, b2)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                out.add(ord(text))
    return out


def base_set() -> set[int]:
    ranges: Iterable[range] = (
        range(0x20, 0x7F),  # ASCII
        range(0xA0, 0x100),  # Latin-1
        range(0x2000, 0x2070),  # general punctuation (— ‘ ’ “ ” … ‰ ※)
        range(0x2150, 0x2190),  # number forms (Ⅰ Ⅱ …)
        range(0x2460, 0x2500),  # enclosed alphanumerics (① ⑴ …)
        range(0x2500, 0x2600),  # box drawing, blocks, geometric shapes (□ ■ ○ ● △ …)
        range(0x3000, 0x3040),  # CJK symbols and punctuation
        range(0xFF00, 0xFFF0),  # half-width and full-width forms
    )
    chars = {cp for r in ranges for cp in r}
    chars |= {0x2103, 0x2116, 0x2121, 0x2122, 0x2190, 0x2191, 0x2192, 0x2193, 0x221A, 0x2236, 0x2713, 0x2714, 0x2717, 0x2718, 0x20AC}
    return chars


def open_face(path: Path, family: str) -> TTFont:
    collection = TTCollection(str(path))
    for number, face in enumerate(collection.fonts):
        if face["name"].getDebugName(1) == family:
            return TTFont(str(path), fontNumber=number, recalcTimestamp=False)
    raise SystemExit(f"{family!r} not found in {path}")


def glyph_bounds(font: TTFont, glyph: str) -> tuple[float, float, float, float]:
    glyph_set = font.getGlyphSet()
    pen = BoundsPen(glyph_set)
    glyph_set[glyph].draw(pen)
    assert pen.bounds is not None
    return pen.bounds


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType (quadratic) ones: the best supported path of PDF libraries and readers."""
    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def add_ballot_boxes(font: TTFont) -> None:
    """Add ☑ (the font's □ with its ✓ drawn inside) and map ☐ to □."""
    cmap = font.getBestCmap()
    box, check = cmap[WHITE_SQUARE], cmap[CHECK_MARK]
    glyph_set = font.getGlyphSet()
    bx0, by0, bx1, _ = glyph_bounds(font, box)
    cx0, cy0, cx1, cy1 = glyph_bounds(font, check)
    side = bx1 - bx0
    scale = side * 0.64 / max(cx1 - cx0, cy1 - cy0)
    dx = bx0 + (side - (cx1 - cx0) * scale) / 2 - cx0 * scale
    dy = by0 + (side - (cy1 - cy0) * scale) / 2 - cy0 * scale
    pen = TTGlyphPen(glyph_set)
    glyph_set[box].draw(pen)
    glyph_set[check].draw(TransformPen(pen, (scale, 0, 0, scale, dx, dy)))
    name = "uni2611"
    order = [*font.getGlyphOrder(), name]
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    font["glyf"].glyphs[name] = pen.glyph()
    font["hmtx"][name] = font["hmtx"][box]
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format in (4, 12):
            table.cmap[BALLOT_BOX_WITH_CHECK] = name
            table.cmap[BALLOT_BOX] = box


def make(src: Path, family: str, out: Path, codec: str) -> None:
    font = open_face(src, family)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG"]
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    wanted = base_set() | double_byte_set(codec)
    cmap = font.getBestCmap()
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for cp in sorted(wanted) if cp in cmap])
    subsetter.subset(font)
    to_truetype(font)
    add_ballot_boxes(font)
    font.save(str(out))
    check = TTFont(str(out))
    coverage = check.getBestCmap()
    missing = sorted(cp for cp in wanted if cp not in coverage and cp in cmap)
    assert not missing, missing[:20]
    print(f"{out.name}: {out.stat().st_size / 1e6:.2f} MB, {len(check.getGlyphOrder())} glyphs, {len(coverage)} code points")


def write_license(src: Path, out_dir: Path) -> None:
    notices = []
    for collection, family, _, _ in FONTS:
        notice = open_face(src / collection, family)["name"].getDebugName(0)
        if notice and notice not in notices:
            notices.append(notice)
    text = ""
    if DEBIAN_COPYRIGHT.exists():
        raw = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
        match = re.search(r"^License: SIL-1\.1\n((?: .*\n)+)", raw, flags=re.MULTILINE)
        if match:
            lines = [line[1:] for line in match.group(1).splitlines()]
            text = "\n".join("" if line == "." else line for line in lines).strip() + "\n"
    if not text:
        sys.exit("OFL text not found in the Debian copyright file; install fonts-noto-cjk")
    header = (
        "The font files in this folder are subsets (Modified Versions) of Noto Serif CJK SC Regular and\n"
        "Noto Sans CJK SC Bold from Debian's fonts-noto-cjk package, made by backend/scripts/make_font_subset.py.\n"
        "The original copyright notices:\n\n" + "\n".join(notices) + "\n\n"
        "They are licensed under the SIL Open Font License, Version 1.1:\n\n"
    )
    (out_dir / "OFL.txt").write_text(header + text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--src-dir", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for collection, family, name, codec in FONTS:
        make(args.src_dir / collection, family, args.out_dir / name, codec)
    write_license(args.src_dir, args.out_dir)
    changelog = Path("/usr/share/doc/fonts-noto-cjk/changelog.Debian.gz")
    if changelog.exists():
        with gzip.open(changelog, "rt", encoding="utf-8") as fh:
            print("source:", fh.readline().strip())


if __name__ == "__main__":
    main()
