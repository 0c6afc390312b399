"""The control-room palette (ISA-101 style): grey when normal, colour only for the abnormal."""

from __future__ import annotations

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
