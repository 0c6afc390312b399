"""The matching view on a real desk feed: a seeker's best vacancies with the reasons and the subsidy, a vacancy's
best seekers (masked), a push from the keyboard, a subdistrict's push asked first; both languages, screenshots
(CITYBRAIN_SHOTS=folder keeps them)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from citybrain.plugins.duty.tests.keyboard import answer_confirmation, hosted
from citybrain.plugins.jobs import HIRE, PUSH, PUSHES, SEEKERS
from citybrain.plugins.jobs.matching_view import MatchingView
from citybrain.plugins.jobs.tests.conftest import new_district
from citybrain.shell.i18n import install_translator


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory, tmp_path):
    return new_district(citybrain_daemon_factory, {"outbox": str(tmp_path / "outbox")}, stocked=True)


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("jobs")
    qtbot.waitUntil(lambda: len(ctx.records("jobs.vacancies")) == 3 and bool(ctx.records("org.units")), timeout=30_000)
    return ctx


def _shoot(widget, name: str) -> None:
    folder = os.environ.get("CITYBRAIN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _shown(qtbot, ctx):  # noqa: ANN001, ANN202
    view = MatchingView(ctx)
    qtbot.addWidget(view)
    view.resize(1600, 820)
    view.show()
    return view


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def _select(table, row: int) -> None:  # noqa: ANN001 - a DataTable
    """Select one row whatever modifier keys an earlier key click left pressed (selectRow would extend or toggle)."""
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.view.selectionModel().select(table.model.index(row, 0), flags)


def _cells(model) -> list[list[str]]:  # noqa: ANN001
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_a_seeker_s_matches_with_reasons_and_pushes_by_keys(citybrain_desk, ctx, qtbot) -> None:
    view = _shown(qtbot, ctx)
    frame = hosted(view, "jobs.matching", citybrain_desk, qtbot)
    frame.resize(1600, 820)
    assert not view.push_button.isEnabled() and view.push_button.toolTip() == "Select a seeker with matches first"
    qtbot.waitUntil(lambda: view.found.text() == "2 seekers found", timeout=30_000)  # listed on open, no key pressed
    assert view.seekers.rowCount() == 2
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.text.hasFocus()
    view.text.setText("王秀英")
    qtbot.keyClick(view.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # again, in the search box: stays
    assert view.text.hasFocus() and view.text.selectedText() == "王秀英"
    qtbot.keyClick(view.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.found.text() == "1 seeker found", timeout=30_000)
    assert view.seekers.record_at(0)["name"] == "王秀英" and view.seeker_table.selected() == [view.seekers.record_at(0)]
    view.seeker_table.view.setFocus()
    qtbot.waitUntil(lambda: view.matches.rowCount() == 2 and "Score" in view.reasons.text(), timeout=30_000)
    cells = _cells(view.matches)
    assert [c[1] for c in cells] == ["养老护理员", "保洁员"]
    assert cells[0][3] == "same occupation" and cells[0][4].endswith("min on foot")
    assert cells[0][6] == "吸纳就业困难人员社会保险补贴"
    assert "holds 养老护理员证" in view.reasons.text() and "A hire brings" in view.reasons.text()
    assert "310109" not in "".join(map(str, _cells(view.seekers)))  # names of places, never codes
    _shoot(frame, "jobs-matching-en")
    qtbot.keyClick(view.seeker_table.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "2 vacancies pushed" in view.commands.message.text(), timeout=30_000)
    seen: list[str] = []
    answer_confirmation(True, seen)
    shift_control = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view.seeker_table.view, Qt.Key.Key_P, shift_control)
    qtbot.waitUntil(lambda: "seekers" in view.commands.message.text(), timeout=30_000)
    assert "every looking seeker of 欧阳路街道" in seen[0]
    assert view.commands.message.text() == "0 vacancies pushed to 0 seekers"  # never the same vacancy twice


def test_a_vacancy_s_best_seekers_are_masked(ctx, qtbot) -> None:
    view = _shown(qtbot, ctx)
    view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: view.vacancies.rowCount() == 3, timeout=30_000)
    row = next(r for r in range(3) if view.vacancies.record_at(r)["title"] == "养老护理员")
    _select(view.vacancy_table, row)
    qtbot.waitUntil(lambda: view.matches.rowCount() == 1, timeout=30_000)
    (cells,) = _cells(view.matches)
    assert cells[1] == "王秀英 (female, 46)" and cells[2] == "大连新村"
    assert "Score" in view.reasons.text() and "吸纳就业困难人员社会保险补贴" in view.reasons.text()
    assert not view.push_button.isEnabled()  # a vacancy's seekers are pushed from their own row
    _shoot(view, "jobs-candidates-en")


def test_the_chinese_desk_is_chinese(ctx, qtbot) -> None:
    install_translator(_app(), "zh_CN")
    try:
        view = _shown(qtbot, ctx)
        qtbot.waitUntil(lambda: view.found.text() != "", timeout=30_000)  # listed on open
        assert view.seekers.rowCount() == 2
        row = next(r for r in range(2) if view.seekers.record_at(r)["name"] == "王秀英")
        _select(view.seeker_table, row)
        qtbot.waitUntil(lambda: view.matches.rowCount() == 2 and view.reasons.text() != "", timeout=30_000)
        shown = " ".join(
            [view.heading.text(), re.sub(r"<[^>]+>|&\w+;", " ", view.reasons.text()), view.found.text()]
            + [str(c) for row in _cells(view.matches) for c in row]
        )
        assert not re.search(r"[A-Za-z]{3,}", shown), shown
        _shoot(view, "jobs-matching-zh")
    finally:
        install_translator(_app(), "en")


def test_the_vacancy_list_shows_openings_left_and_marks_a_filled_one(citybrain_daemon, ctx, qtbot) -> None:
    view = _shown(qtbot, ctx)
    view.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: view.vacancies.rowCount() == 3, timeout=30_000)
    left = 7  # the "Left" column: openings minus hires
    assert view.vacancies.headerData(left, Qt.Orientation.Horizontal) == "Left"
    by_title = {view.vacancies.record_at(r)["title"]: r for r in range(3)}
    assert view.vacancies.data(view.vacancies.index(by_title["保洁员"], left)) == "2"
    client = citybrain_daemon.client(login="duty")
    try:
        (seeker,) = [s["id"] for s in client.query(SEEKERS, {"text": "王秀英"}).result(30)["result"]]
        client.command(PUSH, {"seeker": seeker}).result(30)
        pushes = client.query(PUSHES, {"seeker": seeker}).result(30)["result"]
        care = next(p for p in pushes if p["vacancy"] == view.vacancies.record_at(by_title["养老护理员"])["id"])
        client.command(HIRE, {"seeker": seeker, "push": care["id"]}).result(30)
    finally:
        client.stop()
    row = by_title["养老护理员"]
    qtbot.waitUntil(lambda: view.vacancies.data(view.vacancies.index(row, left)) == "filled", timeout=30_000)
    _select(view.vacancy_table, row)
    qtbot.waitUntil(lambda: "no openings left" in view.heading.text(), timeout=30_000)
    assert view.matches.rowCount() == 0
    _shoot(view, "jobs-vacancies-filled-en")
