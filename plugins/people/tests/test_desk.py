"""The people views on a real desk feed over the demo: residents found masked, a card saying why each tag is
carried, the reveal asking its reason first (the duty leader's desk), the conflicts listed with their markers;
screenshots in both languages (CITYBRAIN_SHOTS=folder keeps them)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from citybrain.plugins.people.conflicts_view import ConflictsView
from citybrain.plugins.people.residents_view import ResidentsView
from citybrain.plugins.people.tests.conftest import PLUGINS
from citybrain.shell.i18n import install_translator


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins=PLUGINS)


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("people")
    qtbot.waitUntil(
        lambda: (
            len(ctx.records("people.conflicts")) == 10
            and bool(ctx.records("people.tags"))
            and bool(ctx.records("people.policies"))
        ),
        timeout=60_000,
    )
    return ctx


def _shoot(widget, name: str) -> None:
    folder = os.environ.get("CITYBRAIN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _shown(qtbot, view, height: int):  # noqa: ANN001, ANN202 - pytest-qt's QtBot, the view given
    qtbot.addWidget(view)
    view.resize(1400, height)
    view.show()
    return view


@contextmanager
def _chinese() -> Iterator[None]:
    app = QApplication.instance()
    assert app is not None, "the desk's tests run in pytest-qt's application"
    install_translator(app, "zh_CN")
    try:
        yield
    finally:
        install_translator(app, "en")


def test_residents_are_found_masked_and_a_reveal_asks_why_first(ctx, qtbot) -> None:
    view = _shown(qtbot, ResidentsView(ctx), 800)
    view.tag.setCurrentIndex(view.tag.findData("独居老人"))
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and view.person is not None, timeout=30_000)
    rows = [view.model.record_at(r) for r in range(view.model.rowCount())]
    assert all("独居老人" in r["tags"] and "*" in r["id_masked"] for r in rows)
    assert "独居老人: because carries 老年人 · lives alone" in view.card.text()
    masked = view.person["resident"]["id_masked"]
    assert masked in view.card.text()
    assert not view.reveal_button.isEnabled() and "four characters" in view.reveal_button.toolTip()
    view.reason.setFocus()
    view.reason.insert("入户核查")  # typed (QTest types Latin-1 keys only)
    assert view.reveal_button.isEnabled()
    qtbot.keyClick(view.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.revealed is not None, timeout=30_000)
    full = view.revealed["id_number"]
    assert full[:3] == masked[:3] and full[-4:] == masked[-4:] and full in view.card.text()
    _shoot(view, "people-residents-en")
    view.table.view.selectRow(1)  # another person: what was revealed is gone
    qtbot.waitUntil(lambda: view.person is not None and view.person["resident"]["id"] == rows[1]["id"], timeout=30_000)
    assert view.revealed is None and full not in view.card.text()
    with _chinese():
        chinese = _shown(qtbot, ResidentsView(ctx), 800)
        chinese.tag.setCurrentIndex(chinese.tag.findData("独居老人"))
        qtbot.waitUntil(lambda: chinese.person is not None, timeout=30_000)
        card = chinese.card.text()
        assert "独居老人：依据 具有标签“老年人” · 独居" in card and "居民" in chinese.found.text()
        assert not re.search(r"[A-Za-z_]{3,}", re.sub(r"<[^>]+>|&\w+;", "", card))  # no English word, no rule text
        _shoot(chinese, "people-residents-zh")


def test_conflicts_are_listed_with_what_each_source_says(ctx, qtbot) -> None:
    view = _shown(qtbot, ConflictsView(ctx), 500)
    model = view.table.model
    qtbot.waitUntil(lambda: model.rowCount() == 10, timeout=30_000)
    texts = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    moved = next(t for t in texts if t[0] == "different compounds")
    assert "Civil affairs: " in moved[5] and "Human resources: " in moved[5] and "310109" not in moved[5]
    marked = [r for r in range(model.rowCount()) if model.data(model.index(r, 0), Qt.ItemDataRole.DecorationRole)]
    assert len(marked) == 10
    _shoot(view, "people-conflicts-en")
    with _chinese():
        chinese = _shown(qtbot, ConflictsView(ctx), 500)
        qtbot.waitUntil(lambda: chinese.table.model.rowCount() == 10, timeout=30_000)
        _shoot(chinese, "people-conflicts-zh")
