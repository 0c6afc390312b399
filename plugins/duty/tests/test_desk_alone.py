"""Duty on its own: without the cases and plans plugins the incident view offers neither a case nor a plan."""

from __future__ import annotations

import pytest

from citybrain.plugins.duty.incidents_view import IncidentsView


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins={"duty": "citybrain.plugins.duty.daemon"})


def test_without_cases_and_plans_neither_is_offered(citybrain_desk, qtbot):
    view = IncidentsView(citybrain_desk.context("duty"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    assert view.incident_actions.buttons["new"].isVisibleTo(view)
    assert not view.incident_actions.buttons["case"].isVisibleTo(view) and not view.incident_actions.buttons[
        "plan"
    ].isVisibleTo(view)
