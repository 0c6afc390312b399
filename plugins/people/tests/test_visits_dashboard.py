"""The Resident visits dashboard on a real desk over the people demo with the metrics plugin: the cells the one form
spares beside visits per staff-day, figures on the cards (CITYBRAIN_SHOTS=folder keeps a picture)."""

from __future__ import annotations

import pytest

from citybrain.plugins.people.tests.conftest import PLUGINS
from citybrain.plugins.people.tests.test_desk import _chinese, _shoot


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(
        plugins=PLUGINS | {"metrics": "citybrain.plugins.metrics.daemon"}, plugin_config={"metrics": {"refresh": 0.5}}
    )


def test_the_visits_board_shows_the_savings_beside_visits_per_staff_day(citybrain_desk, qtbot) -> None:
    from citybrain.plugins.metrics.dashboard_view import DashboardView
    from citybrain.plugins.metrics.tiles import CardTile

    ctx = citybrain_desk.context("metrics")
    qtbot.waitUntil(
        lambda: (
            ctx.record("metrics.values", "people.visits_per_staff_day/month") is not None
            and ctx.record("metrics.values", "people.form_saving/subdistrict") is not None
        ),
        timeout=60_000,
    )
    citybrain_desk.feed.drain()
    with _chinese():
        view = DashboardView(ctx)
        qtbot.addWidget(view)
        view.resize(1400, 800)
        view.show()
        view.choice.setCurrentIndex(view.choice.findData("people_visits"))
        board = view.board
        assert board is not None
        shown = {w.tile.metric: w.card.value.text() for w in board.tiles if isinstance(w, CardTile)}
        assert shown["people.form_saving"].endswith("%") and shown["people.visits_per_staff_day"] != "—"
        qtbot.waitUntil(lambda: all(w.isVisible() and w.width() > 100 for w in board.tiles), timeout=10_000)
        _shoot(view, "people-visits-dashboard.zh_CN")
