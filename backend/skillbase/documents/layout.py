"""A small flow-and-table engine on top of fpdf2 for printing official forms.

Chinese official forms are mostly bordered tables: a narrow label column ("项目\\n背景") next to free text
that can run for pages. fpdf2's own table() cannot split a row across pages, so this module lays the
rows out itself:

* text is wrapped per character for CJK and per word for Latin, with the usual line-breaking rules
  (no line starts with ，。、）》 … and none ends with （《“ …);
* a row that does not fit is split line by line, the rest continuing on the next page (label cells
  are repeated in full on each part, so every page reads on its own);
* a `Segment` can carry a *band*, a left label cell spanning all its rows (法人代表信息, 专家信息 …),
  redrawn on every page the segment spans, *lead* rows (full-width headers repeated on each page) and
  *repeat* rows (column headers inside the band's area, repeated after a page break).

All measures are millimetres.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from fpdf import FPDF

MM_PER_PT = 25.4 / 72
PAD_H = 1.6  # horizontal padding inside a cell
PAD_V = 1.4  # vertical padding inside a cell
SHORT_ROW = 25.0  # rows at most this tall move to the next page whole instead of splitting

# Line-breaking rules (禁则): characters that may not start a line / may not end one.
NO_LINE_START = frozenset("，。、；：？！）】》」』”’〕〉…—·%,.;:?!)]}>％")
NO_LINE_END = frozenset("（【《「『“‘〔〈([{<")
_TOKEN = re.compile(r"[\x21-\x7e\u00a1-\u024f]+|\s|.", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


def clean(text: str | None) -> str:
    """Normalise user text for printing: newlines, tabs, no control characters; None is empty."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


@dataclass(frozen=True)
class Style:
    font: str = "body"
    size: float = 10.5
    align: str = "L"  # L, C or R
    color: tuple[int, int, int] = (0, 0, 0)
    leading: float = 1.5

    @property
    def line_h(self) -> float:
        return self.size * MM_PER_PT * self.leading


@dataclass(frozen=True)
class Para:
    text: str
    style: Style


@dataclass
class Cell:
    width: float  # relative: the widths of a row are scaled to fill the area
    paras: list[Para] = field(default_factory=list)
    valign: str = "T"  # T or M
    label: bool = False  # a label is repeated whole on each part of a split row, never split itself
    min_h: float = 0.0


@dataclass
class Row:
    cells: list[Cell]
    min_h: float = 0.0
    splittable: bool = True


@dataclass
class Segment:
    rows: list[Row]
    band: Cell | None = None  # a left label cell spanning every row (its width is absolute, mm)
    lead: list[Row] = field(default_factory=list)  # full-width rows above; repeated on every page
    repeat: list[Row] = field(default_factory=list)  # some of `rows`, repeated after a page break


@dataclass(frozen=True)
class Line:
    text: str
    style: Style
    justify: bool = False  # a wrapped line (not a paragraph's last): stretched to the full width


@dataclass(frozen=True)
class _PCell:
    x: float
    w: float
    lines: tuple[Line, ...]
    valign: str
    label: bool
    min_h: float

    @property
    def content_h(self) -> float:
        return sum(line.style.line_h for line in self.lines)


@dataclass(frozen=True)
class _PRow:
    cells: tuple[_PCell, ...]
    min_h: float
    splittable: bool
    source: Row

    @property
    def height(self) -> float:
        h = self.min_h
        for c in self.cells:
            h = max(h, c.min_h, c.content_h + 2 * PAD_V if c.lines else 0.0)
        return h


class Flow:
    """Lays text and tables out top to bottom on the pages of `pdf`, adding pages as needed."""

    def __init__(self, pdf: FPDF, left: float, right: float, top: float, bottom: float, new_page: Callable[[], None]) -> None:
        self.pdf = pdf
        self.left = left
        self.width = right - left
        self.top = top
        self.bottom = bottom
        self._new_page = new_page
        self.y = top
        self._widths: dict[tuple[str, float, str], float] = {}

    # -- pages ---------------------------------------------------------------------------------------

    def page_break(self) -> None:
        self._new_page()
        self.y = self.top

    def ensure(self, h: float) -> None:
        """Start a new page unless `h` millimetres still fit on this one."""
        if self.y + h > self.bottom + 1e-6 and self.y > self.top + 1e-6:
            self.page_break()

    def space(self, h: float) -> None:
        self.y = min(self.y + h, self.bottom)

    # -- text ----------------------------------------------------------------------------------------

    def char_width(self, ch: str, style: Style) -> float:
        key = (style.font, style.size, ch)
        w = self._widths.get(key)
        if w is None:
            self.pdf.set_font(style.font, size=style.size)
            w = self.pdf.get_string_width(ch)
            if w <= 0 and not ch.isspace():
                w = style.size * MM_PER_PT  # a glyph no font has: fpdf2 prints .notdef, one em wide
            self._widths[key] = w
        return w

    def text_width(self, text: str, style: Style) -> float:
        return sum(self.char_width(ch, style) for ch in text)

    def wrap(self, text: str, style: Style, width: float) -> list[str]:
        return [line.text for line in self.wrap_lines(text, style, width)]

    def wrap_lines(self, text: str, style: Style, width: float) -> list[Line]:
        lines: list[Line] = []
        for para in clean(text).split("\n"):
            wrapped = self._wrap_para(para, style, width)
            lines.extend(Line(t, style, justify=i < len(wrapped) - 1) for i, t in enumerate(wrapped))
        return lines

    def _wrap_para(self, para: str, style: Style, width: float) -> list[str]:
        if not para.strip():
            return [""]
        tokens: list[str] = []
        for tok in _TOKEN.findall(para):
            if len(tok) > 1 and self.text_width(tok, style) > width:
                tokens.extend(tok)  # a word longer than the line (a URL, an account number) breaks anywhere
            else:
                tokens.append(tok)
        out: list[str] = []
        line: list[str] = []
        used = 0.0
        for tok in tokens:
            tw = self.text_width(tok, style)
            if used + tw <= width + 1e-6 or not line:
                if tok.isspace() and not line and out:
                    continue  # no leading blanks on a wrapped line (a paragraph's own indent stays)
                line.append(tok)
                used += tw
                continue
            if tok.isspace():
                out.append("".join(line).rstrip())
                line, used = [], 0.0
                continue
            carry: list[str] = []
            if tok in NO_LINE_START and len(line) > 1 and not line[-1].isspace():
                carry.append(line.pop())
            while len(line) > 1 and line[-1] in NO_LINE_END:
                carry.insert(0, line.pop())
            out.append("".join(line).rstrip())
            line = [*carry, tok]
            used = sum(self.text_width(t, style) for t in line)
        if line:
            out.append("".join(line).rstrip())
        return out

    def lines(self, paras: Sequence[Para], width: float) -> tuple[Line, ...]:
        out: list[Line] = []
        for para in paras:
            out.extend(self.wrap_lines(para.text, para.style, width))
        return tuple(out)

    def draw_line(self, x: float, y: float, w: float, line: Line) -> None:
        if not line.text:
            return
        self.pdf.set_font(line.style.font, size=line.style.size)
        self.pdf.set_text_color(*line.style.color)
        self.pdf.set_xy(x, y)
        spacing = 0.0
        if line.justify and line.style.align == "L" and len(line.text) > 1:
            em = line.style.size * MM_PER_PT
            extra = w - self.text_width(line.text, line.style)
            gap = extra / (len(line.text) - 1)
            if 0 < extra <= 1.6 * em and gap <= 0.15 * em:  # never visibly letter-spaced
                spacing = gap / MM_PER_PT  # Tc is in points
        if spacing:
            self.pdf.set_char_spacing(spacing)
        self.pdf.cell(w, line.style.line_h, line.text, align=line.style.align)
        if spacing:
            self.pdf.set_char_spacing(0)

    def paragraph(self, text: str, style: Style, *, indent: float = 0.0, width: float | None = None, x: float | None = None) -> None:
        """Free text outside a table, wrapped and flowing over pages."""
        x0 = (self.left if x is None else x) + indent
        w = (self.width if width is None else width) - indent
        for line in self.wrap_lines(text, style, w):
            if self.y + style.line_h > self.bottom:
                self.page_break()
            self.draw_line(x0, self.y, w, line)
            self.y += style.line_h

    # -- tables --------------------------------------------------------------------------------------

    def _prepare(self, row: Row, x: float, width: float) -> _PRow:
        total = sum(c.width for c in row.cells) or 1.0
        cells: list[_PCell] = []
        cx = x
        for i, c in enumerate(row.cells):
            w = width - (cx - x) if i == len(row.cells) - 1 else width * c.width / total
            cells.append(_PCell(cx, w, self.lines(c.paras, w - 2 * PAD_H), c.valign, c.label, c.min_h))
            cx += w
        return _PRow(tuple(cells), row.min_h, row.splittable, row)

    def _draw_row(self, row: _PRow, y: float, h: float) -> None:
        pdf = self.pdf
        for c in row.cells:
            pdf.rect(c.x, y, c.w, h)
            ty = y + PAD_V if c.valign == "T" else y + max(PAD_V, (h - c.content_h) / 2)
            for line in c.lines:
                if ty + line.style.line_h > y + h + 0.01:
                    break
                self.draw_line(c.x + PAD_H, ty, c.w - 2 * PAD_H, line)
                ty += line.style.line_h

    def _split(self, row: _PRow, avail: float, force: bool) -> tuple[_PRow, _PRow] | None:
        inner = avail - 2 * PAD_V
        first: list[_PCell] = []
        rest: list[_PCell] = []
        content = [c for c in row.cells if not c.label and c.lines]
        if not content:
            return None
        if not force:
            if row.height <= SHORT_ROW or not row.splittable:
                return None
            if any(c.content_h > inner for c in row.cells if c.label):
                return None
            if inner < 2 * max(line.style.line_h for c in content for line in c.lines[:2]):
                return None
        taken_any = False
        for c in row.cells:
            if c.label or not c.lines:
                first.append(c)
                rest.append(replace(c, lines=c.lines if c.label else (), min_h=0.0))
                continue
            used, k = 0.0, 0
            while k < len(c.lines) and used + c.lines[k].style.line_h <= inner + 1e-6:
                used += c.lines[k].style.line_h
                k += 1
            if force:
                k = max(k, 1)  # on a fresh page something must be placed, or the row would never end
            taken_any = taken_any or k > 0
            first.append(replace(c, lines=c.lines[:k], min_h=0.0))
            rest.append(replace(c, lines=c.lines[k:], min_h=0.0))
        if not taken_any:
            return None
        return replace(row, cells=tuple(first), min_h=0.0), replace(row, cells=tuple(rest), min_h=0.0)

    def table(self, segments: Sequence[Segment], *, keep: float = 0.0) -> None:
        """Draw one bordered table made of `segments`; `keep` mm of it must fit before it starts."""
        if keep:
            self.ensure(keep)
        for seg in segments:
            self._segment(seg)

    def _segment(self, seg: Segment) -> None:
        bw = seg.band.width if seg.band else 0.0
        ax, aw = self.left + bw, self.width - bw
        band_lines = self.lines(seg.band.paras, bw - 2 * PAD_H) if seg.band else ()
        band_h = sum(line.style.line_h for line in band_lines) + 2 * PAD_V if seg.band else 0.0
        leads = [self._prepare(r, self.left, self.width) for r in seg.lead]
        queue = [self._prepare(r, ax, aw) for r in seg.rows]
        repeats = [self._prepare(r, ax, aw) for r in seg.repeat]
        if not queue:
            return

        lead_h = sum(r.height for r in leads)
        first_h = queue[0].height if queue[0].height <= SHORT_ROW else SHORT_ROW
        self.ensure(lead_h + max(band_h, first_h))

        def draw_leads() -> None:
            for r in leads:
                self._draw_row(r, self.y, r.height)
                self.y += r.height

        def close_band(top: float) -> None:
            if seg.band is None or self.y <= top:
                return
            h = self.y - top
            self.pdf.rect(self.left, top, bw, h)
            content = sum(line.style.line_h for line in band_lines)
            ty = top + max(PAD_V, (h - content) / 2)
            for line in band_lines:
                if ty + line.style.line_h > top + h + 0.01:
                    break
                self.draw_line(self.left + PAD_H, ty, bw - 2 * PAD_H, line)
                ty += line.style.line_h

        draw_leads()
        seg_top = self.y
        i = 0
        fresh = False  # True right after a page break made for this segment
        while i < len(queue):
            row = queue[i]
            h = row.height
            if i == len(queue) - 1 and seg.band is not None:
                h = max(h, seg_top + band_h - self.y)  # the band's label must fit next to the rows
            if self.y + h <= self.bottom + 1e-6:
                self._draw_row(row, self.y, h)
                self.y += h
                i += 1
                fresh = False
                continue
            avail = self.bottom - self.y
            parts = self._split(row, avail, force=fresh)
            if parts is not None:
                self._draw_row(parts[0], self.y, avail)
                self.y = self.bottom
                queue[i] = parts[1]
            elif fresh:
                # Taller than a whole page and unsplittable (a huge blank area): draw what fits.
                self._draw_row(row, self.y, avail)
                self.y = self.bottom
                i += 1
            close_band(seg_top)
            self.page_break()
            fresh = True
            draw_leads()
            seg_top = self.y
            if i < len(queue) and not any(queue[i].source is r.source for r in repeats):
                for r in repeats:
                    self._draw_row(r, self.y, r.height)
                    self.y += r.height
        close_band(seg_top)
