"""The ticket catalogue: the shipped two levels (configs/metrics/catalogue.toml) and whatever Open311 services lists
added to the database.  Tickets carry a level-2 code; KPIs break down by either level."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from citybrain.core.api import bundled
from citybrain.plugins.metrics.tables import Category

DEFAULT_CONTACT_HOURS = 24.0


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    parent: str | None
    contact_hours: float


def shipped() -> dict[str, Entry]:
    """The catalogue as configured: level-1 entries and their children (which inherit the contact limit)."""
    data = tomllib.loads(bundled("citybrain.configs", "metrics", "catalogue.toml").read_text(encoding="utf-8"))
    entries: dict[str, Entry] = {}
    for top in data.get("categories", []):
        hours = float(top.get("contact_hours", DEFAULT_CONTACT_HOURS))
        entries[top["code"]] = Entry(top["code"], top["name"], None, hours)
        for child in top.get("children", []):
            code, name, *own = child
            entries[code] = Entry(code, name, top["code"], float(own[0]) if own else hours)
    return entries


def load(session: Session) -> dict[str, Entry]:
    """The shipped catalogue with the database's entries (imported services) added; shipped codes win."""
    entries = {c.code: Entry(c.code, c.name, c.parent, c.contact_hours) for c in session.scalars(select(Category))}
    return entries | shipped()


def records(session: Session) -> list[dict]:
    """The catalogue as the ``metrics.categories`` collection holds it."""
    return [
        {"code": e.code, "name": e.name, "parent": e.parent, "contact_hours": e.contact_hours}
        for e in load(session).values()
    ]
