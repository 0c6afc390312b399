"""The travel circle as both halves name and draw it: the map's and the wall's queries, and the circle's radius.
No database, no Qt (the desk imports it)."""

from __future__ import annotations

from citybrain.plugins.jobs import matching

CIRCLE = "jobs.circle"  # query: the points around one seeker or one vacancy, inside its circle or not (personal)
SUBDISTRICTS = "jobs.subdistricts"  # query: seekers, openings and seekers out of reach by subdistrict (no names)


def reach_km(minutes: float, transit: bool, settings: matching.Settings | None = None) -> float:
    """The circle's radius in straight-line kilometres: ``minutes`` at the walking (or transit) speed, over the
    detour factor: where :func:`matching.minutes` reaches the seeker's limit."""
    settings = settings or matching.shipped_settings()
    speed = settings.transit_kmh if transit else settings.walk_kmh
    return minutes / 60 * speed / settings.detour
