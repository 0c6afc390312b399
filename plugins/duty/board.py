"""Who is on duty now, with phone numbers, until when, and who comes next — for desk and wall."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QScrollArea, QVBoxLayout, QWidget

from citybrain.core.times import local_time as local
from citybrain.plugins.duty.names import post_title
from citybrain.shell.api import DeskContext, tr
from citybrain.widgets import KpiCard

NOW = "duty.now"


def check_in_name(state: str | None) -> str:
    return {
        "late": tr("Duty", "checked in late"),
        "missing": tr("Duty", "NOT CHECKED IN"),
        "due": tr("Duty", "check-in due"),
        "on time": "",
    }.get(state or "", "")


def _people(people: list[dict]) -> str:
    """Phones of who is on: the card's figure names one person already, so alone they get their phone only."""
    lines = [
        " ".join(x for x in ((p["name"] if len(people) > 1 else ""), p["phone"], check_in_name(p.get("check_in"))) if x)
        for p in people
    ]
    return "\n".join(lines)


def card_detail(post: dict) -> str:
    """A card's lines under the figure: phones, until when, who is next and when; each short enough that three
    cards side by side fit a desk pane (one long line pushed the third column out of sight)."""
    nxt = ", ".join(p["name"] for p in post["next"]) or "—"
    lines = [
        _people(post["on_duty"]),
        tr("Duty", "until {until}").format(until=local(post["until"])) if post["on_duty"] else "",
        tr("Duty", "next: {next}, {at}").format(next=nxt, at=local(post["next_starts_at"])),
    ]
    return "\n".join(line for line in lines if line)


def compact(card: KpiCard) -> None:
    """A card for a desk pane: the name at a third more than the text, not the KPI figure's size, and tight
    margins, so the duty desk's pane (about 380 px) shows all three shifts' rows, the night's included (its
    third row was cut off behind a scrollbar)."""
    font = QFont(card.value.font())
    font.setPointSizeF(card.detail.font().pointSizeF() * 1.6)
    card.value.setFont(font)
    card.extra_layout.setContentsMargins(8, 4, 8, 4)
    card.extra_layout.setSpacing(1)


class OnDutyBoard(QWidget):
    """One card per post (unit, position, shift): who is on now with phones, until when, who is next."""

    def __init__(self, ctx: DeskContext, scroll: bool = True) -> None:
        """``scroll=False`` (the wall, where nobody scrolls): every row of cards shows, the board as tall as they."""
        super().__init__()
        self.ctx = ctx
        self.compact = scroll
        self.cards: dict[str, KpiCard] = {}
        inner = QWidget()
        self.grid = QGridLayout()
        rows = QVBoxLayout(inner)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(self.grid)
        if scroll:
            rows.addStretch(1)  # a tall pane leaves room below the cards rather than stretching them
        layout = QVBoxLayout(self)
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setWidget(inner)
            layout.setContentsMargins(0, 0, 0, 0)
            self.grid.setContentsMargins(4, 4, 4, 4)
            self.grid.setSpacing(4)
            layout.addWidget(area)
            self.area: QScrollArea | None = area
        else:
            self.area = None
            layout.setContentsMargins(0, 0, 0, 0)
            self.grid.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(inner)
        ctx.on_change(NOW, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        posts = sorted(self.ctx.records(NOW), key=lambda r: r["post"])
        units = sorted({p["unit"] for p in posts})
        for post in posts:
            card = self.cards.get(post["post"])
            if card is None:
                card = self.cards[post["post"]] = KpiCard(post_title(post))
                for label in (card.title, card.detail):  # a narrow pane wraps them rather than hide a column
                    label.setWordWrap(True)
                if self.compact:
                    compact(card)
                column = units.index(post["unit"])
                row = sum(1 for k in self.cards if k.split("/")[0] == post["unit"]) - 1
                self.grid.addWidget(card, row, column)
            idle = tr("Duty", "nobody") if post.get("in_shift", True) else tr("Duty", "off shift")
            names = ", ".join(p["name"] for p in post["on_duty"]) or idle
            detail = card_detail(post)
            missing = any(p.get("check_in") in ("missing", "late") for p in post["on_duty"])
            card.set_value(names, detail, abnormal=post.get("in_shift", True) and (not post["on_duty"] or missing))
        if self.area is not None:  # a desk pane asks for every row (up to 24 lines' height; beyond, it scrolls)
            frame = 2 * self.area.frameWidth()
            cap = self.fontMetrics().height() * 24
            rows = self.grid.parentWidget()
            if rows is not None:
                self.area.setMinimumHeight(min(rows.sizeHint().height() + frame, cap))
