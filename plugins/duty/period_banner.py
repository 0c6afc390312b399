"""The heightened-duty banner over the duty board (on a desk and on the wall): which period is on (flood season,
a public holiday, a major event) or begins within the week, what it asks (a leader on duty in every unit, a report
at its cadence), and — marked, as abnormal — the days the roster leaves a unit without a leader in it.  Hidden
when no period is near."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from citybrain.shell.api import DeskContext, tr, tr_n
from citybrain.widgets import marker_icon

PERIODS = "duty.periods"
SAME_AS_KIND = {"flood_season": "汛期", "holiday": "法定节假日", "major_event": "重大活动"}  # a name that adds nothing


def kind_name(kind: str) -> str:
    return {
        "flood_season": tr("Duty", "Flood season"),
        "holiday": tr("Duty", "Public holiday"),
        "major_event": tr("Duty", "Major event"),
    }.get(kind, kind)


def banner_text(period: dict) -> str:
    """One line: the period and what it asks, in the desk's language (its name is data, as written)."""
    what = kind_name(period["kind"])
    if period["name"] and period["name"] != SAME_AS_KIND.get(period["kind"]):
        what = f"{what} · {period['name']}"
    head = (
        tr("Duty", "Heightened duty: {what}, until {last}")
        if period["active"]
        else tr("Duty", "Heightened duty from {first}: {what}, until {last}")
    ).format(what=what, first=period["first"], last=period["last"])
    rules = [
        tr("Duty", "a leader on duty in every unit") if period["leaders"] else "",
        tr_n("Duty", "report every minute", "report every {n} minutes", period["every_minutes"])
        if period["every_minutes"]
        else "",
    ]
    return " · ".join(part for part in (head, *rules) if part)


def gaps_text(period: dict) -> str:
    days = sorted({g["date"] for g in period["gaps"]})
    units = "、".join(sorted({g["unit_name"] for g in period["gaps"]}))
    count = tr_n("Duty", "{n} day without a leader", "{n} days without a leader", len(days))
    return tr("Duty", "Roster: {count} ({units}), the first {first}").format(count=count, units=units, first=days[0])


class PeriodBanner(QFrame):
    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("periodBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.lines = QLabel()  # one line a period, unwrapped: the desk's banner strip sizes by its size hint
        font = self.lines.font()
        font.setBold(True)  # a banner, in the desk's grey: a heightened state is not an alarm
        self.lines.setFont(font)
        self.gaps = QLabel()  # the roster breaking the period's rule: abnormal, so marked (shape, colour, words)
        self.gap_marker = QLabel()
        size = self.fontMetrics().height()
        self.gap_marker.setPixmap(marker_icon("high").pixmap(size, size))
        gaps = QHBoxLayout()
        gaps.addWidget(self.gap_marker)
        gaps.addWidget(self.gaps, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.lines)
        layout.addLayout(gaps)
        ctx.on_change(PERIODS, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        periods = sorted(self.ctx.records(PERIODS), key=lambda p: (not p["active"], p["first"]))
        self.lines.setText("\n".join(banner_text(p) for p in periods))
        broken = [p for p in periods if p["gaps"]]
        self.gaps.setText(gaps_text(broken[0]) if broken else "")
        for label in (self.gaps, self.gap_marker):
            label.setVisible(bool(broken))
        self.setVisible(bool(periods))
