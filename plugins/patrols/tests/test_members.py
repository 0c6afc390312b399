"""The team members view on a real desk feed (a duty leader's): a member linked to an operator account by keys, an
account that does not exist refused with the view's own sentence where the action was taken, and an unlink that asks
first (No keeps the link)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from citybrain.plugins.duty.tests.keyboard import answer_confirmation, chord, hosted
from citybrain.plugins.patrols.members_view import MembersView
from citybrain.shell.api import tr
from citybrain.shell.viewhost import ViewFrame

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def framed(citybrain_desk, qtbot) -> tuple[MembersView, ViewFrame]:
    view = MembersView(citybrain_desk.context("patrols"))
    frame = hosted(view, "patrols.members", citybrain_desk, qtbot)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=30_000)  # the members reach a duty leader's desk
    return view, frame


def _row(view: MembersView, key: str) -> dict:
    model = view.model
    return next(model.record_at(r) for r in range(model.rowCount()) if _key(model.record_at(r)) == key)


def _key(member: dict) -> str:
    return f"{member['team']}/{member['name']}"


def test_a_member_linked_by_keys_refused_in_the_view_s_words_and_unlinked_after_asking(framed, qtbot):
    view, frame = framed
    model = view.model
    row = next(r for r in range(model.rowCount()) if not model.record_at(r).get("operator"))
    member = model.record_at(row)
    view.table.view.selectRow(row)
    view.table.view.setFocus()
    assert not view.unlink_button.isEnabled() and view.unlink_button.toolTip()  # disabled, and says why
    chord(view.table.view, Qt.Key.Key_L, CTRL_SHIFT)
    assert view.account.hasFocus()

    QTest.keyClicks(view.account, "nobody")
    QTest.keyClick(view.account, Qt.Key.Key_Return)
    wanted = tr("Patrols", "There is no operator account “{operator}”. Nothing was changed.").format(operator="nobody")
    qtbot.waitUntil(lambda: view.commands.message.kind == "refused", timeout=10_000)
    assert view.commands.message.text() == wanted  # the view's sentence for the code, not the daemon's English
    assert not _row(view, _key(member)).get("operator")

    view.account.selectAll()
    QTest.keyClicks(view.account, "operator")
    QTest.keyClick(view.account, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _row(view, _key(member)).get("operator") == "operator", timeout=10_000)
    qtbot.waitUntil(lambda: view.commands.message.kind == "done", timeout=10_000)
    assert member["name"] in view.commands.message.text()
    assert view.unlink_button.isEnabled()

    seen: list[str] = []
    answer_confirmation(False, seen)  # Esc keeps the link
    chord(view.table.view, Qt.Key.Key_U, CTRL_SHIFT)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=10_000)
    assert member["name"] in seen[0] and "operator" in seen[0]
    assert _row(view, _key(member))["operator"] == "operator"
    with qtbot.waitActive(frame):  # the window the question left, active again for the view's keys
        frame.activateWindow()
    answer_confirmation(True, seen)
    chord(view.table.view, Qt.Key.Key_U, CTRL_SHIFT)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not _row(view, _key(member)).get("operator"), timeout=10_000)
    assert len(seen) == 2
