"""The people views' shared shape: a list on the left (a row of controls above it, a count below), a person's card
on the right (rich text, scrolling) with a row of actions under it, and the view's messages at the bottom."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget


def card_label() -> QLabel:
    card = QLabel()
    card.setWordWrap(True)
    card.setTextFormat(Qt.TextFormat.RichText)
    card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return card


def _row(widgets: list[tuple[QWidget, int]]) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget, stretch in widgets:
        row.addWidget(widget, stretch)
    return row


def list_and_card(
    view: QWidget,
    controls: list[tuple[QWidget, int]],
    table: QWidget,
    found: QLabel,
    card: QLabel,
    actions: list[list[tuple[QWidget, int]]],
    message: QWidget,
    sizes: tuple[int, int],
) -> None:
    """Lay ``view`` out: ``controls`` (widget, stretch) over ``table`` over ``found``; ``card`` over ``actions``,
    rows of (widget, stretch): an entry field gets a row with room to read what it asks."""
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addLayout(_row(controls))
    left_layout.addWidget(table, 1)
    left_layout.addWidget(found)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(card)
    right = QWidget()
    right_layout = QVBoxLayout(right)
    right_layout.setContentsMargins(0, 0, 0, 0)
    right_layout.addWidget(scroll, 1)
    for row in actions:
        right_layout.addLayout(_row(row))
    split = QSplitter()
    split.addWidget(left)
    split.addWidget(right)
    split.setSizes(list(sizes))
    layout = QVBoxLayout(view)
    layout.addWidget(split, 1)
    layout.addWidget(message)
