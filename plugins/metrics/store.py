"""Writing tickets and categories: an upsert by id (a ticket imported again is updated, not doubled) and the
Open311 services' categories under a level-1 entry of their group."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from citybrain.plugins.metrics.tables import Category, Ticket

OPEN311 = "OPEN311"


def upsert_ticket(session: Session, values: dict) -> Ticket:
    ticket = session.get(Ticket, values["id"]) or Ticket(id=values["id"])
    for field, value in values.items():
        setattr(ticket, field, value)
    ticket.updated_at = datetime.now(UTC)
    session.add(ticket)
    return ticket


def ensure_category(session: Session, code: str, name: str, group: str = "") -> list[Category]:
    """``code`` as a level-2 category under its Open311 group (created when missing); returns what was written."""
    parent_code = f"{OPEN311}:{group}" if group else OPEN311
    written = []
    parent = session.get(Category, parent_code)
    if parent is None:
        parent = Category(code=parent_code, name=group or "Open311", parent=None, contact_hours=24.0)
        session.add(parent)
        written.append(parent)
    category = session.get(Category, code) or Category(code=code, parent=parent_code, contact_hours=24.0)
    category.name = name or category.name or code  # a request without service_name keeps the service's name
    session.add(category)
    written.append(category)
    return written


def category_record(category: Category) -> dict:
    return {
        "code": category.code,
        "name": category.name,
        "parent": category.parent,
        "contact_hours": category.contact_hours,
    }
