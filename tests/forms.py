"""Complete Annex 1 forms for tests (valid for each base type) and small files of each allowed kind."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

from skillbase.models.enums import BaseType


def partners(n: int, prefix: str = "合作企业") -> list[dict[str, Any]]:
    return [{"name": f"{prefix}{i + 1}", "note": "订单式培训"} for i in range(n)]


def items(label: str) -> list[dict[str, Any]]:
    return [
        {"item": f"{label}条目{i}", "year1_acceptance": f"{label}第一年验收要点{i}", "year2_acceptance": f"{label}第二年验收要点{i}"}
        for i in (1, 2)
    ]


def specialty(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "leader": {"name": "赵师傅", "post": "培训部 部长/高级技师"},
        "members": [{"name": "钱老师", "post": "讲师"}, {"name": "孙老师", "post": "技师"}],
        "goals": [{"name": "年取证人数", "target": "300人次"}, {"name": "取证率", "target": "90%"}],
        "system_items": items("培训体系"),
        "capacity_items": items("培训能力"),
        "results_items": items("经验成果"),
    }


def complete_form(base_type: BaseType | str = BaseType.skills_upgrading, specialties: tuple[str, ...] = ("数控车工",)) -> dict[str, Any]:
    base_type = BaseType(base_type)
    eligibility: dict[str, Any] = {}
    if base_type is BaseType.skills_upgrading:
        eligibility = {"training_volume": 500, "cooperating_enterprises": partners(5)}
    elif base_type is BaseType.industry_chain:
        eligibility = {
            "posts_offered": 300,
            "ecosystem_enterprises": partners(3, "生态链企业"),
            "partner_institutions": partners(1, "合作院校"),
        }
    else:
        eligibility = {
            "support_team": [{"name": "周教练", "role": "技术指导"}],
            "emergency_capability": "建立突发事件应急预案并定期演练",
            "logistics_support": "配备食堂、宿舍与医务室",
            "past_competitions": [{"name": "顺义区职业技能竞赛", "level": "district", "year": 2023, "contestants": 320, "role": "承办"}],
            "staged_selection_plan": "分三阶段公开选拔，结果公示",
        }
    return {
        "cover": {"form_filler": "李填报", "fill_date": str(date(2026, 11, 1))},
        "table_1_1": {"feature_overview": "规范管理、培训能力突出，师资队伍雄厚"},
        "table_1_2": {"project_background": "顺义区产业升级对技能人才需求旺盛", "work_foundation": "已开展多年职业技能培训"},
        "table_2_1": {"guiding_ideology": "贯彻落实十四五职业技能培训规划", "basic_approach": "校企合作、产训结合"},
        "table_2_2": {
            "overall_goal": "建成高水平培训基地",
            "staged_goals": [
                {"period": "建设期第一年", "goal": "取证600人次", "indicators": [{"name": "取证人数", "target": "600人次"}]},
                {"period": "建设期第二年", "goal": "累计取证1800人次", "indicators": [{"name": "累计取证", "target": "1800人次"}]},
            ],
        },
        "specialties": [specialty(s) for s in specialties],
        "table_4": {
            "management_organization": "成立基地建设领导小组",
            "safeguard_mechanisms": "建立培训与管理机制",
            "funding": "专账管理，自筹配套",
        },
        "eligibility": eligibility,
        "declarations": {"no_penalty_3y": True, "premises_meet_standards": True, "management_rules_in_force": True},
    }


def pdf(*, catalog: str = "", page: str = "", extra: tuple[str, ...] = (), head: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") -> bytes:
    """A well-formed one-page PDF with a real cross-reference table; `catalog`/`page` add entries to those
    dictionaries and `extra` adds objects numbered from 4 (to craft active content in tests)."""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog}>>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {page}>>",
        *extra,
    ]
    out = bytearray(head)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def image(fmt: str, size: tuple[int, int] = (8, 6)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buf, format=fmt)
    return buf.getvalue()


PDF_BYTES = pdf()
PNG_BYTES = image("PNG")
JPEG_BYTES = image("JPEG")

_MAIN = {
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
}


def ooxml(kind: str, *, parts: dict[str, bytes | str] | None = None, overrides: dict[str, str] | None = None) -> bytes:
    """A minimal well-formed XLSX or DOCX; `parts` adds (or replaces) members, `overrides` declares content types."""
    main, main_type = _MAIN[kind]
    declared = {f"/{main}": main_type, **(overrides or {})}
    types = "".join(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in declared.items())
    members: dict[str, bytes | str] = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{types}</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
        f' Target="{main}"/></Relationships>',
        main: '<?xml version="1.0" encoding="UTF-8"?><x/>',
        **(parts or {}),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()
