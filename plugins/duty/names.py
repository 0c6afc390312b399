"""What the duty views call the duty units, posts and shifts: names, never codes (``ZZB``, ``leader``, ``24h``).

Units are named as the daemon's configuration names them (data, in Chinese, on the on-duty board); the
positions and shifts the shipped configuration uses are UI words, translated; others keep their configured
names."""

from __future__ import annotations

from citybrain.shell.api import CodeNames, DeskContext
from citybrain.shell.names import unit_name as org_unit_name

NOW = "duty.now"


def unit_name(ctx: DeskContext, code: str | None) -> str:
    """A duty unit (``ZZB`` → 总值班室) from the on-duty board, else an org unit from the org tree."""
    if not code:
        return ""
    return next((r["unit_name"] for r in ctx.records(NOW) if r["unit"] == code), None) or org_unit_name(ctx, code)


position_name = CodeNames("Duty", {"leader": "Duty leader", "officer": "Duty officer"})
"""``position_name(code, configured)``: a post's position; one the shipped configuration lacks by its configured
name."""
shift_name = CodeNames("Duty", {"day": "Day shift", "night": "Night shift", "24h": "24 hours"})


def post_title(post: dict) -> str:
    """A post of the board, ``区城运中心 · 带班领导 · 24小时`` (in English: ``区城运中心 · Duty leader · 24 hours``)."""
    shift = post["post"].rsplit("/", 1)[-1]
    return (
        f"{post['unit_name']} · {position_name(post['position'], post['position_name'])} · "
        f"{shift_name(shift, post['shift_name'])}"
    )


def assignment_name(ctx: DeskContext, assignment: str) -> str:
    """A shift on the roster by its id ``date/unit/position/shift/person``: ``2026-12-04 总值班室 · 值班员 · 白班``."""
    parts = assignment.split("/")
    if len(parts) < 4:
        return assignment
    date, unit, position, shift = parts[:4]
    return f"{date} {unit_name(ctx, unit)} · {position_name(position, position)} · {shift_name(shift, shift)}"
