"""A view's sender: refusals in the operator's words from their code and details (sticky until dismissed or the
selection changes), success briefly with a ✓, disabled buttons saying why."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from citybrain.core.client import RequestError
from citybrain.shell.i18n import install_translator
from citybrain.widgets import sender as sender_module
from citybrain.widgets.sender import Sender, refusal_text


@pytest.fixture
def desk(citybrain_daemon_factory, qtbot, citybrain_desk_loop):
    """A real daemon with only the system plugin (the refusals come from its validation and dispatch; no demo of
    every plugin to seed), and a desk logged in to it."""
    from citybrain.shell.testing import DeskUnderTest

    daemon = citybrain_daemon_factory(plugins={"system": "citybrain.plugins.system.daemon"})
    desk = DeskUnderTest(daemon, qtbot)
    yield desk
    desk.feed.stop()


@pytest.fixture
def chinese(qapp):
    install_translator(qapp, "zh_CN")
    yield
    install_translator(qapp, "en")


class EntryView(QWidget):
    """A view as a plugin builds one: an entry, and the sender's message below it."""

    def __init__(self, sender: Sender) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.entry = QLineEdit()
        layout.addWidget(self.entry)
        layout.addWidget(sender.message)


def send(qtbot, sender: Sender, name: str, payload: dict, done: str = "") -> None:
    task = asyncio.ensure_future(sender.send(name, payload, done))
    qtbot.waitUntil(task.done, timeout=10_000)


def test_a_refused_payload_names_each_field_by_its_label_in_chinese(desk, qtbot, chinese):
    sender = Sender(desk.context("system"), labels={"kind": "类型", "filename": "文件名"})
    view = EntryView(sender)
    qtbot.addWidget(view)
    send(qtbot, sender, "import", {"kind": None, "filename": 5})  # the daemon's validation: its own details
    lines = sender.message.text().split("\n")
    assert "类型：必须填写" in lines and "文件名：必须是文字" in lines
    assert "data：必须填写" in lines  # no label given: the field's name
    assert "must" not in sender.message.text() and sender.message.kind == "refused"
    assert sender.message.sign.text() == "✕" and sender.message.close_button.isVisibleTo(sender.message)


def test_a_known_code_is_never_the_daemons_english(desk, qtbot, chinese):
    sender = Sender(desk.context("system"))
    send(qtbot, sender, "no.such.command", {})
    assert sender.message.text() == "服务端不提供此功能（版本不同？）。"
    send(qtbot, sender, "system.silence", {"desk": "d", "priority": "low"})
    assert sender.message.text() == "priority：不是允许的取值"


def test_a_request_outside_the_desk_s_unit_says_so_in_chinese(qapp, chinese):
    outside = RequestError(
        "forbidden", "cases.act: case 7 is outside unit C1", {"reason": "outside_unit", "field": "case", "unit": "C1"}
    )
    assert refusal_text(outside) == "不在本单位范围内：由其他单位的席位处理。未做任何更改。"
    assert refusal_text(RequestError("forbidden", "needs role duty_leader")) != refusal_text(outside)


def test_a_views_own_reason_wins_and_may_name_details(qapp):
    refused = RequestError("refused", "only 3 left", {"reason": "short", "available": 3})
    assert refusal_text(refused, reasons={"short": "只剩 {available} 件"}) == "只剩 3 件"
    plain = RequestError("refused", "a high or urgent alarm is acknowledged with a comment")
    assert refusal_text(plain, reasons={plain.message: "需要填写说明"}) == "需要填写说明"
    assert refusal_text(plain) == "Refused: this cannot be done now. Nothing was changed."
    assert refusal_text(RequestError("novel_code", "something new")) == "something new"  # nothing better known


def test_a_refusal_stays_until_dismissed_by_esc_its_button_or_clear(qtbot):
    sender = Sender(None)
    view = EntryView(sender)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)  # a shortcut works in the active window
    view.entry.setFocus()
    for dismiss in (
        lambda: qtbot.keyClick(view.entry, Qt.Key.Key_Escape),
        lambda: qtbot.mouseClick(sender.message.close_button, Qt.MouseButton.LeftButton),
        sender.clear,
    ):
        sender.refused(RequestError("forbidden", "x needs role duty_leader"))
        assert sender.message.text() == "Your role may not do this." and sender.message.kind == "refused"
        dismiss()
        assert sender.message.text() == "" and sender.message.kind == ""


def test_success_shows_a_tick_briefly(qtbot, monkeypatch):
    monkeypatch.setattr(sender_module, "DONE_MS", 50)
    sender = Sender(None)
    view = EntryView(sender)
    qtbot.addWidget(view)
    sender.done("Entry added")
    assert sender.message.kind == "done" and sender.message.sign.text() == "✓"
    assert not sender.message.close_button.isVisibleTo(sender.message) and not sender.message.label.font().bold()
    qtbot.waitUntil(lambda: sender.message.kind == "", timeout=2_000)
    sender.message.setText("Select a case first")  # a view's own note, as on a label
    assert sender.message.kind == "note" and sender.message.sign.text() == ""


def test_a_disabled_button_says_why_and_gets_its_tooltip_back(qapp):
    button = QPushButton("Dispatch")
    button.setToolTip("Send the case to its unit")
    Sender.set_enabled(button, False, "Only a new case can be dispatched")
    assert not button.isEnabled() and button.toolTip() == "Only a new case can be dispatched"
    Sender.set_enabled(button, True)
    assert button.isEnabled() and button.toolTip() == "Send the case to its unit"


def test_qt_standard_buttons_speak_chinese(qtbot, chinese):
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"


def test_a_views_own_task_is_not_started_without_an_event_loop(qtbot):
    """A view's timer that fires once no loop runs (a desk closing, a view a test left behind) starts nothing and
    raises nothing: it raised 'no current event loop' inside Qt's event loop."""
    import warnings

    from citybrain.widgets.sender import ViewTasks

    owner = QWidget()
    qtbot.addWidget(owner)
    ran = []

    async def reload() -> None:
        ran.append(1)

    asyncio.set_event_loop(None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a coroutine left unawaited would warn
        assert ViewTasks(owner).start(reload()) is None
    assert ran == []
