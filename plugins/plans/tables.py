"""Plans, and the live responses made of them: tasks with owners and deadlines, a timeline."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from citybrain.core.api import Base, UTCDateTime
from citybrain.core.times import utc_iso as iso


class Plan(Base):
    __tablename__ = "plans_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(16), default="")
    document: Mapped[str] = mapped_column(Text)  # JSON: the checked plan (roles, levels with actions and resources)
    version: Mapped[int] = mapped_column(Integer, default=1)  # an import of the same code makes the next version
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def plan(self) -> dict:
        return json.loads(self.document)

    def record(self) -> dict:
        plan = self.plan()
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "type": self.type,
            "category": self.category,
            "version": self.version,
            "event_types": plan["event_types"],
            "roles": plan["roles"],
            "levels": plan["levels"],
            "imported_at": iso(self.imported_at),
        }


class Response(Base):
    """A plan activated at a level: live until stood down.  A drill is marked as one everywhere it appears."""

    __tablename__ = "plans_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans_plans.id"), index=True)
    level: Mapped[str] = mapped_column(String(4))
    drill: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(12), default="active")  # active, closed
    source_ref: Mapped[str] = mapped_column(String(120), default="")  # duty.incidents/3, cap/…
    roles: Mapped[str] = mapped_column(Text, default="[]")  # JSON: role, unit, position, people (from the roster)
    resources: Mapped[str] = mapped_column(Text, default="[]")  # JSON: item, quantity, level, request id or why not
    timeline: Mapped[str] = mapped_column(Text, default="[]")  # JSON: at, what, by
    activated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    activated_by: Mapped[str] = mapped_column(String(64), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    summary: Mapped[str] = mapped_column(Text, default="")  # JSON: the after-action summary, once stood down


class ResponseTask(Base):
    __tablename__ = "plans_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("plans_responses.id"), index=True)
    level: Mapped[str] = mapped_column(String(4))
    action: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(100), default="")  # who owns it
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(12), default="open")  # open, overdue, done
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_by: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    drill: Mapped[bool] = mapped_column(Boolean, default=False)

    def record(self) -> dict:
        return {
            "id": self.id,
            "response": self.response_id,
            "level": self.level,
            "action": self.action,
            "unit": self.unit,
            "due_at": iso(self.due_at),
            "state": self.state,
            "done_at": iso(self.done_at),
            "done_by": self.done_by,
            "note": self.note,
            "drill": self.drill,
        }
