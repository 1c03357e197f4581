"""Annex 1 (附件1 顺义区技能人才培训基地建设项目申报表) as a printable PDF, laid out like the official form.

`render_annex1_pdf(doc)` is a pure function: from an `Annex1Document` (the call, the base type, the
organisation profile frozen into the version, the structured form and, once reviewed, table 5) to the
bytes of an A4 PDF: cover, 填写要求, 表1-1 … 表5, and an appendix with the eligibility figures.

The CJK fonts are subsets of Noto Serif/Sans CJK SC committed in `fonts/` (regenerate them with
backend/scripts/make_font_subset.py) and are always embedded, so the PDF prints the same anywhere.
A character outside the subset (a rare name) is taken from a system Noto CJK font when the machine has
one (`SYSTEM_FALLBACK_FONTS`); otherwise it prints as an empty box, and rendering goes on.
The font paths are module constants, read at each call, so a deployment or a test can override them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF
from pydantic import BaseModel

from skillbase.applications.form import ApplicationForm, ContentItem, Eligibility, Indicator, Partner, TeamMember
from skillbase.documents.layout import MM_PER_PT, Cell, Flow, Line, Para, Row, Segment, Style, clean

FONT_DIR = Path(__file__).resolve().parent / "fonts"
BODY_FONT_PATH = FONT_DIR / "NotoSerifCJKsc-Regular.subset.ttf"  # 宋体-like: GBK and more
HEADING_FONT_PATH = FONT_DIR / "NotoSansCJKsc-Bold.subset.ttf"  # 黑体-like: GB2312 and more
# (path, family inside a collection): tried in order for characters the subsets lack.
SYSTEM_FALLBACK_FONTS: tuple[tuple[Path, str], ...] = (
    (Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"), "Noto Serif CJK SC"),
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC"),
    (Path("/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc"), "Noto Serif CJK SC"),
    (Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC"),
)
DISPLAY_TZ = ZoneInfo("Asia/Shanghai")

BASE_TYPES = {
    "skills_upgrading": "职业技能提升培训基地",
    "industry_chain": "产业链企业培训基地",
    "competition": "技能大赛集训基地",
}
ATTRIBUTES = {"government": "政府办", "industry_enterprise": "行业、企业办", "other": "其它"}
COMPETITION_LEVELS = {
    "district": "区级",
    "city": "市级",
    "national": "国家级",
    "international": "国际级",
    "industry": "行业",
    "enterprise": "企业",
}
FORM_TITLE = "顺义区技能人才培训基地建设项目申报表"
ISSUER = "顺义区人力资源和社会保障局"
CHECKED, UNCHECKED = "☑", "□"


@dataclass(frozen=True)
class Table5Expert:
    name: str
    organization_and_title: str
    mobile: str


@dataclass(frozen=True)
class Table5:
    panel_opinion: str | None
    experts: list[Table5Expert]
    admin_opinion: str | None
    applicant_opinion: str | None = None
    decided_on: date | None = None


@dataclass(frozen=True)
class Annex1Document:
    call_name: str
    base_type: str
    organization: dict[str, Any]
    form: ApplicationForm
    version_no: int | None = None
    submitted_at: datetime | None = None
    table5: Table5 | None = None


# -- page geometry (mm) and styles ---------------------------------------------------------------

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT = 25.0, 190.0  # the wider left margin is the binding edge (左侧装订)
TOP, BOTTOM = 24.0, 276.0
WIDTH = RIGHT - LEFT

BODY = Style("body", 10.5)
LABEL = Style("body", 10.5, align="C")
LABEL_LEFT = Style("body", 10.5)
HEAD = Style("heading", 10.5, align="C")
HINT = Style("body", 9, color=(110, 110, 110), leading=1.45)
HINT_C = Style("body", 9, align="C", color=(110, 110, 110), leading=1.45)
RIGHT_BODY = Style("body", 10.5, align="R")
SECTION = Style("heading", 15, leading=1.4)
CAPTION = Style("heading", 12, align="C", leading=1.4)
NOTE = Style("body", 10.5, leading=1.6)

BLANK_TEXT_H = 36.0  # a long-text field left empty keeps room to write by hand
MIN_TEXT_H = 18.0
BAND_W = 22.0  # the narrow vertical label column of tables 1-2 … 4


# -- small helpers -------------------------------------------------------------------------------


def _get(obj: Any, key: str) -> Any:
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _s(value: Any) -> str:
    """Any value as printable text; None (and anything empty) prints as nothing."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, datetime):
        return _datetime(value)
    if isinstance(value, date):
        return _date(value)
    return clean(str(value)).strip()


def _date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _datetime(dt: datetime) -> str:
    if dt.tzinfo is not None:
        dt = dt.astimezone(DISPLAY_TZ)
    return dt.strftime("%Y-%m-%d %H:%M")


def _box(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


def _desc(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].description or name


def _label(text: str, width: float, style: Style = LABEL) -> Cell:
    return Cell(width, [Para(text, style)], valign="M", label=True)


def _text(width: float, text: Any, *, hint: str | None = None, blank_h: float = 0.0, min_h: float = 0.0, valign: str = "T") -> Cell:
    value = _s(text)
    if value:
        return Cell(width, [Para(value, BODY)], min_h=min_h, valign=valign)
    return Cell(width, [Para(hint, HINT)] if hint else [], min_h=max(blank_h, min_h), valign=valign)


def _short(width: float, text: Any, *, min_h: float = 0.0) -> Cell:
    """A short value (a name, a phone number, a code): vertically centred like the labels beside it."""
    return _text(width, text, min_h=min_h, valign="M")


def _band(text: str, width: float = BAND_W) -> Cell:
    return Cell(width, [Para(text, LABEL)], valign="M", label=True)


def _member(m: TeamMember | None) -> tuple[str, str]:
    return (_s(m.name), _s(m.post)) if m else ("", "")


def _indicator(i: Indicator) -> str:
    name, target = _s(i.name), _s(i.target)
    return f"{name}：{target}" if name and target else name or target


# -- the document --------------------------------------------------------------------------------


class _Annex1PDF(FPDF):
    def __init__(self, version_line: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.version_line = version_line
        self.set_auto_page_break(False)
        self.set_margins(LEFT, TOP, PAGE_W - RIGHT)
        self.c_margin = 0
        self.set_line_width(0.25)
        self.set_draw_color(0, 0, 0)

    def header(self) -> None:
        self.set_text_color(90, 90, 90)
        self.set_font("body", size=8.5)
        if self.page_no() > 1:
            self.set_xy(LEFT, 11)
            self.cell(WIDTH / 2, 5, FORM_TITLE, align="L")
        if self.version_line:
            self.set_xy(LEFT + WIDTH / 2, 11)
            self.cell(WIDTH / 2, 5, self.version_line, align="R")
        if self.page_no() > 1 or self.version_line:
            self.set_draw_color(150, 150, 150)
            self.set_line_width(0.2)
            self.line(LEFT, 16.5, RIGHT, 16.5)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.25)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_text_color(60, 60, 60)
        self.set_font("body", size=9)
        self.set_xy(LEFT, PAGE_H - 15)
        self.cell(WIDTH, 5, f"第 {self.page_no()} 页 共 {{nb}} 页", align="C")
        self.set_text_color(0, 0, 0)


def render_annex1_pdf(doc: Annex1Document) -> bytes:
    """The filled Annex 1 form as the bytes of an A4 PDF with embedded fonts."""
    version_line = ""
    if doc.version_no is not None:
        version_line = f"第 {doc.version_no} 版"
        if doc.submitted_at is not None:
            version_line += f"  提交于 {_datetime(doc.submitted_at)}"
    pdf = _Annex1PDF(version_line)
    _setup_fonts(pdf, _document_text(doc))
    org_name = _s(_get(doc.organization, "name"))
    pdf.set_title(f"{FORM_TITLE}（{org_name}）" if org_name else FORM_TITLE)
    pdf.set_subject(_s(doc.call_name))
    if org_name:
        pdf.set_author(org_name)
    pdf.set_creator("Skill Base Platform 技能人才培训基地管理平台")
    pdf.set_lang("zh-CN")
    if doc.submitted_at is not None:
        pdf.set_creation_date(doc.submitted_at)
    pdf.alias_nb_pages()

    pdf.add_page()
    flow = Flow(pdf, LEFT, RIGHT, TOP, BOTTOM, pdf.add_page)
    _cover(flow, doc)
    flow.page_break()
    _instructions(flow)
    flow.page_break()
    _part_one(flow, doc)
    _part_two(flow, doc)
    flow.page_break()
    _part_three(flow, doc)
    _part_four(flow, doc)
    flow.page_break()
    _part_five(flow, doc)
    flow.page_break()
    _appendix(flow, doc)
    return bytes(pdf.output())


# -- fonts ---------------------------------------------------------------------------------------


def _setup_fonts(pdf: FPDF, text: str) -> None:
    pdf.add_font("body", "", str(BODY_FONT_PATH))
    pdf.add_font("heading", "", str(HEADING_FONT_PATH))
    fallbacks = ["body"]  # the heading subset is smaller (GB2312): the body font fills its gaps
    body_cmap = pdf.fonts["body"].cmap  # type: ignore[union-attr]
    missing = {ch for ch in text if ord(ch) > 0x7F and ord(ch) not in body_cmap and not ch.isspace()}
    if missing:
        system = _system_fallback()
        if system is not None:
            pdf.add_font("fallback", "", str(system[0]), collection_font_number=system[1])
            fallbacks.append("fallback")
    pdf.set_fallback_fonts(fallbacks)


@functools.cache
def _collection_index(path: Path, family: str) -> int | None:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() not in {".ttc", ".otc"}:
        return 0 if TTFont(str(path), lazy=True)["name"].getDebugName(1) else None
    for number, face in enumerate(TTCollection(str(path), lazy=True).fonts):
        if face["name"].getDebugName(1) == family:
            return number
    return None


def _system_fallback() -> tuple[Path, int] | None:
    for path, family in SYSTEM_FALLBACK_FONTS:
        if not path.is_file():
            continue
        try:
            number = _collection_index(path, family)
        except Exception:  # noqa: S112 - an unreadable system font is simply not used
            continue
        if number is not None:
            return path, number
    return None


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, BaseModel):
        yield from _strings(obj.model_dump())
    elif isinstance(obj, Mapping):
        for value in obj.values():
            yield from _strings(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from _strings(value)
    elif is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            yield from _strings(getattr(obj, f.name))


def _document_text(doc: Annex1Document) -> str:
    return "".join(_strings(doc))


# -- cover and instructions ----------------------------------------------------------------------


def _cover(flow: Flow, doc: Annex1Document) -> None:
    pdf = flow.pdf
    form = doc.form
    flow.y = 22
    flow.paragraph("附件1", Style("heading", 15))

    title = Style("heading", 26, align="C", leading=1.7)
    flow.y = 62
    flow.paragraph("顺义区技能人才培训基地", title)
    flow.paragraph("建设项目申报表", title)
    if _s(doc.call_name):
        flow.space(2)
        flow.paragraph(f"（{_s(doc.call_name)}）", Style("body", 12, align="C", color=(70, 70, 70)))

    label_style = Style("body", 15, leading=1.6)
    value_style = Style("body", 14, align="C", leading=1.6)
    lx, lw = 32.0, 38.0
    vx, vw = lx + lw, 98.0
    flow.y = 128.0

    def field(label: Sequence[str], values: Sequence[str], *, underline: bool = True, suffix: str = "", align: str = "C") -> None:
        # A long value (many specialties, a long name) shrinks, then is cut, so the cover stays one page.
        for size in (value_style.size, 12, 10.5, 9):
            style = Style(value_style.font, size, align=align, leading=value_style.leading)
            lines: list[str] = []
            for value in values:
                lines.extend(flow.wrap(value, style, vw - 2) if value else [""])
            if len(lines) <= max(3, len(values)):
                break
        if len(lines) > 4 and underline:
            lines = [*lines[:3], lines[3][:-1] + "…"]
        top = flow.y
        for i, text in enumerate(lines):
            y = top + i * style.line_h
            flow.draw_line(vx + 1, y, vw - 2, Line(text, style))
            if underline:
                pdf.set_line_width(0.3)
                pdf.line(vx, y + style.line_h - 0.6, vx + vw, y + style.line_h - 0.6)
                pdf.set_line_width(0.25)
        if suffix:
            flow.draw_line(vx + vw + 1, top, 30, Line(suffix, Style(label_style.font, label_style.size)))
        label_h = len(label) * label_style.line_h
        value_h = len(lines) * style.line_h
        ly = top + max(0.0, (value_h - label_h) / 2) if len(label) > 1 else top
        for i, text in enumerate(label):
            flow.draw_line(lx, ly + i * label_style.line_h, lw, Line(text, label_style))
        flow.y = top + max(label_h, value_h) + 7

    field(["项目单位"], [_s(_get(doc.organization, "name"))], suffix="（公章）")
    chosen = _s(doc.base_type)
    field(
        ["项目类别"],
        [f"{_box(chosen == key)}{name}" for key, name in BASE_TYPES.items()],
        underline=False,
        align="L",
    )
    names = [_s(s.name) for s in form.specialties if _s(s.name)]
    field(["申报专业", "（职业工种）"], ["、".join(names)])
    field(["填 报 人"], [_s(form.cover.form_filler)])
    field(["填报时间"], [_date(form.cover.fill_date)])

    flow.y = max(238.0, flow.y + 3)
    flow.paragraph(f"{ISSUER}  制", Style("body", 16, align="C", leading=1.8))
    year = form.cover.fill_date.year if form.cover.fill_date else (doc.submitted_at.year if doc.submitted_at else None)
    if year:
        flow.paragraph(f"{year}年", Style("body", 16, align="C", leading=1.8))


INSTRUCTIONS = (
    "一、请按照要求，如实填写，仔细核对。",
    "二、须制定项目建设总体目标和分阶段目标，要有可量化的考核指标。各项目进度须明确年度目标、可监测指标和经费预算。",
    "三、填写内容文字要准确简练，内容要重点突出，数字要精准无误。",
    "四、请使用A4纸，双面印，左侧装订盖章后（2份）连同电子文档一并上报。",
)


def _instructions(flow: Flow) -> None:
    flow.y = 45
    flow.paragraph("填 写 要 求", Style("heading", 20, align="C", leading=1.6))
    flow.space(12)
    style = Style("body", 14, leading=2.0)
    for item in INSTRUCTIONS:
        flow.paragraph("\u3000\u3000" + item, style, indent=5, width=WIDTH - 5)
        flow.space(2)


# -- 一、项目概述 ----------------------------------------------------------------------------------


def _section(flow: Flow, text: str) -> None:
    flow.ensure(45)
    if flow.y > TOP + 1:
        flow.space(4)
    flow.paragraph(text, SECTION)
    flow.space(1.5)


def _caption(flow: Flow, text: str) -> None:
    flow.ensure(35)
    flow.space(1.5)
    flow.paragraph(text, CAPTION)
    flow.space(1.5)


def _long_text_segment(label: str, value: Any, hint: str | None) -> Segment:
    return Segment(band=_band(label), rows=[Row([_text(1, value, hint=hint, blank_h=BLANK_TEXT_H, min_h=MIN_TEXT_H)])])


def _part_one(flow: Flow, doc: Annex1Document) -> None:
    org = doc.organization
    form = doc.form
    _section(flow, "一、项目概述")
    _caption(flow, "表1-1 项目单位基本情况信息")

    attribute = _s(_get(org, "attribute"))
    attributes = "\n".join(f"{_box(attribute == key)}{name}" for key, name in ATTRIBUTES.items())
    address = "\n".join(v for v in (_s(_get(org, "address")), _s(_get(org, "website"))) if v)

    def person(title: str, p: Any) -> Segment:
        return Segment(
            band=_band(title, 30),
            rows=[
                Row(
                    [
                        _label("姓名", 22),
                        _short(45.5, _get(p, "name"), min_h=10),
                        _label("部门及职务", 22),
                        _short(45.5, _get(p, "dept_post")),
                    ]
                ),
                Row(
                    [
                        _label("办公电话", 22),
                        _short(45.5, _get(p, "office_phone"), min_h=10),
                        _label("手机", 22),
                        _short(45.5, _get(p, "mobile")),
                    ]
                ),
            ],
        )

    flow.table(
        [
            Segment(
                rows=[
                    Row(
                        [
                            _label("项目单位\n名称", 30),
                            _short(67.5, _get(org, "name")),
                            _label("属性", 22),
                            Cell(45.5, [Para(attributes, BODY)]),
                        ]
                    ),
                    Row([_label("统一社会信用代码或\n组织机构代码", 52), _short(113, _get(org, "credit_code"), min_h=11)]),
                    Row([_label("项目单位地址及网址", 52), _short(113, address, min_h=11)]),
                ]
            ),
            person("法人代表\n信息", _get(org, "legal_representative")),
            person("联系人\n信息", _get(org, "contact_person")),
            Segment(
                rows=[
                    Row(
                        [
                            _label("资金账号", 30),
                            _short(67.5, _get(org, "bank_account"), min_h=10),
                            _label("开户银行", 22),
                            _short(45.5, _get(org, "bank_name")),
                        ]
                    )
                ]
            ),
            Segment(
                lead=[
                    Row(
                        [
                            Cell(
                                1,
                                [
                                    Para(
                                        "特色概述（包括但不限于规范管理、培训能力、师资队伍、校企合作、办赛经验等方面）（可附加页）",
                                        LABEL_LEFT,
                                    )
                                ],
                                label=True,
                            )
                        ]
                    )
                ],
                rows=[Row([_text(1, form.table_1_1.feature_overview, blank_h=50, min_h=30)])],
            ),
        ]
    )

    _caption(flow, "表1-2 项目背景及工作基础")
    flow.table(
        [
            _long_text_segment(
                "项目\n背景",
                form.table_1_2.project_background,
                "（简述当地经济社会发展、产业结构调整、企业技能人才需求、技能人才培训等方面的总体情况）",
            ),
            _long_text_segment(
                "工作\n基础",
                form.table_1_2.work_foundation,
                "（就拟申报的专业分别简述培养技能人才或组织技能大赛具备的条件和已有的工作基础）",
            ),
        ]
    )


# -- 二、项目实施工作思路与工作目标 ------------------------------------------------------------------


def _part_two(flow: Flow, doc: Annex1Document) -> None:
    form = doc.form
    _section(flow, "二、项目实施工作思路与工作目标")
    _caption(flow, "表2-1 项目实施工作思路")
    flow.table(
        [
            _long_text_segment(
                "指导\n思想",
                form.table_2_1.guiding_ideology,
                "（重点围绕贯彻落实“十四五”职业技能培训规划，培训急需紧缺技能人才，促进区域经济和产业发展等简述指导思想）",
            ),
            _long_text_segment("基本\n思路", form.table_2_1.basic_approach, "（简述开展培训基地建设的工作思路和建设原则）"),
        ]
    )

    _caption(flow, "表2-2 项目实施工作目标")
    header = Row([_label("阶段", 26, HEAD), _label("阶段目标", 62, HEAD), _label("可量化、可监测指标", 55, HEAD)], splittable=False)
    rows: list[Row] = [header]
    for goal in form.table_2_2.staged_goals:
        indicators = "\n".join(f"{n}. {_indicator(i)}" for n, i in enumerate((i for i in goal.indicators if _indicator(i)), 1))
        rows.append(Row([_label(_s(goal.period), 26), _text(62, goal.goal, min_h=12, valign="M"), _text(55, indicators, valign="M")]))
    if len(rows) == 1:
        rows.append(Row([Cell(26, min_h=14), Cell(62, [Para("（按年度制定可量化、可监测目标）", HINT)]), Cell(55)]))
        rows.append(Row([Cell(26, min_h=14), Cell(62), Cell(55)]))
    flow.table(
        [
            _long_text_segment("总体\n目标", form.table_2_2.overall_goal, "（简述项目建设总体目标和项目产出）"),
            Segment(band=_band("阶段\n目标"), rows=rows, repeat=[header]),
        ]
    )


# -- 三、项目实施工作重点及内容 ----------------------------------------------------------------------

CONTENT_BLOCKS = (
    (
        "建设内容一",
        "（重点包括课程设置、培训模式、教材开发、师资配备、培训设备设施、实训实操、技能评价等内容）",
        "构建完善的高技能人才培训体系",
        "system_items",
    ),
    ("建设内容二", "（重点包括校企合作、企业新型学徒制、师资能力提升、设备设施改造等内容）", "提升培训能力", "capacity_items"),
    ("建设内容三", "（重点包括高技能人才培训体系建设形成的技术经验、创新性规律性成果）", "高技能人才培养经验成果", "results_items"),
)


def _part_three(flow: Flow, doc: Annex1Document) -> None:
    _section(flow, "三、项目实施工作重点及内容")
    specialties = list(doc.form.specialties)
    if not specialties:
        from skillbase.applications.form import Specialty

        specialties = [Specialty()]
    for n, specialty in enumerate(specialties, 1):
        if n > 1:
            flow.page_break()
        name = _s(specialty.name) or "\u3000" * 6
        _caption(flow, f"表3-{n}-1  {name} 专业（职业）项目组构成与建设目标")
        header = Row([_label("项目分工", 30, HEAD), _label("姓名", 33, HEAD), _label("单位及职务/职称", 80, HEAD)], splittable=False)
        team: list[Row] = [header]
        leader_name, leader_post = _member(specialty.leader)
        team.append(Row([_label("项目负责人", 30), _short(33, leader_name, min_h=10), _short(80, leader_post)]))
        members: list[TeamMember | None] = [m for m in specialty.members if any(_member(m))] or [None, None]
        for m in members:
            m_name, m_post = _member(m)
            team.append(Row([_label("项目组成员", 30), _short(33, m_name, min_h=10), _short(80, m_post)]))

        goal_header = Row([_label("序号", 14, HEAD), _label("指标", 79, HEAD), _label("目标值", 50, HEAD)], splittable=False)
        goals: list[Row] = [goal_header]
        for i, goal in enumerate((g for g in specialty.goals if _s(g.name) or _s(g.target)), 1):
            goals.append(Row([_label(str(i), 14), _short(79, goal.name, min_h=9), _short(50, goal.target)]))
        if len(goals) == 1:
            goals.append(
                Row([Cell(14, min_h=12), Cell(79, [Para("（根据项目产出制定，应包括可量化、可监测的数据指标）", HINT)]), Cell(50)])
            )
            goals.append(Row([Cell(14, min_h=12), Cell(79), Cell(50)]))
        flow.table(
            [
                Segment(band=_band("项目组\n构成"), rows=team, repeat=[header]),
                Segment(band=_band("建设\n目标"), rows=goals, repeat=[goal_header]),
            ]
        )

        flow.space(4)
        _caption(flow, f"表3-{n}-2  {name} 专业（职业）建设内容与进度")
        segments: list[Segment] = []
        for title, scope, band, attr in CONTENT_BLOCKS:
            lead = Row(
                [
                    Cell(72, [Para(title, HEAD), Para(scope, HINT_C)], valign="M", label=True),
                    _label("建设期第一年\n验收要点", 46.5, HEAD),
                    _label("建设期第二年\n验收要点", 46.5, HEAD),
                ],
                splittable=False,
            )
            items: list[ContentItem] = [
                c for c in getattr(specialty, attr) if _s(c.item) or _s(c.year1_acceptance) or _s(c.year2_acceptance)
            ]
            rows: list[Row] = []
            for i, item in enumerate(items, 1):
                rows.append(
                    Row(
                        [
                            _text(46, f"{i}. {_s(item.item)}", min_h=12),
                            _text(46.5, item.year1_acceptance),
                            _text(46.5, item.year2_acceptance),
                        ]
                    )
                )
            if not rows:
                rows = [Row([Cell(46, [Para(f"{i}.", BODY)], min_h=12), Cell(46.5), Cell(46.5)]) for i in range(1, 5)]
            segments.append(Segment(band=Cell(26, [Para(band, LABEL)], valign="M", label=True), rows=rows, lead=[lead]))
        flow.table(segments, keep=60)


# -- 四、主要保障措施 ------------------------------------------------------------------------------


def _part_four(flow: Flow, doc: Annex1Document) -> None:
    t4 = doc.form.table_4
    flow.space(4)
    _section(flow, "四、主要保障措施")
    _caption(flow, "表4 保障机制")
    flow.table(
        [
            _long_text_segment(
                "管理\n机构", t4.management_organization, "（管理机构的总体架构、基本职责、人员组成、责任分工以及考核奖惩措施等）"
            ),
            _long_text_segment("保障\n机制", t4.safeguard_mechanisms, "（包括项目建设的培训机制、管理机制等）"),
            _long_text_segment("经费\n保障", t4.funding, "（包括补助经费的使用与管理，学校、行业、企业和其他方面的经费筹措措施）"),
        ]
    )


# -- 五、审核结果 ----------------------------------------------------------------------------------


def _part_five(flow: Flow, doc: Annex1Document) -> None:
    t5 = doc.table5
    _section(flow, "五、审核结果")
    _caption(flow, "表5  申报单位、专家审核意见和行政部门审核结果")
    blank_date = "年\u3000\u3000月\u3000\u3000日\u3000"

    def signed(opinion: str, signer: Sequence[str], when: str, blank_h: float) -> Cell:
        paras = [Para(opinion, BODY)] if opinion else [Para("\n\n\n", BODY)]
        paras.append(Para("\n", BODY))
        paras.extend(Para(s, RIGHT_BODY) for s in signer)
        paras.append(Para(when or blank_date, RIGHT_BODY))
        return Cell(135, paras, min_h=0 if opinion else blank_h)

    applicant = signed(_s(t5.applicant_opinion) if t5 else "", ["（签字盖章）\u3000\u3000\u3000"], "", 34)
    panel = _s(t5.panel_opinion) if t5 else ""
    admin = _s(t5.admin_opinion) if t5 else ""
    header = Row(
        [
            _label("姓\u3000名", 22, HEAD),
            _label("单位及职务/职称", 55, HEAD),
            _label("手\u3000机", 29, HEAD),
            _label("签\u3000名", 29, HEAD),
        ],
        splittable=False,
    )
    experts: list[Row] = [
        Row([Cell(135, [Para("说明：1.专家人数不得少于3人；2.专家人数应为单数。", BODY)], label=True)], splittable=False),
        header,
    ]
    listed = [e for e in (t5.experts if t5 else []) if _s(e.name) or _s(e.organization_and_title) or _s(e.mobile)]
    for e in listed:
        experts.append(Row([_label(_s(e.name), 22), _short(55, e.organization_and_title, min_h=11), _label(_s(e.mobile), 29), Cell(29)]))
    for _ in range(max(0, 5 - len(listed)) if not listed else 0):
        experts.append(Row([Cell(22, min_h=10), Cell(55), Cell(29), Cell(29)]))

    flow.table(
        [
            Segment(rows=[Row([_label("申报单位意见", 30), applicant], splittable=False)]),
            Segment(rows=[Row([_label("专家评审意见", 30), Cell(135, [Para(panel, BODY)] if panel else [], min_h=30 if panel else 50)])]),
            Segment(band=_band("专\n家\n信\n息", 30), rows=experts, repeat=[header]),
            Segment(
                rows=[
                    Row(
                        [
                            _label("行政部门\n审核意见", 30),
                            signed(admin, [ISSUER, "（签字盖章）\u3000\u3000\u3000"], _date(t5.decided_on if t5 else None), 44),
                        ]
                    )
                ]
            ),
        ]
    )
    flow.space(3)
    flow.paragraph("请附：1．申请项目建设单位办学许可证、营业执照、设备清单、师资清单等；", NOTE)
    flow.paragraph("2．申请项目建设单位项目实施管理、经费管理、安全管理等制度。", NOTE, indent=3 * 10.5 * MM_PER_PT)


# -- 附：申报条件情况 ------------------------------------------------------------------------------


def _partners_table(flow: Flow, title: str, partners: Iterable[Partner]) -> None:
    header = Row(
        [_label("序号", 12, HEAD), _label("单位名称", 62, HEAD), _label("统一社会信用代码", 42, HEAD), _label("合作内容", 49, HEAD)],
        splittable=False,
    )
    rows = [header]
    listed = [p for p in partners if _s(p.name) or _s(p.credit_code) or _s(p.note)]
    for i, p in enumerate(listed, 1):
        rows.append(Row([_label(str(i), 12), _short(60, p.name, min_h=9), _short(48, p.credit_code), _short(45, p.note)]))
    if not listed:
        rows.append(Row([Cell(12, min_h=10), Cell(60, [Para("（未填写）", HINT)]), Cell(48), Cell(45)]))
    _subheading(flow, f"{title}（{len(listed)}家）")
    flow.table([Segment(rows=rows, repeat=[header])])


def _subheading(flow: Flow, text: str) -> None:
    flow.ensure(28)
    flow.space(3)
    flow.paragraph(text, Style("heading", 11, leading=1.6))
    flow.space(1)


def _figure(flow: Flow, label: str, value: str) -> None:
    flow.table([Segment(rows=[Row([_label(label, 110, LABEL_LEFT), _short(55, value, min_h=10)], splittable=False)])])


def _appendix(flow: Flow, doc: Annex1Document) -> None:
    el: Eligibility = doc.form.eligibility
    decl = doc.form.declarations
    base_type = _s(doc.base_type)
    known = base_type in BASE_TYPES
    flow.paragraph("附：申报条件情况", SECTION)
    flow.paragraph("（根据申报信息生成，供审核参考）", Style("body", 9.5, color=(90, 90, 90)))
    flow.space(2)
    _figure(flow, "申报基地类型", BASE_TYPES.get(base_type, base_type))

    _subheading(flow, "（一）共同条件承诺")
    rows = [
        Row([_label(_box(value), 12), Cell(153, [Para(_desc(type(decl), key), BODY)], valign="M", min_h=9)], splittable=False)
        for key, value in (
            ("no_penalty_3y", decl.no_penalty_3y),
            ("premises_meet_standards", decl.premises_meet_standards),
            ("management_rules_in_force", decl.management_rules_in_force),
        )
    ]
    flow.table([Segment(rows=rows)])

    n = 2
    numerals = "一二三四五六七八九十"
    if base_type == "skills_upgrading" or not known:
        _subheading(flow, f"（{numerals[n - 1]}）{BASE_TYPES['skills_upgrading']}条件")
        n += 1
        volume = f"{el.training_volume} 人次" if el.training_volume is not None else ""
        _figure(flow, _desc(Eligibility, "training_volume"), volume)
        _partners_table(flow, _desc(Eligibility, "cooperating_enterprises"), el.cooperating_enterprises)
    if base_type == "industry_chain" or not known:
        _subheading(flow, f"（{numerals[n - 1]}）{BASE_TYPES['industry_chain']}条件")
        n += 1
        posts = f"{el.posts_offered} 个" if el.posts_offered is not None else ""
        _figure(flow, _desc(Eligibility, "posts_offered"), posts)
        _partners_table(flow, _desc(Eligibility, "ecosystem_enterprises"), el.ecosystem_enterprises)
        _partners_table(flow, _desc(Eligibility, "partner_institutions"), el.partner_institutions)
    if base_type == "competition" or not known:
        _subheading(flow, f"（{numerals[n - 1]}）{BASE_TYPES['competition']}条件")
        n += 1
        header = Row([_label("序号", 12, HEAD), _label("姓名", 40, HEAD), _label("职责/职务", 113, HEAD)], splittable=False)
        team = [header]
        members = [m for m in el.support_team if _s(m.name) or _s(m.role)]
        for i, m in enumerate(members, 1):
            team.append(Row([_label(str(i), 12), _short(40, m.name, min_h=9), _short(113, m.role)]))
        if not members:
            team.append(Row([Cell(12, min_h=10), Cell(40, [Para("（未填写）", HINT)]), Cell(113)]))
        _subheading(flow, f"{_desc(Eligibility, 'support_team')}（{len(members)}人）")
        flow.table([Segment(rows=team, repeat=[header])])

        _subheading(flow, _desc(Eligibility, "past_competitions"))
        header = Row(
            [
                _label("序号", 10, HEAD),
                _label("赛事名称", 63, HEAD),
                _label("级别", 17, HEAD),
                _label("年份", 17, HEAD),
                _label("参赛人数", 20, HEAD),
                _label("承担角色", 38, HEAD),
            ],
            splittable=False,
        )
        comps = [header]
        listed = [c for c in el.past_competitions if _s(c.name) or c.year or c.contestants is not None]
        for i, c in enumerate(listed, 1):
            comps.append(
                Row(
                    [
                        _label(str(i), 10),
                        _short(63, c.name, min_h=9),
                        _label(COMPETITION_LEVELS.get(c.level or "", ""), 17),
                        _label(_s(c.year), 17),
                        _label(_s(c.contestants), 20),
                        _short(38, c.role),
                    ]
                )
            )
        if not listed:
            comps.append(Row([Cell(10, min_h=10), Cell(63, [Para("（未填写）", HINT)]), Cell(17), Cell(17), Cell(20), Cell(38)]))
        flow.table([Segment(rows=comps, repeat=[header])])
        flow.space(4)
        flow.table(
            [
                Segment(
                    band=_band("应急\n处理", 22),
                    rows=[Row([_text(1, el.emergency_capability, hint="（突发事件应急处理能力）", blank_h=24)])],
                ),
                Segment(
                    band=_band("后勤\n保障", 22),
                    rows=[Row([_text(1, el.logistics_support, hint="（后勤服务保障与生活场所）", blank_h=24)])],
                ),
                Segment(
                    band=_band("选拔\n方案", 22),
                    rows=[Row([_text(1, el.staged_selection_plan, hint="（集训选手阶段性选拔方案，公开公平公正）", blank_h=24)])],
                ),
            ]
        )
