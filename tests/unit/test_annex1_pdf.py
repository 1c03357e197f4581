"""The Annex 1 PDF (附件1 申报表): structure, text, page size, embedded fonts, blank forms."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from skillbase.applications.form import (
    ApplicationForm,
    ContentItem,
    Cover,
    Declarations,
    Eligibility,
    Indicator,
    Partner,
    Specialty,
    StagedGoal,
    Table4,
    Table11,
    Table12,
    Table21,
    Table22,
    TeamMember,
)
from skillbase.documents.annex1 import Annex1Document, Table5, Table5Expert, render_annex1_pdf

ORGANIZATION: dict[str, Any] = {
    "name": "北京顺义技师学院",
    "credit_code": "12110113MB1234567X",
    "category": "technical_school",
    "attribute": "government",
    "qualifications": [],
    "address": "北京市顺义区仁和镇顺康路12号",
    "website": "https://www.syjsxy.example.cn",
    "legal_representative": {"name": "王建国", "dept_post": "院长办公室 院长", "office_phone": "010-69440000", "mobile": "13901010001"},
    "contact_person": {"name": "李晓梅", "dept_post": "培训处 处长", "office_phone": "010-69440123", "mobile": "13901010002"},
    "bank_name": "中国工商银行北京顺义支行",
    "bank_account": "0200 0045 0902 1234 567",
}

LONG = (
    "顺义区是首都重点发展的新城之一，临空经济、智能制造、新能源汽车等产业集聚发展，"
    "对高技能人才的需求持续增长。近三年，区内规模以上工业企业技能岗位缺口年均超过3000人，"
    "其中数控加工、工业机器人运维等岗位尤为紧缺。"
)


def _items(prefix: str, n: int) -> list[ContentItem]:
    return [
        ContentItem(
            item=f"{prefix}第{i}项：完善课程体系，开发模块化教学单元与配套工作页",
            year1_acceptance=f"{prefix}完成课程标准{i}套，开发校本教材{i}本，培训{100 * i}人次",
            year2_acceptance=f"{prefix}第二年验收：形成可推广的培训包{i}个，取证率不低于90%",
        )
        for i in range(1, n + 1)
    ]


def _specialty(name: str, leader: str) -> Specialty:
    return Specialty(
        name=name,
        leader=TeamMember(name=leader, post="北京顺义技师学院 高级技师/一级实习指导教师"),
        members=[
            TeamMember(name="赵磊", post="机电系 主任 副教授"),
            TeamMember(name="孙婷", post="培训处 科员 讲师"),
            TeamMember(name="周强", post="北京某精密制造有限公司 技术总监"),
        ],
        goals=[
            Indicator(name="年培训高技能人才", target="300人次"),
            Indicator(name="职业技能等级认定通过率", target="不低于85%"),
            Indicator(name="开发培训课程", target="6门"),
        ],
        system_items=_items(f"{name}体系", 4),
        capacity_items=_items(f"{name}能力", 3),
        results_items=_items(f"{name}成果", 2),
    )


def build_document(*, with_table5: bool = True) -> Annex1Document:
    form = ApplicationForm(
        cover=Cover(form_filler="李晓梅", fill_date=date(2024, 8, 20)),
        table_1_1=Table11(feature_overview="学院管理规范，拥有国家级高技能人才培训基地和技能大师工作室。" + LONG * 2),
        table_1_2=Table12(project_background=LONG * 6, work_foundation="学院现有数控实训工位120个、工业机器人工作站24套。" + LONG),
        table_2_1=Table21(
            guiding_ideology="贯彻落实“十四五”职业技能培训规划，" + LONG, basic_approach="坚持需求导向、校企协同、分步实施。"
        ),
        table_2_2=Table22(
            overall_goal="建成服务顺义区智能制造产业的高技能人才培训基地。",
            staged_goals=[
                StagedGoal(
                    period="建设期第一年",
                    goal="完成实训条件升级和课程体系建设",
                    indicators=[Indicator(name="培训人次", target="500人次"), Indicator(name="新建课程", target="4门")],
                ),
                StagedGoal(
                    period="建设期第二年",
                    goal="形成培训品牌，辐射区内重点企业",
                    indicators=[Indicator(name="培训人次", target="800人次"), Indicator(name="合作企业", target="15家")],
                ),
            ],
        ),
        specialties=[_specialty("数控车工", "陈志远"), _specialty("工业机器人系统运维员", "刘海峰")],
        table_4=Table4(
            management_organization="成立由院长任组长的项目领导小组，下设项目办公室。",
            safeguard_mechanisms="建立项目例会、月报和考核制度。",
            funding="补助经费专款专用，学院按1:1配套资金。",
        ),
        eligibility=Eligibility(
            training_volume=2860,
            cooperating_enterprises=[
                Partner(name="北京汽车股份有限公司", credit_code="91110000MA0000000A", note="共建实训基地"),
                Partner(name="北京某精密制造有限公司", note="企业新型学徒制"),
            ],
        ),
        declarations=Declarations(no_penalty_3y=True, premises_meet_standards=True, management_rules_in_force=False),
    )
    table5 = Table5(
        panel_opinion="专家组认为该项目目标明确、基础扎实，同意推荐。",
        experts=[
            Table5Expert(name="张明华", organization_and_title="北京市职业技能鉴定中心 正高级工程师", mobile="13800000001"),
            Table5Expert(name="吴秀兰", organization_and_title="北京工业技师学院 教授", mobile="13800000002"),
            Table5Expert(name="郑国栋", organization_and_title="北京某汽车集团 高级技师", mobile="13800000003"),
        ],
        admin_opinion="同意立项。",
        decided_on=date(2024, 9, 30),
    )
    return Annex1Document(
        call_name="2024年度顺义区技能人才培训基地申报",
        base_type="skills_upgrading",
        organization=ORGANIZATION,
        form=form,
        version_no=2,
        submitted_at=datetime(2024, 8, 21, 2, 30, tzinfo=UTC),
        table5=table5 if with_table5 else None,
    )


@cache
def _full_pdf() -> bytes:
    return render_annex1_pdf(build_document())


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_full_document_has_the_form_headings_and_data() -> None:
    pdf = _full_pdf()
    assert pdf.startswith(b"%PDF-")
    text = _flat(_text(pdf))
    for heading in [
        "顺义区技能人才培训基地",
        "建设项目申报表",
        "填写要求",
        "表1-1",
        "项目单位基本情况信息",
        "表1-2",
        "表2-1",
        "表2-2",
        "表3-1-1",
        "表3-1-2",
        "表3-2-1",
        "表3-2-2",
        "表4",
        "表5",
        "专家评审意见",
        "行政部门审核意见",
        "申报条件情况",
    ]:
        assert heading in text, heading
    for value in [
        "北京顺义技师学院",
        "12110113MB1234567X",
        "数控车工",
        "工业机器人系统运维员",
        "数控车工、工业机器人系统运维员",
        "数控车工体系第1项",
        "第二年验收",
        "张明华",
        "第2版",
        "提交于2024-08-2110:30",  # 02:30 UTC shown in Beijing time
        "☑职业技能提升培训基地",
        "☑政府办",
        "专家人数不得少于3人",
        "2860人次",
    ]:
        assert value in text, value
    assert "None" not in text


def test_pages_are_a4_and_numbered() -> None:
    reader = PdfReader(io.BytesIO(_full_pdf()))
    assert len(reader.pages) >= 10
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - 595.28) <= 1 and abs(float(box.height) - 841.89) <= 1
    total = len(reader.pages)
    assert _flat(f"第 2 页 共 {total} 页") in _flat(reader.pages[1].extract_text())


def _font_descriptors(reader: PdfReader) -> list[tuple[str, DictionaryObject]]:
    found: list[tuple[str, DictionaryObject]] = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font_ref in fonts.get_object().values():
            font = font_ref.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for d in descendants:
                found.append((str(d.get("/BaseFont")), d.get("/FontDescriptor").get_object()))
    return found


def test_every_font_is_embedded() -> None:
    reader = PdfReader(io.BytesIO(_full_pdf()))
    descriptors = _font_descriptors(reader)
    assert descriptors
    for name, descriptor in descriptors:
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name


def test_empty_form_renders_blank_without_none() -> None:
    doc = Annex1Document(call_name="", base_type="competition", organization={}, form=ApplicationForm())
    pdf = render_annex1_pdf(doc)
    text = _flat(_text(pdf))
    assert "None" not in text
    for heading in ["建设项目申报表", "表1-1", "表3-1-1", "表3-1-2", "表4", "表5", "集训技术支持工作团队"]:
        assert heading in text, heading
    assert "第2版" not in text


def test_without_table5_the_review_table_is_blank_with_expert_rows() -> None:
    pdf = render_annex1_pdf(build_document(with_table5=False))
    reader = PdfReader(io.BytesIO(pdf))
    review = next(p for p in reader.pages if "表5" in p.extract_text())
    text = _flat(review.extract_text())
    for label in ["申报单位意见", "专家评审意见", "专家人数应为单数", "姓名", "单位及职务/职称", "签名", "行政部门审核意见"]:
        assert label in text, label
    assert "张明华" not in text
    # five blank expert rows under the header: count the drawn cell rectangles of the signature column
    content = review.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    assert content.count(" re") >= 30


def test_only_the_conditions_of_the_base_type_are_listed() -> None:
    text = _flat(_text(_full_pdf()))
    assert "稳定合作的企业、行业组织" in text
    assert "北京汽车股份有限公司" in text
    assert "集训技术支持工作团队" not in text
    assert "可提供的培训就业岗位数" not in text


def test_characters_outside_the_subset_do_not_break_rendering(monkeypatch: Any) -> None:
    from skillbase.documents import annex1

    monkeypatch.setattr(annex1, "SYSTEM_FALLBACK_FONTS", ())
    doc = build_document()
    form = doc.form.model_copy(update={"cover": Cover(form_filler="𠮷田 䶮", fill_date=None)})
    pdf = render_annex1_pdf(Annex1Document(call_name="x", base_type="industry_chain", organization={}, form=form))
    assert pdf.startswith(b"%PDF-")
