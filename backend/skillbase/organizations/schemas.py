from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator

from skillbase.core.passwords import NewPassword
from skillbase.models.enums import EnterpriseQualification, OrganizationAttribute, OrganizationCategory, OrganizationStatus
from skillbase.organizations.rules import check_credit_code

MOBILE = r"^1[3-9]\d{9}$"
PHONE = r"^[0-9+\-() ]{5,30}$"

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Person(BaseModel):
    model_config = Input

    name: str = Field(min_length=1, max_length=50, description="姓名")
    dept_post: str = Field(default="", max_length=100, description="部门及职务")
    office_phone: str | None = Field(default=None, pattern=PHONE, description="办公电话")
    mobile: str = Field(pattern=MOBILE, description="手机")


class OrganizationProfile(BaseModel):
    model_config = Input

    name: str = Field(min_length=2, max_length=200, description="单位名称")
    credit_code: str = Field(min_length=18, max_length=20, description="统一社会信用代码")
    category: OrganizationCategory
    attribute: OrganizationAttribute
    qualifications: list[EnterpriseQualification] = Field(default_factory=list, max_length=7)
    address: str = Field(min_length=2, max_length=300)
    website: str | None = Field(default=None, max_length=300, pattern=r"^(https?://)?[\w.-]+\.[a-zA-Z]{2,}(/\S*)?$")
    legal_representative: Person
    contact_person: Person
    bank_name: str = Field(min_length=2, max_length=200)
    bank_account: str = Field(pattern=r"^[0-9 -]{6,40}$")

    @field_validator("credit_code")
    @classmethod
    def _checksum(cls, v: str) -> str:
        result = check_credit_code(v)
        if not result.valid:
            raise ValueError(result.error)
        return result.normalized

    @field_validator("qualifications")
    @classmethod
    def _unique(cls, v: list[EnterpriseQualification]) -> list[EnterpriseQualification]:
        return list(dict.fromkeys(v))


class NewUser(BaseModel):
    model_config = Input

    full_name: str = Field(min_length=1, max_length=100)
    email: EmailStr
    mobile: str | None = Field(default=None, pattern=MOBILE)
    password: NewPassword

    @field_validator("email")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.lower()


class OrganizationRegistration(BaseModel):
    model_config = Input

    organization: OrganizationProfile
    user: NewUser


class Warning(BaseModel):
    code: str
    message: str


class OrganizationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    credit_code: str
    category: OrganizationCategory
    attribute: OrganizationAttribute
    qualifications: list[EnterpriseQualification]
    address: str
    website: str | None
    legal_representative: Person
    contact_person: Person
    bank_name: str
    bank_account: str
    status: OrganizationStatus
    status_reason: str | None
    decided_at: datetime | None
    created_at: datetime
    updated_at: datetime


class RegistrationResult(BaseModel):
    """The answer to a registration: the same whether or not the e-mail already has an account."""

    message: str
    organization_name: str
    email: str
    warnings: list[Warning]


class VerificationDecision(BaseModel):
    model_config = Input

    decision: Literal["approve", "reject"]
    reason: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _reject_needs_reason(self) -> VerificationDecision:
        if self.decision == "reject" and not (self.reason and self.reason.strip()):
            raise ValueError("驳回时必须填写理由")
        return self
