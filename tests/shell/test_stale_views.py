"""A desk whose feed is lost: its views veiled (drawn once, faded), and why, in the desk's language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from citybrain.core import client
from citybrain.shell.api import ViewSpec, hookimpl
from citybrain.shell.desk import Desk
from citybrain.shell.feed import DeskFeed
from citybrain.shell.feed_reasons import reason_text
from citybrain.shell.i18n import install_translator
from citybrain.shell.layouts import LayoutStore
from citybrain.shell.plugins import desk_plugin_host
from citybrain.shell.viewhost import StaleVeil

SHADE = QColor("#303030")  # a view's opaque table, far from the window's colour (light without a theme)


def shaded_table(ctx):  # noqa: ANN001, ANN201 - a view factory
    table = QTableWidget(3, 2)
    palette = table.palette()
    palette.setColor(QPalette.ColorRole.Base, SHADE)
    table.setPalette(palette)
    table.setItem(0, 0, QTableWidgetItem("x"))
    return table


class ShadedViews:
    @hookimpl
    def citybrain_views(self):  # noqa: ANN201
        return [ViewSpec("test.shaded", "Shaded", shaded_table)]


def client_reasons() -> list[str]:
    """Every reason the feed client can set (``reason=`` in core/client.py), its figures filled in."""

    def texts(node: ast.expr) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.JoinedStr):
            parts = [p.value if isinstance(p, ast.Constant) and isinstance(p.value, str) else "3" for p in node.values]
            return ["".join(parts)]
        if isinstance(node, ast.BoolOp):  # `self.status.reason or "connected"`
            return [t for value in node.values for t in texts(value)]
        if isinstance(node, ast.IfExp):  # `"daemon restarted" if restarted else f"missed updates up to {n}"`
            return texts(node.body) + texts(node.orelse)
        return []  # the reason it had: not a new one

    tree = ast.parse(Path(client.__file__).read_text(encoding="utf-8"))
    return [
        t
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg == "reason"
        for t in texts(node.value)
    ]


def test_every_reason_the_feed_client_gives_is_worded():
    reasons = client_reasons()
    assert len(reasons) >= 7  # the silence, a gap, missed updates, a restart, two CURVE refusals, a failed thread
    unknown = reason_text("a reason no desk knows")
    assert [r for r in reasons if reason_text(r) == unknown] == []
    assert reason_text("no heartbeat for 3 s") == "the daemon was silent for 3 s"  # with its figures
    assert reason_text("gap in sequence before 812") == "updates were missed (a gap before no. 812)"


@pytest.fixture
def chinese(qapp):  # noqa: ANN001
    install_translator(QCoreApplication.instance(), "zh_CN")
    yield
    install_translator(QCoreApplication.instance(), "en")


def test_a_lost_feed_veils_each_view_once_and_says_why_in_chinese(citybrain_daemon_factory, tmp_path, qtbot, chinese):
    first = citybrain_daemon_factory(plugins={"system": "citybrain.plugins.system.daemon"}, data_dir=tmp_path / "d")
    ports = dict(port=first.daemon.router_port, pub_port=first.daemon.pub_port)
    host = desk_plugin_host()
    host.register("test", ShadedViews())
    feed = DeskFeed(first.endpoint)
    desk = Desk(feed, host, LayoutStore(tmp_path / "layouts"))
    desk.start("duty-desk")
    feed.start()
    try:
        window = desk.active_window()
        frame = window.docks[desk.open_view("test.shaded", window)].widget()
        qtbot.waitUntil(lambda: not frame.stale, timeout=30_000)
        table = frame.content
        spot = table.viewport().mapTo(window, table.viewport().rect().center())
        assert window.grab().toImage().pixelColor(spot) == SHADE  # live: as the view draws it
        first.stop()
        qtbot.waitUntil(lambda: frame.stale, timeout=30_000)
        assert frame.veil.isVisible()
        # once, faded towards the window's colour: not blended over whatever the window's buffer held
        ground = frame.veil.palette().color(QPalette.ColorRole.Window)
        shown = window.grab().toImage().pixelColor(spot)
        for channel in ("red", "green", "blue"):
            expected = (1 - StaleVeil.STRENGTH) * getattr(SHADE, channel)() + StaleVeil.STRENGTH * getattr(
                ground, channel
            )()
            assert abs(getattr(shown, channel)() - expected) <= 3, (channel, shown.name(), ground.name())
        bar = window.statusBar()
        assert bar.state.text() == "数据中断" and bar.state.toolTip() == "服务端 3 秒无响应"
        second = citybrain_daemon_factory(
            plugins={"system": "citybrain.plugins.system.daemon"}, data_dir=tmp_path / "d", **ports
        )
        qtbot.waitUntil(lambda: not frame.stale, timeout=30_000)
        assert not frame.veil.isVisible()
        assert feed.client.status.epoch == second.daemon.live.epoch
        assert bar.resync.isVisible() and not re.search("[A-Za-z]", bar.resync.text()), bar.resync.text()
        assert window.grab().toImage().pixelColor(spot) == SHADE
    finally:
        desk.shutdown()
        feed.stop()
