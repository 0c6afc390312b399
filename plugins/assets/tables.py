"""The resource registry's tables: warehouses and their stock, teams and forces, shelters, and the requests that
reserve stock.  Stock can never go negative, nor be promised twice: ``reserved`` never exceeds ``quantity``, and
the database checks it too."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, UTCDateTime
from citybrain.core.times import utc_iso as iso


class Warehouse(Base):
    __tablename__ = "assets_warehouses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    manager: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(100), default="")
    hours: Mapped[str] = mapped_column(String(100), default="")  # opening hours, as written
    lat: Mapped[float | None] = mapped_column(Float)  # WGS84
    lon: Mapped[float | None] = mapped_column(Float)

    def record(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "address": self.address,
            "manager": self.manager,
            "contact": self.contact,
            "hours": self.hours,
            "lat": self.lat,
            "lon": self.lon,
        }


class Supply(Base):
    """One stock line: an item in a warehouse."""

    __tablename__ = "assets_supplies"
    __table_args__ = (
        UniqueConstraint("warehouse_id", "item", "unit"),
        CheckConstraint("reserved >= 0 AND reserved <= quantity", name="assets_stock_never_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("assets_warehouses.id"), index=True)
    category: Mapped[str] = mapped_column(String(16))  # a code of configs/assets/taxonomy.toml
    item: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(32))
    quantity: Mapped[int] = mapped_column(Integer)  # on the shelf
    reserved: Mapped[int] = mapped_column(Integer, default=0)  # promised to requests, not yet dispatched
    minimum: Mapped[int] = mapped_column(Integer, default=0)
    expiry: Mapped[date | None] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200), default="")  # the department it belongs to


class Team(Base):
    """A team or force, on a T-card: available, assigned or out of service, since when."""

    __tablename__ = "assets_teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(100))
    headcount: Mapped[int] = mapped_column(Integer, default=0)
    leader: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(100), default="")
    base: Mapped[str] = mapped_column(String(300), default="")
    equipment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="available")
    status_since: Mapped[datetime] = mapped_column(UTCDateTime())
    assignment: Mapped[str] = mapped_column(String(200), default="")  # what it is assigned to, or why out of service

    def record(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "headcount": self.headcount,
            "leader": self.leader,
            "contact": self.contact,
            "base": self.base,
            "equipment": self.equipment,
            "status": self.status,
            "status_since": iso(self.status_since),
            "assignment": self.assignment,
        }


class Equipment(Base):
    """A vehicle or a piece of equipment, on a T-card like a team: available, assigned or out of service."""

    __tablename__ = "assets_equipment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(100))
    identifier: Mapped[str] = mapped_column(String(100), default="")  # plate or serial number
    base: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16), default="available")
    status_since: Mapped[datetime] = mapped_column(UTCDateTime())
    assignment: Mapped[str] = mapped_column(String(200), default="")

    def record(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "identifier": self.identifier,
            "base": self.base,
            "contact": self.contact,
            "status": self.status,
            "status_since": iso(self.status_since),
            "assignment": self.assignment,
        }


class Expert(Base):
    __tablename__ = "assets_experts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    field: Mapped[str] = mapped_column(String(200))  # what they advise on
    organisation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    def record(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "field": self.field,
            "organisation": self.organisation,
            "phone": self.phone,
            "note": self.note,
        }


class Shelter(Base):
    __tablename__ = "assets_shelters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int] = mapped_column(Integer)
    occupancy: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, closed
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)

    def record(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "address": self.address,
            "capacity": self.capacity,
            "occupancy": self.occupancy,
            "status": self.status,
            "lat": self.lat,
            "lon": self.lon,
            "full": self.occupancy >= self.capacity,
        }


class ResourceRequest(Base):
    """A request for a quantity of one stock line, in the spirit of EDXL-RM: requested → committed (in parts) →
    dispatched → returned or consumed.  Committing reserves; dispatching takes off the shelf."""

    __tablename__ = "assets_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    supply_id: Mapped[int] = mapped_column(ForeignKey("assets_supplies.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)  # asked for
    committed: Mapped[int] = mapped_column(Integer, default=0)  # reserved, not yet dispatched
    dispatched: Mapped[int] = mapped_column(Integer, default=0)  # out, not yet returned or consumed
    returned: Mapped[int] = mapped_column(Integer, default=0)
    consumed: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(16), default="requested")
    purpose: Mapped[str] = mapped_column(String(300), default="")  # what for: an incident, a response
    destination: Mapped[str] = mapped_column(String(300), default="")
    source_ref: Mapped[str] = mapped_column(String(120), default="")  # duty.incidents/3, plans.responses/2
    requested_by: Mapped[str] = mapped_column(String(64), default="")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    history: Mapped[str] = mapped_column(Text, default="[]")  # JSON: every step, who, when, how many
