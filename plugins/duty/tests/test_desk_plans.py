"""Duty works beside any plans plugin that answers ``plans.suggest`` and ``plans.activate`` (here a stand-in written
as a third party would), and without the cases plugin: the case button is then not offered."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from citybrain.core.api import CommandSpec, QuerySpec, hookimpl
from citybrain.plugins.duty.incidents_view import IncidentsView

activations: list[dict] = []


def _suggest(session, params, caller):
    if params["category"] != "natural":
        return []
    return [{"plan": "flood-typhoon", "title": "虹口区防汛防台专项预案 Flood and typhoon plan", "level": "IV"}]


def _activate(tx, payload):
    activations.append(payload)
    return {"response": len(activations), **payload}


@hookimpl
def citybrain_queries():
    return [QuerySpec("plans.suggest", _suggest, params={"category": str, "type": str, "level": str})]


@hookimpl
def citybrain_commands():
    return [CommandSpec("plans.activate", _activate, payload={"plan": str, "level": str, "source_ref": str})]


PLANS = SimpleNamespace(citybrain_queries=citybrain_queries, citybrain_commands=citybrain_commands)


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    return citybrain_daemon_factory(plugins={"duty": "citybrain.plugins.duty.daemon", "plans": PLANS})


def test_an_incident_suggests_the_plans_plugins_plan_and_activates_the_one_chosen(citybrain_desk, qtbot):
    view = IncidentsView(citybrain_desk.context("duty"))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10_000)
    citybrain_desk.feed.drain()  # a snapshot still queued would reset the table, and the selection with it
    assert view.incident_actions.buttons["plan"].isVisibleTo(view) and not view.incident_actions.buttons[
        "case"
    ].isVisibleTo(view)
    rows = {view.model.record_at(r)["category"]: r for r in range(view.model.rowCount())}
    view.table.view.selectRow(rows["natural"])
    offered: list[list[dict]] = []
    activated = asyncio.get_event_loop().run_until_complete(
        view.incident_actions.suggest_plan(lambda plans: offered.append(plans) or plans[0])
    )
    assert [p["plan"] for p in offered[0]] == ["flood-typhoon"]
    assert activated["source_ref"] == f"duty.incidents/{view.selected()['id']}" and activations == [
        {"plan": "flood-typhoon", "level": "IV", "source_ref": activated["source_ref"]}
    ]
    view.table.view.selectRow(rows["accident"])
    asyncio.get_event_loop().run_until_complete(
        view.incident_actions.suggest_plan(lambda plans: pytest.fail("nothing fits"))
    )
    assert "No plan fits" in view.incident_actions.commands.message.text()
