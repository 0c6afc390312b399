"""The patrols views on a real desk feed: a patrol started on a plan by its key, a problem recorded where the patrol
last was (a case opened, the row marked while open), a closed case reopened by a supervision re-check (asked
first); the month's map with its paths, problems in colour only while open, and its legend."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt

from citybrain.plugins.duty.tests.keyboard import answer_confirmation, chord, hosted
from citybrain.plugins.patrols.patrol_map import PatrolMapView
from citybrain.plugins.patrols.patrols_view import PatrolsView, problem_marker
from citybrain.plugins.patrols.tests.conftest import inside, record_when


def run(coro):
    return asyncio.get_event_loop().run_until_complete(coro)


@pytest.fixture
def ctx(citybrain_desk, qtbot):
    ctx = citybrain_desk.context("patrols")
    qtbot.waitUntil(
        lambda: all(ctx.records(c) for c in ("patrols.plans", "cases.grids", "cases.types")), timeout=30_000
    )
    citybrain_desk.feed.drain()
    return ctx


def _select(qtbot, table, predicate) -> dict:
    """Select the row whose record passes ``predicate``, once the table shows it (models update in batches)."""
    model = table.model
    qtbot.waitUntil(lambda: any(predicate(model.record_at(r)) for r in range(model.rowCount())), timeout=10_000)
    row = next(r for r in range(model.rowCount()) if predicate(model.record_at(r)))
    table.view.selectRow(row)
    table.view.setFocus()
    return model.record_at(row)


def _grid(ctx) -> dict:
    return sorted(ctx.records("cases.grids"), key=lambda g: g["code"])[11]


def test_a_patrol_started_by_its_key_records_a_problem_that_opens_a_case(citybrain_daemon, citybrain_desk, ctx, qtbot):
    view = PatrolsView(ctx)
    hosted(view, "patrols.desk", citybrain_desk, qtbot)
    plan = _select(qtbot, view.plans, lambda p: p["team"] == "HK-XC")
    before = {p["id"] for p in ctx.records("patrols.patrols")}
    chord(view.plans.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool({p["id"] for p in ctx.records("patrols.patrols")} - before), timeout=10_000)
    (patrol_id,) = {p["id"] for p in ctx.records("patrols.patrols")} - before
    assert ctx.record("patrols.patrols", patrol_id)["plan"] == plan["id"]
    qtbot.waitUntil(lambda: plan["name"] in view.commands.message.text(), timeout=10_000)  # said where it acted
    model, who = view.patrols.model, view.patrols.model.columnCount() - 1  # "Who": the member, else the account
    shown = _select(qtbot, view.patrols, lambda p: p["id"] == patrol_id)
    assert model.data(model.index(model.row_of(shown["id"]), who)) == "duty"  # the duty leader: no member
    field = citybrain_daemon.client(login="jiandu")  # the demo links the supervision leader 孙丽萍 to this account
    out = field.command("patrols.start", {"team": "HK-JD"}).result(10)["result"]
    _select(qtbot, view.patrols, lambda p: p["id"] == out["id"] and p.get("member") is not None)
    assert model.data(model.index(model.row_of(out["id"]), who)) == "孙丽萍"
    lat, lon = inside(_grid(ctx))
    citybrain_desk.feed.client.command("patrols.track", {"patrol": patrol_id, "lat": lat, "lon": lon}).result(10)
    _select(qtbot, view.patrols, lambda p: p["id"] == patrol_id and p["last"] is not None)
    assert ctx.record("cases.types", view.type.itemData(0))["receiver"] == "inspection"  # the team's types first
    view.title.setText("DESK-MARK 井盖缺失")
    view.type.setCurrentIndex(view.type.findData("SS-01"))
    found = run(view.record_problem())
    assert found is not None, view.commands.message.text()
    assert found["unit"] == _grid(ctx)["code"] and found["case"]
    qtbot.waitUntil(lambda: ctx.record("cases.open", found["case"]) is not None, timeout=10_000)
    assert ctx.record("cases.open", found["case"])["source"] == "patrol"
    shown = _select(qtbot, view.problems, lambda p: p["id"] == found["id"])
    assert problem_marker(shown).level == "medium"
    assert all(problem_marker(p) is None for p in ctx.records("patrols.problems") if p["state"] != "open")
    assert view.title.text() == ""


def test_supervision_reopens_a_closed_case_from_the_view_after_asking(citybrain_desk, ctx, qtbot):
    client = citybrain_desk.feed.client
    lat, lon = inside(_grid(ctx))
    patrol = client.command("patrols.start", {"team": "HK-XC"}).result(10)["result"]
    found = client.command(
        "patrols.problem",
        {"patrol": patrol["id"], "title": "RECHECK-MARK 暴露垃圾", "type": "SR-01", "lat": lat, "lon": lon},
    ).result(10)["result"]
    for action in ("accept", "resolve", "verify", "close"):
        client.command("cases.act", {"case": found["case"], "action": action}).result(10)
    client.command("patrols.start", {"team": "HK-JD"}).result(10)
    view = PatrolsView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(
        lambda: (ctx.record("patrols.problems", found["id"]) or {}).get("state") == "handled", timeout=20_000
    )
    _select(qtbot, view.problems, lambda p: p["id"] == found["id"])
    view.reason.setText("垃圾仍在")
    seen: list[str] = []
    answer_confirmation(False, seen)  # No keeps the case closed
    assert run(view.recheck_failed()) is None and f"#{found['case']}" in seen[0]
    answer_confirmation(True, seen)
    result = run(view.recheck_failed())
    assert result["state"] == "in_progress"
    qtbot.waitUntil(lambda: ctx.record("patrols.problems", found["id"])["state"] == "open", timeout=10_000)
    record_when(client, "cases.open", found["case"], lambda c: c["reopened"] == 1)


def test_the_month_on_the_map(ctx, qtbot):
    view = PatrolMapView(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: bool(view.map.points("problems")), timeout=30_000)
    problems = view.map.points("problems")
    assert {p.severity for p in problems} == {"medium", None}  # colour only for the open ones
    assert all((p.severity is None) == (p.symbol == "s") for p in problems)  # told apart by shape too
    assert set(view.map.layers()) == {"subdistricts", "paths", "problems"}
    assert [text for _, _, text in view.map.legend_entries][0].startswith("Patrol path")
    assert "1200 patrols" in view.info.text()
