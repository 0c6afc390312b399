"""The control-room palette (ISA-101 style): grey when normal, colour only for the abnormal."""

from __future__ import annotations

from dataclasses import dataclass

BACKGROUND = "#1d2025"
PANEL = "#262a30"
PANEL_RAISED = "#2f343b"
GRID = "#3a4048"
TEXT = "#c9ced6"
TEXT_DIM = "#8a929c"
TEXT_BRIGHT = "#eef1f5"
ACCENT = "#7d8fa6"  # selection and focus: a muted steel blue, never an alarm colour

URGENT = "#e5484d"
HIGH = "#f0883e"
MEDIUM = "#e8c547"
LOW = "#5fb3d9"
STALE = "#9b7ed9"  # data that stopped updating: distinct from every alarm colour

SEVERITY = {"urgent": URGENT, "high": HIGH, "medium": MEDIUM, "low": LOW, "stale": STALE}
# Text drawn on a severity background stays readable.
SEVERITY_TEXT = {"urgent": TEXT_BRIGHT, "high": "#1d2025", "medium": "#1d2025", "low": "#1d2025", "stale": TEXT_BRIGHT}


LEVELS = ("urgent", "high", "medium", "low")  # how soon an abnormal thing needs an operator: the only colours
STYLES = ("waiting", "steady", "outline")


@dataclass(frozen=True)
class Marker:
    """How a table's severity callback marks an abnormal row (a normal row: ``None``).

    ``level``: one of LEVELS, or ``"stale"``: one colour and one shape per level, the same in every view (a
    stock line about to expire and a low alarm are both "low": look when you can).  ``style``: ``waiting``
    (needs an operator now: filled, bold; an unacknowledged alarm), ``steady`` (seen, still abnormal: filled; an
    acknowledged alarm still active), ``outline`` (back to normal, not yet acknowledged).  ``label``: what is
    wrong, in the operator's language ("overdue", "expiring"); default: the level's name.  A callback may also
    return the bare level name, which means ``Marker(level)``.
    """

    level: str
    style: str = "steady"
    label: str | None = None
