"""Device health, apart from events: what sends a device to the maintenance list (both halves use it)."""

from __future__ import annotations

LOW_BATTERY = 20  # percent


def needs_maintenance(device: dict) -> bool:
    """Offline, faulty or low on battery: a job for maintenance, not an alarm."""
    return device["status"] in ("offline", "fault") or (
        device["battery"] is not None and device["battery"] < LOW_BATTERY
    )
