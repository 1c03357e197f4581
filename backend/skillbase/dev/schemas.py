from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class ClockSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    offset_days: int = Field(ge=-3650, le=3650, description="how many days the application's clock runs ahead of the real time")


class ClockRead(BaseModel):
    now: datetime
    today: date = Field(description="today in Beijing, by the application's clock")
    offset_days: int
