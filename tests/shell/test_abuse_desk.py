"""What the desk says about the daemon's defences (issue 19, item 2), in its language: nothing answers at its
endpoint, a login locked out, a collection this session may not read.  Real daemon, real widgets offscreen."""

from __future__ import annotations

import asyncio
import socket

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableView

from citybrain.core.testing import PASSWORDS
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import install_translator
from citybrain.shell.login import LoginDialog
from citybrain.shell.statusbar import FeedStatusBar
from citybrain.shell.viewhost import ViewFrame
from citybrain.shell.withheld import WithheldHint
from citybrain.widgets.collection_model import CollectionTableModel, Column

SYSTEM = {"system": "citybrain.plugins.system.daemon"}


@pytest.fixture
def chinese(qapp):  # noqa: ANN001
    install_translator(QCoreApplication.instance(), "zh_CN")
    yield
    install_translator(QCoreApplication.instance(), "en")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_desk_aimed_where_no_daemon_answers_says_so_and_keeps_trying(qtbot, chinese):
    endpoint = f"tcp://127.0.0.1:{free_port()}"
    feed = DeskFeed(endpoint)
    bar = FeedStatusBar(feed)
    qtbot.addWidget(bar)
    feed.start()
    try:
        assert bar.state.text() == "正在连接…"
        qtbot.waitUntil(lambda: endpoint in bar.state.text(), timeout=30_000)
        assert bar.state.text() == f"地址 {endpoint} 上没有 citybrain 服务端应答（仍在重试）"
        assert feed.client.status.state == "connecting"  # still trying
    finally:
        feed.stop()


class Clock:
    """The daemon's login throttle's clock, moved by the test."""

    now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_login_dialog_says_a_lockout_in_the_desk_s_language(
    citybrain_daemon_factory, qtbot, chinese, citybrain_desk_loop
):
    daemon = citybrain_daemon_factory(plugins=SYSTEM, demo=False).add_demo_operators()
    clock = daemon.daemon.logins.throttle.clock = Clock()
    feed = DeskFeed(daemon.endpoint)
    with qtbot.waitSignal(feed.stale_changed, timeout=30_000, check_params_cb=lambda stale: not stale):
        feed.start()
    dialog = LoginDialog(feed)
    qtbot.addWidget(dialog)

    def submit(password: str, said: str) -> None:
        dialog.error.clear()  # each answer awaited, not the one before
        dialog.username.setText("operator")
        dialog.password.setText(password)
        asyncio.ensure_future(dialog.submit())
        qtbot.waitUntil(lambda: dialog.error.text() == said, timeout=30_000)

    try:
        submit("wrong", "用户名或密码错误")
        submit(PASSWORDS["operator"], "登录失败次数过多：请 1 秒后再试")  # too soon after a failure
        for wait in (1, 2, 4, 8):
            clock.now += wait
            submit("wrong", "用户名或密码错误")
        submit(PASSWORDS["operator"], "登录失败次数过多：已锁定，15 分钟后解除")
        assert feed.operator is None
    finally:
        feed.stop()


def test_an_empty_table_of_a_collection_the_session_may_not_read_says_which_role_reads_it(
    citybrain_daemon_factory, qtbot, chinese
):
    daemon = citybrain_daemon_factory(plugins=SYSTEM, demo=False).add_demo_operators()
    feed = DeskFeed(daemon.endpoint)
    with qtbot.waitSignal(feed.stale_changed, timeout=30_000, check_params_cb=lambda stale: not stale):
        feed.start()
    try:
        table = QTableView()
        model = CollectionTableModel([Column("desk", "Desk")])
        table.setModel(model)
        feed.attach("system.desks", model)  # operators and above
        frame = ViewFrame(table, feed)
        qtbot.addWidget(frame)
        frame.resize(600, 300)
        frame.show()
        hint = table.viewport().findChild(WithheldHint)
        assert hint.isVisible() and hint.text() == "需要登录值班员及以上角色才能查看"
        assert hint.geometry() == table.viewport().rect()
        assert table.horizontalHeader().viewport().findChild(WithheldHint) is None  # not over the column titles

        reply = feed.client.login("wall", PASSWORDS["wall"])  # a viewer may not read it either
        feed.set_operator({k: v for k, v in reply.items() if k != "token"})
        assert hint.isVisible()
        feed.client.logout()
        reply = feed.client.login("operator", PASSWORDS["operator"])
        feed.set_operator({k: v for k, v in reply.items() if k != "token"})
        assert not hint.isVisible()  # readable now, though it may still be empty
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=30_000)  # this desk, logged in
        feed.client.logout()
        feed.set_operator(None)
        qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=30_000)  # the desk's replica drops them
        assert hint.isVisible()
    finally:
        feed.stop()
