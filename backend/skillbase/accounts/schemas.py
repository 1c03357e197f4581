from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from skillbase.core.passwords import GivenPassword, NewPassword
from skillbase.core.permissions import Permission
from skillbase.experts.schemas import ExpertRead
from skillbase.organizations.schemas import MOBILE, NewUser, OrganizationRead
from skillbase.users.schemas import UserRead as UserRead  # re-exported: the accounts endpoints answer with it

Input = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Me(BaseModel):
    user: UserRead
    organization: OrganizationRead | None
    expert: ExpertRead | None
    permissions: list[Permission]


class ProfileUpdate(BaseModel):
    model_config = Input

    full_name: str | None = Field(default=None, min_length=1, max_length=100)
    mobile: str | None = Field(default=None, pattern=MOBILE)


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: GivenPassword
    new_password: NewPassword

    @model_validator(mode="after")
    def _differs(self) -> PasswordChange:
        if self.current_password == self.new_password:
            raise ValueError("新密码不能与当前密码相同")
        return self


class AccountStatusChange(BaseModel):
    model_config = Input

    reason: str = Field(min_length=1, max_length=500)


AdminCreate = NewUser
