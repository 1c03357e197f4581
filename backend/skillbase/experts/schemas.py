from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

from skillbase.core.passwords import NewPassword
from skillbase.organizations.rules import check_credit_code

MOBILE = r"^1[3-9]\d{9}$"
Input = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _clean_credit_code(v: str | None) -> str | None:
    """Blank means none; otherwise a valid 统一社会信用代码 (GB 32100 check character)."""
    if v is None or not v.strip():
        return None
    checked = check_credit_code(v)
    if not checked.valid:
        raise ValueError(checked.error)
    return checked.normalized


EMPLOYER_ID = "工作单位为平台注册单位时，关联该单位（回避审查按单位比对）"
EMPLOYER_CODE = "工作单位统一社会信用代码（回避审查按代码比对）"


def _clean_specialties(v: list[str] | None) -> list[str] | None:
    if v is None:
        return None
    cleaned = [s.strip() for s in v if s and s.strip()]
    if not cleaned:
        raise ValueError("至少填写一个专业（职业/工种）")
    if any(len(s) > 100 for s in cleaned):
        raise ValueError("每个专业名称不超过 100 字")
    return list(dict.fromkeys(cleaned))


class ExpertCreate(BaseModel):
    model_config = Input

    name: str = Field(min_length=1, max_length=100, description="姓名")
    email: EmailStr
    password: NewPassword = Field(description="初始密码")
    organization_name: str = Field(min_length=1, max_length=200, description="工作单位")
    organization_id: uuid.UUID | None = Field(default=None, description=EMPLOYER_ID)
    organization_credit_code: str | None = Field(default=None, max_length=30, description=EMPLOYER_CODE)
    title: str = Field(min_length=1, max_length=100, description="职务/职称")
    specialties: list[str] = Field(min_length=1, max_length=30, description="专业（职业/工种）")
    mobile: str = Field(pattern=MOBILE)

    _specialties = field_validator("specialties")(classmethod(lambda cls, v: _clean_specialties(v)))
    _credit_code = field_validator("organization_credit_code")(classmethod(lambda cls, v: _clean_credit_code(v)))

    @field_validator("email")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.lower()


class ExpertUpdate(BaseModel):
    model_config = Input

    name: str | None = Field(default=None, min_length=1, max_length=100)
    email: EmailStr | None = None
    organization_name: str | None = Field(default=None, min_length=1, max_length=200)
    organization_id: uuid.UUID | None = Field(default=None, description=EMPLOYER_ID + "；传 null 取消关联")
    organization_credit_code: str | None = Field(default=None, max_length=30, description=EMPLOYER_CODE + "；传 null 或空串清除")
    title: str | None = Field(default=None, min_length=1, max_length=100)
    specialties: list[str] | None = Field(default=None, min_length=1, max_length=30)
    mobile: str | None = Field(default=None, pattern=MOBILE)
    is_active: bool | None = None

    _specialties = field_validator("specialties")(classmethod(lambda cls, v: _clean_specialties(v)))
    _credit_code = field_validator("organization_credit_code")(classmethod(lambda cls, v: _clean_credit_code(v)))

    @field_validator("email")
    @classmethod
    def _lower(cls, v: str | None) -> str | None:
        return v.lower() if v else v


class ExpertRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    user_id: uuid.UUID
    name: str
    email: str
    organization_name: str
    organization_id: uuid.UUID | None
    organization_credit_code: str | None
    title: str
    specialties: list[str]
    mobile: str
    is_active: bool
    version: int
    created_at: datetime
    updated_at: datetime
