"""The registry's tables: enterprises and their monthly indicators (a month with no figure has no row)."""

from __future__ import annotations

import json

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base
from citybrain.plugins.enterprise import config


class Enterprise(Base):
    __tablename__ = "enterprise_enterprises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)  # GB 32100-2015, check character verified
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str] = mapped_column(String(2), index=True)  # a GB/T 4754-2017 division
    subdistrict: Mapped[str] = mapped_column(String(32), index=True)  # an org unit of kind subdistrict
    address: Mapped[str] = mapped_column(String(300), default="")
    lat: Mapped[float | None] = mapped_column(Float)  # WGS84
    lon: Mapped[float | None] = mapped_column(Float)
    size: Mapped[str] = mapped_column(String(8))  # micro, small, medium, large
    key_enterprise: Mapped[bool] = mapped_column(Boolean, default=False)
    contacts: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{"name", "phone", "role"?}]
    officer: Mapped[str] = mapped_column(String(100), default="")  # the officer responsible for it

    def record(self) -> dict:
        return {
            "id": self.id,
            "credit_code": self.credit_code,
            "name": self.name,
            "industry": self.industry,
            "section": config.industries().section(self.industry),
            "industry_name": config.industries().label(self.industry),
            "subdistrict": self.subdistrict,
            "address": self.address,
            "lat": self.lat,
            "lon": self.lon,
            "size": self.size,
            "key_enterprise": self.key_enterprise,
            "contacts": json.loads(self.contacts),
            "officer": self.officer,
        }


class IndicatorValue(Base):
    """One enterprise's figure of one indicator for one month (``2026-10``)."""

    __tablename__ = "enterprise_indicators"
    __table_args__ = (UniqueConstraint("enterprise_id", "indicator", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise_enterprises.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(32))
    month: Mapped[str] = mapped_column(String(7), index=True)
    value: Mapped[float] = mapped_column(Float)
