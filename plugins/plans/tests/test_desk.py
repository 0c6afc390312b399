"""The plans views on a real desk feed: a plan read and activated as a drill from the library, its card and tasks
on the responses view, a task done, the level raised, stood down; an overdue task rings."""

from __future__ import annotations

import asyncio

import pytest

from citybrain.plugins.duty.tests.keyboard import answer_confirmation
from citybrain.plugins.plans.alerts import TaskAlerts
from citybrain.plugins.plans.library_view import LibraryView
from citybrain.plugins.plans.responses_view import ResponsesView


def run(coro):
    return asyncio.get_event_loop().run_until_complete(coro)


@pytest.fixture
def citybrain_daemon(citybrain_daemon_factory):
    """Plans with what a response draws on (stock, people on duty, the org tree), not the whole demo."""
    return citybrain_daemon_factory(
        plugins={name: f"citybrain.plugins.{name}.daemon" for name in ("cases", "duty", "assets", "plans")}
    )


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("plans")
    qtbot.waitUntil(lambda: len(ctx.records("plans.plans")) == 3, timeout=30_000)
    citybrain_desk.feed.drain()  # a snapshot still queued would reset the tables (and their selection) mid-test
    return ctx


def test_a_drill_from_the_library_runs_on_the_responses_view_to_its_stand_down(ctx, qtbot):
    library, responses = LibraryView(ctx), ResponsesView(ctx)
    for view in (library, responses):
        qtbot.addWidget(view)
    row = next(r for r in range(library.model.rowCount()) if library.model.record_at(r)["code"] == "hk-flood-typhoon")
    library.table.view.selectRow(row)
    assert "Level III" in library.document.toPlainText() and "防汛沙袋 × 2000" in library.document.toPlainText()
    library.drill.setChecked(True)
    library.level.setCurrentIndex(library.level.findData("III"))
    drill = run(library.activate())
    qtbot.waitUntil(lambda: drill["id"] in responses.cards and responses.model.rowCount() == 5, timeout=10_000)
    card = responses.cards[drill["id"]]
    assert card.title.text().startswith("DRILL") and card.detail.text().startswith("0 of 5 tasks done")
    responses.table.view.selectRow(0)
    run(responses.done())
    qtbot.waitUntil(lambda: responses.cards[drill["id"]].detail.text().startswith("1 of 5"), timeout=10_000)
    responses.level.setCurrentIndex(responses.level.findData("I"))
    assert run(responses.raise_level())["level"] == "I"
    qtbot.waitUntil(lambda: responses.model.rowCount() == 9, timeout=10_000)
    seen: list[str] = []
    answer_confirmation(False, seen)  # standing down asks first, naming the response; No keeps it
    assert run(responses.stand_down()) is None and f"#{drill['id']}" in seen[0]
    answer_confirmation(True, seen)
    closed = run(responses.stand_down())
    assert closed["state"] == "closed" and closed["summary"]["drill"]
    assert f"#{drill['id']}" in responses.commands.message.text()  # the answer says where it acted
    qtbot.waitUntil(lambda: drill["id"] not in responses.cards, timeout=10_000)


def test_an_overdue_task_rings_once(citybrain_desk, ctx, qtbot):
    TaskAlerts(ctx)
    plan = (
        b'[plan]\ncode = "now"\nname = "Immediate"\ntype = "department"\ncategory = "accident"\n'
        b'[[levels]]\nlevel = "IV"\n[[levels.actions]]\naction = "RING-MARK at once"\nunit = "ZZB"\n'
        b"offset_minutes = 0\n"
    )
    client = citybrain_desk.feed.client
    client.command("import", {"kind": "plans.plan", "filename": "now.toml", "data": plan}).result(10)
    client.command("plans.activate", {"plan": "now", "level": "IV"}).result(10)
    qtbot.waitUntil(
        lambda: any("RING-MARK" in n.text and n.level == "alarm" for n in citybrain_desk.notifier.history),
        timeout=10_000,
    )
