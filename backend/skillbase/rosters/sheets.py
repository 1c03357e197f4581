"""The spreadsheets the platform writes: a roster's template (headers, a sample row, drop-down lists, date columns, a
notes sheet) and a failed roster's error report (the uploaded rows with an added 错误说明 column).

Every text cell is written as text, never as a formula: a value starting with `=` (or `+ - @`) from an uploaded file
stays inert in the report (CSV/formula injection)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from skillbase.models.enums import RosterKind
from skillbase.rosters.rules import COLUMNS, SHEET_TITLES

TEMPLATE_ROWS = 5000  # drop-down lists and formats cover this many data rows
DATE_FORMAT = "yyyy-mm-dd"
ERROR_HEADER = "错误说明"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_ERROR_FILL = PatternFill("solid", fgColor="FDE9E7")


def template(kind: RosterKind, sample_date: date) -> bytes:
    """The XLSX template of a roster: sheet 1 the roster (Chinese headers, one sample row), sheet 2 the notes."""
    columns = COLUMNS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLES[kind]
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=column.header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        sample = column.sample if column.sample is not None else (sample_date if column.kind == "date" else None)
        value = ws.cell(row=2, column=i, value=sample)
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if column.kind == "date":
            value.number_format = DATE_FORMAT
            ws.column_dimensions[letter].number_format = DATE_FORMAT  # the column's style: rows typed later are dates
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=not column.required)
            dv.error, dv.errorTitle = "请填写日期，如 2026-12-01", "日期格式"
            dv.add(cells)
            ws.add_data_validation(dv)
        elif column.kind == "resident_id":
            ws.column_dimensions[letter].width = 22
            value.number_format = "@"
            ws.column_dimensions[letter].number_format = "@"  # text: 18 digits would lose their last ones as a number
        if column.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=not column.required)
            dv.error, dv.errorTitle = "请从下拉列表中选择", column.header
            dv.add(cells)
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"

    notes = wb.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "填写说明"])
    for cell in notes[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for column in columns:
        notes.append([column.header, "必填" if column.required else "视情况", column.note])
    notes.append([])
    notes.append(["说明", "", "第 1 行为表头，请勿修改；第 2 行为示例，上传前请删除或改为真实数据。"])
    notes.append(["说明", "", "任何一行有错误时整份名册不导入；可下载错误报告，改正后重新上传。重新上传将替换本月已导入的同类名册。"])
    notes.append(["说明", "", "也可上传 CSV 文件（UTF-8 或 GB18030 编码），表头与本模板相同。"])
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 90
    for row in notes.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _inert(ws: Any, value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def error_report(header: Sequence[Any], rows: Iterable[tuple[list[Any], str]], file_errors: Sequence[str]) -> bytes:
    """The uploaded sheet again, with 错误说明 after its last column: each row's errors, empty for a good row."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("错误报告")
    width = len(header)
    head = [_inert(ws, h) for h in header]
    mark = WriteOnlyCell(ws, value=ERROR_HEADER)
    mark.font, mark.fill = _HEADER_FONT, _ERROR_FILL
    ws.append([*head, mark])
    for message in file_errors:
        ws.append([None] * width + [message])
    for cells, message in rows:
        padded = [_inert(ws, c) for c in cells[:width]] + [None] * max(0, width - len(cells))
        if message:
            note = WriteOnlyCell(ws, value=message)
            note.fill = _ERROR_FILL
            ws.append([*padded, note])
        else:
            ws.append(padded)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
