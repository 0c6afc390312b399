"""The device registry: one row per device, where it is and how it was when last heard from."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, UTCDateTime
from citybrain.core.times import utc_iso

STATES = ("online", "offline", "alarm", "fault", "out_of_service")


class Device(Base):
    __tablename__ = "sensors_devices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    scenario: Mapped[str] = mapped_column(String(16), index=True)
    compound: Mapped[str] = mapped_column(String(32), index=True)  # the org unit code of the compound
    compound_name: Mapped[str] = mapped_column(String(100))
    building: Mapped[str] = mapped_column(String(16))
    floor: Mapped[str] = mapped_column(String(32))  # unit and floor, as written on the installation sheet
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    installed: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="online")
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime())
    battery: Mapped[int | None] = mapped_column(Integer)  # percent; None for mains-powered devices

    def record(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "scenario": self.scenario,
            "compound": self.compound,
            "compound_name": self.compound_name,
            "building": self.building,
            "floor": self.floor,
            "lat": self.lat,
            "lon": self.lon,
            "installed": self.installed.isoformat(),
            "status": self.status,
            "last_seen": utc_iso(self.last_seen),
            "battery": self.battery,
            "value": None,
            "event": None,
        }


class Reading(Base):
    """A device's readings, one a minute at most (the first of each minute is kept): a history, not a historian."""

    __tablename__ = "sensors_readings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    value: Mapped[float] = mapped_column(Float)

    __table_args__ = (Index("ix_sensors_readings_device_at", "device", "at"),)


class DeviceEvent(Base):
    """Every event a device sent (alarm codes, ``normal``, ``fault``), as it sent it."""

    __tablename__ = "sensors_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    code: Mapped[str] = mapped_column(String(32))

    __table_args__ = (Index("ix_sensors_events_device_at", "device", "at"),)
