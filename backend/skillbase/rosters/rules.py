"""The roster sheets and the rules every row meets (domain.md §4, §7): pure functions, no database, no files.

A sheet is read by its header row (row 1): each column is found by its Chinese header, in any order; columns the
template does not know are ignored. Each data row becomes either a `dict` of clean values or a list of `RowError`s
naming the row (as numbered in the sheet, the header being 1), the column and the problem, in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from skillbase.core import resident_id
from skillbase.models.enums import CertificateKind, CertificateLevel, RosterKind

# At most this many data rows in one roster file (a month of a large base is a few thousand).
MAX_ROWS = 200_000
# The roster keeps this many errors for the screen; the error report lists them all.
KEPT_ERRORS = 100

YES, NO = "是", "否"

CERTIFICATE_KIND_LABELS: dict[CertificateKind, str] = {
    CertificateKind.national_qualification: "国家职业资格证书",
    CertificateKind.skill_level: "职业技能等级证书",
    CertificateKind.special_ability: "专项职业能力证书",
    CertificateKind.training_completion: "培训合格证书",
}
CERTIFICATE_LEVEL_LABELS: dict[CertificateLevel, str] = {
    CertificateLevel.junior: "初级工",
    CertificateLevel.intermediate: "中级工",
    CertificateLevel.senior: "高级工",
    CertificateLevel.technician: "技师",
    CertificateLevel.senior_technician: "高级技师",
}
_LEVEL_GRADES = {
    "五级": CertificateLevel.junior,
    "四级": CertificateLevel.intermediate,
    "三级": CertificateLevel.senior,
    "二级": CertificateLevel.technician,
    "一级": CertificateLevel.senior_technician,
}
LEVELLED_KINDS = frozenset({CertificateKind.national_qualification, CertificateKind.skill_level})

_KIND_BY_TEXT: dict[str, CertificateKind] = {
    **{label: kind for kind, label in CERTIFICATE_KIND_LABELS.items()},
    **{kind.value: kind for kind in CertificateKind},
}
_LEVEL_BY_TEXT: dict[str, CertificateLevel] = {
    **{label: level for level, label in CERTIFICATE_LEVEL_LABELS.items()},
    **_LEVEL_GRADES,
    **{
        f"{label}（{grade}）": level
        for grade, level in _LEVEL_GRADES.items()
        for lv, label in CERTIFICATE_LEVEL_LABELS.items()
        if lv is level
    },
    **{
        f"{label}({grade})": level
        for grade, level in _LEVEL_GRADES.items()
        for lv, label in CERTIFICATE_LEVEL_LABELS.items()
        if lv is level
    },
    **{level.value: level for level in CertificateLevel},
}


@dataclass(frozen=True)
class Column:
    key: str  # the value's name in a clean row (a model column)
    header: str  # the Chinese header in the sheet
    kind: str  # text, resident_id, date, bool, certificate_kind, certificate_level
    note: str  # what the notes sheet of the template says
    required: bool = True
    max_length: int | None = None
    choices: tuple[str, ...] = ()  # the drop-down list in the template
    sample: Any = None


TRAINEE_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", "text", "学员姓名，必填，最多 50 字", max_length=50, sample="张三"),
    Column(
        "id_number",
        "身份证号码",
        "resident_id",
        "18 位居民身份证号码，必填；请以文本格式填写，末位 X 大小写均可",
        sample="110113200001010016",
    ),
    Column("occupation", "职业（工种）", "text", "培训的职业（工种），必填，最多 100 字", max_length=100, sample="电工"),
    Column("course", "培训项目", "text", "培训项目或课程名称，必填，最多 200 字", max_length=200, sample="电工（四级）技能提升培训"),
    Column("starts_on", "开始日期", "date", "培训开始日期，必填，不晚于结束日期", sample=None),
    Column("ends_on", "结束日期", "date", "培训结束日期，必填，须在本月报告期内（按结束日期计入当月）", sample=None),
    Column("completed", "是否结业", "bool", "填“是”或“否”，必填", choices=(YES, NO), sample=YES),
    Column("surveyed", "是否参与满意度调查", "bool", "填“是”或“否”，必填", choices=(YES, NO), sample=YES),
    Column(
        "satisfied",
        "是否满意",
        "bool",
        "参与满意度调查的填“是”或“否”（必填）；未参与调查的留空或填“否”",
        required=False,
        choices=(YES, NO),
        sample=YES,
    ),
)

CERTIFICATE_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", "text", "持证人姓名，必填，最多 50 字", max_length=50, sample="张三"),
    Column(
        "id_number",
        "身份证号码",
        "resident_id",
        "18 位居民身份证号码，必填；请以文本格式填写，末位 X 大小写均可",
        sample="110113200001010016",
    ),
    Column(
        "kind",
        "证书类别",
        "certificate_kind",
        "从下拉列表选择：" + "、".join(CERTIFICATE_KIND_LABELS.values()),
        choices=tuple(CERTIFICATE_KIND_LABELS.values()),
        sample=CERTIFICATE_KIND_LABELS[CertificateKind.skill_level],
    ),
    Column("occupation", "职业（工种）", "text", "证书的职业（工种），必填，最多 100 字", max_length=100, sample="电工"),
    Column(
        "level",
        "等级",
        "certificate_level",
        "国家职业资格证书、职业技能等级证书必填（"
        + "、".join(CERTIFICATE_LEVEL_LABELS.values())
        + "）；专项职业能力证书、培训合格证书不填",
        required=False,
        choices=tuple(CERTIFICATE_LEVEL_LABELS.values()),
        sample=CERTIFICATE_LEVEL_LABELS[CertificateLevel.senior],
    ),
    Column("certificate_no", "证书编号", "text", "证书上的编号，必填，最多 64 字符", max_length=64, sample="S000011010000240000001"),
    Column("issued_on", "发证日期", "date", "发证日期，必填，须在本月报告期内（按发证日期计入当月）", sample=None),
    Column("issuing_body", "发证机构", "text", "发证机构全称，必填，最多 200 字", max_length=200, sample="北京市顺义区职业技能鉴定中心"),
)

COLUMNS: dict[RosterKind, tuple[Column, ...]] = {RosterKind.trainees: TRAINEE_COLUMNS, RosterKind.certificates: CERTIFICATE_COLUMNS}
SHEET_TITLES: dict[RosterKind, str] = {RosterKind.trainees: "培训人员名册", RosterKind.certificates: "取证人员名册"}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the header ("" for the row as a whole)
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


class SheetError(Exception):
    """The file cannot be read as a roster at all (no header, a required column missing): one error for the file."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


def _header_text(value: Any) -> str:
    text = "" if value is None else str(value)
    return "".join(text.split()).replace("(", "（").replace(")", "）").removeprefix("\ufeff").rstrip("*")


def map_header(kind: RosterKind, header: Sequence[Any]) -> dict[str, int]:
    """{column key: index in the row} from the header row; SheetError when a column of the template is missing."""
    found = {_header_text(cell): i for i, cell in reversed(list(enumerate(header)))}
    positions: dict[str, int] = {}
    missing = []
    for column in COLUMNS[kind]:
        index = found.get(column.header)
        if index is None:
            missing.append(column.header)
        else:
            positions[column.key] = index
    if missing:
        raise SheetError(RowError(1, missing[0], "missing_column", f"第 1 行（表头）缺少列：{'、'.join(missing)}。请使用下载的模板"))
    return positions


def is_blank(cells: Sequence[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


# --- cells ---------------------------------------------------------------------------------------------------


class CellError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
_EXCEL_EPOCH = date(1899, 12, 30)


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:  # an Excel serial
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = text_of(value)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    # 2026-12-01 00:00:00, as some spreadsheets write a date
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise CellError("date", f"日期“{text[:20]}”无法识别，请填写如 2026-12-01 的日期") from None


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = text_of(value)
    if text == YES:
        return True
    if text == NO:
        return False
    raise CellError("yes_no", f"应填“是”或“否”，实为“{text[:20]}”")


def parse_resident_id(value: Any) -> str:
    if isinstance(value, float):
        raise CellError("id_as_number", "身份证号码被存成了数字（末几位会丢失），请将该列设为文本格式后重新填写")
    try:
        return resident_id.validate(text_of(value))
    except resident_id.InvalidResidentId as exc:
        raise CellError(exc.code, str(exc)) from None


def parse_certificate_kind(value: Any) -> CertificateKind:
    kind = _KIND_BY_TEXT.get(value) if value.__class__ is str else None
    if kind is not None:
        return kind
    text = _header_text(value)
    kind = _KIND_BY_TEXT.get(text)
    if kind is None:
        raise CellError("certificate_kind", f"证书类别“{text[:30]}”不在可选范围内（{'、'.join(CERTIFICATE_KIND_LABELS.values())}）")
    return kind


def parse_certificate_level(value: Any) -> CertificateLevel:
    level = _LEVEL_BY_TEXT.get(value) if value.__class__ is str else None
    if level is not None:
        return level
    text = _header_text(value)
    level = _LEVEL_BY_TEXT.get(text)
    if level is None:
        raise CellError("certificate_level", f"等级“{text[:20]}”不在可选范围内（{'、'.join(CERTIFICATE_LEVEL_LABELS.values())}）")
    return level


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "text": text_of,
    "resident_id": parse_resident_id,
    "date": parse_date,
    "bool": parse_bool,
    "certificate_kind": parse_certificate_kind,
    "certificate_level": parse_certificate_level,
}


# each kind's columns with their parser, looked up once rather than per cell
_PLANS: dict[RosterKind, tuple[tuple[Column, Callable[[Any], Any]], ...]] = {
    kind: tuple((c, _PARSERS[c.kind]) for c in columns) for kind, columns in COLUMNS.items()
}


# --- rows ----------------------------------------------------------------------------------------------------


@dataclass
class RowChecker:
    """Checks the rows of one roster in order: each alone, then against the rows before it (duplicates inside the
    roster). `period` is the report's period: the event date (a training's end, a certificate's issue) must fall in it."""

    kind: RosterKind
    positions: dict[str, int]
    period: tuple[date, date]
    _seen: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def check(self, row_no: int, cells: Sequence[Any]) -> tuple[dict[str, Any] | None, list[RowError]]:
        values, errors = check_cells(self.kind, self.positions, row_no, cells, self.period)
        if values is None:
            return None, errors
        key = duplicate_key(self.kind, values)
        first = self._seen.get(key)
        if first is not None:
            column = "证书编号" if self.kind is RosterKind.certificates else "身份证号码"
            what = "同一人的同一证书编号" if self.kind is RosterKind.certificates else "同一人、同一培训项目、同一结束日期"
            return None, [RowError(row_no, column, "duplicate_in_roster", f"与第 {first} 行重复（{what}）")]
        self._seen[key] = row_no
        return values, []


def duplicate_key(kind: RosterKind, values: dict[str, Any]) -> tuple[Any, ...]:
    if kind is RosterKind.certificates:
        return (values["id_number"], resident_id.normalize_certificate_no(values["certificate_no"]))
    return (values["id_number"], values["course"], values["ends_on"])


def check_cells(
    kind: RosterKind, positions: dict[str, int], row_no: int, cells: Sequence[Any], period: tuple[date, date]
) -> tuple[dict[str, Any] | None, list[RowError]]:
    """One row alone: every cell, then the rules between cells. Clean values, or the errors (never both)."""
    errors: list[RowError] = []
    values: dict[str, Any] = {}
    width = len(cells)
    for column, parse in _PLANS[kind]:
        index = positions[column.key]
        raw = cells[index] if index < width else None
        if raw is None or (raw.__class__ is str and not raw.strip()):
            if column.required:
                errors.append(RowError(row_no, column.header, "required", f"{column.header}为必填项"))
            values[column.key] = None
            continue
        try:
            value = parse(raw)
        except CellError as exc:
            errors.append(RowError(row_no, column.header, exc.code, str(exc)))
            continue
        if column.max_length is not None and len(value) > column.max_length:
            errors.append(RowError(row_no, column.header, "too_long", f"{column.header}最多 {column.max_length} 字，实为 {len(value)} 字"))
            continue
        values[column.key] = value
    if errors:
        return None, errors
    errors = (_trainee_rules if kind is RosterKind.trainees else _certificate_rules)(row_no, values, period)
    return (None, errors) if errors else (values, [])


def _in_period(row_no: int, header: str, day: date, period: tuple[date, date]) -> list[RowError]:
    start, end = period
    if start <= day <= end:
        return []
    return [
        RowError(
            row_no, header, "outside_period", f"{header} {day.isoformat()} 不在本月报告期（{start.isoformat()} 至 {end.isoformat()}）内"
        )
    ]


def _trainee_rules(row_no: int, values: dict[str, Any], period: tuple[date, date]) -> list[RowError]:
    errors = []
    if values["starts_on"] > values["ends_on"]:
        errors.append(RowError(row_no, "开始日期", "dates_out_of_order", "开始日期晚于结束日期"))
    errors += _in_period(row_no, "结束日期", values["ends_on"], period)
    if values["satisfied"] is None:
        if values["surveyed"]:
            errors.append(RowError(row_no, "是否满意", "required", "参与满意度调查的，是否满意为必填项"))
        values["satisfied"] = False
    elif values["satisfied"] and not values["surveyed"]:
        errors.append(RowError(row_no, "是否满意", "satisfied_without_survey", "未参与满意度调查的，是否满意不能填“是”"))
    return errors


def _certificate_rules(row_no: int, values: dict[str, Any], period: tuple[date, date]) -> list[RowError]:
    errors = _in_period(row_no, "发证日期", values["issued_on"], period)
    if values["kind"] in LEVELLED_KINDS and values["level"] is None:
        errors.append(RowError(row_no, "等级", "level_required", f"{CERTIFICATE_KIND_LABELS[values['kind']]}须填写等级"))
    elif values["kind"] not in LEVELLED_KINDS and values["level"] is not None:
        errors.append(RowError(row_no, "等级", "level_not_applicable", f"{CERTIFICATE_KIND_LABELS[values['kind']]}不分等级，等级请留空"))
    return errors
