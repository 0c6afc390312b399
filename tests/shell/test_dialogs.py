"""The desk's own dialogs show their text whole and in the desk's language: the shortcut editor cut Ctrl+Shift+S
to "trl+Shift+S"; the plugin states listed ids, sides and states as codes (daemon, loaded) on the Chinese desk."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QTableWidget, QToolButton

from citybrain.shell.dialogs import show_plugins
from citybrain.shell.i18n import install_translator
from citybrain.shell.login import LoginDialog


def test_the_shortcut_editor_shows_every_shortcut_whole(make_desk, qtbot):
    desk = make_desk("duty-desk")
    dialog = desk.commands.edit_shortcuts()
    qtbot.waitExposed(dialog)
    keys = {cid: edit for cid, edit in dialog.edits.items() if not edit.keySequence().isEmpty()}
    assert any("Shift" in e.keySequence().toString() for e in keys.values())
    for cid, edit in keys.items():
        line = edit.findChild(QLineEdit)
        clear = min(
            (b.geometry().left() for b in line.findChildren(QToolButton) if b.isVisible()),
            default=line.contentsRect().right(),
        )
        room = clear - line.contentsRect().left() - line.textMargins().left()
        assert line.fontMetrics().horizontalAdvance(line.text()) <= room, (cid, line.text(), room)
    dialog.reject()


def test_plugin_states_are_named_in_the_desks_language(make_desk, qtbot):
    install_translator(QApplication.instance(), "zh_CN")
    try:
        desk = make_desk("duty-desk")  # a Chinese desk: its plugins' titles collected in Chinese
        dialog = show_plugins(desk)
        qtbot.addWidget(dialog)
        table = dialog.findChild(QTableWidget)
        rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    finally:
        install_translator(QApplication.instance(), "en")
    assert ["席位", "系统", "已加载"] in rows  # this desk's system plugin by its title
    assert all(
        side in ("席位", "服务端") and state in ("已加载", "失败", "未安装", "已停用") for side, _, state in rows
    )


def test_a_refused_login_says_why_in_full_above_the_buttons(make_desk, qtbot, citybrain_desk_loop):
    """On the English desk the reason took two lines and its second was drawn under the OK button."""
    desk = make_desk("duty-desk")
    dialog = LoginDialog(desk.feed)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.username.setText("nobody")
    dialog.password.setText("wrong")
    asyncio.ensure_future(dialog.submit())
    qtbot.waitUntil(lambda: dialog.error.text() == "Wrong user name or password", timeout=30_000)
    qtbot.waitUntil(lambda: dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width()))
    buttons = dialog.findChild(QDialogButtonBox)
    assert dialog.error.geometry().bottom() < buttons.geometry().top()
