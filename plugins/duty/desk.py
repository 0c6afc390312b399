"""Duty plugin, desk half: who is on duty now, with phone numbers, and who comes next — for desk and wall."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from PySide6.QtWidgets import QGridLayout, QScrollArea, QVBoxLayout, QWidget

from citybrain.shell.api import DeskContext, ViewSpec, hookimpl
from citybrain.shell.i18n import tr
from citybrain.widgets.kpi_card import KpiCard

NOW = "duty.now"


def _clock(value: str | None) -> str:
    return datetime.fromisoformat(value).astimezone().strftime("%m-%d %H:%M") if value else "—"


def _people(people: list[dict]) -> str:
    return "\n".join(f"{p['name']}  {p['phone']}" for p in people) or tr("Duty", "nobody")


class OnDutyBoard(QWidget):
    """One card per post (unit, position, shift): who is on now with phones, until when, who is next."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.cards: dict[str, KpiCard] = {}
        inner = QWidget()
        self.grid = QGridLayout(inner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        ctx.on_change(NOW, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        posts = sorted(self.ctx.records(NOW), key=lambda r: r["post"])
        units = sorted({p["unit"] for p in posts})
        for post in posts:
            card = self.cards.get(post["post"])
            if card is None:
                card = self.cards[post["post"]] = KpiCard(f"{post['unit_name']} · {post['position_name']} · {post['shift_name']}")
                column = units.index(post["unit"])
                row = sum(1 for k in self.cards if k.split("/")[0] == post["unit"]) - 1
                self.grid.addWidget(card, row, column)
            names = ", ".join(p["name"] for p in post["on_duty"]) or tr("Duty", "nobody")
            detail = tr("Duty", "{phones}\nuntil {until} · next {next} at {at}").format(
                phones=_people(post["on_duty"]), until=_clock(post["until"]),
                next=", ".join(p["name"] for p in post["next"]) or "—", at=_clock(post["next_starts_at"]))
            card.set_value(names, detail, abnormal=not post["on_duty"])


@hookimpl
def citybrain_views() -> Iterable[ViewSpec]:
    return [ViewSpec("duty.board", tr("Duty", "On duty now"), OnDutyBoard, placement="wall", collections=(NOW,))]
