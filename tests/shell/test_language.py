"""One language per screen: every view of every plugin, opened on the demo in Chinese and in English, shows names,
never the codes behind them (a role, a CAP severity, a plan category, an alarm state, a unit code)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLabel, QTextEdit, QWidget

from citybrain.plugins.cap.demo import warning
from citybrain.shell.i18n import install_translator
from citybrain.shell.plugins import desk_plugin_host

# codes that are never words in either language: roles, enum values, unit codes, plan codes
RAW_EVERYWHERE = [
    r"duty_leader",
    r"rtn_unack",
    r"out_of_service",
    r"in_progress",
    r"310109\d*",
    r"ZZB",
    r"YJJ",
    r"CYZX",
    r"hk-flood-typhoon",
    r"hk-gas-accident",
    r"hk-epidemic",
]
# codes that are English words (CAP's, plan categories): within a text raw only on the Chinese desk ("Traffic
# accident" is a name); on the English desk raw when they are the whole text, as a code shown in a cell is
WORD_CODES = [r"natural", r"accident", r"health"]
RAW_IN_CHINESE = (
    RAW_EVERYWHERE
    + WORD_CODES
    + [
        r"Severe",
        r"Extreme",
        r"Moderate",
        r"Expected",
        r"Immediate",
        r"Likely",
        r"Observed",
        r"urgent",
        r"dispatched",
        r"loaded",
    ]
)
MAX_ROWS = 60  # rows of each table looked at: enough to meet every kind of record the demo has


def _pattern(codes: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.-])(?:" + "|".join(codes) + r")(?![\w-])")


def _cells(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> list[str]:
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model's columnCount is private in PySide: one column
        columns = 1
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    for row in range(min(model.rowCount(parent), MAX_ROWS)):
        texts += [str(model.data(model.index(row, c, parent)) or "") for c in range(columns)]
    return texts


def shown_texts(widget: QWidget) -> list[str]:
    """What a view shows in words: its tables' and lists' cells and headers, labels, buttons, combo items, texts."""
    texts = []
    for view in widget.findChildren(QAbstractItemView):
        if view.model() is not None:
            texts += _cells(view.model())
    texts += [label.text() for label in widget.findChildren(QLabel)]
    texts += [button.text() for button in widget.findChildren(QAbstractButton)]
    texts += [box.itemText(i) for box in widget.findChildren(QComboBox) for i in range(box.count())]
    texts += [edit.toPlainText() for edit in widget.findChildren(QTextEdit)]
    return texts


@pytest.fixture
def views(citybrain_desk, qtbot, qapp):
    """Every view of every installed plugin, built on the demo (a CAP warning in force, so its fields show)."""
    citybrain_desk.feed.client.command(
        "import", {"kind": "cap.alert", "filename": "demo.xml", "data": warning(datetime.now(UTC))}
    ).result(30)
    host = desk_plugin_host()
    host.discover()
    specs = [(plugin, spec) for plugin, specs in host.call("citybrain_views") for spec in specs or ()]
    qtbot.waitUntil(lambda: bool(citybrain_desk.feed.client.replica.records("cap.warnings")), timeout=30_000)

    def build(language: str) -> dict[str, QWidget]:
        install_translator(qapp, language)
        built = {}
        for plugin, spec in specs:
            widget = spec.make(citybrain_desk.context(plugin))
            qtbot.addWidget(widget)
            built[spec.id] = widget
        return built

    yield build
    install_translator(qapp, "en")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_view_shows_a_raw_code(views, language):
    raw = _pattern(RAW_IN_CHINESE if language == "zh_CN" else RAW_EVERYWHERE)
    whole = re.compile(r"\s*(?:" + "|".join(WORD_CODES) + r")\s*")
    found = {}
    for view_id, widget in views(language).items():
        texts = shown_texts(widget)
        hits = sorted(
            {m.group(0) for text in texts for m in raw.finditer(text)}
            | {text.strip() for text in texts if whole.fullmatch(text)}
        )
        if hits:
            found[view_id] = hits
    assert not found, f"views showing codes instead of names ({language}): {found}"


def test_the_check_sees_a_raw_code():
    """The pattern finds codes as words, not inside names or numbers (a test that cannot fail is a defect)."""
    raw = _pattern(RAW_IN_CHINESE)
    assert [m.group(0) for m in raw.finditer("带班领导 · duty_leader · 310109010004 · Severe")] == [
        "duty_leader",
        "310109010004",
        "Severe",
    ]
    assert not raw.findall("13103109010 · SMK-07326 · urgently · 严重 · 自然灾害 · ZZB-2")
