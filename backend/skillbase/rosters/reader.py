"""Reading an uploaded roster file row by row, whatever it is: XLSX (python-calamine, the first sheet) or CSV (UTF-8,
UTF-8 with BOM, or GB18030 — what Excel's "CSV" and WPS save in China).

python-calamine was measured against openpyxl's read_only mode on the 100,000-row benchmark sheet
(backend/benchmarks/import_bench.py): calamine reads it several times faster; its sheet is held in Rust memory as
compact cells, so the Python side still sees one row at a time.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillbase.files import sniff

_BOM = codecs.BOM_UTF8


class Unreadable(Exception):
    """The file parses as its type but holds no sheet we can read (no worksheet, an undecodable CSV)."""


@dataclass
class Sheet:
    header: list[Any]
    rows: Iterator[tuple[int, list[Any]]]  # (row number in the sheet, 1 = header; cells)
    total: int  # data rows, blank ones included (for progress)


def csv_encoding(path: Path) -> str:
    """utf-8-sig when the file starts with a BOM, else utf-8 when all of it decodes, else gb18030."""
    with path.open("rb") as fh:
        if fh.read(3) == _BOM:
            return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _count_csv_rows(path: Path, encoding: str) -> int:
    with path.open(encoding=encoding, newline="") as fh:
        return sum(1 for _ in csv.reader(fh))


@contextmanager
def open_sheet(path: Path, content_type: str) -> Iterator[Sheet]:
    if content_type == sniff.CSV:
        encoding = csv_encoding(path)
        total = _count_csv_rows(path, encoding)
        with path.open(encoding=encoding, newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            yield Sheet(header=list(header), rows=((i, list(r)) for i, r in enumerate(reader, start=2)), total=max(total - 1, 0))
        return
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises its own error types for a workbook without a readable sheet
        raise Unreadable(str(exc)) from None
    try:
        rows = sheet.iter_rows()
        first = next(rows, None)
        cells: list[Any] = list(first) if first is not None else []
        # iter_rows starts at the sheet's first row (A1) even when the used range starts lower
        last_row = (sheet.start[0] + sheet.height) if sheet.start else 0
        yield Sheet(header=_cells(cells), rows=((i, _cells(r)) for i, r in enumerate(rows, start=2)), total=max(last_row - 1, 0))
    finally:
        workbook.close()


def _cells(row: list[Any]) -> list[Any]:
    # calamine answers "" for an empty cell; the rules treat None and blank alike
    return [None if cell == "" else cell for cell in row]
