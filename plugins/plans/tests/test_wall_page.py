"""The responses on the wall and on a desk: every column's header and cells read whole, in both languages (the
wall's page was fitted into the width its table had before it was shown, and cut "Response" to "espons")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from citybrain.plugins.plans.responses_view import ResponsesWall
from citybrain.shell.i18n import install_translator
from citybrain.shell.testing import clipped_columns, on_screen


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(
        plugins={name: f"citybrain.plugins.{name}.daemon" for name in ("cases", "duty", "assets", "plans")}
    )


@pytest.fixture
def language(request):
    install_translator(QCoreApplication.instance(), request.param)
    yield request.param
    install_translator(QCoreApplication.instance(), "en")


@pytest.mark.parametrize("language", ["zh_CN", "en"], indirect=True)
def test_every_column_of_the_responses_reads_whole_on_the_wall_and_the_desk(citybrain_desk, qtbot, language):
    ctx = citybrain_desk.context("plans")
    client = citybrain_desk.feed.client
    client.wait_for(lambda s: client.replica.records("duty.now"), timeout=60)
    client.command("plans.activate", {"plan": "hk-flood-typhoon", "level": "II"}).result(30)
    client.command("plans.activate", {"plan": "hk-gas-accident", "level": "IV", "drill": True}).result(30)
    qtbot.waitUntil(lambda: len(ctx.records("plans.tasks")) == 9, timeout=10_000)
    windows = []  # kept to the test's end: a view deleted under its feed callbacks crashed the suite once
    for wall in (True, False):
        view = ResponsesWall(ctx)  # its rows are there before it is shown, as on a wall PC's carousel
        assert view.model.rowCount() == 9
        windows.append(on_screen(qtbot, view, wall))
        qtbot.waitUntil(lambda view=view: not clipped_columns(view.table.view), timeout=5_000)  # once laid out
        drills = [view.model.index(r, 1).data() for r in range(9)]
        assert sorted(drills)[-1] == ("演练" if language == "zh_CN" else "DRILL")  # a word, not "DRILL ·"
