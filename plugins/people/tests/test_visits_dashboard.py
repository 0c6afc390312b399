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
        view, shown = open_board(qtbot, ctx, "people_visits")
        assert shown["people.form_saving"].endswith("%") and shown["people.visits_per_staff_day"] != "—"
        _shoot(view, "people-visits-dashboard.zh_CN")


def open_board(qtbot, ctx, dashboard: str) -> tuple[object, dict[str, str]]:
    """A dashboard view showing ``dashboard``, every tile laid out; what its cards say, by KPI."""
    from citybrain.plugins.metrics.dashboard_view import DashboardView
    from citybrain.plugins.metrics.tiles import CardTile

    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    view.choice.setCurrentIndex(view.choice.findData(dashboard))
    board = view.board
    assert board is not None
    qtbot.waitUntil(lambda: all(w.isVisible() and w.width() > 100 for w in board.tiles), timeout=10_000)
    return view, {w.tile.metric: w.card.value.text() for w in board.tiles if isinstance(w, CardTile)}
