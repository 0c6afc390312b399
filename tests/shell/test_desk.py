"""The desk on a real daemon: real sockets, real Qt widgets (offscreen)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from citybrain.core.testing import demo_folder
from citybrain.shell.api import RequestError, ViewSpec, hookimpl
from citybrain.shell.desk import Desk
from citybrain.shell.feed import DeskFeed
from citybrain.shell.i18n import install_translator
from citybrain.shell.layouts import LayoutStore
from citybrain.shell.plugins import desk_plugin_host
from citybrain.shell.viewhost import ErrorView, ViewFrame


class BrokenViews:
    @hookimpl
    def citybrain_views(self):
        def factory(ctx):
            raise RuntimeError("view factory exploded")

        return [ViewSpec("broken.view", "Broken", factory)]


class FailsToDeclare:
    @hookimpl
    def citybrain_views(self):
        raise ValueError("cannot list views")


class MistypedView:
    @hookimpl
    def citybrain_views(self):
        return [ViewSpec("typo.board", "Board", "lazy_view:LazyVeiw")]  # the class is LazyView


class NamesAnotherPlugin:
    @hookimpl
    def citybrain_views(self):
        return [ViewSpec("system.extra", "Extra", "lazy_view:LazyView")]


@pytest.fixture
def desk(citybrain_daemon, qtbot, tmp_path):
    host = desk_plugin_host()
    host.register("system", "citybrain.plugins.system.desk")
    host.register("broken", BrokenViews())
    host.register("declares", FailsToDeclare())
    host.register("typo", MistypedView())
    host.register("squatter", NamesAnotherPlugin())
    feed = DeskFeed(citybrain_daemon.endpoint)
    desk = Desk(feed, host, LayoutStore(tmp_path / "layouts"))
    desk.start("duty-desk")
    feed.start()
    yield desk
    desk.shutdown()
    feed.stop()


def test_the_system_view_shows_live_health(desk, qtbot):
    view = desk.windows["desk-left"].docks["system.health"].widget()
    assert isinstance(view, ViewFrame)
    qtbot.waitUntil(lambda: not view.stale, timeout=30_000)
    system = view.content
    qtbot.waitUntil(lambda: system.cards["desks"].value.text() == "1", timeout=30_000)
    qtbot.waitUntil(lambda: int(system.cards["seq"].value.text().replace(",", "")) > 0, timeout=10_000)
    platform = desk.windows["desk-right"].docks["system.platform"].widget().content
    qtbot.waitUntil(lambda: platform.plugins.rowCount() >= 1, timeout=10_000)
    assert desk.windows["desk-left"].statusBar().state.text() in ("live", "实时")


def test_plugins_are_listed_by_their_titles_and_one_without_a_title_by_its_id_muted(desk, qtbot):
    platform = desk.windows["desk-right"].docks["system.platform"].widget().content
    qtbot.waitUntil(lambda: platform.plugins.rowCount() >= 1, timeout=10_000)

    def shown(model, plugin: str) -> tuple[str, object]:  # noqa: ANN001 - a CollectionTableModel
        row = next(r for r in range(model.rowCount()) if model.record_at(r)["name"] == plugin)
        index = model.index(row, 1)
        return model.data(index, Qt.ItemDataRole.DisplayRole), model.data(index, Qt.ItemDataRole.ForegroundRole)

    assert shown(platform.local_plugins, "system") == ("System", None)
    assert shown(platform.plugins, "system")[0] == "System"  # the daemon's half by the desk's title
    name, colour = shown(platform.local_plugins, "broken")  # names itself not: its id, muted
    assert name == "broken" and colour is not None


def test_failing_desk_plugins_show_why_and_the_rest_runs(desk):
    instance = desk.open_view("broken.view")
    broken = desk.active_window().docks[instance].widget()
    assert isinstance(broken, ErrorView)
    states = {s["name"]: s for s in desk.plugin_states()}
    assert states["broken"]["state"] == "failed" and "view factory exploded" in states["broken"]["error"]
    assert states["declares"]["state"] == "failed" and states["declares"]["where"] == "citybrain_views"
    assert states["system"]["state"] == "loaded"
    assert any("declares" in text for n in desk.notifier.history for text in n.texts)  # one notice, merged


def test_a_view_declared_wrong_switches_its_plugin_off_at_load_not_when_opened(desk):
    """npe2's rule: a lazy view's ``module:name`` is checked when the desk loads (the module not imported), and a
    view is named after its plugin; the operator is told which plugin at start."""
    states = {s["name"]: s for s in desk.plugin_states()}
    assert states["typo"]["state"] == "failed" and states["typo"]["where"] == "citybrain_views"
    assert "'lazy_view:LazyVeiw': lazy_view defines no LazyVeiw" in states["typo"]["error"]
    assert states["squatter"]["state"] == "failed"
    assert "'system.extra' is not named after its plugin: squatter." in states["squatter"]["error"]
    assert "typo.board" not in desk.views and "system.extra" not in desk.views and "broken.view" in desk.views
    assert any(text.startswith("typo: ") for n in desk.notifier.history for text in n.texts)


def test_views_go_stale_when_the_feed_is_lost_and_recover(citybrain_daemon_factory, tmp_path, qtbot):
    first = citybrain_daemon_factory(plugins={"system": "citybrain.plugins.system.daemon"}, data_dir=tmp_path / "d")
    ports = dict(port=first.daemon.router_port, pub_port=first.daemon.pub_port)
    host = desk_plugin_host()
    host.register("system", "citybrain.plugins.system.desk")
    feed = DeskFeed(first.endpoint)
    desk = Desk(feed, host, LayoutStore(tmp_path / "layouts"))
    desk.start("duty-desk")
    feed.start()
    frame = desk.windows["desk-left"].docks["system.health"].widget()
    qtbot.waitUntil(lambda: not frame.stale, timeout=30_000)
    first.stop()
    qtbot.waitUntil(lambda: frame.stale, timeout=30_000)
    assert "STALE" in frame.banner.text() and " ago)" in frame.banner.text()  # with the age of its data
    with pytest.raises(RequestError) as refused:  # said at once, not sent into the void
        asyncio.run(desk.context("system").command("system.anything", {}))
    assert refused.value.code == "unavailable" and "nothing was sent" in refused.value.message
    second = citybrain_daemon_factory(
        plugins={"system": "citybrain.plugins.system.daemon"}, data_dir=tmp_path / "d", **ports
    )
    qtbot.waitUntil(lambda: not frame.stale, timeout=30_000)
    assert feed.client.status.epoch == second.daemon.live.epoch and feed.client.status.resyncs >= 1
    desk.shutdown()
    feed.stop()


def test_an_alarm_notification_sounds(desk):
    before = desk.notifier.sounds_played
    desk.notifier.notify("烟感告警", "3号楼 12层", "alarm")
    assert desk.notifier.sounds_played == before + 1
    desk.notifier.notify("info", "quiet", "info")
    assert desk.notifier.sounds_played == before + 1


@pytest.mark.parametrize(
    "layout, screens",
    [("duty-desk", {"desk-left": (1920, 1080), "desk-right": (1920, 1080)}), ("video-wall", {"wall": (3840, 2160)})],
)
def test_demo_writes_a_screenshot_per_window_named_after_layout_and_screen(tmp_path, layout, screens):
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}  # this workstation's layouts stay untouched
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "citybrain.core.cli",
            "demo",
            "--offscreen",
            "--layout",
            layout,
            "--screenshot",
            str(tmp_path / "shots"),
            "--data-dir",
            str(demo_folder(tmp_path / "demo")),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert sorted(p.name for p in (tmp_path / "shots").iterdir()) == sorted(f"{layout}--{s}.png" for s in screens)
    for screen, size in screens.items():
        image = QImage(str(tmp_path / "shots" / f"{layout}--{screen}.png"))
        assert (image.width(), image.height()) == size
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
        assert len(colours) > 8  # something was painted, not a blank window


def test_a_high_dpi_laptop_gets_both_duty_desk_windows_drawn_at_twice_the_pixels(tmp_path):
    """A 2880×1800 panel at scale 2 (the offscreen platform ignores a screen's own dpr, QT_SCALE_FACTOR it honours):
    both windows fall back to it (cascaded: a tile would be too narrow) and are drawn at full resolution, not
    upscaled: more pixels than the panel's 1440×900 logical size, never more than it has."""
    config = Path(__file__).parent.parent / "hidpi-screen.json"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": "2",
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "citybrain.core.cli",
            "demo",
            "--offscreen",
            "--layout",
            "duty-desk",
            "--screenshot",
            str(tmp_path / "shots"),
            "--data-dir",
            str(demo_folder(tmp_path / "demo")),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    shots = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert shots == ["duty-desk--laptop--2.png", "duty-desk--laptop.png"]
    for name in shots:
        image = QImage(str(tmp_path / "shots" / name))
        assert 1440 < image.width() <= 2880 and 900 < image.height() <= 1800, (image.width(), image.height())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_small_screen_layout_fills_a_1366_by_768_screen_with_one_window(tmp_path, lang):
    """The seed's small screen (a compound's or a committee's desk): one window, maximised on the only screen there
    is, whatever that screen is called, in either language."""
    config = Path(__file__).parent.parent / "small-screen.json"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "citybrain.core.cli",
            "demo",
            "--offscreen",
            "--layout",
            "small-screen",
            "--lang",
            lang,
            "--screenshot",
            str(tmp_path / "shots"),
            "--data-dir",
            str(demo_folder(tmp_path / "demo")),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert sorted(p.name for p in (tmp_path / "shots").iterdir()) == ["small-screen--laptop.png"]
    image = QImage(str(tmp_path / "shots" / "small-screen--laptop.png"))
    assert (image.width(), image.height()) == (1366, 768)
    assert len({image.pixel(x, y) for x in range(0, 1366, 37) for y in range(0, 768, 29)}) > 8


def test_desk_cli_logs_in_from_the_environment_and_refuses_without_a_password(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CITYBRAIN_PASSWORD"}
    proc = subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", "desk", "--user", "wall", "--offscreen", "--seconds", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 2 and "CITYBRAIN_PASSWORD" in proc.stderr


def test_plugins_cli_lists_both_sides():
    proc = subprocess.run(
        [sys.executable, "-m", "citybrain.core.cli", "plugins", "--json"], capture_output=True, text=True, timeout=120
    )
    states = json.loads(proc.stdout)
    assert {(s["side"], s["name"], s["state"]) for s in states} >= {
        ("daemon", "system", "loaded"),
        ("desk", "system", "loaded"),
    }
    assert all({"name", "side", "state", "error"} <= s.keys() for s in states)


def test_a_view_written_module_colon_name_is_imported_only_when_first_opened(citybrain_desk, qtbot):
    import sys

    from citybrain.shell.api import ViewSpec

    spec = ViewSpec("test.lazy", "Lazy", "lazy_view:LazyView")
    assert "lazy_view" not in sys.modules
    widget = spec.make(citybrain_desk.context("test"))
    qtbot.addWidget(widget)
    assert "lazy_view" in sys.modules and widget.text() == "made on first open"


def test_handover_items_are_worded_by_their_plugin_when_first_asked_and_again_in_a_new_language(make_desk, qapp):
    desk = make_desk("duty-desk")
    desk.host.register("cases", "citybrain.plugins.cases.desk")  # after the start: asked when first needed
    try:
        words = desk.open_item_words("case")
        assert words is not None and words.kind == "case" and desk.open_item_words("no such kind") is None
        desk.set_language("zh_CN")
        assert desk.open_item_words("case").kind == "案件"
    finally:
        install_translator(qapp, "en")
